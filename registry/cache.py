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
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, overload

from .bulk import paused_gc
from .discover import KIND_FOLDERS, discover
from .edges import Edge
from .findings import display_path
from .kinds import ENTRY_SUFFIXES
from .loader import LoadedFile, stamp_of, stat_fields
from .names import lookalike_keys
from .store import EntryStore, Registry

FORMAT = 4
KEY_ENV = "LLM_REGISTRY_CACHE_KEY"


@cache
def fingerprint() -> str:
    """A hash of the code that decides what a valid entry is: change it and caches expire."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in code_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def code_files() -> list[Path]:
    """Every module of the package's top level: what decides validity is spread over many of
    them (schema, bounds, urls, names...), and a hand-kept list once missed one."""
    return sorted(Path(__file__).parent.glob("*.py"))


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


def _data_path(entries: str | Path, cache_dir: str | Path | None) -> Path:
    return _cache_base(entries, cache_dir).with_suffix(".data.json")


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


def _read_signed(path: Path) -> tuple[dict[str, Any], bytes] | None:
    """The header and the (still encoded) payload of a cache file, or None if it is missing,
    stale, corrupt or not signed with this user's key."""
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
        return header, payload
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None


def _read_checked(path: Path) -> tuple[dict[str, Any], Any] | None:
    """The header and decoded payload of a cache file (see :func:`_read_signed`)."""
    signed = _read_signed(path)
    if signed is None:
        return None
    try:
        return signed[0], json.loads(signed[1])
    except ValueError:
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
    for path in _entry_files(root):
        rel = path[prefix:]
        if rel in skip:
            continue
        known = stamps.get(rel)
        if _stamp_holds(path, known):
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


def _stamp_holds(path: str, known: Any) -> bool:
    """Whether a file's stamp (``[sha256, status fields]``) proves its content unchanged:
    its status is as stamped (a racy stamp, with no fields, proves nothing)."""
    if not isinstance(known, list) or len(known) != 2 or known[1] is None:
        return False
    return known[1] == list(stat_fields(os.stat(path)))


def _gone_if_unchanged(root: str, stamps: dict[str, Any], skip: Collection[str]) -> set[str] | None:
    """The stamped files no longer there (removed or renamed by the change being checked) if
    every entry file under ``root`` but those in ``skip`` is a stamped one with the content it
    was stamped with (proven by its stamp, like :func:`_current_hashes`, else by hashing it);
    None if a file was added or changed."""
    prefix = len(root) + 1
    present = set()
    for path in _entry_files(root):
        rel = path[prefix:]
        if rel in skip:
            continue
        known = stamps.get(rel)
        if not isinstance(known, list) or len(known) != 2:
            return None  # a file added since
        present.add(rel)
        if _stamp_holds(path, known):
            continue
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != known[0]:
                return None
    return {rel for rel in stamps if rel not in skip and rel not in present}


class _Unusual(Exception):
    """Something in a registry's folder other than kind folders of plain entry files."""


def _entry_files(root: str) -> list[str]:
    """Every entry file under ``root``. A registry of kind folders holding nothing but plain
    entry files is listed by a quick scan; anything else (a link, another file or folder, an
    unreadable folder) by :func:`discover`, which judges the layout: OSError if it has errors
    (validation must report them)."""
    files: list[str] = []
    try:
        with os.scandir(root) as top:
            kinds = list(top)
        for kind in kinds:
            if kind.name not in KIND_FOLDERS or not kind.is_dir(follow_symlinks=False):
                raise _Unusual
            with os.scandir(kind.path) as listing:
                for item in listing:
                    if not item.name.endswith(ENTRY_SUFFIXES) or not item.is_file(
                        follow_symlinks=False
                    ):
                        raise _Unusual
                    files.append(item.path)
    except (OSError, _Unusual):
        found = discover([root])
        if found.errors:  # a link, an unreadable folder, a misplaced file
            raise OSError("the registry's layout has errors") from None
        return found.files
    return files


def _write_stamps(path: Path, key: str, table: dict[str, Any]) -> None:
    _write_atomic(path, {}, json.dumps({"content": key, "files": table}).encode())


