"""Reading one entry file safely, keeping the line and column of every key and value.

libyaml's C parser composes the node tree (fast, and it never runs code); this module then turns
nodes into plain Python values itself, which is where it refuses what PyYAML would accept
silently: duplicate keys, alias bombs, unknown tags, runaway nesting.

Plain scalars are resolved with YAML 1.2's core rules, narrowed to what entries need: integers,
``true``/``false`` and null. Everything else stays a string, so ``released: 2023-03-13`` keeps its
precision, ``arxiv: 2305.10010`` keeps its trailing zero and ``no`` stays the word "no".
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from array import array
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.cyaml import CParser

from .catalog import make_finding
from .findings import Finding

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 32
_TOO_DEEP = f"values are nested deeper than {MAX_DEPTH} levels"
MAX_INT_DIGITS = 100  # longer integers stay text: the schema reports them where they stand

Loc = tuple[str | int, ...]
Pos = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
_UNTAGGED = "tag:llm-registry,2026:untagged"  # a scalar with no tag: the builder resolves it
_INT_RE = re.compile(r"^[-+]?(?:[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$")
_PLAIN = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


RACY_NS = 2_000_000_000  # a file changed this close to being read may change again unseen


class Stamp(NamedTuple):
    """A file's SHA-256 as read, and the stat fields that prove later that it is unchanged:
    size, modification and change times, inode (None when the file changed so shortly before it
    was read that an edit within the same clock tick would leave them all as they were)."""

    sha256: str
    stat: tuple[int, int, int, int] | None


def stat_fields(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What a stamp keeps of a file's status: unchanged, with its hash, proves the content."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def stamp_of(stat: os.stat_result, raw: bytes, read_at_ns: int) -> Stamp:
    """The stamp of bytes read at ``read_at_ns`` (taken before ``stat``)."""
    fields = stat_fields(stat)
    racy = max(stat.st_mtime_ns, stat.st_ctime_ns) > read_at_ns - RACY_NS
    return Stamp(hashlib.sha256(raw).hexdigest(), None if racy else fields)


class LoadedFile:
    """One file's data with where each part of it stands in the text.

    Positions are recorded as two packed arrays of (line, column) ints, in the order the builder
    visits values and keys. ``values`` and ``keys`` (tables from a location, a tuple of keys and
    list indexes, to a 0-based point) are rebuilt on first use by replaying that walk over
    ``data``: most files are never asked for a position, and packed arrays cross process
    boundaries and the cache cheaply.
    """

    # Whether every string value is printable (no newline, control or format character), as the
    # builder saw; None when not known (a file restored from the cache).
    printable: bool | None = None

    def __init__(
        self,
        path: str,
        data: dict[str, Any] | None = None,
        packed: tuple[bytes, bytes] = (b"", b""),
        findings: list[Finding] | None = None,
        stamp: Stamp | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.findings: list[Finding] = findings if findings is not None else []
        self.stamp = stamp  # what the load cache keys this file on
        self._packed: tuple[bytes, bytes] | None = packed

    def __repr__(self) -> str:
        return f"LoadedFile({self.path!r}, findings={len(self.findings)})"

    def packed(self) -> tuple[bytes, bytes]:
        """The positions as (values, keys) packed arrays."""
        if self._packed is None:
            return _pack(self.values), _pack(self.keys)
        return self._packed

    def __getattr__(self, name: str) -> Any:
        if name in ("values", "keys"):
            values, keys = self.packed()
            self.values, self.keys = _unpack(self.data, values, keys)
            self._packed = None
            return self.__dict__[name]
        raise AttributeError(name)

    def position(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of the value (or key) at ``loc``, else of its nearest located parent."""
        mark = (self.keys if key else self.values).get(loc)
        if mark is None:
            for end in range(len(loc) - 1, -1, -1):
                mark = self.keys.get(loc[:end]) or self.values.get(loc[:end])
                if mark is not None:
                    break
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _pack(points: dict[Loc, Any]) -> bytes:
    flat = array("i")
    for point in points.values():
        flat.append(point.line)
        flat.append(point.column)
    return flat.tobytes()


