"""Verdicts kept between runs, so a second run asks no host about a link it checked recently.

Successes are kept long, failures short (a broken or unverifiable link deserves a fresh look),
and every lifetime is stretched by a factor between 0.5 and 1.5 drawn from the URL itself, so a
weekly run re-checks a slice of the links rather than all of them at once. The file is written
atomically (a temporary file renamed over it); a corrupt file is reported and replaced, never
fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .verdicts import Result, Verdict

CACHE_VERSION = 1
_CACHED = (Verdict.OK, Verdict.REDIRECTED, Verdict.BROKEN, Verdict.UNVERIFIABLE)
_FIELDS = ("verdict", "status", "final_url", "detail", "suggestion", "checked_at", "expires")


def stagger(url: str) -> float:
    """A factor in [0.5, 1.5) fixed per URL: spreads expiries over time."""
    digest = hashlib.sha256(url.encode("utf-8")).digest()
    return 0.5 + int.from_bytes(digest[:4], "big") / 2**32


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=0).isoformat()


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


@dataclass
class Cache:
    """The cache file's entries by URL; ``problem`` says why an existing file was discarded."""

    path: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str | None = None
    success_seconds: float = 14 * 86400
    failure_seconds: float = 6 * 3600

    @classmethod
    def load(cls, path: Path, success_days: float = 14, failure_hours: float = 6) -> Cache:
        cache = cls(
            path, success_seconds=success_days * 86400, failure_seconds=failure_hours * 3600
        )
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cache
        except (OSError, UnicodeDecodeError) as exc:
            cache.problem = f"cannot read the link cache {path} ({exc}); starting afresh"
            return cache
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
                raise ValueError(f"not a version {CACHE_VERSION} link cache")
            urls = data["urls"]
            if not isinstance(urls, dict):
                raise ValueError("'urls' is not an object")
            for url, entry in urls.items():
                Verdict(entry["verdict"])
                _seconds(entry["expires"])
                cache.entries[url] = {k: entry.get(k) for k in _FIELDS}
        except (ValueError, KeyError, TypeError) as exc:
            cache.entries.clear()
            cache.problem = f"the link cache {path} is corrupt ({exc}); it will be replaced"
        return cache

    def get(self, url: str, now: float | None = None) -> Result | None:
        """The cached verdict for ``url`` if it has not expired."""
        entry = self.entries.get(url)
        if entry is None or _seconds(entry["expires"]) <= (time.time() if now is None else now):
            return None
        return Result(
            url=url,
            verdict=Verdict(entry["verdict"]),
            status=entry["status"],
            final_url=entry["final_url"],
            detail=entry["detail"] or "",
            suggestion=entry["suggestion"],
            checked_at=entry["checked_at"],
            cached=True,
        )

    def put(self, result: Result, now: float | None = None) -> None:
        """Remember a fresh verdict (deferred checks and refusals are not remembered)."""
        if result.verdict not in _CACHED or result.cached or result.requests == 0:
            return
        now = time.time() if now is None else now
        good = result.verdict in (Verdict.OK, Verdict.REDIRECTED)
        life = (self.success_seconds if good else self.failure_seconds) * stagger(result.url)
        self.entries[result.url] = {
            "verdict": str(result.verdict),
            "status": result.status,
            "final_url": result.final_url,
            "detail": result.detail,
            "suggestion": result.suggestion,
            "checked_at": result.checked_at or _iso(now),
            "expires": _iso(now + life),
        }

    def save(self, now: float | None = None) -> None:
        """Write the file atomically, dropping expired entries."""
        now = time.time() if now is None else now
        live = {url: e for url, e in sorted(self.entries.items()) if _seconds(e["expires"]) > now}
        data = {"version": CACHE_VERSION, "tool": "llm-registry check-links", "urls": live}
        write_atomically(self.path, json.dumps(data, ensure_ascii=False) + "\n")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
