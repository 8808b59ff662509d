"""What generated pages give to search: the part of the page before :data:`END`.

Material's search plugin tokenizes a page's whole HTML to build its records, even the parts
marked ``data-search-exclude``; on thousands of entry pages, and on index tables, charts and
lists that grow with the registry, that was the largest cost of the build, and the charts and
lists filled the index with every entry's name again. A generated page puts what readers search
first (an entry page: its title, the aliases and organizations rows, the description; an index
or chart page: its title and introduction) and marks the end of it with :data:`END`, an HTML
comment. The hook hands the plugin only that first part, through the plugin's own
``add_entry_from_context``, so the records and their escaping are the plugin's own.

Entry records carry two things more (:func:`add_searched_part`): their names as one-token
forms in a field of their own (:mod:`site_gen.search_names`: an exact name or alias comes
first), and the names of the data upstream of a model (what it and the models it is made from
were trained on), so "pile" finds every model whose weights go back to The Pile.

If the search plugin is missing or not Material's, the pages are indexed the ordinary way
(what follows :data:`END` on entry pages carries ``data-search-exclude`` for that case too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import search_names

if TYPE_CHECKING:  # page generators import END; only the hook needs MkDocs
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

END = "<!-- llmr:search-end -->"


def plugin_index(config: MkDocsConfig) -> Any | None:
    """Material's search index object for this build, or None."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if callable(getattr(index, "add_entry_from_context", None)) and hasattr(index, "entries"):
        return index
    return None


def exclude_whole_page(page: Page) -> None:
    """Keep the plugin from parsing the whole page (Material's ``search: exclude`` meta)."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


@dataclass
class _SearchedPart:
    """What ``add_entry_from_context`` reads from a page, with only the searched content."""

    content: str
    toc: Any
    url: str
    title: str
    meta: dict[str, Any] = field(default_factory=dict)


def add_searched_part(index: Any, page: Page, names: str = "", more_text: str = "") -> None:
    """Index the part of ``page`` before :data:`END` as if it were the page, followed by
    ``more_text`` (HTML, escaped by the caller); ``names`` fills the record's
    :data:`site_gen.search_names.FIELD` (and the index gets that field)."""
    content = (page.content or "").partition(END)[0] + more_text
    first = len(index.entries)
    index.add_entry_from_context(_SearchedPart(content, page.toc, page.url, page.title or ""))
    if names:
        index.config["fields"].setdefault(search_names.FIELD, {"boost": search_names.BOOST})
        for record in index.entries[first:]:
            record[search_names.FIELD] = names
