"""A cache of validated registries, so that loading an unchanged registry parses no YAML.

The cache is a file per entries folder under ``.cache/llm-registry/`` next to it. It holds each
file's size, modification time and SHA-256, the validated data of every entry, the edges, and
(in a second file, read only when a position is asked for) where each field stands.

It is never trusted: a header carries the format, a fingerprint of the registry's own code (a
schema change invalidates every cache) and the SHA-256 of the payload. Anything that does not
match, a file added, removed or changed, or a cache that does not parse is ignored and rebuilt.
Only registries without errors are cached. Writes are atomic (a temporary file, then rename).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from .bulk import paused_gc
from .discover import collect_paths
from .edges import Edge
from .findings import display_path
from .loader import LoadedFile
from .store import EntryStore, Registry

FORMAT = 1
_CODE = (
    "schema.py",
    "loader.py",
    "edges.py",
    "rules.py",
    "licenses.py",
    "relations.py",
    "catalog.py",
    "entryfile.py",
    "validation.py",
    "discover.py",
    "cache.py",
    "units.py",
)


@cache
def fingerprint() -> str:
    """A hash of the code that decides what a valid entry is: change it and caches expire."""
    digest = hashlib.sha256(str(FORMAT).encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def cache_paths(entries: str | Path, cache_dir: str | Path | None = None) -> tuple[Path, Path]:
    """The cache file and positions file for an entries folder."""
    root = Path(entries).resolve()
    folder = Path(
        cache_dir
        or os.environ.get("LLM_REGISTRY_CACHE_DIR")
        or root.parent / ".cache" / "llm-registry"
    )
    key = hashlib.sha256(str(root).encode()).hexdigest()[:16]
    return folder / f"registry-{key}.json", folder / f"registry-{key}.positions.json"


def _write_atomic(path: Path, header: dict[str, Any], payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {**header, "sha256": hashlib.sha256(payload).hexdigest()}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(json.dumps(header).encode() + b"\n" + payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_checked(path: Path) -> Any | None:
    """The payload of a cache file, or None if it is missing, stale or corrupt."""
    try:
        raw = path.read_bytes()
        head, _, payload = raw.partition(b"\n")
        header = json.loads(head)
        if (
            header.get("format") != FORMAT
            or header.get("fingerprint") != fingerprint()
            or header.get("sha256") != hashlib.sha256(payload).hexdigest()
        ):
            return None
        return json.loads(payload)
    except (OSError, ValueError, AttributeError):
        return None


def _stamps(root: str) -> list[list[Any]]:
    """Relative path, size and modification time of every entry file (strings: it runs on
    every warm load, where pathlib's overhead would be most of the time)."""
    rows = []
    prefix = len(root) + 1
    for path in collect_paths([root]):
        stat = os.stat(path)
        rows.append([path[prefix:], stat.st_size, stat.st_mtime_ns])
    return rows


def _unchanged(cached: list[list[Any]], root: Path) -> bool:
    """Whether the entries folder holds exactly the cached files with the cached content."""
    try:
        current = _stamps(str(root))
    except OSError:
        return False
    if [row[0] for row in current] != [row[0] for row in cached]:
        return False
    for now, then in zip(current, cached, strict=True):
        if now[1:] != then[1:3]:
            # Touched but maybe not changed: the content hash decides.
            digest = hashlib.sha256((root / now[0]).read_bytes()).hexdigest()
            if now[1] != then[1] or digest != then[3]:
                return False
    return True


def write(entries: str | Path, registry: Registry, cache_dir: str | Path | None = None) -> None:
    """Store a freshly validated registry (all its files must carry their stamps).

    What is stored is what was parsed (each file's data as written, its packed positions), so
    storing costs no more than a JSON dump, and a warm load rebuilds exactly what a cold one did.
    """
    main, positions = cache_paths(entries, cache_dir)
    root = Path(entries).resolve()
    files = []
    for entry_id, loaded in registry.files.items():
        if loaded.stamp is None:
            return  # not from disk: nothing to key a cache on
        rel = str(Path(loaded.path).resolve().relative_to(root))
        files.append([rel, *loaded.stamp, entry_id])
    files.sort()
    edges = [
        [
            e.source,
            e.target,
            e.relation,
            e.evidence,
            e.note,
            e.size,
            e.stage,
            e.url,
            list(e.loc),
            e.expected_kind,
        ]
        for e in registry.edges
    ]
    payload = {
        "files": files,
        "entries": {i: f.data for i, f in registry.files.items()},
        "edges": edges,
    }
    places = {
        i: [base64.b64encode(part).decode("ascii") for part in f.packed()]
        for i, f in registry.files.items()
    }
    header = {"format": FORMAT, "fingerprint": fingerprint()}
    _write_atomic(positions, header, json.dumps(places).encode())
    _write_atomic(main, header, json.dumps(payload).encode())


class _Positions:
    """The positions file, read on the first position anybody asks for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.table: dict[str, Any] | None = None

    def packed(self, entry_id: str) -> tuple[bytes, bytes]:
        if self.table is None:
            self.table = _read_checked(self.path) or {}
        try:
            values, keys = self.table[entry_id]
            return base64.b64decode(values), base64.b64decode(keys)
        except (KeyError, TypeError, ValueError):
            return b"", b""  # a missing or damaged positions file: findings fall back to 1:1


class CachedFile(LoadedFile):
    """A file restored from the cache: its data, and positions fetched when first needed."""

    def __init__(self, path: str, data: dict[str, Any], entry_id: str, source: _Positions):
        super().__init__(path=path, data=data)
        self._entry_id = entry_id
        self._source: _Positions | None = source

    def packed(self) -> tuple[bytes, bytes]:
        if self._source is not None:
            self._packed = self._source.packed(self._entry_id)
            self._source = None
        return super().packed()


def read(entries: str | Path, cache_dir: str | Path | None = None) -> Registry | None:
    """The registry from the cache if the cache is intact and no file changed; else None."""
    main, positions = cache_paths(entries, cache_dir)
    with paused_gc():
        payload = _read_checked(main)
        root = Path(entries).resolve()
        if not isinstance(payload, dict) or not _unchanged(payload.get("files", []), root):
            return None
        return _restore(payload, entries, root, positions)


def _restore(
    payload: dict[str, Any], entries: str | Path, root: Path, positions: Path
) -> Registry | None:
    try:
        source = _Positions(positions)
        shown = display_path(str(root)) if os.path.isabs(str(entries)) else str(entries)
        data = payload["entries"]
        files = {
            entry_id: CachedFile(os.path.join(shown, rel), data[entry_id], entry_id, source)
            for rel, _size, _mtime, _digest, entry_id in payload["files"]
        }
        edges = [
            Edge(s, t, r, ev, note, size, stage, url, tuple(loc), kind)
            for s, t, r, ev, note, size, stage, url, loc, kind in payload["edges"]
        ]
        return Registry(EntryStore(raw={i: data[i] for i in files}), files, edges)
    except (KeyError, TypeError, ValueError):
        return None
