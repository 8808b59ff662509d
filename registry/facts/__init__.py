"""``check-facts``: compare entries with what their Hub repos and GitHub repositories say now.

>>> from registry.facts import check_facts          # doctest: +SKIP
>>> run = check_facts(registry, LinkOptions())      # doctest: +SKIP
>>> [(f.code, f.message) for f in run.findings]     # doctest: +SKIP

:mod:`.compare` picks the repos and finds the differences; :mod:`.upstream` asks (through the
link checker's machinery) and caches; :mod:`.report` writes the results for people, CI and the
site. Codes F001-F049 are in :data:`registry.catalog.FACT_RULES`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..store import Registry
from .compare import FactTarget, compare, targets_for
from .upstream import FactsCache, Upstream, ask, repo_key


@dataclass
class Checked:
    """One entry's repo: upstream's answer, the differences, and those the entry acknowledges."""

    target: FactTarget
    upstream: Upstream
    findings: list[Finding] = field(default_factory=list)
    acknowledged: list[Finding] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.upstream.status in ("unverifiable", "unknown"):
            return "unverifiable"
        return "differs" if self.findings else "ok"


@dataclass
class FactRun:
    checked: list[Checked]
    requests: int = 0
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted(f for c in self.checked for f in c.findings)

    def count(self, verdict: str) -> int:
        return sum(1 for c in self.checked if c.verdict == verdict)


def _history_gate(checked: list[Checked], history: Any, broken_after: int) -> None:
    """A repo counts as gone only after ``broken_after`` runs in a row (the link history)."""
    from ..links import Result, Verdict

    results: dict[int, tuple[Upstream, Any]] = {}  # one per repo, however many entries link it
    for item in checked:
        answer = item.upstream
        verdict = {"ok": Verdict.OK, "gone": Verdict.BROKEN}.get(answer.status)
        if verdict is not None and id(answer) not in results:
            results[id(answer)] = (answer, Result(answer.url, verdict, detail=answer.detail))
    history.record([r for _, r in results.values()], broken_after)
    for answer, result in results.values():
        if answer.status == "gone" and result.verdict != Verdict.BROKEN:
            answer.status = "unverifiable"
            answer.detail = result.detail


def check_facts(
    registry: Registry,
    options: Any,
    *,
    only: set[str] | None = None,
    cache: FactsCache | None = None,
    history: Any = None,
    broken_after: int = 1,
    progress: Callable[[int, int], None] | None = None,
    guard: Any = None,
) -> FactRun:
    """Check every entry (or those in ``only``) against its upstream repos."""
    started = time.monotonic()
    targets = targets_for(registry, only)
    answers = ask([t.repo for t in targets], options, cache, progress, guard)
    run = FactRun([])
    run.requests = sum(a.requests for a in answers.values())
    for target in targets:
        run.checked.append(Checked(target, answers[repo_key(target.repo)]))
    if history is not None:
        _history_gate(run.checked, history, broken_after)
    for item in run.checked:
        entry = registry.get(item.target.entry_id)
        accepted = {ack.code for ack in entry.acknowledged}
        for finding in compare(registry, item.target, item.upstream):
            (item.acknowledged if finding.code in accepted else item.findings).append(finding)
    run.elapsed = time.monotonic() - started
    return run


__all__ = ["Checked", "FactRun", "FactsCache", "check_facts"]
