"""A cache of validated registries, so that loading an unchanged registry parses no YAML.

The cache is a few files per entries folder under ``.cache/llm-registry/`` next to it:

- the registry file: the validated data of every entry and the edges, under the *content key*
  (a SHA-256 over every entry file's relative path and SHA-256);
- the stamps file: each file's SHA-256 and its size, modification and change times and inode.
  The stamps are only a shortcut: when all of them match, the file's bytes are known to be the
  ones hashed (an edit that restores the size and modification time still moves the change
  time), so they need not be read again. Anything else is hashed; the content key decides;
- the positions file, read only when a position is asked for.

Nothing in the cache is trusted for being there. Each file carries the format, a fingerprint
of the registry's own code (a schema change invalidates every cache) and an HMAC-SHA256 of its
content made with a key kept outside the registry and the cache (see :func:`secret`): a cache
edited by hand, or copied from another machine, cannot carry data that validation did not
produce, whatever checksum it claims. What does not match is ignored and rebuilt. Only
registries without errors are cached. Writes are atomic (a temporary file, then rename).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
import time
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .bulk import paused_gc
from .discover import discover
from .edges import Edge
from .findings import display_path
from .loader import LoadedFile, stamp_of
from .store import EntryStore, Registry

FORMAT = 2
KEY_ENV = "LLM_REGISTRY_CACHE_KEY"
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


def key_path() -> Path:
    """Where the signing key lives: the user's configuration folder, never the registry's."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return Path(configured)
    home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(home) / "llm-registry" / "cache.key"


def secret() -> bytes:
    """The key that signs caches, made on first use (32 random bytes, readable by the owner
    only). Raises OSError when there is none and none can be made: then nothing is cached."""
    path = key_path()
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_bytes()
        with os.fdopen(fd, "wb") as out:
            out.write(key)
    if len(key) < 32:
        raise OSError(f"the cache key {path} is too short")
    return key


def cache_paths(entries: str | Path, cache_dir: str | Path | None = None) -> tuple[Path, Path]:
    """The cache file and positions file for an entries folder."""
    main = _cache_base(entries, cache_dir)
    return main.with_suffix(".json"), main.with_suffix(".positions.json")


def _cache_base(entries: str | Path, cache_dir: str | Path | None) -> Path:
    root = Path(entries).resolve()
    folder = Path(
        cache_dir
        or os.environ.get("LLM_REGISTRY_CACHE_DIR")
        or root.parent / ".cache" / "llm-registry"
    )
    key = hashlib.sha256(str(root).encode()).hexdigest()[:16]
    return folder / f"registry-{key}"


def _stamps_path(entries: str | Path, cache_dir: str | Path | None) -> Path:
    return _cache_base(entries, cache_dir).with_suffix(".stamps.json")


def _signature(header: dict[str, Any], payload: bytes) -> str:
    signed = json.dumps(header, sort_keys=True).encode() + b"\n" + payload
    return hmac.new(secret(), signed, hashlib.sha256).hexdigest()


