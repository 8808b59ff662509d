"""Entry text made safe for every place a page shows it: the one escaping module of the site.

Entries come from pull requests, so their text is untrusted. Each context has its function, and
every writer in :mod:`site_gen` uses these (never its own escaping):

- Markdown paragraphs, list items, table cells: :func:`plain` escapes completely (HTML characters
  become entities and Markdown punctuation is backslash-escaped, so nothing can open a tag, a
  link, an attribute list or a table cell). Markdown passes raw HTML through, so both matter.
- Descriptions and notes: :func:`description` keeps inline formatting (emphasis, code, http(s)
  links) but never produces raw HTML, images, attribute lists or links to another scheme
  (``javascript:``, ``data:``): those show up as the text that was written.
- Raw HTML blocks and inline SVG: :func:`html_text` for text, :func:`attribute` for attribute
  values (both escape quotes), :func:`preformatted` for ``<pre>`` text, and :func:`safe_url`
  before a URL from an entry becomes a link (http(s) to a public host only).
- Mermaid labels are encoded by :func:`registry.lineage_format.mermaid_text` (entity codes),
  and the theme's ``<title>`` by ``site_gen/templates/main.html``.

Control characters (other than tab and line breaks) never reach a page: they become U+FFFD,
so that no entry can write Python-Markdown's placeholder characters (STX, ETX) either.

>>> plain("<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
>>> attribute('" onmouseover="x')
'&quot; onmouseover=&quot;x'
"""

from __future__ import annotations

import re

from registry.urls import url_problem

# Characters that are markup anywhere in a line (the rest, such as "-" or "1.", only at the start
# of a line, see _LINE_START); escaping no more than needed keeps Markdown rendering fast.
_MD_PUNCTUATION = set("\\`*_{}[]#!")  # "!" so that "![x](url)" never loads an image
_LINE_START = re.compile(r"^(?:([-+])|(\d+)([.)]))")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "|": "&#124;"}
_HTML_ONLY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_CONTROLS = {
    code: "\ufffd" for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(code) not in "\t\n\r"
}

# Inline formatting a description may keep.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s<>\"']{1,2000})\)")


def _table(keep: str = "") -> dict[int, str]:
    table = {ord(ch): "\\" + ch for ch in _MD_PUNCTUATION if ch not in keep}
    table.update({ord(ch): entity for ch, entity in _HTML.items()})
    table.update(_CONTROLS)
    return table


_ALL = _table()
_KEEP_EMPHASIS = _table(keep="*_")
_HTML_TEXT = str.maketrans({**_CONTROLS, **_HTML_ONLY})
_CODE_TEXT = str.maketrans({**_CONTROLS, **_HTML_ONLY, "|": "&#124;"})  # "|" for table cells
_NO_CONTROLS = str.maketrans(_CONTROLS)


def _line_start(escaped: str) -> str:
    """Text that would start a list, rule or setext heading at the start of a line, escaped."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped, 1)


def plain(text: object) -> str:
    """Any value as literal text inside Markdown (paragraphs, list items and table cells)."""
    flat = " ".join(str(text).split())
    return _line_start(flat.translate(_ALL))


def attribute(text: object) -> str:
    """A value for a quoted HTML or SVG attribute (quotes included in escaping)."""
    return str(text).translate(_HTML_TEXT)


def html_text(text: object) -> str:
    """Any value as literal text on one line inside a raw HTML block or inline SVG (entry pages
    and index tables are written as HTML: Markdown does not look inside such a block, so only
    HTML is escaped). Quotes are escaped too, so the text is also safe in an attribute."""
    return " ".join(str(text).split()).translate(_HTML_TEXT)


def preformatted(text: object) -> str:
    """Text for a ``<pre>`` element, line breaks kept."""
    return str(text).translate(_HTML_TEXT)


def code_text(text: str) -> str:
    """The text of a ``<code>`` element written inline in Markdown (a table cell included)."""
    return text.translate(_CODE_TEXT)


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


def inline(text: str) -> str:
    """One paragraph of Markdown from text that may carry ``code`` spans, emphasis and http(s)
    links, on one line: everything else in it is literal text (see :func:`description`)."""
    flat = " ".join(text.split()).translate(_NO_CONTROLS)
    out: list[str] = []
    pos = 0
    for match in _CODE_SPAN.finditer(flat):
        out.append(_inline(flat[pos : match.start()]))
        code = match.group(2).strip() or match.group(2)
        out.append(f"<code>{code_text(code)}</code>")
        pos = match.end()
    out.append(_inline(flat[pos:]))
    result = "".join(out)
    # A paragraph must not start a list or be a rule: "1. x", "* x", "- x", "***" are text.
    if re.match(r"[*_]\s", result) or re.fullmatch(r"[*_\s]+", result):
        result = "\\" + result
    return _line_start(result)


def description(text: str | None) -> str:
    """A description as Markdown paragraphs with inline formatting only; empty if None."""
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(inline(p) for p in paragraphs)
