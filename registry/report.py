"""Findings written for people (text), for GitHub Actions (annotations) and for programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .findings import Finding, Severity
from .terminal import json_printable, printable


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(findings: Sequence[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return f"{files} file(s) checked: no problems."
    return f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)."


def as_text(findings: Sequence[Finding], files: int) -> str:
    """``path:line:col: error[CODE] message`` and an indented hint line per finding."""
    lines = []
    for f in findings:
        where = printable(f.path)
        lines.append(f"{where}:{f.line}:{f.col}: {f.severity}[{f.code}] {printable(f.message)}")
        if f.hint:
            lines.append(f"    hint: {printable(f.hint)}")
    lines.append(summary(findings, files))
    return "\n".join(lines)


def as_github(findings: Sequence[Finding], files: int) -> str:
    """Workflow commands that GitHub shows as annotations on the file's line."""
    lines = []
    for f in findings:
        level = "error" if f.severity == Severity.ERROR else "warning"
        props = (
            f"file={_escape_property(f.path)},line={f.line},col={f.col},"
            f"title={_escape_property(f.code)}"
        )
        message = f.message + (f"\n{f.hint}" if f.hint else "")
        lines.append(f"::{level} {props}::{_escape_data(message)}")
    lines.append(summary(findings, files))
    return "\n".join(lines)


def as_json(findings: Sequence[Finding], files: int) -> str:
    """A JSON list of findings (the file count is in the text summary only)."""
    return json_printable(json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False))


FORMATS = {"text": as_text, "github": as_github, "json": as_json}
