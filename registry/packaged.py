"""The registry's data inside the installed package.

Building a wheel validates ``entries/`` and writes it here as one compact file (the data of
every valid entry and its edges, behind a one-line header that says which data it is: a
:class:`~registry.snapshot.Snapshot`), so that ``pip install llm-registry`` and
``registry.load()`` answer lineage questions without a clone. Loading it parses one JSON
document: no YAML, no validation (it was validated when the wheel was built, by the code of that
same wheel).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from . import snapshot as snapshots
from .bulk import paused_gc
from .edges import Edge
from .loader import LoadedFile
from .snapshot import FORMAT, Snapshot, of_folder, read_header
from .store import EntryStore, Registry
from .validation import InvalidRegistryError, validate


class NoSnapshotError(FileNotFoundError):
    """No entries folder was given or found, and this installation carries no data."""


def build_snapshot(entries: Path, target: Path | None = None) -> Snapshot:
    """Validate ``entries`` and write it as the package's data (the wheel build calls this).

    Raises :class:`registry.InvalidRegistryError` if any entry has an error: no wheel carries
    data that ``validate`` would reject.
    """
    report = validate([entries])
    if report.errors:
        raise InvalidRegistryError(report.findings, report.files)
    snapshot = of_folder(entries, len(report.registry))
    write(report.registry, snapshot, target)
    return snapshot


_EDGE_FIELDS = [f.name for f in dataclasses.fields(Edge)]
_LOC = _EDGE_FIELDS.index("loc")


def write(registry: Registry, snapshot: Snapshot, path: Path | None = None) -> None:
    """Write a validated registry as the package's data (the wheel build calls this).

    Edges are rows in the order of :class:`~registry.edges.Edge`'s fields (named in the header):
    a third of the size of one object per edge, and quicker to read.
    """
    header = {**dataclasses.asdict(snapshot), "source": "package", "folder": None}
    payload = {
        "entries": {i: registry.files[i].data for i in registry.entries},
        "edges": [[getattr(e, name) for name in _EDGE_FIELDS] for e in registry.edges],
    }
    header = {"format": FORMAT, **header, "edge_fields": _EDGE_FIELDS}
    path = path or snapshots.SNAPSHOT
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    path.write_text(f"{json.dumps(header)}\n{body}\n", encoding="utf-8")


def load(path: Path | None = None) -> Registry:
    """The registry installed with the package; :class:`NoSnapshotError` if there is none."""
    path = path or snapshots.SNAPSHOT
    snapshot = read_header(path)
    if snapshot is None:
        raise NoSnapshotError(
            "no entries folder here, and this installation of llm-registry carries no data "
            "snapshot: pass the folder (registry.load('path/to/entries')) or install a wheel"
        )
    with paused_gc(), path.open(encoding="utf-8") as f:
        header = json.loads(f.readline())
        if header.get("edge_fields") != _EDGE_FIELDS:
            raise NoSnapshotError(f"{path} was written by another version of llm-registry")
        payload = json.load(f)
        data: dict[str, dict[str, Any]] = payload["entries"]
        shown = f"<llm-registry {snapshot.version} data>"
        files = {i: LoadedFile(f"{shown}/{d['kind']}/{i}.yaml", d) for i, d in data.items()}
        edges = []
        for row in payload["edges"]:
            row[_LOC] = tuple(row[_LOC])
            edges.append(Edge(*row))
        registry = Registry(EntryStore(raw=data), files, edges)
    registry.snapshot = snapshot
    return registry
