"""Text from entries, made safe to show: control and bidirectional-formatting characters escaped,
long values clipped.

Entry files come from strangers. A name holding ``ESC [2J`` clears a reviewer's terminal, one
holding U+202E (right-to-left override) shows its text backwards, and a 5,000-character value
quoted in full buries the message about it. Everything the CLI prints that came from a file (or
from a file name) passes through :func:`printable`; messages quote values with :func:`shown`.
"""

from __future__ import annotations

import unicodedata

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
    if text.isprintable():  # the common case: nothing to do (space is printable)
        return text
    return "".join(escape_char(ch) if ch not in keep and is_unsafe(ch) else ch for ch in text)


def char_name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character named the way Unicode charts do."""
    name = unicodedata.name(ch, "")
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
