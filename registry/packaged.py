"""The registry's data inside the installed package, and which data a registry holds.

Building a wheel validates ``entries/`` and writes it here as one compact file (the data of
every valid entry and its edges, behind a one-line header that says which data it is), so that
``pip install llm-registry`` and ``registry.load()`` answer lineage questions without a clone.
Loading it parses one JSON document: no YAML, no validation (it was validated when the wheel
was built, by the code of that same wheel).

Every registry can say which data it is (:class:`Snapshot`): the package version, the date and
git commit of the data, and its entry count. ``--version``, the site's home page and the exports
carry it, so a result can be cited.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import display_path

if TYPE_CHECKING:
    from .store import Registry

SNAPSHOT = Path(__file__).parent / "data" / "snapshot.json"
"""Where the wheel carries the data (absent in a development checkout)."""

FORMAT = 1
_KIND_FOLDERS = {"models", "datasets", "libraries", "organizations"}


class NoSnapshotError(FileNotFoundError):
    """No entries folder was given or found, and this installation carries no data."""


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


def of_registry(registry: Registry) -> Snapshot:
    """The snapshot of a registry loaded from files: the folder that holds them."""
    dirs = {os.path.dirname(os.path.abspath(f.path)) for f in registry.files.values()}
    if not dirs:
        return Snapshot(package_version(), None, None, 0, "folder")
    folder = os.path.commonpath(list(dirs))
    if os.path.basename(folder) in _KIND_FOLDERS:
        folder = os.path.dirname(folder)
    return of_folder(display_path(folder), len(registry))


def build_snapshot(entries: Path, target: Path = SNAPSHOT) -> Snapshot:
    """Validate ``entries`` and write it as the package's data (the wheel build calls this).

    Raises :class:`registry.InvalidRegistryError` if any entry has an error: no wheel carries
    data that ``validate`` would reject.
    """
    from .validation import InvalidRegistryError, validate

    report = validate([entries])
    if report.errors:
        raise InvalidRegistryError(report.findings, report.files)
    snapshot = of_folder(entries, len(report.registry))
    write(report.registry, snapshot, target)
    return snapshot


def write(registry: Registry, snapshot: Snapshot, path: Path = SNAPSHOT) -> None:
    """Write a validated registry as the package's data (the wheel build calls this)."""
    header = {"format": FORMAT, **dataclasses.asdict(snapshot), "source": "package", "folder": None}
    payload = {
        "entries": {i: registry.files[i].data for i in registry.entries},
        "edges": [{**dataclasses.asdict(e), "loc": list(e.loc)} for e in registry.edges],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    path.write_text(f"{json.dumps(header)}\n{body}\n", encoding="utf-8")


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


def load(path: Path | None = None) -> Registry:
    """The registry installed with the package; :class:`NoSnapshotError` if there is none."""
    from .bulk import paused_gc
    from .edges import Edge
    from .loader import LoadedFile
    from .store import EntryStore, Registry

    snapshot = read_header(path)
    if snapshot is None:
        raise NoSnapshotError(
            "no entries folder here, and this installation of llm-registry carries no data "
            "snapshot: pass the folder (registry.load('path/to/entries')) or install a wheel"
        )
    with paused_gc(), (path or SNAPSHOT).open(encoding="utf-8") as f:
        f.readline()
        payload = json.load(f)
    data: dict[str, dict[str, Any]] = payload["entries"]
    files = {
        i: LoadedFile(f"<llm-registry {snapshot.version} data>/{d['kind']}/{i}.yaml", d)
        for i, d in data.items()
    }
    edges = [Edge(**{**e, "loc": tuple(e["loc"])}) for e in payload["edges"]]
    registry = Registry(EntryStore(raw=data), files, edges)
    registry.snapshot = snapshot
    return registry


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