def _write_atomic(path: Path, header: dict[str, Any], payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {**header, "format": FORMAT, "fingerprint": fingerprint()}
    header["hmac"] = _signature(header, payload)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(json.dumps(header).encode() + b"\n" + payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_checked(path: Path) -> tuple[dict[str, Any], Any] | None:
    """The header and payload of a cache file, or None if it is missing, stale, corrupt or not
    signed with this user's key."""
    try:
        raw = path.read_bytes()
        head, _, payload = raw.partition(b"\n")
        header = json.loads(head)
        claimed = header.pop("hmac")
        if (
            header.get("format") != FORMAT
            or header.get("fingerprint") != fingerprint()
            or not isinstance(claimed, str)
            or not hmac.compare_digest(claimed, _signature(header, payload))
        ):
            return None
        return header, json.loads(payload)
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None


def content_key(shas: dict[str, str]) -> str:
    """The key of a registry's content: every entry file's relative path and SHA-256."""
    digest = hashlib.sha256()
    for rel, sha in sorted(shas.items()):
        digest.update(f"{rel}\0{sha}\n".encode())
    return digest.hexdigest()


def _current_hashes(
    root: str, stamps: dict[str, Any], skip: Collection[str] = ()
) -> tuple[dict[str, str], dict | None]:
    """Every entry file under ``root`` (but those in ``skip``) with its SHA-256: from its stamp
    when the stamp proves the content unchanged, else by reading it. With the hashes, fresh
    stamps if any file had to be read (None if none had)."""
    shas: dict[str, str] = {}
    fresh: dict[str, Any] = {}
    hashed = False
    prefix = len(root) + 1
    found = discover([root])
    if found.errors:  # a link, an unreadable folder, a misplaced file: validation must say so
        raise OSError("the registry's layout has errors")
    for path in found.files:
        rel = path[prefix:]
        if rel in skip:
            continue
        known = stamps.get(rel)
        if isinstance(known, list) and len(known) == 2 and known[1] is not None:
            stat = os.stat(path)
            if known[1] == [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]:
                shas[rel] = known[0]
                fresh[rel] = known
                continue
        read_at = time.time_ns()
        stat = os.stat(path)
        with open(path, "rb") as f:
            stamp = stamp_of(stat, f.read(), read_at)
        shas[rel] = stamp.sha256
        fresh[rel] = [stamp.sha256, stamp.stat]
        hashed = True
    return shas, fresh if hashed else None


def _write_stamps(path: Path, key: str, table: dict[str, Any]) -> None:
    _write_atomic(path, {}, json.dumps({"content": key, "files": table}).encode())


def write(entries: str | Path, registry: Registry, cache_dir: str | Path | None = None) -> None:
    """Store a freshly validated registry (all its files must carry their stamps).

    What is stored is what was parsed (each file's data as written, its packed positions), so
    storing costs no more than a JSON dump, and a warm load rebuilds exactly what a cold one did.
    """
    main, positions = cache_paths(entries, cache_dir)
    root = Path(entries).resolve()
    files = []
    stamps: dict[str, Any] = {}
    for entry_id, loaded in registry.files.items():
        if loaded.stamp is None:
            return  # not from disk: nothing to key a cache on
        rel = str(Path(loaded.path).resolve().relative_to(root))
        files.append([rel, entry_id])
        stamps[rel] = [loaded.stamp.sha256, loaded.stamp.stat]
    files.sort()
    key = content_key({rel: stamp[0] for rel, stamp in stamps.items()})
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
            e.checkpoint,
            e.into,
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
    _write_atomic(positions, {"content": key}, json.dumps(places).encode())
    _write_atomic(main, {"content": key}, json.dumps(payload).encode())
    _write_stamps(_stamps_path(entries, cache_dir), key, stamps)


class _Positions:
    """The positions file, read on the first position anybody asks for."""

    def __init__(self, path: Path, content: str) -> None:
        self.path = path
        self.content = content
        self.table: dict[str, Any] | None = None

    def packed(self, entry_id: str) -> tuple[bytes, bytes]:
        if self.table is None:
            checked = _read_checked(self.path)
            fits = checked is not None and checked[0].get("content") == self.content
            self.table = checked[1] if fits else {}
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
    """The registry from the cache if the cache is intact and signed and the entry files hold
    exactly the content it was made from; else None."""
    main, positions = cache_paths(entries, cache_dir)
    root = Path(entries).resolve()
    stamps_file = _stamps_path(entries, cache_dir)
    with paused_gc():
        stamped = _read_checked(stamps_file)
        try:
            shas, fresh = _current_hashes(str(root), _stamp_table(stamped))
        except OSError:
            return None
        key = content_key(shas)
        checked = _read_checked(main)
        if checked is None or checked[0].get("content") != key:
            return None
        registry = _restore(checked[1], entries, root, _Positions(positions, key))
    if registry is not None and fresh is not None:
        # Some content was proven by hashing: stamp it, so the next load need not hash again.
        with contextlib.suppress(OSError):
            _write_stamps(stamps_file, key, fresh)
    return registry


@dataclass
class Context:
    """A cached registry without some of its files, and the ids those files had."""

    registry: Registry
    old_ids: dict[str, str]  # relative path -> id


def read_context(
    entries: str | Path, skip: Collection[str], cache_dir: str | Path | None = None
) -> Context | None:
    """The cached registry without the files in ``skip`` (paths relative to ``entries``) and
    without files removed since, if every other file is exactly as cached: what some changed
    files are validated against. ``old_ids`` holds the ids the skipped and removed files had.
    None if any other file was added or changed, or the cache is not intact."""
    main, positions = cache_paths(entries, cache_dir)
    root = Path(entries).resolve()
    with paused_gc():
        stamped = _read_checked(_stamps_path(entries, cache_dir))
        checked = _read_checked(main)
        if stamped is None or checked is None:
            return None
        key = checked[0].get("content")
        if not isinstance(stamped[1], dict) or stamped[1].get("content") != key:
            return None
        stamps = _stamp_table(stamped)
        try:
            shas, _ = _current_hashes(str(root), stamps, skip)
        except OSError:
            return None
        expected = {rel: row[0] for rel, row in stamps.items() if rel not in skip}
        gone = set(expected) - set(shas)  # removed (or renamed) by the change being checked
        if any(expected.get(rel) != sha for rel, sha in shas.items()):
            return None  # another file was added or changed: the cache is not the context
        payload = checked[1]
        left_out = {*skip, *gone}
        registry = _restore(payload, entries, root, _Positions(positions, key), left_out)
        if registry is None:
            return None
        old_ids = {rel: entry_id for rel, entry_id in payload["files"] if rel in left_out}
    return Context(registry, old_ids)


def _stamp_table(stamped: tuple[dict[str, Any], Any] | None) -> dict[str, Any]:
    table = stamped[1].get("files") if stamped and isinstance(stamped[1], dict) else None
    return table if isinstance(table, dict) else {}


def _restore(
    payload: dict[str, Any],
    entries: str | Path,
    root: Path,
    source: _Positions,
    skip: Collection[str] = (),
) -> Registry | None:
    try:
        shown = display_path(str(root)) if os.path.isabs(str(entries)) else str(entries)
        data = payload["entries"]
        files = {
            entry_id: CachedFile(os.path.join(shown, rel), data[entry_id], entry_id, source)
            for rel, entry_id in payload["files"]
            if rel not in skip
        }
        edges = [
            Edge(s, t, r, ev, note, size, stage, url, tuple(loc), kind, checkpoint, into)
            for s, t, r, ev, note, size, stage, url, loc, kind, checkpoint, into in payload["edges"]
            if t in files  # an edge is declared by its target: dropped with a skipped file
        ]
        return Registry(EntryStore(raw={i: data[i] for i in files}), files, edges)
    except (KeyError, TypeError, ValueError):
        return None
