"""Per-file checks on what names an entry and what it says: no control or invisible formatting
characters (S010), and no id that a generated page already uses (S013).

Entries come from strangers, and their text reaches terminals (a name holding ``ESC [2J``
clears a reviewer's screen), pages, diagrams and exports. A name, id or alias may hold no
control character, no bidirectional override or isolate and no invisible formatting character
at all; free text (description, notes) may hold line breaks and tabs, but no other control
character and no bidirectional override. The walk over the data keeps its own stack.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from .catalog import make_finding
from .findings import Finding
from .kinds import RESERVED_IDS
from .loader import LoadedFile, Loc
from .terminal import BIDI_CONTROLS, char_name, is_unsafe

# Keys whose text may run over several lines (everything else is a single line: a name, an id,
# a URL, a title, a code).
MULTILINE_KEYS = frozenset({"description", "notes", "note", "reason"})
_LINE_BREAKS = frozenset("\n\t")
_TAGS = range(0xE0000, 0xE0080)  # invisible copies of ASCII: text hidden from readers


def _allowed_in_text(ch: str) -> bool:
    """Line breaks, tabs and the invisible marks that scripts use in running text (joiners,
    soft hyphens), but no bidirectional override and no tag character."""
    if ch in _LINE_BREAKS:
        return True
    return unicodedata.category(ch) == "Cf" and ch not in BIDI_CONTROLS and ord(ch) not in _TAGS


def strings(data: Any) -> Iterator[tuple[Loc, str]]:
    """Every string in an entry's raw data with its location, depth-first in file order."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            yield loc, value
        elif isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(value))))


def _last_key(loc: Loc) -> str:
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "")


def forbidden_char(text: str, multiline: bool) -> tuple[int, str] | None:
    """The first character ``text`` may not hold, with its index; None when it is clean."""
    if text.isprintable():
        return None
    for index, ch in enumerate(text):
        if not is_unsafe(ch):
            continue
        if not (multiline and _allowed_in_text(ch)):
            return index, ch
    return None


def _any_forbidden(data: Any) -> bool:
    """Whether any string of ``data`` holds a character it may not: one quick pass (most
    strings are printable, which ``str.isprintable`` tells at C speed), so that clean files,
    nearly all of them, never pay for the located walk."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        key, value = stack.pop()
        if type(value) is str:
            if not value.isprintable() and forbidden_char(value, key in MULTILINE_KEYS):
                return True
        elif type(value) is dict:
            stack.extend(value.items())
        elif type(value) is list:
            stack.extend((key, item) for item in value)
    return False


def control_characters(loaded: LoadedFile) -> list[Finding]:
    """S010 for each string of the file that holds a character it may not."""
    if loaded.printable or not _any_forbidden(loaded.data):
        return []
    out = []
    for loc, text in strings(loaded.data):
        found = forbidden_char(text, _last_key(loc) in MULTILINE_KEYS)
        if found is None:
            continue
        index, ch = found
        field = ".".join(str(p) for p in loc)
        line, col = loaded.position(loc)
        message = f"{field} holds {char_name(ch)} (character {index + 1})"
        out.append(make_finding("S010", loaded.path, line, col, message))
    return out


def reserved_ids(loaded: LoadedFile) -> list[Finding]:
    """S013 for an id or former id that names a page the site generates itself."""
    data = loaded.data or {}
    named = [(("id",), data.get("id"))]
    former = data.get("former_ids")
    if isinstance(former, list):
        named += [(("former_ids", i), old) for i, old in enumerate(former)]
    elif former is not None:
        named.append((("former_ids",), former))
    out = []
    for loc, value in named:
        if isinstance(value, str) and value.lower() in RESERVED_IDS:
            line, col = loaded.position(loc)
            message = f"{'.'.join(map(str, loc))} {value!r} is the name of a generated page"
            out.append(make_finding("S013", loaded.path, line, col, message))
    return out


def check_identity(loaded: LoadedFile) -> list[Finding]:
    """Every identity check of one parsed file (its data must be a mapping)."""
    return control_characters(loaded) + reserved_ids(loaded)
