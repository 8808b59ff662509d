"""Text from entries, made safe to show: control and bidirectional-formatting characters escaped,
long values clipped.

Entry files come from strangers. A name holding ``ESC [2J`` clears a reviewer's terminal, one
holding U+202E (right-to-left override) shows its text backwards, and a 5,000-character value
quoted in full buries the message about it. Everything the CLI prints that came from a file (or
from a file name) passes through :func:`printable`; messages quote values with :func:`shown`.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any, TextIO

# Characters that change how a terminal or a text renderer shows what follows them. Cc (C0,
# DEL, C1), Cf (format: bidi embeddings, overrides and isolates, zero-width characters, tag
# characters), line and paragraph separators, and surrogates left by a bad decode.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def is_unsafe(ch: str) -> bool:
    """True for a character that must never reach a terminal as it is."""
    return unicodedata.category(ch) in UNSAFE_CATEGORIES


def escape_char(ch: str) -> str:
    """``\\x1b``, ``\\n``, ``\\u202e``: how :func:`printable` writes an unsafe character."""
    code = ord(ch)
    if ch in "\n\t\r":
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every unsafe character escaped (those in ``keep``, such as a newline
    between lines the caller wrote, are left alone)."""
    if text.isprintable() or (keep and text.translate(_dropped(keep)).isprintable()):
        return text  # the common case, checked at C speed (space is printable)
    return "".join(escape_char(ch) if ch not in keep and is_unsafe(ch) else ch for ch in text)


@cache
def _dropped(chars: str) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


def json_printable(text: str) -> str:
    """JSON text with the unsafe characters that ``json.dumps`` leaves as they are (C1
    controls, DEL, bidirectional and other format characters) written as ``\\uXXXX``
    escapes: the same data once parsed, but harmless on a terminal."""
    if text.translate(_dropped("\n")).isprintable():
        return text
    return "".join(_json_escape(ch) if ch != "\n" and is_unsafe(ch) else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


class SafeStream:
    """A text stream that escapes unsafe characters on their way out (newlines and tabs
    pass): the CLI's diagnostics never reach a terminal raw, whatever printed them."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text, keep="\n\t"))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# Control characters have no names in the Unicode database, only aliases; the usual ones.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION (tab)",
    0x0A: "LINE FEED (newline)",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def char_name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character named the way Unicode charts do."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "")
    if not name and unicodedata.category(ch) == "Cc":
        name = "control character"
    return f"U+{ord(ch):04X} {name}".rstrip()


def shown(value: object, limit: int = 60) -> str:
    """A value quoted for a message: its ``repr`` (which escapes control characters), clipped
    to about ``limit`` characters with the full length said."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(str(value)):,} characters)"
