"""One page per entry: facts, description, links, training data, lineage and its diagram.

Every value from the entry goes through :mod:`site_gen.text`; links become clickable only when
they are http(s) to a public host (the schema already requires it; this is a second fence).
"""

from __future__ import annotations

from registry.lineage import Neighbor
from registry.schema import AnyEntry, Dataset, Library, Model
from registry.units import format_count

from . import diagrams, layout
from .context import SiteContext
from .facts import kind_facts
from .text import attribute, description, plain, safe_url

LINK_LABELS = {
    "paper": "Paper",
    "arxiv": "arXiv",
    "homepage": "Homepage",
    "code": "Code",
    "weights": "Weights",
    "model_card": "Model card",
    "data": "Data",
    "blog": "Blog",
    "docs": "Documentation",
    "demo": "Demo",
    "api": "API",
}


def url_markdown(url: str, label: str | None = None) -> str:
    """A clickable link for a safe URL, the URL as plain text otherwise."""
    text = plain(label or url)
    return f"[{text}](<{url}>)" if safe_url(url) else text


def _facts_table(ctx: SiteContext, src: str, entry: AnyEntry) -> list[str]:
    rows = [("Kind", entry.kind), ("Id", f"<code>{attribute(entry.id)}</code>")]
    if entry.aliases:
        rows.append(("Also known as", ", ".join(plain(a) for a in entry.aliases)))
    if entry.organizations:
        label = "Organization" if len(entry.organizations) == 1 else "Organizations"
        rows.append((label, ctx.links(src, entry.organizations)))
    if entry.released:
        rows.append(("Released", plain(entry.released)))
    rows += kind_facts(entry)
    lines = ["| Fact | Value |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return lines


def _links(entry: AnyEntry) -> list[str]:
    lines = []
    for key, label in LINK_LABELS.items():
        value = getattr(entry.links, key)
        if not value:
            continue
        if key == "arxiv":
            lines.append(f"- {label}: {url_markdown(f'https://arxiv.org/abs/{value}', value)}")
        else:
            lines.append(f"- {label}: {url_markdown(value)}")
    if isinstance(entry, Library) and entry.repository:
        lines.append(f"- Repository: {url_markdown(entry.repository)}")
    return lines


def _sources(entry: AnyEntry) -> list[str]:
    lines = []
    for source in entry.sources:
        item = f"- {url_markdown(source.url, source.title)}"
        if source.supports:
            item += f" (supports: {plain(', '.join(source.supports))})"
        lines.append(item)
    return lines


def _edge_table(ctx: SiteContext, src: str, neighbors: list[Neighbor], heading: str) -> list[str]:
    if not neighbors:
        return []
    lines = [f"## {heading}", "", "| Entry | Relation | Evidence | Details |", "|---|---|---|---|"]
    for n in sorted(neighbors, key=lambda n: (n.relation, n.id)):
        details = []
        if n.data.get("size"):
            details.append(f"from the {format_count(n.data['size'])} model")
        if n.data.get("stage"):
            details.append(f"stage: {n.data['stage']}")
        if n.data.get("note"):
            details.append(n.data["note"])
        detail = plain("; ".join(details))
        if n.data.get("url"):
            detail += " " + url_markdown(n.data["url"], "source")
        evidence = n.data.get("evidence", "documented")
        lines.append(f"| {ctx.link(src, n.id)} | `{n.relation}` | {evidence} | {detail} |")
    return [*lines, ""]


def _members(ctx: SiteContext, src: str, entry: AnyEntry) -> list[str]:
    members = ctx.members.get(entry.id, [])
    if not members:
        return []
    lines = [f"## Resources ({len(members)})", ""]
    for member in members:
        when = f" ({plain(member.released)})" if member.released else ""
        lines.append(f"- {ctx.link(src, member.id)}: {member.kind}{when}")
    return [*lines, ""]


def _diagram(ctx: SiteContext, src: str, entry: AnyEntry) -> list[str]:
    lineage = ctx.registry.lineage
    graph = diagrams.neighbourhood(lineage, entry.id)
    if graph.number_of_edges() == 0:
        return []
    shown = "" if len(graph) < diagrams.MAX_NODES else " (the nearest part of it)"
    return [
        "## Lineage diagram",
        "",
        f"What {plain(entry.name)} is made from and what was made from it{shown}; "
        "click a node to open its page.",
        "",
        diagrams.mermaid_block(graph, entry.id, ctx.href(src)),
        "",
        diagrams.legend(graph),
        "",
    ]


def render(ctx: SiteContext, entry: AnyEntry) -> str:
    """The Markdown of one entry page."""
    src = layout.entry_src(entry.kind, entry.id)
    lineage = ctx.registry.lineage
    # Entry pages are short: no table of contents (a kilobyte less on every one of them).
    lines = ["---", "hide:", "  - toc", "---", "", f"# {plain(entry.name)}", ""]
    lines += [*_facts_table(ctx, src, entry), ""]
    text = description(entry.description)
    if text:
        lines += [text, ""]
    links = _links(entry)
    if links:
        lines += ["## Links", "", *links, ""]
    if isinstance(entry, Model) and entry.trained_on:
        lines += _edge_table(
            ctx, src, lineage.parents(entry.id, relations=["trained_on"]), "Training data"
        )
    if isinstance(entry, Model) and entry.built_with:
        lines += _edge_table(
            ctx, src, lineage.parents(entry.id, relations=["built_with"]), "Libraries"
        )
    other_parents = [
        n for n in lineage.parents(entry.id) if n.relation not in ("trained_on", "built_with")
    ]
    label = "Made from" if isinstance(entry, Dataset) else "Parents"
    lines += _edge_table(ctx, src, other_parents, label)
    lines += _edge_table(ctx, src, lineage.children(entry.id), "Children")
    lines += _members(ctx, src, entry)
    lines += _diagram(ctx, src, entry)
    sources = _sources(entry)
    if sources:
        lines += ["## Sources", "", *sources, ""]
    if entry.notes:
        lines += ["## Notes", "", description(entry.notes), ""]
    json_link = layout.md_link(src, layout.entry_json(entry.id))
    lines += [
        "---",
        "",
        f"[Edit this entry]({ctx.edit_url(entry)}) (its YAML file) · "
        f"[This entry as JSON]({json_link})",
        "",
    ]
    return "\n".join(lines)
