"""The link checker: deduplicate, answer from the cache, fetch the rest politely, remember.

>>> from registry.links import LinkOptions, check
>>> run = check([], LinkOptions())
>>> run.results, run.requests
([], 0)
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import astuple, dataclass, field, replace
from urllib.parse import urlsplit

from ..urls import ALLOWED_SCHEMES, host_problem
from ..weburl import URLError, canonical, split
from .cache import Cache
from .config import LinkOptions
from .fetch import Fetcher, Job, host_key
from .history import History
from .pool import PolitePool
from .safety import AddressGuard, DnsFailure, Refused
from .sources import Target
from .verdicts import Result, Verdict, now_iso


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
    """The URL a request is made for: as a browser reads it, without user info or fragment.

    Hosts are parsed as a browser parses them (:mod:`registry.weburl`), so every spelling of one
    address or name is one key, and the key is what is requested: the checker never looks up
    ``%31%32%37.0.0.1`` as a name.

    >>> url_key("HTTPS://Example.COM/a#intro"), url_key("http://0x7f.1:80/")
    ('https://example.com/a', 'http://127.0.0.1/')
    """
    try:
        return canonical(url)
    except URLError:
        return url


def _static_verdict(url: str, options: LinkOptions, guard: AddressGuard) -> Result | None:
    """A verdict that needs no network: not http(s), excluded, or a local address in the URL."""
    try:
        parts = split(url)
    except URLError as exc:
        return Result(url, Verdict.BROKEN, detail=f"invalid URL: {exc}")
    if parts.scheme not in ALLOWED_SCHEMES:
        return Result(url, Verdict.SKIPPED, detail="not an http(s) link")
    pattern = options.excluded(url)
    if pattern is not None:
        return Result(url, Verdict.SKIPPED, detail=f"excluded by config ({pattern!r})")
    assert parts.host is not None  # http(s) URLs always have one
    if guard.is_allowed(parts.host.name):
        return None
    problem = host_problem(parts.host)
    if problem is not None:
        return Result(url, Verdict.SKIPPED, detail=f"refused: {problem}")
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

    spread = options.processes > 1 and guard is None  # a custom guard stays in this process
    guard = guard or AddressGuard(options.allow_hosts, options.dns_canary or None)
    run = Run(results=[])
    jobs: list[Job] = []
    final: dict[str, Result] = {}
    for key in grouped:
        found = _static_verdict(key, options, guard)
        if found is None and cache is not None:
            found = cache.get(key)
            if found is not None and history is not None and found.verdict == Verdict.BROKEN:
                found = None  # a scheduled run counts broken links afresh
        if found is not None:
            final[key] = found
        else:
            jobs.append(Job(key, key))

    if jobs:
        deadline = started + options.budget
        total = len(jobs)
        judged = _resolve_hosts(jobs, guard, options.workers)
        for job in judged:
            final[job.url] = job.result
        jobs = [job for job in jobs if job.result is None]
        if progress is not None:
            progress(len(judged), total)
            progress = _against(progress, len(judged), total)
    if jobs:
        if spread and len(jobs) >= _SPREAD_MIN_JOBS:
            jobs = _fetch_spread(jobs, options, deadline, progress)
        else:
            _fetch(jobs, options, deadline, guard, progress)
        for job in jobs:
            assert job.result is not None
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


def _by_host(jobs: list[Job]) -> dict[str, list[Job]]:
    by_host: dict[str, list[Job]] = {}
    for job in jobs:
        by_host.setdefault(host_key(job.current), []).append(job)
    return by_host


def _resolve_hosts(jobs: list[Job], guard: AddressGuard, workers: int) -> list[Job]:
    """Resolve every host once, in parallel, before any request; judge the jobs of hosts that
    do not resolve or resolve inside a network. They need no turn in the polite queue (no
    request is made), and the guard still checks again at every connection."""
    by_host = _by_host(jobs)

    def resolve(host: str) -> tuple[Verdict, str] | None:
        port = urlsplit(by_host[host][0].current).port or 443
        try:
            guard.resolve(host, port)
        except Refused as exc:
            return Verdict.SKIPPED, str(exc)
        except DnsFailure as exc:
            return (Verdict.BROKEN if exc.nonexistent else Verdict.UNVERIFIABLE), str(exc)
        return None

    judged: list[Job] = []
    with ThreadPoolExecutor(max(1, min(workers, len(by_host), 32))) as executor:
        for host, outcome in zip(by_host, executor.map(resolve, by_host), strict=True):
            if outcome is None:
                continue
            for job in by_host[host]:
                job.result = Result(job.url, outcome[0], detail=outcome[1], checked_at=now_iso())
                judged.append(job)
    return judged


def fetch_jobs(
    jobs: list[Job],
    options: LinkOptions,
    *,
    guard: AddressGuard | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Job]:
    """Run prepared jobs (a GET that keeps its body, for ``check-facts``) with the politeness,
    retries, address guard and time budget of a link check; each job gets its result."""
    return _fetch(jobs, options, time.monotonic() + options.budget, guard, progress)


_SPREAD_MIN_JOBS = 200
"""Below this many URLs a second process costs more than it saves."""


def _fetch(
    jobs: list[Job],
    options: LinkOptions,
    deadline: float,
    guard: AddressGuard | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Job]:
    """Run every job in this process; each gets its result (deferred ones too)."""
    fetcher = Fetcher(options, guard, deadline)

    def on_step() -> None:
        if progress is not None:
            progress(fetcher.finished, len(jobs))

    pool = PolitePool(
        options.workers,
        lambda host: astuple(options.policy(host)),
        deadline=deadline,
        on_step=on_step if progress is not None else None,
    )
    try:
        deferred = {id(t.payload) for t in pool.run([fetcher.task(j) for j in jobs], fetcher.step)}
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
    return jobs


def _fetch_spread(
    jobs: list[Job],
    options: LinkOptions,
    deadline: float,
    progress: Callable[[int, int], None] | None,
) -> list[Job]:
    """Run the jobs in ``options.processes`` processes, each host in exactly one of them.

    Python spends about half a millisecond of CPU per request under the GIL; with hundreds of
    requests in flight that, not the network, sets the pace, and a second process doubles it.
    Hosts are split between processes, so per-host limits hold (a redirect to a host of
    another share is the one exception). The workers are shared out too.
    """
    shares = partition(jobs, options.processes)
    if len(shares) < 2:  # one host: nothing to share out
        return _fetch(jobs, options, deadline, None, progress)
    per_process = replace(options, workers=max(1, options.workers // len(shares)))
    context = multiprocessing.get_context("fork" if "fork" in _METHODS else None)
    done: list[Job] = []
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context) as executor:
        futures = [executor.submit(_fetch, share, per_process, deadline) for share in shares[1:]]
        done += _fetch(shares[0], per_process, deadline, None, _against(progress, 0, len(jobs)))
        for share, future in zip(shares[1:], futures, strict=True):
            try:
                done += future.result()
            except Exception as exc:  # a crashed process: its links are unverifiable
                for job in share:
                    job.result = Result(
                        job.url, Verdict.UNVERIFIABLE, detail=f"checker error: {exc!r}"
                    )
                done += share
            if progress is not None:
                progress(len(done), len(jobs))
    return done


_METHODS = multiprocessing.get_all_start_methods()


def _against(
    progress: Callable[[int, int], None] | None, before: int, total: int
) -> Callable[[int, int], None] | None:
    """Progress of a part (this process's share, what is left after resolving) shown against the
    whole: ``before`` links were already done."""
    if progress is None:
        return None
    return lambda done, _part: progress(before + done, total)


def partition(jobs: list[Job], parts: int) -> list[list[Job]]:
    """Split jobs into at most ``parts`` shares of about equal size, never splitting a host.

    >>> urls = [f"http://h{i % 3}/{i}" for i in range(9)]
    >>> shares = partition([Job(url, url) for url in urls], 2)
    >>> sorted(len(s) for s in shares)
    [3, 6]
    """
    by_host = _by_host(jobs)
    shares: list[list[Job]] = [[] for _ in range(min(parts, len(by_host)))]
    for group in sorted(by_host.values(), key=len, reverse=True):
        min(shares, key=len).extend(group)
    return [share for share in shares if share]


__all__ = ["Run", "check", "fetch_jobs", "host_key", "partition", "url_key"]