def write(entries: str | Path, registry: Registry, cache_dir: str | Path | None = None) -> None:
    """Store a freshly validated registry (all its files must carry their stamps).

    What is stored is what was parsed (each file's data as written, its packed positions), so
    storing costs no more than a JSON dump, and a warm load rebuilds exactly what a cold one did.
    The registry file holds what look-ups need (ids, kinds, names, edges); the entries' data
    and positions are in files of their own, decoded when first asked for.
    """
    main, positions = cache_paths(entries, cache_dir)
    # Relative to the folder as named, like the paths `read` finds under it; resolving each
    # file's links instead cost a third of the write.
    base = os.path.abspath(entries)
    files = []
    stamps: dict[str, Any] = {}
    for entry_id, loaded in registry.files.items():
        if loaded.stamp is None:
            return  # not from disk: nothing to key a cache on
        rel = os.path.relpath(os.path.abspath(loaded.path), base)
        if rel.startswith(".."):
            return  # a file from outside the folder: not this folder's cache
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
        "edges": edges,
        "tables": registry.lookup_tables(),
        "lookalike": lookalike_table(registry),
    }
    places = {
        i: [base64.b64encode(part).decode("ascii") for part in f.packed()]
        for i, f in registry.files.items()
    }
    index, data = _indexed({i: f.data for i, f in registry.files.items()})
    _write_atomic(positions, {"content": key}, json.dumps(places).encode())
    _write_atomic(_data_path(entries, cache_dir), {"content": key, "index": index}, data)
    _write_atomic(main, {"content": key}, json.dumps(payload).encode())
    _write_stamps(_stamps_path(entries, cache_dir), key, stamps)


def _indexed(table: dict[str, Any]) -> tuple[dict[str, list[int]], bytes]:
    """A table as one JSON object, with where each value's JSON starts and ends in it: one
    entry's data can be decoded without decoding all of them (checking one changed file
    needs the data of a few)."""
    parts = []
    index: dict[str, list[int]] = {}
    at = 1
    for key, value in table.items():
        head = ("," if parts else "") + json.dumps(key) + ":"
        body = json.dumps(value)  # ASCII (ensure_ascii): its length is its length in bytes
        at += len(head)
        index[key] = [at, at + len(body)]
        at += len(body)
        parts += (head, body)
    return index, ("{" + "".join(parts) + "}").encode("ascii")


def lookalike_table(registry: Registry) -> dict[str, str]:
    """Each look-alike key (see :func:`registry.names.lookalike_keys`) of every id, name,
    alias and former id, with the entry it belongs to: what checking one changed file against
    the others needs to find a confusable name without computing the keys of all of them."""
    table: dict[str, str] = {}
    for entry_id in registry.entries:
        for name in registry.entries.summary(entry_id)[1]:
            for i, key in enumerate(lookalike_keys(name)):
                table.setdefault(f"{i}:{key}", entry_id)
    return table


def edge_of(row: list[Any]) -> Edge:
    """An edge from its row in the cache (see :func:`write`)."""
    s, t, r, ev, note, size, stage, url, loc, kind, checkpoint, into = row
    return Edge(s, t, r, ev, note, size, stage, url, tuple(loc), kind, checkpoint, into)


