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

from registry.schema import AnyEntry, Dataset, Library, Model, Organization

from . import layout, markup, passthrough, search
from .context import SiteContext
from .facts import sizes
from .text import attribute, html_text

Column = tuple[str, Callable[[SiteContext, str, AnyEntry], str]]


def _name(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return ctx.html_link(src, e.id)


def _orgs(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return ctx.html_links(src, e.organizations)


def _field(name: str) -> Callable[[SiteContext, str, AnyEntry], str]:
    def get(ctx: SiteContext, src: str, e: AnyEntry) -> str:
        value = getattr(e, name, None)
        if isinstance(value, list):
            return html_text(", ".join(str(v) for v in value))
        return html_text(value) if value else ""

    return get


def _sizes(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return html_text(sizes(e))


def _member_count(ctx: SiteContext, src: str, e: AnyEntry) -> str:
    return str(len(ctx.members.get(e.id, [])))


COMMON_TAIL: list[Column] = [("Licence", _field("license")), ("Access", _field("access"))]
COLUMNS: dict[type, list[Column]] = {
    Model: [
        ("Name", _name),
        ("Organization", _orgs),
        ("Released", _field("released")),
        ("Parameters", _sizes),
        ("Architecture", _field("architecture")),
        *COMMON_TAIL,
        ("Domains", _field("domains")),
    ],
    Dataset: [
        ("Name", _name),
        ("Organization", _orgs),
        ("Released", _field("released")),
        ("Category", _field("category")),
        ("Size", _sizes),
        *COMMON_TAIL,
        ("Domains", _field("domains")),
    ],
    Library: [
        ("Name", _name),
        ("Organization", _orgs),
        ("Released", _field("released")),
        ("Language", _field("language")),
        *COMMON_TAIL,
    ],
    Organization: [
        ("Name", _name),
        ("Type", _field("type")),
        ("Country", _field("country")),
        ("Entries", _member_count),
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
    lines = [f"# {title}", "", f"{INTROS[kind]} {len(entries)} entries.", "", search.END, ""]
    lines.append(
        f'<div class="llmr-table" data-filters="{attribute(FILTERS[kind])}" '
        f'data-sort="Released"></div>'
    )
    lines.append("")
    ordered = sorted(entries, key=lambda e: (e.released or "", e.name.casefold()), reverse=True)
    rows = (markup.row(get(ctx, src, entry) for _, get in columns) for entry in ordered)
    # The script finds the table as the marker's next element.
    table = markup.table((name for name, _ in columns), rows, " data-search-exclude")
    lines += [passthrough.wrap(table), ""]
    return "\n".join(lines)
