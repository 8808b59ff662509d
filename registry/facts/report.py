"""``check-facts`` results for people (text, markdown), GitHub (annotations) and programs (JSON),
and the per-entry summary the site shows (when each entry's facts were checked, what differs)."""

from __future__ import annotations

import json
from typing import Any

from ..report import as_github
from . import FactRun


def _summary(run: FactRun) -> str:
    return (
        f"{len(run.checked)} upstream repo link(s) checked: {run.count('differs')} differ "
        f"({len(run.findings)} finding(s)), {run.count('ok')} agree, "
        f"{run.count('unverifiable')} unverifiable; {run.requests} request(s) in "
        f"{run.elapsed:.1f} s."
    )


def _unverifiable(run: FactRun) -> list[str]:
    return [
        f"{c.target.entry_id}: {c.upstream.url}: unverifiable ({c.upstream.detail})"
        for c in run.checked
        if c.verdict == "unverifiable"
    ]


def as_text(run: FactRun) -> str:
    lines = []
    for f in run.findings:
        lines.append(f"{f.path}:{f.line}:{f.col}: {f.severity}[{f.code}] {f.message}")
        lines.append(f"    hint: {f.hint}")
    lines += _unverifiable(run)
    lines.append(_summary(run))
    return "\n".join(lines)


def as_github_annotations(run: FactRun) -> str:
    """Annotations on the entries' lines (unverifiable repos are listed, never annotated)."""
    text = as_github(run.findings, len(run.checked))
    return "\n".join([*text.splitlines()[:-1], *_unverifiable(run), _summary(run)])


def as_markdown(run: FactRun) -> str:
    """The tracking issue's body: differences first, then what could not be checked."""
    lines = ["# Facts checked against upstream", "", _summary(run), ""]
    if run.findings:
        lines += ["| Entry | Code | Difference |", "|---|---|---|"]
        for f in run.findings:
            message = f.message.replace("|", "\\|")
            lines.append(f"| `{f.path}:{f.line}` | {f.code} | {message} |")
        lines.append("")
    unverifiable = _unverifiable(run)
    if unverifiable:
        lines += ["<details><summary>Unverifiable</summary>", ""]
        lines += [f"- {line}" for line in unverifiable]
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def to_data(run: FactRun) -> dict[str, Any]:
    return {
        "summary": {
            "checked": len(run.checked),
            "differs": run.count("differs"),
            "ok": run.count("ok"),
            "unverifiable": run.count("unverifiable"),
            "requests": run.requests,
            "elapsed": round(run.elapsed, 3),
        },
        "results": [
            {
                "entry": c.target.entry_id,
                "field": c.target.field,
                "upstream": c.upstream.url,
                "revision": c.upstream.revision,
                "verdict": c.verdict,
                "detail": c.upstream.detail,
                "checked_at": c.upstream.checked_at,
                "cached": c.upstream.cached,
                "findings": [f.to_dict() for f in c.findings],
                "acknowledged": [f.to_dict() for f in c.acknowledged],
            }
            for c in run.checked
        ],
    }


def as_json(run: FactRun) -> str:
    return json.dumps(to_data(run), indent=2, ensure_ascii=False)


def site_summary(run: FactRun) -> dict[str, Any]:
    """Per entry: when its facts were last checked, and the open differences (codes, messages).
    The site reads this file (``facts-check.json``) to add one line to each entry's facts."""
    entries: dict[str, dict[str, Any]] = {}
    for c in run.checked:
        item = entries.setdefault(
            c.target.entry_id, {"checked_at": None, "upstream": [], "differences": []}
        )
        if c.verdict != "unverifiable" and c.upstream.checked_at:
            item["checked_at"] = max(item["checked_at"] or "", c.upstream.checked_at)
        item["upstream"].append(c.upstream.url)
        item["differences"] += [{"code": f.code, "message": f.message} for f in c.findings]
    return {"version": 1, "entries": entries}


FORMATS = {
    "text": as_text,
    "json": as_json,
    "github": as_github_annotations,
    "markdown": as_markdown,
}
