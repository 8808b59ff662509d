"""Link-check results for people (text, markdown) and for machines (json, GitHub annotations).

Every format lists what needs a person first: broken, then unverifiable, then redirected links
with the URL to use instead. Working links are only counted.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..report import _escape_data, _escape_property
from .verdicts import REPORT_ORDER, Result, Source, Verdict

if TYPE_CHECKING:  # the reports need no network code
    from .checker import Run

_LISTED = (Verdict.BROKEN, Verdict.UNVERIFIABLE, Verdict.REDIRECTED, Verdict.SKIPPED)


def ordered(results: list[Result]) -> list[Result]:
    rank = {verdict: i for i, verdict in enumerate(REPORT_ORDER)}
    return sorted(results, key=lambda r: (rank[r.verdict], r.url))


def _headline(run: Run) -> str:
    cached = sum(1 for r in run.results if r.cached)
    return (
        f"{len(run.results)} distinct link(s), {cached} answered from the cache, "
        f"{run.requests} request(s) in {run.elapsed:.1f} s"
    )


def _outcome(run: Run, strict: bool) -> str:
    broken = run.count(Verdict.BROKEN)
    unverifiable = run.count(Verdict.UNVERIFIABLE)
    if broken or (strict and unverifiable):
        parts = [f"{broken} broken"] + ([f"{unverifiable} unverifiable"] if strict else [])
        return f"FAILED: {', '.join(parts)} link(s)."
    note = f" ({unverifiable} unverifiable: not a failure without --strict)" if unverifiable else ""
    return f"passed: no broken links{note}."


def _why(result: Result) -> str:
    text = result.detail or (f"HTTP {result.status}" if result.status else "")
    if result.suggestion:
        text += f"; use {result.suggestion}"
    return text


def _where(source: Source) -> str:
    extra = ", ".join(x for x in (source.entry, source.field) if x)
    return source.location() + (f"  ({extra})" if extra else "")


def as_text(run: Run, strict: bool = False) -> str:
    """A table of counts, then each link that needs attention with every place it appears."""
    lines = [f"check-links: {_headline(run)}", ""]
    for verdict in REPORT_ORDER:
        lines.append(f"  {verdict:<13} {run.count(verdict):>6}")
    for verdict in _LISTED:
        listed = [r for r in ordered(run.results) if r.verdict == verdict]
        if not listed:
            continue
        lines += ["", f"{verdict} ({len(listed)})"]
        for result in listed:
            lines.append(f"  {result.url}  {_why(result)}")
            lines += [f"      {_where(source)}" for source in result.sources]
    lines += ["", _outcome(run, strict)]
    return "\n".join(lines)


def as_json(run: Run, strict: bool = False) -> str:
    """``{"results": [...], "summary": {...}}``; results in report order."""
    summary = {
        "links": len(run.results),
        "requests": run.requests,
        "seconds": round(run.elapsed, 3),
        "failed": run.failed(strict),
        "verdicts": {str(v): run.count(v) for v in REPORT_ORDER},
        "notes": run.notes,
    }
    results = [json.dumps(r.to_dict(), ensure_ascii=False) for r in ordered(run.results)]
    # One result a line: readable and diffable, and written by json's C encoder (indent=2 falls
    # back to the pure-Python one, a quarter of a second on 2,000 links).
    return (
        '{"results": [\n'
        + ",\n".join(results)
        + '\n],\n"summary": '
        + json.dumps(summary, ensure_ascii=False)
        + "}"
    )


def as_github(run: Run, strict: bool = False) -> str:
    """Workflow annotations on the line of each place a link appears, then the text summary.

    Broken links are errors; unverifiable ones warnings only under ``--strict`` (otherwise they
    would bury the real problems); redirected ones notices with the new URL.
    """
    level = {Verdict.BROKEN: "error", Verdict.REDIRECTED: "notice"}
    if strict:
        level[Verdict.UNVERIFIABLE] = "warning"
    lines = []
    for result in ordered(run.results):
        kind = level.get(result.verdict)
        if kind is None:
            continue
        title = _escape_property(f"{result.verdict} link")
        message = _escape_data(f"{result.url}: {_why(result)}")
        for source in result.sources or [Source("list", "")]:
            props = [f"file={_escape_property(source.file)}"] if source.file else []
            if source.line is not None:
                props.append(f"line={source.line}")
            if source.col is not None:
                props.append(f"col={source.col}")
            props.append(f"title={title}")
            lines.append(f"::{kind} {','.join(props)}::{message}")
    lines.append(as_text(run, strict))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(run: Run, strict: bool = False) -> str:
    """For a job summary (``$GITHUB_STEP_SUMMARY``) or the body of a tracking issue."""
    counts = ", ".join(f"{run.count(v)} {v}" for v in REPORT_ORDER)
    lines = [
        f"## Link check: {counts}",
        "",
        _headline(run) + ".",
        "",
        "| verdict | links |",
        "|---|---:|",
    ]
    lines += [f"| {v} | {run.count(v)} |" for v in REPORT_ORDER]
    for verdict in _LISTED:
        listed = [r for r in ordered(run.results) if r.verdict == verdict]
        if not listed:
            continue
        lines += [
            "",
            f"### {str(verdict).capitalize()} ({len(listed)})",
            "",
            "| link | why | where |",
            "|---|---|---|",
        ]
        for result in listed:
            where = "<br>".join(f"`{_cell(_where(s))}`" for s in result.sources)
            lines.append(f"| <{_cell(result.url)}> | {_cell(_why(result))} | {where} |")
    lines += ["", f"**{_outcome(run, strict)}**"]
    return "\n".join(lines)


FORMATS: dict[str, Callable[[Run, bool], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
    "markdown": as_markdown,
}


class Progress:
    """``checked 120/2000`` redrawn in place on a terminal, at most ten times a second."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] checked {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
