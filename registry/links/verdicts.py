"""What a link check concludes, and why: the five verdicts and the rules that pick one.

The rules lean one way on purpose: only answers that say "this is gone" (404, 410, a name that
does not exist, a redirect loop) are ``broken``. Bot walls, rate limits, server errors and
timeouts say nothing about the link, so they are ``unverifiable`` and never turn CI red unless
``--strict`` asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    UNVERIFIABLE = "unverifiable"
    SKIPPED = "skipped"


# The order reports list verdicts in: what needs a person first.
REPORT_ORDER = (
    Verdict.BROKEN,
    Verdict.UNVERIFIABLE,
    Verdict.REDIRECTED,
    Verdict.SKIPPED,
    Verdict.OK,
)

GONE = frozenset({404, 410})
"""The only status codes that prove a link is broken."""

RETRYABLE = frozenset({408, 429, 500, 502, 503, 504})
"""Answers that may change if we ask again later (with backoff, honouring Retry-After)."""

HEAD_FALLBACK = frozenset({400, 403, 404, 405, 406, 410, 501, 999})
"""HEAD answers that servers often give wrongly: ask again with GET before concluding."""

PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10

_CHALLENGE_MARKERS = (
    b"cf-chl",
    b"challenge-platform",
    b"just a moment...",
    b"attention required",
    b"captcha",
    b"are you a robot",
    b"verify you are human",
)


def now_iso() -> str:
    """The time of a verdict, as results, the cache and the history write it."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Source:
    """Where a URL was found: an entry field, a page of the built site, or a line of a list."""

    origin: str  # "entry", "site" or "list"
    file: str
    line: int | None = None
    col: int | None = None
    entry: str | None = None
    field: str | None = None

    @property
    def path(self) -> str:
        """The file, under the name findings use (``Finding.path``)."""
        return self.file

    def location(self) -> str:
        """``file:line:col`` as far as it is known (what editors and CI logs link to)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Result:
    """The verdict on one URL, shared by every place the URL appears."""

    url: str
    verdict: Verdict
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    suggestion: str | None = None
    sources: list[Source] = field(default_factory=list)
    checked_at: str | None = None
    cached: bool = False
    requests: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "verdict": str(self.verdict),
            "status": self.status,
            "final_url": self.final_url,
            "detail": self.detail,
            "suggestion": self.suggestion,
            "checked_at": self.checked_at,
            "cached": self.cached,
            "requests": self.requests,
            "sources": [s.to_dict() for s in self.sources],
        }


def classify_status(status: int, accept: frozenset[int] = frozenset()) -> tuple[Verdict, str]:
    """The verdict for the last answer of a chain (redirects already followed)."""
    if 200 <= status < 300 or status in accept:
        return Verdict.OK, f"HTTP {status}"
    if status in GONE:
        return Verdict.BROKEN, f"HTTP {status}: {'not found' if status == 404 else 'gone'}"
    if status in (401, 407):
        return Verdict.UNVERIFIABLE, f"HTTP {status}: needs authentication"
    if status == 403:
        return Verdict.UNVERIFIABLE, "HTTP 403: forbidden (often a bot wall)"
    if status == 429:
        return Verdict.UNVERIFIABLE, "HTTP 429: rate limited"
    if status == 999:
        return Verdict.UNVERIFIABLE, "HTTP 999: bot wall"
    if status >= 500:
        return Verdict.UNVERIFIABLE, f"HTTP {status}: server error"
    return Verdict.UNVERIFIABLE, f"HTTP {status}"


def looks_like_challenge(headers: Any, body_start: bytes) -> bool:
    """True for a bot challenge page (Cloudflare, AWS WAF, captchas): the link may well work."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if headers.get("x-amzn-waf-action", "").lower() in ("challenge", "captcha"):
        return True
    lowered = body_start.lower()
    return any(marker in lowered for marker in _CHALLENGE_MARKERS)
