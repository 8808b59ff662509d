"""The link checker: deduplicate, answer from the cache, fetch the rest politely, remember.

>>> from registry.links import LinkOptions, check
>>> run = check([], LinkOptions())
>>> run.results, run.requests
([], 0)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..urls import ALLOWED_SCHEMES, url_problem
from .cache import Cache
from .config import LinkOptions
from .fetch import Fetcher, Job, host_key
from .history import History
from .pool import PolitePool
from .safety import AddressGuard
from .sources import Target
from .verdicts import Result, Verdict


@dataclass
class Run:
    """Everything one run found: a result per distinct URL, and what it cost."""

    results: list[Result]
    requests: int = 0
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for r in self.results if r.verdict == verdict)

    def failed(self, strict: bool = False) -> bool:
        """Broken links fail a run; with ``strict``, unverifiable ones too."""
        bad = {Verdict.BROKEN, Verdict.UNVERIFIABLE} if strict else {Verdict.BROKEN}
        return any(r.verdict in bad for r in self.results)


def url_key(url: str) -> str:
    """The URL a request is made for: fragments dropped, scheme and host lower-cased.

    >>> url_key("HTTPS://Example.COM/a#intro")
    'https://example.com/a'
    """
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.hostname:
            netloc = netloc.rsplit("@", 1)[-1]
            host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
            netloc = host + (f":{parts.port}" if parts.port is not None else "")
        return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, ""))
    except ValueError:
        return url


def _static_verdict(url: str, options: LinkOptions, guard: AddressGuard) -> Result | None:
    """A verdict that needs no network: not http(s), excluded, or a local address in the URL."""
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        return Result(url, Verdict.BROKEN, detail=f"invalid URL: {exc}")
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return Result(url, Verdict.SKIPPED, detail="not an http(s) link")
    pattern = options.excluded(url)
    if pattern is not None:
        return Result(url, Verdict.SKIPPED, detail=f"excluded by config ({pattern!r})")
    if not parts.hostname:
        return Result(url, Verdict.BROKEN, detail="the URL has no host")
    if guard.is_allowed(parts.hostname):
        return None
    problem = url_problem(url)
    if problem is not None:
        return Result(url, Verdict.SKIPPED, detail=f"refused: {problem.split(' ', 1)[1]}")
    return None


def check(
    targets: Iterable[Target],
    options: LinkOptions,
    *,
    cache: Cache | None = None,
    history: History | None = None,
    broken_after: int = 1,
    internal: Iterable[Result] = (),
    progress: Callable[[int, int], None] | None = None,
    guard: AddressGuard | None = None,
) -> Run:
    """Check every distinct URL of ``targets`` once; ``internal`` results pass through as they are.

    A URL found in several places (entries, pages, fragments) costs one request and its result
    lists every place. With ``history``, a broken link counts only after ``broken_after`` runs.
    ``guard`` replaces the default address guard (tests give it a resolver of their own).
    """
    started = time.monotonic()
    grouped: dict[str, Result] = {}
    for target in targets:
        key = url_key(target.url)
        result = grouped.get(key)
        if result is None:
            result = grouped[key] = Result(key, Verdict.SKIPPED)
        result.sources.append(target.source)

    fetcher = Fetcher(options, guard)
    run = Run(results=[])
    jobs: list[Job] = []
    final: dict[str, Result] = {}
    for key in grouped:
        found = _static_verdict(key, options, fetcher.guard)
        if found is None and cache is not None:
            found = cache.get(key)
            if found is not None and history is not None and found.verdict == Verdict.BROKEN:
                found = None  # a scheduled run counts broken links afresh
        if found is not None:
            final[key] = found
        else:
            jobs.append(Job(key, key))

    def on_step() -> None:
        if progress is not None:
            progress(fetcher.finished, len(jobs))

    if jobs:
        pool = PolitePool(
            options.workers,
            lambda host: astuple(options.policy(host)),
            deadline=started + options.budget,
            on_step=on_step if progress is not None else None,
        )
        try:
            deferred = {
                id(task.payload) for task in pool.run([fetcher.task(j) for j in jobs], fetcher.step)
            }
        finally:
            fetcher.close()
        for job in jobs:
            if id(job) in deferred or job.result is None:
                job.result = Result(
                    job.url,
                    Verdict.UNVERIFIABLE,
                    requests=job.requests,
                    detail=f"deferred: the time budget of {options.budget:g} s ran out",
                )
            run.requests += job.requests
            final[job.url] = job.result
            if cache is not None:
                cache.put(job.result)

    for key, placeholder in grouped.items():
        result = final[key]
        result.sources = placeholder.sources
        run.results.append(result)
    run.results.extend(internal)
    if history is not None:
        history.record(run.results, broken_after)
    run.elapsed = time.monotonic() - started
    return run


__all__ = ["Run", "check", "host_key", "url_key"]