def _visit_order(value: Any, loc: Loc, values: list[Loc], keys: list[Loc]) -> None:
    """Replay the builder's walk (value first, then each key and its value, in order)."""
    values.append(loc)
    if isinstance(value, dict):
        for key, item in value.items():
            keys.append((*loc, key))
            _visit_order(item, (*loc, key), values, keys)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _visit_order(item, (*loc, i), values, keys)


def _unpack(data: Any, values: bytes, keys: bytes) -> tuple[dict[Loc, Any], dict[Loc, Any]]:
    if data is None:
        return {}, {}
    value_locs: list[Loc] = []
    key_locs: list[Loc] = []
    _visit_order(data, (), value_locs, key_locs)
    tables = []
    for locs, packed in ((value_locs, values), (key_locs, keys)):
        flat = array("i")
        flat.frombytes(packed)
        if len(flat) != 2 * len(locs):
            return {}, {}
        tables.append({loc: Point(flat[2 * i], flat[2 * i + 1]) for i, loc in enumerate(locs)})
    return tables[0], tables[1]


class Point(NamedTuple):
    """A position restored from the cache, shaped like libyaml's marks (0-based)."""

    line: int
    column: int


class _Loader(CParser):
    """libyaml's parser and composer with a resolver that does nothing per node.

    PyYAML's resolvers run Python code (regexes, path checks) for every node; here every node
    gets its kind's default tag unless it has an explicit one, and the builder resolves plain
    scalars itself, only as far as entries need.
    """

    _TAGS = {yaml.ScalarNode: _UNTAGGED, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]


def _plain_int(value: str) -> int | str:
    body = value.lstrip("+-")
    if len(body) > MAX_INT_DIGITS:
        return value
    sign = -1 if value.startswith("-") else 1
    return sign * (int(body, 0) if body.startswith(("0x", "0o")) else int(body))


class _Refused(Exception):
    def __init__(self, code: str, node: yaml.Node, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.line = node.start_mark.line + 1
        self.col = node.start_mark.column + 1
        self.message = message
        self.hint = hint


class _Builder:
    """Turns a composed node tree into Python values, recording positions as it goes."""

    def __init__(self) -> None:
        self.values = array("i")
        self.keys = array("i")
        self.nodes = 0
        self.unprintable = False

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused("Y003", node, f"the document expands to more than {MAX_NODES:,} nodes")
        if depth > MAX_DEPTH:
            raise _Refused("Y012", node, _TOO_DEEP)
        mark = node.start_mark
        self.values.append(mark.line)
        self.values.append(mark.column)
        node_id = node.id
        if node_id == "scalar":
            value = self._scalar(node)
            if type(value) is str and not value.isprintable():
                self.unprintable = True  # control or format characters: checked later (S010)
            return value
        if node_id == "sequence":
            if node.tag != _SEQ:
                raise _Refused("Y004", node, f"the tag {node.tag!r} is not accepted")
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag != _MAP:
            raise _Refused("Y004", node, f"the tag {node.tag!r} is not accepted")
        return self._mapping(node, depth)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:  # written `!!str 123`: the tag says it is text
            return node.value
        if node.tag == _UNTAGGED:
            value = node.value
            if node.style:  # quoted or block (libyaml gives plain scalars style "")
                return value
            if value in _PLAIN:
                return _PLAIN[value]
            return _plain_int(value) if _INT_RE.match(value) else value
        if node.tag not in _SCALAR_TAGS:
            raise _Refused("Y004", node, f"the tag {node.tag!r} is not accepted")
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay as written: the schema knows their precision
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_INT_DIGITS:
            return node.value
        return _CONSTRUCTOR.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag not in (_UNTAGGED, _STR):
                raise _Refused("Y010", key_node, "a mapping key must be a plain name")
            key = key_node.value
            if key == "<<" and not key_node.style:
                raise _Refused(
                    "Y004",
                    key_node,
                    "merge keys ('<<') are not accepted",
                    "Write the fields out; each entry stands on its own.",
                )
            mark = key_node.start_mark
            if key in first_line:
                raise _Refused(
                    "Y002",
                    key_node,
                    f"the key {key!r} appears twice (first at line {first_line[key]})",
                    "Keep one of the two; YAML loaders silently keep the last, losing a value.",
                )
            first_line[key] = mark.line + 1
            self.keys.append(mark.line)
            self.keys.append(mark.column)
            result[key] = self.build(value_node, depth + 1)
        return result


def _decode(raw: bytes, loaded: LoadedFile) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        loaded.findings.append(make_finding("Y006", loaded.path, 1, 1))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} at line {line} is not UTF-8"
        loaded.findings.append(make_finding("Y005", loaded.path, line, col, message))
        return None


