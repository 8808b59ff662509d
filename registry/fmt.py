"""One canonical form for entry files, so that diffs stay small and nobody sorts keys by hand.

The formatter uses ruamel.yaml's round-trip mode because PyYAML (which the loader uses for speed)
drops every comment when it parses, and a formatter that deletes the notes contributors leave in
their files would not be run twice. ruamel.yaml keeps comments attached to the keys around them,
so keys can be reordered and values restyled with the comments carried along.

The canonical form:

- keys in the schema's order (:func:`field_order`): id, kind, name, aliases, former_ids,
  description, organizations, released, the kind's own facts, license, access, modalities,
  domains, links, the lineage fields, sources, notes; nested mappings (links, sources, lineage
  edges, ...) in their model's field order; unknown keys keep their place after the known ones;
- a comment above a key moves with that key; a comment at the end of a line stays on it;
  blank lines are dropped; the ``# yaml-language-server: $schema=...`` line comes first;
- strings plain where the registry's loader reads them back as the same string, else in double
  quotes; long single-line text folded (``>-``) at about 100 columns; text with line breaks as a
  literal block;
- lists of plain values on one line (``[7B, 13B]``) when they fit, otherwise one item a line;
  lists of mappings always one item a line; two-space indentation;
- mappings one key a line: the entry itself and list items always (a file written as one
  ``{id: ..., kind: ...}`` line is rewritten), a nested mapping of plain values may stay on
  one line (``size: {bytes: 806 GB}``) while it fits.

Safety: every result is parsed again with the registry's own loader and must give exactly the
data the original gave, with the same comments; otherwise the file is left alone and the
problem reported. Formatting a formatted file changes nothing.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)
from ruamel.yaml.tokens import CommentToken

from .entryfile import fields_at
from .loader import parse_text
from .relations import RELATIONS
from .schema import KINDS, MODELS_BY_KIND, EntryBase

LINE_WIDTH = 100
_NO_WRAP = 100_000  # folds are placed by this module; ruamel must never wrap by itself
_HEAD = ("id", "kind", "name", "aliases", "former_ids", "description", "organizations", "released")
_COMMON = ("license", "access", "modalities", "domains", "links")
_TAIL = ("sources", "notes")
_EDGE_FIELDS = frozenset({"lineage", *RELATIONS})
_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
_SCHEMA_RE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=")
_PLAIN_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class FormatError(Exception):
    """A file the formatter will not touch; the message says where and why."""


def schema_line(kind: str) -> str:
    """The comment that lets editors (yaml-language-server) check an entry as it is typed."""
    return _SCHEMA_LINE.format(kind=kind)


def field_order(kind: str) -> list[str]:
    """The canonical order of an entry's top-level keys for one kind.

    Derived from the schema, so a field added there gets a place here without an edit:
    base fields not named in the head, common or tail groups go before the common group.

    >>> field_order("model")[:4]
    ['id', 'kind', 'name', 'aliases']
    """
    base = [f for f in EntryBase.model_fields if f not in (*_HEAD, *_COMMON, *_TAIL)]
    own = [
        f
        for f in MODELS_BY_KIND[kind].model_fields
        if f not in EntryBase.model_fields and f != "kind"
    ]
    facts = [f for f in own if f not in _EDGE_FIELDS]
    edges = [f for f in own if f in _EDGE_FIELDS]
    return [*_HEAD, *facts, *base, *_COMMON, *edges, *_TAIL]


class _PreferDoubleQuotes(Emitter):
    """ruamel.yaml quotes with single quotes by default; one quoting style reads better."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _reader() -> YAML:
    # YAML 1.1, as the registry's loader (libyaml) reads it: `no` is false, `2023-03-13` a date.
    reader = YAML()
    reader.version = (1, 1)
    reader.allow_duplicate_keys = False
    return reader


def _writer() -> YAML:
    writer = YAML()
    writer.Emitter = _PreferDoubleQuotes
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = _NO_WRAP
    return writer


