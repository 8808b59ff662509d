"""For scheduled runs: a link counts as broken only after K runs in a row found it broken.

A site that is down for a day should not open a tracking issue. The history file keeps, per URL,
how many runs in a row saw it broken; a link broken fewer than K times is reported
``unverifiable`` with the count, and only the K-th broken run reports it ``broken``. An ``ok``
resets the count; unverifiable, skipped and deferred results leave it as it was (they say
nothing either way).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import write_atomically
from .verdicts import Result, Verdict, now_iso

HISTORY_VERSION = 1
_REMOTE = ("http://", "https://")  # links inside the built site are judged on disk, at once


@dataclass
class History:
    """Broken streaks by URL, and the number of runs recorded."""

    path: Path
    streaks: dict[str, dict[str, Any]] = field(default_factory=dict)
    runs: int = 0
    problem: str | None = None

    @classmethod
    def load(cls, path: Path) -> History:
        history = cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return history
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            history.problem = f"the link history {path} is unreadable ({exc}); starting afresh"
            return history
        try:
            if not isinstance(data, dict) or data.get("version") != HISTORY_VERSION:
                raise ValueError(f"not a version {HISTORY_VERSION} link history")
            history.runs = int(data.get("runs", 0))
            for url, item in dict(data["urls"]).items():
                history.streaks[url] = {"broken": int(item["broken"]), "since": str(item["since"])}
        except (ValueError, KeyError, TypeError) as exc:
            history.streaks.clear()
            history.problem = f"the link history {path} is corrupt ({exc}); starting afresh"
        return history

    def record(self, results: list[Result], required: int) -> None:
        """Count this run, and turn young broken streaks into ``unverifiable`` results."""
        self.runs += 1
        for result in results:
            if result.verdict in (Verdict.OK, Verdict.REDIRECTED):
                self.streaks.pop(result.url, None)
            elif result.verdict == Verdict.BROKEN and result.url.startswith(_REMOTE):
                streak = self.streaks.setdefault(result.url, {"broken": 0, "since": now_iso()})
                streak["broken"] += 1
                if streak["broken"] < required:
                    result.verdict = Verdict.UNVERIFIABLE
                    result.detail = (
                        f"broken in {streak['broken']} of {required} runs in a row "
                        f"needed: {result.detail}"
                    )

    def save(self) -> None:
        data = {"version": HISTORY_VERSION, "runs": self.runs, "urls": self.streaks}
        write_atomically(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
