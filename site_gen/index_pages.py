"""One index page per kind: a table of every entry that the site's script makes sortable and
filterable in the browser (by organization, year, size, licence, access, architecture, domain).

The table is a raw HTML block (with thousands of rows, Python-Markdown's inline pass over a
Markdown table was most of the page's build time; see :mod:`site_gen.markup`); a marker element
before it names the columns to filter and how to read them (``list``: comma-separated values,
``year``: the first four characters, ``size``: buckets of parameter counts). Without JavaScript
it is still a complete table. The table is left out of search (:mod:`site_gen.search`): each
entry is found on its own page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from registry.schema import AnyEntry, Dataset, Library, Model, Organization

from . import layout, markup, passthrough, search
from .context import SiteContext
from .facts import (
    NOT_DISCLOSED,
    largest_size,
    license_short,
    license_text,
    size_range,
    sizes,
    undisclosed_size,
)
from .text import attribute, html_text

Render = Callable[[SiteContext, str, AnyEntry], str]


@dataclass(frozen=True)
class Column:
    """One column of an index table: how a cell shows an entry, and optionally what the cell
    carries as attributes (a ``data-sort`` key, a ``title``) beside its text."""

    header: str
    render: Render
    attrs: Callable[[SiteContext, AnyEntry], str] = lambda ctx, e: ""


def _name(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return ctx.html_link(src, e.id)


def _orgs(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return ctx.html_links(src, e.organizations)


def _field(name: str) -> Render:
    def get(ctx: SiteContext, src: str, e: AnyEntry) -> str:
        value = getattr(e, name, None)
        if isinstance(value, list):
            return html_text(", ".join(str(v) for v in value))
        return html_text(value) if value else ""

    return get


def _size_range(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    if undisclosed_size(e):
        return NOT_DISCLOSED
    return html_text(size_range(e.parameters)) if isinstance(e, Model) else ""


def _volume(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return html_text(sizes(e))


def _licence(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return html_text(license_short(e.license)) if e.license else ""


def _member_count(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return str(len(ctx.members.get(e.id, [])))


def _sort_attr(key: object | None) -> str:
    return f' data-sort="{attribute(key)}"' if key is not None else ""


def date_key(released: str | None) -> str | None:
    """A release date as a sort key that orders every precision by time: ``2022`` → 20220000,
    ``2023-09`` → 20230900, ``2023-09-27`` → 20230927 (a date known only to the year or month
    sorts before the dated days of that period). The script compares keys as numbers."""
    if not released:
        return None
    year, month, day = (released.split("-") + ["0", "0"])[:3]
    return f"{int(year):04d}{int(month):02d}{int(day):02d}"


NOWRAP = ' class="llmr-nowrap"'  # dates and sizes never break inside (2023-<br>09)


def _released_attrs(ctx: SiteContext, e: AnyEntry) -> str:
    return _sort_attr(date_key(e.released)) + NOWRAP


def _size_attrs(ctx: SiteContext, e: AnyEntry) -> str:
    """Sorted by the largest size; every size is in the tooltip and in ``data-sizes`` (the
    script's size filter reads it: a range would hide the sizes between its ends)."""
    if not isinstance(e, Model) or not e.parameters:
        return ""
    every = " ".join(str(int(p)) for p in e.parameters)
    return f'{_sort_attr(largest_size(e))} data-sizes="{every}" title="{attribute(sizes(e))}"'


def _volume_attrs(ctx: SiteContext, e: AnyEntry) -> str:
    if isinstance(e, Dataset) and e.size is not None and e.size.bytes is not None:
        return _sort_attr(e.size.bytes)
    return ""


def _licence_attrs(ctx: SiteContext, e: AnyEntry) -> str:
    return f' title="{attribute(license_text(e.license))}"' if e.license else ""


def _count_attrs(ctx: SiteContext, e: AnyEntry) -> str:
    return _sort_attr(len(ctx.members.get(e.id, [])))


NAME = Column("Name", _name)
ORGANIZATION = Column("Organization", _orgs)
RELEASED = Column("Released", _field("released"), _released_attrs)
COMMON_TAIL = [Column("Licence", _licence, _licence_attrs), Column("Access", _field("access"))]
COLUMNS: dict[type, list[Column]] = {
    Model: [
        NAME,
        ORGANIZATION,
        RELEASED,
        Column("Parameters", _size_range, _size_attrs),
        Column("Architecture", _field("architecture")),
        *COMMON_TAIL,
        Column("Domains", _field("domains")),
    ],
    Dataset: [
        NAME,
        ORGANIZATION,
        RELEASED,
        Column("Category", _field("category")),
        Column("Size", _volume, _volume_attrs),
        *COMMON_TAIL,
        Column("Domains", _field("domains")),
    ],
    Library: [
        NAME,
        ORGANIZATION,
        RELEASED,
        Column("Language", _field("language")),
        *COMMON_TAIL,
    ],
    Organization: [
        NAME,
        Column("Type", _field("type")),
        Column("Country", _field("country")),
        Column("Entries", _member_count, _count_attrs),
    ],
}
FILTERS = {
    "model": "Organization:list;Released:year;Parameters:size;Licence:value;Access:value;"
    "Architecture:value;Domains:list",
    "dataset": "Organization:list;Released:year;Category:value;Licence:value;Access:value;"
    "Domains:list",
    "library": "Organization:list;Released:year;Language:list;Licence:value",
    "organization": "Type:value;Country:value",
}
INTROS = {
    "model": "Every language model in the registry, with the sizes it ships in.",
    "dataset": "Pre-training corpora, instruction and preference data, and benchmarks.",
    "library": "Software used to train, tune and serve the models.",
    "organization": "Companies, labs and communities behind the resources.",
}


def render(ctx: SiteContext, kind: str, entries: list[AnyEntry], model_class: type) -> str:
    """The Markdown of one kind's index page, newest first."""
    src = layout.index_src(kind)
    columns = COLUMNS[model_class]
    title = layout.KIND_TITLES[kind]
    lines = [
        "---",
        "hide: [toc]",
        "---",
        "",
        f"# {title}",
        "",
        f"{INTROS[kind]} {len(entries)} entries.",
        "",
        search.END,
        "",
    ]
    lines.append(
        f'<div class="llmr-table" data-filters="{attribute(FILTERS[kind])}" '
        f'data-sort="Released"></div>'
    )
    lines.append("")
    ordered = sorted(entries, key=lambda e: (e.released or "", e.name.casefold()), reverse=True)
    rows = (
        markup.cells_row((c.attrs(ctx, e), c.render(ctx, src, e)) for c in columns) for e in ordered
    )
    # The script finds the table as the marker's next element.
    table = markup.table((c.header for c in columns), rows, " data-search-exclude")
    lines += [passthrough.wrap(table), ""]
    return "\n".join(lines)