def _syntax_finding(exc: yaml.YAMLError, text: str, path: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    if "maximum nesting depth" in str(problem):  # libyaml's own limit, in newer PyYAML wheels
        return make_finding("Y012", path, line, col, _TOO_DEEP)
    if mark is not None and _tab_indented(text, mark.line):
        return make_finding("Y007", path, line, col, f"line {line} is indented with a tab")
    return make_finding("Y001", path, line, col, message)


def _tab_indented(text: str, line_index: int) -> bool:
    """Whether the line libyaml stopped at (or the one before it) starts with a tab."""
    lines = text.split("\n")
    nearby = lines[max(0, line_index - 1) : line_index + 1]
    return any(line[: len(line) - len(line.lstrip())].count("\t") for line in nearby)


def parse_text(text: str, path: str) -> LoadedFile:
    """Parse the text of one entry file; problems become findings, never exceptions."""
    loaded = LoadedFile(path=path)
    try:
        documents = yaml.compose_all(text, Loader=_Loader)
        first = next(documents, None)
        if first is None:
            loaded.findings.append(make_finding("Y008", path, 1, 1))
            return loaded
        second = next(documents, None)
    except yaml.YAMLError as exc:
        loaded.findings.append(_syntax_finding(exc, text, path))
        return loaded
    if second is not None:
        line = second.start_mark.line + 1
        loaded.findings.append(
            make_finding("Y009", path, line, 1, f"a second document starts at line {line}")
        )
        return loaded
    if not isinstance(first, yaml.MappingNode):
        line, col = first.start_mark.line + 1, first.start_mark.column + 1
        if (
            isinstance(first, yaml.ScalarNode)
            and first.value in ("", "~", "null")
            and not first.style
        ):
            loaded.findings.append(make_finding("Y008", path, 1, 1))
        else:
            kind = "a list" if isinstance(first, yaml.SequenceNode) else "a single value"
            loaded.findings.append(
                make_finding("Y010", path, line, col, f"the top level is {kind}, not a mapping")
            )
        return loaded
    builder = _Builder()
    try:
        loaded.data = builder.build(first, 0)
    except _Refused as refused:
        loaded.findings.append(
            make_finding(
                refused.code, path, refused.line, refused.col, refused.message, refused.hint
            )
        )
        return loaded
    loaded._packed = (builder.values.tobytes(), builder.keys.tobytes())
    loaded.printable = not builder.unprintable
    return loaded


def load_file(path: str | Path, display: str | None = None) -> LoadedFile:
    """Read and parse one entry file, refusing oversized and mis-encoded files up front."""
    shown = display or str(path)
    loaded = LoadedFile(path=shown)
    try:
        read_at = time.time_ns()
        stat = os.stat(path)
        size = stat.st_size
        if size > MAX_FILE_BYTES:
            message = f"the file is {size:,} bytes; an entry may be at most {MAX_FILE_BYTES:,}"
            loaded.findings.append(make_finding("Y011", shown, 1, 1, message))
            return loaded
        raw = Path(path).read_bytes()
    except OSError as exc:
        loaded.findings.append(make_finding("Y001", shown, 1, 1, f"cannot read: {exc.strerror}"))
        return loaded
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    parsed = parse_text(text, shown)
    parsed.stamp = stamp_of(stat, raw, read_at)
    return parsed
