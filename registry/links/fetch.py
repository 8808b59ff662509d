"""One HTTP request per step: HEAD first, GET when HEAD is refused, redirects one hop at a time.

Each step makes exactly one request and decides what comes next: a verdict, a retry after a
delay (429/5xx/timeouts/resets, honouring Retry-After), GET after a HEAD the server refused, or
the next redirect hop. The pool (:mod:`registry.links.pool`) schedules the next step, so every
request, retry and hop obeys the per-host limits. Bodies are streamed and never read past
``body_limit`` (and only for error pages, to recognise bot challenges).

Time is bounded in two ways, both as totals (:mod:`registry.links.deadline`), never only between
bytes: a link's requests (connect, TLS, headers, body) get ``timeout`` seconds in all, across its
retries and redirect hops (the waits between attempts are not counted: the budget bounds them),
and no request outlives the run's budget.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from ..weburl import URLError, join
from .config import LinkOptions
from .deadline import until
from .pool import Again, Task
from .safety import AddressGuard, DnsFailure, Refused, guarded_adapter
from .verdicts import (
    HEAD_FALLBACK,
    MAX_REDIRECTS,
    PERMANENT_REDIRECTS,
    REDIRECTS,
    RETRYABLE,
    Result,
    Verdict,
    classify_status,
    looks_like_challenge,
    now_iso,
)

_SLACK = 0.005
"""Seconds by which a socket timeout may end before the deadline it was set from."""

HOST_DOWN_AFTER = 3
"""Failed connections in a row after which a host counts as down for the rest of the run."""


def host_key(url: str) -> str:
    """The host a URL's requests count against (name only: ports share the host's limits)."""
    return (urlsplit(url).hostname or "").lower()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date; None if absent.

    >>> retry_after_seconds("7")
    7.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class Job:
    """The state of one URL's check across its steps."""

    url: str
    current: str
    method: str = "HEAD"
    attempt: int = 0
    hops: list[tuple[str, int]] = field(default_factory=list)
    permanent: str | None = None  # where the leading run of permanent redirects ends
    temporary_seen: bool = False
    requests: int = 0
    spent: float = 0.0  # seconds in finished requests, against the link's ``timeout``
    began: float | None = None  # when the request in flight started
    result: Result | None = None
    keep_body: int = 0  # > 0: keep the last answer's headers, and up to this many bytes of a 2xx
    body: bytes | None = None
    headers: dict[str, str] | None = None


