"""Which data a registry holds, so that a result can be cited: version, date, commit.

Every registry can say it (``reg.snapshot``): the package version, the date and git commit of the
data, and its entry count. ``--version``, the site's home page and the exports carry it. The data
installed with the package (:mod:`registry.packaged`) carries its snapshot from the wheel build.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .findings import display_path

_KIND_FOLDERS = {"models", "datasets", "libraries", "organizations"}

SNAPSHOT = Path(__file__).parent / "data" / "snapshot.json"
"""Where a wheel carries its data (see :mod:`registry.packaged`; absent in a checkout)."""

FORMAT = 1


@cache
def package_version() -> str:
    """The installed llm-registry version ("unknown" when run from a checkout never installed)."""
    try:
        return metadata.version("llm-registry")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class Snapshot:
    """Which data a registry holds; cite ``version``, ``date`` and ``commit`` with a result.

    ``date`` is the day of the data: the date of its git commit, or the day it was taken when
    the folder had uncommitted changes (``modified``) or was no git checkout (then ``commit``
    is None). ``source`` is ``"package"`` for the data installed with the library, else
    ``"folder"``; ``folder`` is then where it was read (kept out of exports, which are published).
    """

    version: str
    date: str | None
    commit: str | None
    entries: int
    source: str
    modified: bool = False
    folder: str | None = dataclasses.field(default=None, compare=False)

    def describe(self) -> str:
        """One line for people: ``data of 2026-12-03 (commit 1a2b3c4d5e6f, 205 entries), ...``."""
        details = []
        if self.commit:
            details.append(f"commit {self.commit[:12]}{' with changes' if self.modified else ''}")
        details.append(f"{self.entries} entries")
        where = ", installed with the package" if self.source == "package" else ""
        return f"data of {self.date or 'an unknown date'} ({', '.join(details)}){where}"

    def as_dict(self) -> dict[str, Any]:
        """The metadata every export carries."""
        return {
            "package": "llm-registry",
            "version": self.version,
            "data": {
                "date": self.date,
                "commit": self.commit,
                "modified": self.modified,
                "entries": self.entries,
                "source": self.source,
            },
        }


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def of_folder(folder: str | Path, entries: int) -> Snapshot:
    """The snapshot of an entries folder: its last commit (date and hash), if it has one."""
    folder = Path(folder)
    log = _git(folder, "log", "-1", "--format=%H %ct", "--", ".")
    commit, date = None, _today()
    if log:
        commit, stamp = log.split()
        date = datetime.fromtimestamp(int(stamp), UTC).date().isoformat()
    modified = bool(commit) and bool(_git(folder, "status", "--porcelain", "--", "."))
    if modified:
        date = _today()
    return Snapshot(package_version(), date, commit, entries, "folder", modified, str(folder))


def of_files(paths: Iterable[str], entries: int) -> Snapshot:
    """The snapshot of a registry loaded from these entry files: the folder that holds them."""
    dirs = {os.path.dirname(os.path.abspath(path)) for path in paths}
    if not dirs:
        return Snapshot(package_version(), None, None, 0, "folder")
    folder = os.path.commonpath(list(dirs))
    if os.path.basename(folder) in _KIND_FOLDERS:
        folder = os.path.dirname(folder)
    return of_folder(display_path(folder), entries)


def read_header(path: Path | None = None) -> Snapshot | None:
    """Which data the package carries, reading only the header line; None if it carries none."""
    path = path or SNAPSHOT
    try:
        with path.open(encoding="utf-8") as f:
            header = json.loads(f.readline())
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.pop("format", None) != FORMAT:
        return None
    fields = {f.name for f in dataclasses.fields(Snapshot)}
    return Snapshot(**{k: v for k, v in header.items() if k in fields})


def version_text() -> str:
    """What ``llm-registry --version`` prints: the package version and the data it carries."""
    lines = [f"llm-registry {package_version()}"]
    installed = read_header()
    if installed is None:
        lines.append("data: none installed with the package (a development install)")
    else:
        lines.append(installed.describe())
    if os.path.isdir("entries"):
        lines.append("commands run here read entries/ in the working directory")
    return "\n".join(lines)
