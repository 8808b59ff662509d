"""Entry text made safe for Markdown: every field is data, never markup.

Entries come from pull requests, so their text is untrusted. Plain fields (names, notes, table
cells) are escaped completely: HTML characters become entities and every Markdown punctuation
character is backslash-escaped, so nothing in them can open a tag, a link, an attribute list or a
table cell. Descriptions keep inline formatting (emphasis, code, http(s) links) but still never
produce raw HTML, images, attribute lists or links to another scheme (``javascript:``): those
show up as the text that was written.

>>> plain("<script>alert(1)</script>")
'&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;'
"""

from __future__ import annotations

import html
import re

from registry.urls import url_problem

# Characters Python-Markdown treats as markup and accepts a backslash before.
_MD_PUNCTUATION = set("\\`*_{}[]()#+-.!>")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "|": "&#124;"}

# Inline formatting a description may keep.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s<>\"']{1,2000})\)")
_EMPHASIS = set("*_")


def _escape_char(ch: str, keep: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    if ch in keep:
        return ch
    if ch in _HTML:
        return _HTML[ch]
    if ch in _MD_PUNCTUATION:
        return "\\" + ch
    return ch


def plain(text: object) -> str:
    """Any value as literal text inside Markdown (paragraphs, list items and table cells)."""
    flat = " ".join(str(text).split())
    return "".join(_escape_char(ch) for ch in flat)


def attribute(text: object) -> str:
    """A value for an HTML attribute written by the generator (quotes included in escaping)."""
    return html.escape(str(text), quote=True)


def safe_url(url: str) -> bool:
    """Whether a link may be made clickable: http(s) to a public host, like entry links."""
    return url_problem(url) is None


def _inline(text: str) -> str:
    """Escape a run of description text, keeping emphasis markers and safe links."""
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        out.append("".join(_escape_char(ch, _EMPHASIS) for ch in text[pos : match.start()]))
        label, url = match.groups()
        if safe_url(url):
            escaped_label = "".join(_escape_char(ch, _EMPHASIS) for ch in label)
            out.append(f"[{escaped_label}](<{url}>)")
        else:
            out.append("".join(_escape_char(ch) for ch in match.group(0)))
        pos = match.end()
    out.append("".join(_escape_char(ch, _EMPHASIS) for ch in text[pos:]))
    return "".join(out)


def _paragraph(text: str) -> str:
    flat = " ".join(text.split())
    out: list[str] = []
    pos = 0
    for match in _CODE_SPAN.finditer(flat):
        out.append(_inline(flat[pos : match.start()]))
        code = match.group(2).strip() or match.group(2)
        out.append(f"<code>{html.escape(code, quote=True)}</code>")
        pos = match.end()
    out.append(_inline(flat[pos:]))
    result = "".join(out)
    # A paragraph must not start a list, heading or quote: "1. x", "* x", "- x" are text.
    if re.match(r"[*_]\s", result):
        result = "\\" + result
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", result)


def description(text: str | None) -> str:
    """A description as Markdown paragraphs with inline formatting only; empty if None."""
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(_paragraph(p) for p in paragraphs)