class Fetcher:
    """Makes the requests of :class:`Job` steps with one shared, guarded adapter."""

    def __init__(
        self,
        options: LinkOptions,
        guard: AddressGuard | None = None,
        deadline: float | None = None,
    ) -> None:
        self.options = options
        self.deadline = deadline  # when the run's budget ends (time.monotonic())
        self.guard = guard or AddressGuard(options.allow_hosts, options.dns_canary or None)
        pool_size = max([options.per_host, *(p.limit for p in options.hosts.values())])
        self.adapter = guarded_adapter(self.guard, pool_size)
        template = requests.PreparedRequest()
        template.prepare_headers(
            {
                **requests.utils.default_headers(),
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            }
        )
        self.headers = template.headers
        self._jitter = random.Random()
        self._lock = threading.Lock()
        self.finished = 0
        self._no_head: set[str] = set()  # hosts that answered HEAD with 405/501: ask with GET
        self._refusals: dict[str, int] = {}  # failed connections in a row, by host
        self._down: dict[str, str] = {}  # hosts given up on: their other links are not tried

    def close(self) -> None:
        self.adapter.close()

    def task(self, job: Job) -> Task:
        return Task(host_key(job.current), job)

    # -- one step -------------------------------------------------------------------------

    def step(self, task: Task) -> Again | None:
        """Make one request for the task's job; return what the pool should do next."""
        job: Job = task.payload
        try:
            return self._request(job)
        except Exception as exc:  # never let one URL stop the run
            self._finish(job, Verdict.UNVERIFIABLE, None, f"checker error: {exc!r}")
            return None

    def _request(self, job: Job) -> Again | None:
        down = self._down.get(host_key(job.current)) if self._down else None
        if down is not None:
            self._finish(job, Verdict.UNVERIFIABLE, None, f"given up: the host is down ({down})")
            return None
        out = self._out_of_time(job)
        if out is not None:
            self._finish(job, Verdict.UNVERIFIABLE, None, out)
            return None
        if job.method == "HEAD" and self._no_head and host_key(job.current) in self._no_head:
            job.method = "GET"
        job.began = time.monotonic()
        allowed = self.options.timeout - job.spent
        if self.deadline is not None:
            allowed = min(allowed, self.deadline - job.began)
        try:
            with until(job.began + allowed):
                return self._exchange(job, allowed)
        finally:
            job.spent += time.monotonic() - job.began
            job.began = None

    def _out_of_time(self, job: Job) -> str | None:
        """Why ``job`` may make no further request: its time, or the run's budget, is used up."""
        now = time.monotonic()
        if self.deadline is not None and now >= self.deadline:
            return (
                f"the time budget of {self.options.budget:g} s ran out "
                "while the request was in flight"
            )
        spent = job.spent + (now - job.began if job.began is not None else 0.0)
        if spent >= self.options.timeout - _SLACK:
            over = f" over {job.requests} requests" if job.requests > 1 else ""
            return (
                f"timed out: no complete answer within {self.options.timeout:g} s{over} "
                "(connect, headers and body)"
            )
        return None

    def _exchange(self, job: Job, timeout: float) -> Again | None:
        """One request and what its answer (or failure) means."""
        job.requests += 1
        try:
            request = self._prepare(job)
            response = self.adapter.send(request, stream=True, timeout=(timeout, timeout))
        except Refused as exc:  # refused before any socket was opened: not a request
            job.requests -= 1
            self._finish(job, Verdict.SKIPPED, None, str(exc))
            return None
        except DnsFailure as exc:
            job.requests -= 1
            verdict = Verdict.BROKEN if exc.nonexistent else Verdict.UNVERIFIABLE
            self._finish(job, verdict, None, str(exc))
            return None
        except requests.exceptions.SSLError as exc:
            self._finish(job, Verdict.UNVERIFIABLE, None, f"TLS error: {_reason(exc)}")
            return None
        except requests.exceptions.ConnectTimeout:
            return self._unreachable(job, f"no connection within {timeout:.3g} s")
        except requests.exceptions.Timeout:
            out = self._out_of_time(job)
            if out is not None:  # the deadline ended it: nothing is left for a retry
                self._finish(job, Verdict.UNVERIFIABLE, None, out)
                return None
            return self._retry(job, f"timed out after {timeout:.3g} s", None)
        except requests.exceptions.ConnectionError as exc:
            if isinstance(_cause(exc), NewConnectionError):
                return self._unreachable(job, f"cannot connect: {_reason(exc)}")
            return self._retry(job, f"connection failed: {_reason(exc)}", None)
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema,
            ValueError,
        ) as exc:
            self._finish(job, Verdict.BROKEN, None, f"invalid URL: {exc}")
            return None
        try:
            return self._answer(job, response)
        finally:
            self._release(response)

    def _prepare(self, job: Job) -> requests.PreparedRequest:
        """The request for a step: no cookies, no auth, no hooks, headers validated once."""
        request = requests.PreparedRequest()
        request.prepare_method(job.method)
        request.prepare_url(job.current, None)
        request.headers = self.headers.copy()
        request.prepare_body(None, None)
        return request

    def _answer(self, job: Job, response: requests.Response) -> Again | None:
        if self._refusals:
            self._refusals.pop(host_key(job.current), None)  # it answers: failures not in a row
        status = response.status_code
        location = response.headers.get("Location")
        if status in REDIRECTS and location:
            return self._redirect(job, status, location)
        if job.method == "HEAD" and status in HEAD_FALLBACK:
            if status in (405, 501):
                self._no_head.add(host_key(job.current))
            job.method = "GET"
            return Again(self.task(job))
        if status in RETRYABLE:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            return self._retry(job, classify_status(status)[1], wait, status)
        if job.keep_body:
            self._keep(job, response, status)
        challenge = looks_like_challenge(response.headers, self._body_start(response, status))
        if challenge:
            self._finish(job, Verdict.UNVERIFIABLE, status, f"HTTP {status}: bot challenge page")
            return None
        verdict, detail = classify_status(status, self.options.accept)
        if verdict == Verdict.OK and job.permanent:
            verdict = Verdict.REDIRECTED
            detail = f"moved permanently ({len(job.hops)} redirect(s))"
        self._finish(job, verdict, status, detail)
        return None

    def _keep(self, job: Job, response: requests.Response, status: int) -> None:
        """For callers that read the answer (``check-facts``): headers, and a success's body."""
        job.headers = dict(response.headers)
        if 200 <= status < 300:
            job.body = response.raw.read(job.keep_body + 1, decode_content=True)
            if len(job.body) > job.keep_body:
                job.body = None  # over the limit: not read, and not trusted half-read

    def _release(self, response: requests.Response) -> None:
        """Keep the connection for the host's next URL when the body is empty or small, else
        close it (an endless body is never read to its end)."""
        raw = response.raw
        length = response.headers.get("Content-Length", "")
        small = length.isdigit() and int(length) <= self.options.body_limit
        if response.request.method == "HEAD" or small:
            try:
                raw.drain_conn()
                raw.release_conn()
                return
            except Exception:  # a body that breaks off: the connection is not reusable
                pass
        response.close()

    def _body_start(self, response: requests.Response, status: int) -> bytes:
        """The start of an error page (challenges hide there); never past ``body_limit``."""
        if 200 <= status < 300 or self.options.body_limit <= 0:
            return b""
        limit = self.options.body_limit
        chunks: list[bytes] = []
        size = 0
        try:  # a body that trickles ends at the request's deadline (the socket enforces it)
            while size < limit:
                chunk = response.raw.read1(min(4096, limit - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except Exception:  # a broken error page is still an error page
            pass
        return b"".join(chunks)

    def _redirect(self, job: Job, status: int, location: str) -> Again | None:
        job.hops.append((job.current, status))
        try:
            target = join(job.current, location)
        except URLError as exc:
            self._finish(job, Verdict.BROKEN, status, f"redirects to an invalid URL ({exc})")
            return None
        if status in PERMANENT_REDIRECTS and not job.temporary_seen:
            job.permanent = target
        else:
            job.temporary_seen = True
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            self._finish(
                job, Verdict.UNVERIFIABLE, status, f"redirects to a non-http(s) URL {target!r}"
            )
            return None
        seen = {url for url, _ in job.hops}
        if target in seen:
            self._finish(job, Verdict.BROKEN, status, f"redirect loop back to {target}")
            return None
        if len(job.hops) > MAX_REDIRECTS:
            self._finish(job, Verdict.BROKEN, status, f"more than {MAX_REDIRECTS} redirects")
            return None
        job.current = target
        job.method = "GET" if job.keep_body else "HEAD"
        job.attempt = 0
        return Again(self.task(job))

    def _unreachable(self, job: Job, reason: str) -> Again | None:
        """A connection that could not be opened. After HOST_DOWN_AFTER such failures in a row
        on one host, the host is down: its other links are not tried (a dead host must not cost
        minutes of retries), and they are unverifiable, never broken."""
        host = host_key(job.current)
        with self._lock:
            self._refusals[host] = self._refusals.get(host, 0) + 1
            if self._refusals[host] >= HOST_DOWN_AFTER:
                self._down.setdefault(host, reason)
        if host in self._down:
            self._finish(job, Verdict.UNVERIFIABLE, None, f"{reason}; the host is down")
            return None
        return self._retry(job, reason, None)

    def _retry(
        self, job: Job, reason: str, retry_after: float | None, status: int | None = None
    ) -> Again | None:
        """Ask again later (backoff with jitter, or Retry-After up to the cap), or give up."""
        options = self.options
        out = self._out_of_time(job)
        if out is not None:
            self._finish(job, Verdict.UNVERIFIABLE, status, f"{out}; last: {reason}")
            return None
        if retry_after is not None and retry_after > options.retry_after_cap:
            self._finish(
                job,
                Verdict.UNVERIFIABLE,
                status,
                f"{reason} (Retry-After {retry_after:.0f} s is over the "
                f"{options.retry_after_cap:g} s cap)",
            )
            return None
        if job.attempt >= options.retries:
            tries = job.attempt + 1
            self._finish(
                job,
                Verdict.UNVERIFIABLE,
                status,
                f"{reason} ({tries} attempt{'s' if tries > 1 else ''})",
            )
            return None
        job.attempt += 1
        with self._lock:
            jitter = self._jitter.uniform(0.5, 1.5)
        delay = options.backoff * (2 ** (job.attempt - 1)) * jitter
        if retry_after is not None:
            delay = max(delay, retry_after) if retry_after > 0 else min(delay, 0.05)
            return Again(self.task(job), delay=delay, pause=delay)
        return Again(self.task(job), delay=delay)

    def _finish(self, job: Job, verdict: Verdict, status: int | None, detail: str) -> None:
        suggestion = job.permanent if verdict == Verdict.REDIRECTED else None
        final = job.current if (job.hops and status is not None) else None
        job.result = Result(
            url=job.url,
            verdict=verdict,
            status=status,
            final_url=final or job.url,
            detail=detail,
            suggestion=suggestion,
            checked_at=now_iso(),
            requests=job.requests,
        )
        with self._lock:
            self.finished += 1


def _cause(exc: BaseException) -> BaseException | None:
    """The urllib3 error inside a requests error (requests wraps it in MaxRetryError)."""
    inner = exc.args[0] if exc.args else None
    return getattr(inner, "reason", inner) if isinstance(inner, BaseException) else None


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests error, in a few words (no object reprs)."""
    text = str(exc)
    for marker in ("Caused by ", "] "):
        if marker in text:
            text = text.rsplit(marker, 1)[-1]
    return text.strip("()'\" ")[:160] or type(exc).__name__
