"""Entry text made safe for Markdown: every field is data, never markup.

Entries come from pull requests, so their text is untrusted. Plain fields (names, notes, table
cells) are escaped completely: HTML characters become entities and every Markdown punctuation
character is backslash-escaped, so nothing in them can open a tag, a link, an attribute list or a
table cell. Descriptions keep inline formatting (emphasis, code, http(s) links) but still never
produce raw HTML, images, attribute lists or links to another scheme (``javascript:``): those
show up as the text that was written.

>>> plain("<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
"""

from __future__ import annotations

import html
import re

from registry.urls import url_problem

# Characters that are markup anywhere in a line (the rest, such as "-" or "1.", only at the start
# of a line, see _LINE_START); escaping no more than needed keeps Markdown rendering fast.
_MD_PUNCTUATION = set("\\`*_{}[]#!")  # "!" so that "![x](url)" never loads an image
_LINE_START = re.compile(r"^(?:([-+])|(\d+)([.)]))")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "|": "&#124;"}

# Inline formatting a description may keep.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s<>\"']{1,2000})\)")


def _table(keep: str = "") -> dict[int, str]:
    table = {ord(ch): "\\" + ch for ch in _MD_PUNCTUATION if ch not in keep}
    table.update({ord(ch): entity for ch, entity in _HTML.items()})
    return table


_ALL = _table()
_KEEP_EMPHASIS = _table(keep="*_")
_HTML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _line_start(escaped: str) -> str:
    """Text that would start a list, rule or setext heading at the start of a line, escaped."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped, 1)


def plain(text: object) -> str:
    """Any value as literal text inside Markdown (paragraphs, list items and table cells)."""
    flat = " ".join(str(text).split())
    return _line_start(flat.translate(_ALL))


def attribute(text: object) -> str:
    """A value for an HTML attribute written by the generator (quotes included in escaping)."""
    return html.escape(str(text), quote=True)


def html_text(text: object) -> str:
    """Any value as literal text inside a raw HTML block (entry pages and index tables are
    written as HTML: Markdown does not look inside such a block, so only HTML is escaped)."""
    return " ".join(str(text).split()).translate(_HTML_TEXT)


def safe_url(url: str) -> bool:
    """Whether a link may be made clickable: http(s) to a public host, like entry links."""
    return url_problem(url) is None


def _inline(text: str) -> str:
    """Escape a run of description text, keeping emphasis markers and safe links."""
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        out.append(text[pos : match.start()].translate(_KEEP_EMPHASIS))
        label, url = match.groups()
        if safe_url(url):
            out.append(f"[{label.translate(_KEEP_EMPHASIS)}](<{url}>)")
        else:
            out.append(match.group(0).translate(_ALL))
        pos = match.end()
    out.append(text[pos:].translate(_KEEP_EMPHASIS))
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
    # A paragraph must not start a list: "1. x", "* x", "- x" are text.
    if re.match(r"[*_]\s", result):
        result = "\\" + result
    return _line_start(result)


def description(text: str | None) -> str:
    """A description as Markdown paragraphs with inline formatting only; empty if None."""
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(_paragraph(p) for p in paragraphs)
