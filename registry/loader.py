"""Reading one entry file safely, keeping the line and column of every key and value.

libyaml's C parser composes the node tree (fast, and it never runs code); this module then turns
nodes into plain Python values itself, which is where it refuses what PyYAML would accept
silently: duplicate keys, alias bombs, unknown tags, runaway nesting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .catalog import make_finding
from .findings import Finding

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 32

Loc = tuple[str | int, ...]
Pos = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
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


@dataclass
class LoadedFile:
    """One file's data with where each part of it stands in the text."""

    path: str
    data: dict[str, Any] | None = None
    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of the value (or key) at ``loc``, else of its nearest located parent."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        for end in range(len(loc) - 1, -1, -1):
            prefix = loc[:end]
            if prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


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

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.nodes = 0

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused("Y003", node, f"the document expands to more than {MAX_NODES:,} nodes")
        if depth > MAX_DEPTH:
            raise _Refused("Y012", node, f"values are nested deeper than {MAX_DEPTH} levels")
        self.loaded.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _Refused("Y004", node, f"the tag {node.tag!r} is not accepted")
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag != _MAP:
            raise _Refused("Y004", node, f"the tag {node.tag!r} is not accepted")
        return self._mapping(node, loc, depth)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise _Refused("Y004", node, f"the tag {node.tag!r} is not accepted")
        if node.tag in (_STR, "tag:yaml.org,2002:timestamp"):
            # Dates stay as written: the schema knows their precision, datetime would not.
            return node.value
        return _CONSTRUCTOR.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    "Y004",
                    key_node,
                    "merge keys ('<<') are not accepted",
                    "Write the fields out; each entry stands on its own.",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise _Refused("Y010", key_node, "a mapping key must be a plain name")
            key = str(key_node.value)
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.loaded.keys[(*loc, key)]
                raise _Refused(
                    "Y002",
                    key_node,
                    f"the key {key!r} appears twice (first at line {first[0]})",
                    "Keep one of the two; YAML loaders silently keep the last, losing a value.",
                )
            self.loaded.keys[(*loc, key)] = key_pos
            result[key] = self.build(value_node, (*loc, key), depth + 1)
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


def _syntax_finding(exc: yaml.YAMLError, path: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    if "'\\t'" in message or "\\t" in message:
        return make_finding("Y007", path, line, col, "a tab is used for indentation")
    return make_finding("Y001", path, line, col, message)


def parse_text(text: str, path: str) -> LoadedFile:
    """Parse the text of one entry file; problems become findings, never exceptions."""
    loaded = LoadedFile(path=path)
    try:
        documents = yaml.compose_all(text, Loader=yaml.CSafeLoader)
        first = next(documents, None)
        if first is None:
            loaded.findings.append(make_finding("Y008", path, 1, 1))
            return loaded
        second = next(documents, None)
    except yaml.YAMLError as exc:
        loaded.findings.append(_syntax_finding(exc, path))
        return loaded
    if second is not None:
        line = second.start_mark.line + 1
        loaded.findings.append(
            make_finding("Y009", path, line, 1, f"a second document starts at line {line}")
        )
        return loaded
    if not isinstance(first, yaml.MappingNode):
        line, col = first.start_mark.line + 1, first.start_mark.column + 1
        if isinstance(first, yaml.ScalarNode) and first.tag == "tag:yaml.org,2002:null":
            loaded.findings.append(make_finding("Y008", path, 1, 1))
        else:
            kind = "a list" if isinstance(first, yaml.SequenceNode) else "a single value"
            loaded.findings.append(
                make_finding("Y010", path, line, col, f"the top level is {kind}, not a mapping")
            )
        return loaded
    try:
        loaded.data = _Builder(loaded).build(first, (), 0)
    except _Refused as refused:
        loaded.findings.append(
            make_finding(
                refused.code, path, refused.line, refused.col, refused.message, refused.hint
            )
        )
        loaded.values.clear()
        loaded.keys.clear()
    return loaded


def load_file(path: str | Path, display: str | None = None) -> LoadedFile:
    """Read and parse one entry file, refusing oversized and mis-encoded files up front."""
    shown = display or str(path)
    loaded = LoadedFile(path=shown)
    try:
        size = Path(path).stat().st_size
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
    return parse_text(text, shown)