# --- comments -----------------------------------------------------------------------------------
# ruamel.yaml stores the comment lines that follow a value on the last scalar before them: for
# `a: 1\n# about b\nb: 2` the token "\n# about b\n" hangs on key `a`, or on the last leaf of a's
# nested value. A "holder" is that slot: (the ca.items dict, the key or index, the slot number).

_Holder = tuple[dict, Any, int]


def _is_block(value: Any) -> bool:
    return (
        isinstance(value, CommentedMap | CommentedSeq)
        and bool(value)
        and not (value.fa.flow_style())
    )


def _end_holder(container: CommentedMap | CommentedSeq, key: Any) -> _Holder:
    """The slot that holds the comments written after ``container[key]`` and its contents."""
    value = container[key]
    if _is_block(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _end_holder(value, last)
    slot = 2 if isinstance(container, CommentedMap) else 0
    return container.ca.items, key, slot


def _token(text: str, column: int) -> CommentToken:
    return CommentToken(text, CommentMark(column))


def _get_token(holder: _Holder) -> CommentToken | None:
    items, key, slot = holder
    entry = items.get(key)
    return entry[slot] if entry and len(entry) > slot else None


def _set_token(holder: _Holder, text: str, column: int = 0) -> None:
    items, key, slot = holder
    entry = items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    entry[slot] = _token(text, column) if text else None
    if not any(entry):
        del items[key]


def _full_lines(text: str) -> str:
    """Only the comment lines of a run of lines, as indented: blank lines are dropped."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines() if line.strip())


def _indented(lines: str, indent: int) -> str:
    """Comment lines re-indented to sit above a key at ``indent``."""
    return "".join(" " * indent + line.strip() + "\n" for line in lines.splitlines())


def _take_following(holder: _Holder) -> str:
    """Remove and return the full-line comments after a value, keeping any end-of-line one."""
    token = _get_token(holder)
    if token is None:
        return ""
    eol, _, rest = token.value.partition("\n")
    _set_token(holder, eol + "\n" if eol.strip() else "", token.column)
    return _full_lines(rest)


def _give_following(holder: _Holder, lines: str) -> None:
    """Append full-line comments after a value (after any end-of-line comment it has)."""
    if not lines:
        return
    token = _get_token(holder)
    eol = token.value.partition("\n")[0] if token is not None else ""
    prefix = eol + "\n" if eol.strip() else "\n"
    _set_token(holder, prefix + lines, token.column if token is not None else 0)


def _comment_texts(text: str) -> Counter[str]:
    """Every comment in a YAML text, for checking that formatting kept them all."""
    found: Counter[str] = Counter()
    inside: dict[int, int] = {}  # line -> the column where text outside a scalar resumes
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            start, end = token.start_mark, token.end_mark
            if isinstance(token, yaml.ScalarToken) and end.line > start.line:
                # The lines a scalar runs on hold text, not comments: a folded "... #4" is no
                # comment. A block scalar ends at the start of the line after it.
                for line in range(start.line + 1, end.line):
                    inside[line] = -1
                if end.column:
                    inside[end.line] = end.column
    except yaml.YAMLError:
        return found
    # libyaml does not report comments; a line scan is enough once the text is known to be YAML.
    for number, line in enumerate(text.splitlines()):
        resume = inside.get(number, 0)
        if resume < 0:
            continue
        stripped = _strip_to_comment(line[resume:])
        if stripped:
            found[stripped] += 1
    return found


def _strip_to_comment(line: str) -> str:
    """The comment on a line of YAML (outside quotes), without the '#', or ''."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and (i == 0 or line[i - 1] in " [{:,-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[i:].strip()
    return ""


# --- canonical shape ----------------------------------------------------------------------------


def _needs_quotes(text: str) -> bool:
    """True when the registry's loader would not read ``text`` back as this string if plain."""
    return _PLAIN_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR_TAG


def _quote_cost(text: str) -> int:
    """The two quote characters a string costs on its line, when it cannot be written plain."""
    syntax = ": " in text or " #" in text or text.endswith(":")
    syntax = syntax or text[:1] in "!&*[]{}|>'\"%@`#,?:-"
    return 2 if syntax or _needs_quotes(text) else 0


def _fold_positions(text: str, width: int) -> list[int]:
    """Where to break a folded scalar so that no line is longer than ``width`` (where possible)."""
    positions, line_start, last_space = [], 0, -1
    for i, ch in enumerate(text):
        if ch == " ":
            if i - line_start > width and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = i
    if len(text) - line_start > width and last_space > line_start:
        positions.append(last_space)
    return positions


def _restyle_string(text: str, indent: int, key: str | None) -> str:
    """The canonical style of a string under ``key`` at ``indent`` (key None: a list item)."""
    if "\n" in text:
        return LiteralScalarString(text)
    quoted = _needs_quotes(text)
    simple = text == text.strip() and "  " not in text and "\t" not in text and " " in text
    one_line = indent + len(key or "-") + 2 + len(text) + _quote_cost(text)
    if key is not None and simple and one_line > LINE_WIDTH:
        folded = FoldedScalarString(text)
        folded.fold_pos = _fold_positions(text, LINE_WIDTH - indent - 2)  # type: ignore[attr-defined]
        return folded
    return DoubleQuotedScalarString(text) if quoted else str(text)


def _scalar_width(value: Any) -> int:
    text = str(value)
    return len(text) + (_quote_cost(text) if isinstance(value, str) else 0)


def _has_inner_comments(seq: CommentedSeq) -> bool:
    """Comments between the items of a list (a flow list cannot hold them)."""
    last = len(seq) - 1
    for index, entry in seq.ca.items.items():
        token = entry[0] if entry else None
        if token is None:
            continue
        eol, _, rest = token.value.partition("\n")
        if eol.strip() or (index != last and rest.strip()):
            return True
    return bool(seq.ca.comment and any(seq.ca.comment))


def _restyle_list(parent: CommentedMap | CommentedSeq, key: Any, column: int) -> None:
    """Flow style for short lists of plain values, block style for everything else."""
    seq: CommentedSeq = parent[key]
    scalars = all(not isinstance(item, dict | list) for item in seq)
    width = column + 2 + sum(_scalar_width(v) + 2 for v in seq)
    flow = bool(seq) and scalars and width <= LINE_WIDTH and not _has_inner_comments(seq)
    if flow and not seq.fa.flow_style():
        lines = _take_following((seq.ca.items, len(seq) - 1, 0))
        seq.fa.set_flow_style()
        _give_following(_end_holder(parent, key), lines)
    elif not flow and seq.fa.flow_style() and seq:
        lines = _take_following(_end_holder(parent, key))
        seq.fa.set_block_style()
        _give_following(_end_holder(parent, key), lines)


def _may_stay_flow(mapping: CommentedMap, loc: tuple, indent: int) -> bool:
    """Whether a mapping written in flow style (``{bytes: 806 GB}``) may stay so: only a
    mapping nested under a key (never the entry itself, never a list item) that holds plain
    values and fits on its line. Everything else is written one key a line."""
    if not loc or isinstance(loc[-1], int):
        return False
    if any(isinstance(v, dict | list) for v in mapping.values()):
        return False
    width = indent + len(str(loc[-1])) + 4
    width += sum(len(str(k)) + 2 + _scalar_width(v) + 2 for k, v in mapping.items())
    return width <= LINE_WIDTH


def _order(keys: list[str], preferred: list[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(preferred)}
    known = sorted((k for k in keys if k in rank), key=rank.__getitem__)
    return known + [k for k in keys if k not in rank]


def _leading_tokens(slot: list | None, index: int) -> list:
    """The list of comment tokens above a mapping's first key (created when missing)."""
    if slot is None:
        return []
    while len(slot) <= index:
        slot.append(None)
    if slot[index] is None:
        slot[index] = []
    return slot[index]


def _reorder(mapping: CommentedMap, preferred: list[str], leading: list, indent: int) -> None:
    """Put keys in the preferred order; comments above a key move with it.

    ``leading`` is the list of comment tokens printed above the mapping's first key. Inside a
    nested mapping those comments describe its first key and move with it; above the whole file
    they are the file's header and stay on top (the caller passes a copy emptied of them).
    """
    keys = list(mapping.keys())
    wanted = _order(keys, preferred)
    if wanted == keys:
        return
    above = {
        k: _take_following(_end_holder(mapping, prev))
        for prev, k in zip(keys, keys[1:], strict=False)
    }
    above[keys[0]] = _full_lines("".join(t.value for t in leading if t is not None))
    leading.clear()
    tail = _take_following(_end_holder(mapping, keys[-1]))
    values = [(k, mapping[k], mapping.ca.items.pop(k, None)) for k in wanted]
    for key in keys:
        del mapping[key]
    for key, value, comments in values:
        mapping[key] = value
        if comments is not None:
            mapping.ca.items[key] = comments
    leading.extend(_token(line.strip() + "\n", indent) for line in above[wanted[0]].splitlines())
    for prev, key in zip(wanted, wanted[1:], strict=False):
        _give_following(_end_holder(mapping, prev), _indented(above.get(key, ""), indent))
    _give_following(_end_holder(mapping, wanted[-1]), tail)


def _canonical(
    node: Any, preferred: list[str], loc: tuple, kind_model: Any, indent: int, leading: list
) -> None:
    """Restyle a mapping or list in place, children first (so their last leaf is final)."""
    if isinstance(node, CommentedMap):
        if node.fa.flow_style() and not _may_stay_flow(node, loc, indent):
            node.fa.set_block_style()
        for key in list(node.keys()):
            value = node[key]
            child_loc = (*loc, str(key))
            if isinstance(value, CommentedMap):
                nested = fields_at(kind_model, child_loc) if kind_model else []
                slot = _leading_tokens(node.ca.items.setdefault(key, [None] * 4), 3)
                _canonical(value, nested, child_loc, kind_model, indent + 2, slot)
            elif isinstance(value, CommentedSeq):
                _canonical(value, [], child_loc, kind_model, indent + 2, [])
                _restyle_list(node, key, indent + len(str(key)) + 2)
            elif isinstance(value, str):
                node[key] = _restyle_string(value, indent, str(key))
        if node:
            _reorder(node, preferred, leading, indent)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            if isinstance(value, CommentedMap):
                nested = fields_at(kind_model, (*loc, 0)) if kind_model else []
                _canonical(value, nested, (*loc, index), kind_model, indent + 2, [])
            elif isinstance(value, str):
                node[index] = _restyle_string(value, indent + 2, None)


def _tidy(node: Any) -> None:
    """Drop the empty comment slots that the walk created, so ruamel prints nothing for them."""
    if isinstance(node, CommentedMap | CommentedSeq):
        for key, entry in list(node.ca.items.items()):
            if not any(entry):
                del node.ca.items[key]
        for value in node.values() if isinstance(node, CommentedMap) else node:
            _tidy(value)


def _ensure_schema_line(doc: CommentedMap, kind: str | None, above_first: list) -> None:
    """The schema comment first, then the file's header, then comments above the first key."""
    leading = doc.ca.comment[1] if doc.ca.comment and len(doc.ca.comment) > 1 else None
    tokens = [t for t in (leading or []) + above_first if t is not None]
    text = "".join(_full_lines(t.value) for t in tokens)
    kept = [line.strip() for line in text.splitlines() if not _SCHEMA_RE.match(line.strip())]
    new = [schema_line(kind), *kept] if kind in KINDS else kept
    if not new:
        return
    doc.ca.comment = [None, [_token(line + "\n", 0) for line in new]]


# --- public API ---------------------------------------------------------------------------------


def format_text(text: str, path: str = "<text>") -> str:
    """The canonical form of one entry file's text; :class:`FormatError` if it cannot be done."""
    before = parse_text(text, path)
    if before.data is None:
        problems = "; ".join(f"{f.line}:{f.col}: {f.code} {f.message}" for f in before.findings)
        raise FormatError(f"{path}: not formatted until it loads: {problems}")
    try:
        doc = _reader().load(text)
    except YAMLError as exc:
        raise FormatError(f"{path}: cannot be read for formatting: {exc}") from None
    kind = before.data.get("kind")
    kind_model = MODELS_BY_KIND.get(kind) if isinstance(kind, str) else None
    preferred = field_order(kind) if kind_model else list(_HEAD)
    header: list = []  # the file's own leading comments stay on top: see _reorder
    _canonical(doc, preferred, (), kind_model, 0, header)
    _tidy(doc)
    _ensure_schema_line(doc, kind, header)
    out = io.StringIO()
    _writer().dump(doc, out)
    result = out.getvalue()
    after = parse_text(result, path)
    if after.data != before.data:
        raise FormatError(
            f"{path}: formatting would change the data; the file was left alone "
            "(please report this with the file)"
        )
    if _comment_texts(result) != _comment_texts(text) + _new_schema_comment(text, result):
        raise FormatError(
            f"{path}: formatting would lose a comment; the file was left alone "
            "(please report this with the file)"
        )
    return result


def _new_schema_comment(before: str, after: str) -> Counter[str]:
    """The schema comment the formatter added (it is the one comment allowed to appear)."""
    added = _comment_texts(after) - _comment_texts(before)
    return Counter({c: n for c, n in added.items() if _SCHEMA_RE.match(c)})


def dump_fragment(data: dict[str, Any], kind: str | None = None) -> str:
    """Canonical YAML for a few fields: the scaffold and the card import write drafts with it."""
    doc = CommentedMap(data)
    kind_model = MODELS_BY_KIND.get(kind) if kind else None
    doc = _reader().load(_plain_dump(doc))
    preferred = field_order(kind) if kind else list(_HEAD)
    _canonical(doc, preferred, (), kind_model, 0, [])
    _tidy(doc)
    out = io.StringIO()
    _writer().dump(doc, out)
    return out.getvalue()


def _plain_dump(data: Any) -> str:
    out = io.StringIO()
    plain = YAML(typ="safe", pure=True)
    plain.default_flow_style = False
    plain.dump(_plain(data), out)
    return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass
class FileResult:
    """What formatting did to one file."""

    path: Path
    changed: bool
    error: str | None = None
    original: str = ""
    formatted: str = ""


def format_file(path: Path, *, write: bool) -> FileResult:
    """Format one file; write it back only when ``write`` and the text changes.

    A symbolic link is never formatted: writing to it would rewrite whatever it points at.
    """
    if path.is_symlink():
        return FileResult(path, False, f"{path}: is a symbolic link; not formatted")
    try:
        original = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return FileResult(path, False, f"{path}: cannot read: {exc}")
    try:
        formatted = format_text(original, str(path))
    except FormatError as exc:
        return FileResult(path, False, str(exc), original)
    changed = formatted != original
    if changed and write:
        try:
            _replace(path, formatted)
        except OSError as exc:
            return FileResult(path, False, f"{path}: cannot write: {exc.strerror}", original)
    return FileResult(path, changed, None, original, formatted)


def _replace(path: Path, text: str) -> None:
    """Write a file's new text beside it, then rename it over the file: the path itself is
    replaced (a link put there meanwhile is not written through), and a crash or a full disk
    leaves the old text whole."""
    mode = path.stat(follow_symlinks=False).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
