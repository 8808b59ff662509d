"""What every page generator needs: the registry, where the repository is, and look-ups that
are computed once per build instead of once per page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from registry.edges import Edge
from registry.schema import FOLDERS, AnyEntry
from registry.store import Registry

from . import layout, markup, search_names
from .text import html_text, plain


@dataclass
class SiteContext:
    registry: Registry
    repo_url: str | None = None  # mkdocs.yml's repo_url: the one place it is set
    branch: str = "main"
    files: dict[str, str | bytes] = field(default_factory=dict)
    fact_checks: dict[str, dict] = field(default_factory=dict)  # site_gen.factcheck

    def add(self, path: str, content: str | bytes) -> None:
        """Record a generated file (path relative to the docs root)."""
        self.files[path] = content

    @cached_property
    def members(self) -> dict[str, list[AnyEntry]]:
        """Entries of each organization, newest first."""
        found: dict[str, list[AnyEntry]] = defaultdict(list)
        for entry in self.registry:
            for org in entry.organizations:
                found[org].append(entry)
        for entries in found.values():
            entries.sort(key=lambda e: (e.released or "", e.id), reverse=True)
        return found

    @cached_property
    def edges_of(self) -> dict[str, list[Edge]]:
        """Every edge touching each entry (edges from unknown ids are left out)."""
        found: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.registry.edges:
            if edge.source in self.registry.entries:
                found[edge.source].append(edge)
                found[edge.target].append(edge)
        return found

    @cached_property
    def search_names(self) -> dict[str, str]:
        """Each entry's names for search (:mod:`site_gen.search_names`)."""
        names = {e.id: search_names.own_names([e.name, *e.aliases]) for e in self.registry}
        return search_names.field_values(names)

    def search_text(self, entry: AnyEntry) -> str:
        """What a model's search record adds to its page: the names of the data upstream of
        its weights (an HTML paragraph; empty for other kinds)."""
        if entry.kind != "model":
            return ""
        upstream = self.registry.lineage.upstream_data(entry.id)
        found = sorted(self.registry.entries[d].name for d in upstream if d in self.registry)
        return f"<p>Upstream data: {html_text(', '.join(found))}</p>" if found else ""

    def edit_url(self, entry: AnyEntry) -> str | None:
        """The web editor for the entry's YAML file (id = file stem, folder = kind); None when
        the site has no repository URL."""
        if not self.repo_url:
            return None
        return f"{self.repo_url}/edit/{self.branch}/entries/{FOLDERS[entry.kind]}/{entry.id}.yaml"

    def link(self, from_src: str, entry_id: str) -> str:
        """A Markdown link to an entry's page, labelled with its name (plain text if unknown)."""
        entry = self.registry.entries.get(entry_id)
        if entry is None:
            return plain(entry_id)
        target = layout.entry_src(entry.kind, entry.id)
        return f"[{plain(entry.name)}]({layout.md_link(from_src, target)})"

    def links(self, from_src: str, entry_ids: list[str]) -> str:
        return ", ".join(self.link(from_src, i) for i in entry_ids)

    def html_link(self, from_src: str, entry_id: str) -> str:
        """:meth:`link` for raw HTML blocks: an ``<a>`` with the page's final relative URL."""
        entry = self.registry.entries.get(entry_id)
        if entry is None:
            return html_text(entry_id)
        return markup.link(
            layout.url_link(from_src, layout.entry_src(entry.kind, entry.id)), entry.name
        )

    def html_links(self, from_src: str, entry_ids: list[str]) -> str:
        return ", ".join(self.html_link(from_src, i) for i in entry_ids)

    def href(self, from_src: str):
        """A function id -> relative URL of its page, for diagram clicks and charts."""

        def to(entry_id: str) -> str:
            entry = self.registry.entries[entry_id]
            return layout.url_link(from_src, layout.entry_src(entry.kind, entry.id))

        return to

    @cached_property
    def family_roots(self) -> list[str]:
        """The roots that get a generated family page (:func:`site_gen.families.lines_of`)."""
        from .families import lines_of  # families builds pages from this context

        return lines_of(self)

    @cached_property
    def family_pages(self) -> dict[str, str]:
        """Each family root's page (source path): the survey figures' and the generated ones."""
        from .families import pages_by_root

        return pages_by_root(self, self.family_roots)