class CachedEdges(Sequence[Edge]):
    """A cached registry's edges, kept as their rows and made into edges when first used:
    checking one changed file against the cache needs the few edges that touch it (see
    :meth:`from_sources` and :attr:`rows`), not all of them."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows
        self._built: list[Edge] | None = None

    def built(self) -> list[Edge]:
        if self._built is None:
            self._built = [edge_of(row) for row in self.rows]
        return self._built

    def from_sources(self, sources: Collection[str]) -> list[Edge]:
        return [edge_of(row) for row in self.rows if row[0] in sources]

    @overload
    def __getitem__(self, index: int) -> Edge: ...
    @overload
    def __getitem__(self, index: slice) -> list[Edge]: ...
    def __getitem__(self, index: int | slice) -> Edge | list[Edge]:
        return self.built()[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Edge]:
        return iter(self.built())


class _Deferred:
    """A signed table decoded on first use: the positions file is read only when a position
    is asked for; the data file is checked when the cache is read, decoded when an entry is."""

    def __init__(
        self,
        path: Path,
        content: str,
        payload: bytes | None = None,
        index: dict[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.content = content
        self.payload = payload
        self.index = index if isinstance(index, dict) else None
        self._table: dict[str, Any] | None = None
        self._decoded: dict[str, Any] = {}

    def get(self, entry_id: str) -> Any:
        """One value, decoded alone where the file says where it is (see :func:`_indexed`);
        raises KeyError if there is none."""
        if entry_id in self._decoded:
            return self._decoded[entry_id]
        if self._table is None and self.index is not None and self.payload is not None:
            span = self.index.get(entry_id)
            try:
                start, end = span  # type: ignore[misc]
                value = json.loads(self.payload[start:end])
            except (TypeError, ValueError):
                pass  # not where the index says: decode the whole table
            else:
                self._decoded[entry_id] = value
                return value
        return self.table()[entry_id]

    def table(self) -> dict[str, Any]:
        if self._table is None:
            if self.payload is None:
                signed = _read_signed(self.path)
                fits = signed is not None and signed[0].get("content") == self.content
                self.payload = signed[1] if signed is not None and fits else b"{}"
            try:
                decoded = json.loads(self.payload)
            except ValueError:
                decoded = None
            self._table = decoded if isinstance(decoded, dict) else {}
            self._table.update(self._decoded)  # the values already handed out stay the same
            self.payload = None
        return self._table

    def packed(self, entry_id: str) -> tuple[bytes, bytes]:
        try:
            values, keys = self.table()[entry_id]
            return base64.b64decode(values), base64.b64decode(keys)
        except (KeyError, TypeError, ValueError):
            return b"", b""  # a missing or damaged positions file: findings fall back to 1:1


class _CachedData(Mapping[str, dict[str, Any]]):
    """The entries' data by id: the ids known at once, the data decoded when first read."""

    def __init__(self, ids: list[str], source: _Deferred) -> None:
        self.ids = ids
        self.known = frozenset(ids)
        self.source = source

    def __getitem__(self, entry_id: str) -> dict[str, Any]:
        if entry_id not in self.known:
            raise KeyError(entry_id)
        return self.source.get(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.known

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class _CachedFiles(Mapping[str, LoadedFile]):
    """Each entry's file, made when first asked for (most loads never ask)."""

    def __init__(self, folder: str, rels: dict[str, str], data: _CachedData, places: _Deferred):
        self.folder = folder
        self.rels = rels
        self.data = data
        self.places = places
        self.made: dict[str, CachedFile] = {}

    def __getitem__(self, entry_id: str) -> LoadedFile:
        made = self.made.get(entry_id)
        if made is None:
            path = os.path.join(self.folder, self.rels[entry_id])
            made = self.made[entry_id] = CachedFile(path, self.data, entry_id, self.places)
        return made

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.rels

    def __iter__(self) -> Iterator[str]:
        return iter(self.rels)

    def __len__(self) -> int:
        return len(self.rels)


class CachedFile(LoadedFile):
    """A file restored from the cache: its data and positions fetched when first needed."""

    def __init__(self, path: str, data: _CachedData, entry_id: str, places: _Deferred) -> None:
        super().__init__(path=path)
        self._entry_id = entry_id
        self._data_source = data
        self._places: _Deferred | None = places

    @property  # type: ignore[override]
    def data(self) -> dict[str, Any] | None:
        return self._data_source[self._entry_id]

    @data.setter
    def data(self, value: dict[str, Any] | None) -> None:
        pass  # LoadedFile's constructor sets it; the cache's data is the one kept

    def packed(self) -> tuple[bytes, bytes]:
        if self._places is not None:
            self._packed = self._places.packed(self._entry_id)
            self._places = None
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
        registry = _restore(checked[1], entries, root, key, cache_dir)
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
    lookalike: dict[str, str]  # see lookalike_table
    edges: CachedEdges  # the registry's edges, kept as rows until used


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
            gone = _gone_if_unchanged(str(root), stamps, skip)
        except OSError:
            return None
        if gone is None:
            return None  # another file was added or changed: the cache is not the context
        payload = checked[1]
        left_out = {*skip, *gone}
        registry = _restore(payload, entries, root, key, cache_dir, left_out, lazy_edges=True)
        if registry is None:
            return None
        old_ids = {rel: entry_id for rel, entry_id in payload["files"] if rel in left_out}
    lookalike = payload.get("lookalike")
    if not isinstance(lookalike, dict):
        return None
    return Context(registry, old_ids, lookalike, registry.edges)  # type: ignore[arg-type]


def _stamp_table(stamped: tuple[dict[str, Any], Any] | None) -> dict[str, Any]:
    table = stamped[1].get("files") if stamped and isinstance(stamped[1], dict) else None
    return table if isinstance(table, dict) else {}


def _restore(
    payload: dict[str, Any],
    entries: str | Path,
    root: Path,
    key: str,
    cache_dir: str | Path | None,
    skip: Collection[str] = (),
    lazy_edges: bool = False,
) -> Registry | None:
    """The registry a cache holds (without the files in ``skip``); None if any part of it is
    missing, damaged or from another content. With ``lazy_edges`` its edges are a
    :class:`CachedEdges`, made only as used (checking a few files against the cache)."""
    signed = _read_signed(_data_path(entries, cache_dir))
    if signed is None or signed[0].get("content") != key:
        return None
    try:
        shown = display_path(str(root)) if os.path.isabs(str(entries)) else str(entries)
        rels = {entry_id: rel for rel, entry_id in payload["files"] if rel not in skip}
        table = _Deferred(_data_path(entries, cache_dir), key, signed[1], signed[0].get("index"))
        data = _CachedData(list(rels), table)
        places = _Deferred(cache_paths(entries, cache_dir)[1], key)
        files = _CachedFiles(shown, rels, data, places)
        rows = [row for row in payload["edges"] if row[1] in rels]  # declared by the target:
        # dropped with a skipped file. Made into edges when first needed (CachedEdges).
        edges = CachedEdges(rows) if lazy_edges else CachedEdges(rows).built()
        tables = payload["tables"]
        if skip:
            tables = {
                name: {k: i for k, i in table.items() if (k if name == "kinds" else i) in rels}
                for name, table in tables.items()
            }
        return Registry(EntryStore(raw=data), files, edges, tables=tables)
    except (KeyError, TypeError, ValueError):
        return None
