"""Small HTML builders for the parts of pages written as raw HTML blocks: the body of entry pages,
the index tables and the timeline lists.

Why HTML and not Markdown: Python-Markdown passes a block-level HTML block through as it is, while
a Markdown table costs an inline-pattern pass over every cell; on a registry of thousands of
entries that pass was the largest single cost of the build. The pages stay Markdown files (a title
heading, paragraphs, raw HTML blocks), so any Markdown renderer can still read them.

Markdown does not look inside these blocks, so links in them are written as final relative URLs
(:func:`site_gen.layout.url_link`), not as links between source files; the site link check in
the tests resolves every one of them. Every value from an entry is escaped by
:func:`site_gen.text.html_text` or :func:`site_gen.text.attribute`, and a URL becomes a link
only when :func:`site_gen.text.safe_url` accepts it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .text import attribute, html_text, safe_url


def link(href: str, label: object) -> str:
    """A link written by the generator (``href`` is a URL we made) with an escaped label."""
    return f'<a href="{attribute(href)}">{html_text(label)}</a>'


def external(url: str, label: object | None = None) -> str:
    """A link to a URL from an entry when it is safe (http(s), public host); text otherwise."""
    text = html_text(label if label is not None else url)
    return f'<a href="{attribute(url)}">{text}</a>' if safe_url(url) else text


def heading(level: int, title: str, anchor: str, attrs: str = "") -> str:
    """A section heading with an anchor; ``title`` is text written by the generator."""
    return f'<h{level} id="{anchor}"{attrs}>{html_text(title)}</h{level}>'


def items(values: Iterable[str]) -> str:
    """A bulleted list of ready-made HTML fragments."""
    return "<ul>\n" + "\n".join(f"<li>{v}</li>" for v in values) + "\n</ul>"


def row(cells: Iterable[str], attrs: str = "") -> str:
    """A table row of ready-made HTML fragments. Cells are separated by a space so that text
    taken from the page (search, copy) reads "Also known as SynM4", not "Also known asSynM4"."""
    return f"<tr{attrs}><td>" + "</td> <td>".join(cells) + "</td></tr>"


def cells_row(cells: Iterable[tuple[str, str]]) -> str:
    """:func:`row` for cells with attributes of their own: (attributes, content) pairs, the
    attributes written by the generator (`` data-sort="..."``) with values escaped."""
    return "<tr>" + " ".join(f"<td{attrs}>{content}</td>" for attrs, content in cells) + "</tr>"


def table(
    headers: Iterable[str], rows: Iterable[str], attrs: str = "", head_attrs: str = ""
) -> str:
    """A table without a class (so the theme styles it like a Markdown table) from header
    texts written by the generator and rows made by :func:`row`."""
    head = " ".join(f"<th>{html_text(h)}</th>" for h in headers)
    return (
        f"<table{attrs}>\n<thead{head_attrs}><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )
