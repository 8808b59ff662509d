"""One page per entry: facts, description, links, training data, lineage and its diagram.

The page is a Markdown file whose body is mostly raw HTML blocks built here (see
:mod:`site_gen.markup` for why): the title is a Markdown heading, the description and notes stay
Markdown paragraphs (their limited inline formatting goes through
:func:`site_gen.text.description`), everything else is HTML with every entry value escaped. Links
become clickable only when they are http(s) to a public host (the schema already requires it;
this is a second fence).

Search indexes what readers look for: the name (title), and the byline (kind, organizations,
aliases) and description under it. That part comes first and ends with
:data:`site_gen.search.END`, so the build parses only that part for search; the facts table,
the section headings and everything under them also carry ``data-search-exclude``.
"""

from __future__ import annotations

from registry.lineage import Neighbor
from registry.schema import AnyEntry, Dataset, Library, Model
from registry.units import format_count

from . import diagrams, layout, markup, passthrough, search
from .context import SiteContext
from .factcheck import facts_row
from .facts import kind_facts, license_text, model_size
from .text import description, html_text, plain

TEMPLATE = "entry.html"  # site_gen/templates/entry.html: the theme page with less chrome
EXCLUDE = " data-search-exclude"
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


def _section(title: str, anchor: str) -> str:
    """A section heading, left out of search with what follows it (``data-search-exclude``
    matters where the whole page is indexed; see the module docstring)."""
    return markup.heading(2, title, anchor, EXCLUDE)


def _byline(ctx: SiteContext, src: str, entry: AnyEntry) -> str:
    """Under the title: the kind, who made it and its other names ("Model by Meta AI · also
    known as LLaMA-1"); with the title and description, the part of the page that is searched."""
    line = entry.kind.capitalize()
    if entry.organizations:
        line += f" by {ctx.html_links(src, entry.organizations)}"
    if entry.aliases:
        line += f" · also known as {', '.join(html_text(a) for a in entry.aliases)}"
    if isinstance(entry, Model) and entry.checkpoints:
        # In the searched part: people search a checkpoint's name, not the release's.
        names = ", ".join(html_text(c.name) for c in entry.checkpoints)
        line += f" · checkpoints: {names}"
    return f'<p class="llmr-byline">{line}</p>'


def _facts_table(ctx: SiteContext, src: str, entry: AnyEntry) -> str:
    rows = [("Kind", entry.kind), ("Id", f"<code>{html_text(entry.id)}</code>")]
    if entry.aliases:
        rows.append(("Also known as", ", ".join(html_text(a) for a in entry.aliases)))
    if entry.organizations:
        label = "Organization" if len(entry.organizations) == 1 else "Organizations"
        rows.append((label, ctx.html_links(src, entry.organizations)))
    if entry.released:
        rows.append(("Released", html_text(entry.released)))
    rows += [(label, html_text(value)) for label, value in kind_facts(entry)]
    checked = facts_row(ctx.fact_checks, entry.id)
    if checked:
        rows.append(checked)
    lines = [markup.row(cells) for cells in rows]
    return markup.table(("Fact", "Value"), lines, EXCLUDE)


def _links(entry: AnyEntry) -> list[str]:
    found = []
    for key, label in LINK_LABELS.items():
        value = getattr(entry.links, key)
        if not value:
            continue
        if key == "arxiv":
            found.append(f"{label}: {markup.external(f'https://arxiv.org/abs/{value}', value)}")
        else:
            found.append(f"{label}: {markup.external(value)}")
    if isinstance(entry, Library) and entry.repository:
        found.append(f"Repository: {markup.external(entry.repository)}")
    return found


def _sources(entry: AnyEntry) -> list[str]:
    found = []
    for source in entry.sources:
        item = markup.external(source.url, source.title)
        if source.supports:
            item += f" (supports: {html_text(', '.join(source.supports))})"
        found.append(item)
    return found


# How a distillation edge reads from each side: the parent is the teacher.
ROLE = {True: "teacher", False: "student"}


def _checkpoint_details(data: dict) -> list[str]:
    """The checkpoints an edge names: the parent's it starts from, the child's it leads to."""
    details = []
    if data.get("checkpoint"):
        details.append(f"from {data['checkpoint']}")
    if data.get("into"):
        details.append(f"into {data['into']}")
    return details


def _edge_table(
    ctx: SiteContext,
    src: str,
    neighbors: list[Neighbor],
    heading: str,
    anchor: str,
    upstream: bool = True,
) -> list[str]:
    if not neighbors:
        return []
    rows = []
    for n in sorted(neighbors, key=lambda n: (n.relation, n.id)):
        details = _checkpoint_details(n.data)
        if n.data.get("size"):
            details.append(f"from the {format_count(n.data['size'])} model")
        if n.data.get("stage"):
            details.append(f"stage: {n.data['stage']}")
        if n.data.get("note"):
            details.append(n.data["note"])
        detail = html_text("; ".join(details))
        if n.data.get("url"):
            detail += " " + markup.external(n.data["url"], "source")
        evidence = html_text(n.data.get("evidence", "documented"))
        relation = f"<code>{html_text(n.relation)}</code>"
        if n.relation == "distillation":
            relation += f" ({ROLE[upstream]})"
        rows.append(markup.row((ctx.html_link(src, n.id), relation, evidence, detail)))
    headers = ("Entry", "Relation", "Evidence", "Details")
    return [_section(heading, anchor), markup.table(headers, rows)]


def _members(ctx: SiteContext, src: str, entry: AnyEntry) -> list[str]:
    members = ctx.members.get(entry.id, [])
    if not members:
        return []
    found = []
    for member in members:
        when = f" ({html_text(member.released)})" if member.released else ""
        found.append(f"{ctx.html_link(src, member.id)}: {member.kind}{when}")
    return [_section(f"Resources ({len(members)})", "resources"), markup.items(found)]


def _diagram(ctx: SiteContext, src: str, entry: AnyEntry) -> list[str]:
    lineage = ctx.registry.lineage
    graph = diagrams.neighbourhood(lineage, entry.id)
    if graph.number_of_edges() == 0:
        return []
    shown = "" if len(graph) < diagrams.MAX_NODES else " (the nearest part of it)"
    family = ctx.family_pages.get(entry.id)
    if family:
        shown += f"; the {markup.link(layout.url_link(src, family), 'family page')} shows all of it"
    return [
        _section("Lineage diagram", "lineage-diagram"),
        f"<p>What {html_text(entry.name)} is made from and what was made from it{shown}; "
        "click a node to open its page.</p>",
        diagrams.mermaid_block(graph, entry.id, ctx.href(src)),
        diagrams.legend(graph),
    ]


def _lineage(ctx: SiteContext, src: str, entry: AnyEntry) -> list[str]:
    lineage = ctx.registry.lineage
    parts: list[str] = []
    if isinstance(entry, Model) and entry.trained_on:
        data = lineage.parents(entry.id, relations=["trained_on"])
        parts += _edge_table(ctx, src, data, "Training data", "training-data")
    if isinstance(entry, Model) and entry.built_with:
        libraries = lineage.parents(entry.id, relations=["built_with"])
        parts += _edge_table(ctx, src, libraries, "Libraries", "libraries")
    other_parents = [
        n for n in lineage.parents(entry.id) if n.relation not in ("trained_on", "built_with")
    ]
    if isinstance(entry, Dataset):
        parts += _edge_table(ctx, src, other_parents, "Made from", "made-from")
    else:
        parts += _edge_table(ctx, src, other_parents, "Parents", "parents")
    children = lineage.children(entry.id)
    parts += _edge_table(ctx, src, children, "Children", "children", upstream=False)
    return parts


def _checkpoints(entry: AnyEntry) -> list[str]:
    """The released checkpoints, with what each states beyond the entry (licence, date)."""
    if not isinstance(entry, Model) or not entry.checkpoints:
        return []
    headers = ("Checkpoint", "Size", "Stage", "Context", "Licence", "Released", "Weights")
    cells = [
        (
            html_text(cp.name),
            html_text(model_size(cp.size) if cp.size is not None else ""),
            html_text(cp.stage or ""),
            f"{cp.context_length:,}" if cp.context_length else "",
            html_text(license_text(cp.license)),
            html_text(cp.released or ""),
            markup.external(cp.weights, "weights") if cp.weights else "",
        )
        for cp in entry.checkpoints
    ]
    # Columns no checkpoint fills (a licence or date that differs from the entry's) are left out.
    keep = [i for i in range(len(headers)) if i == 0 or any(row[i] for row in cells)]
    rows = [markup.row(row[i] for i in keep) for row in cells]
    table = markup.table((headers[i] for i in keep), rows)
    return [_section(f"Checkpoints ({len(rows)})", "checkpoints"), table]


def _block(parts: list[str]) -> list[str]:
    """One raw HTML block (a ``<div>``), marked for :mod:`site_gen.passthrough`."""
    if not parts:
        return []
    return [passthrough.wrap("\n".join(['<div class="llmr-entry">', *parts, "</div>"])), ""]


def render(ctx: SiteContext, entry: AnyEntry) -> str:
    """The Markdown of one entry page."""
    src = layout.entry_src(entry.kind, entry.id)
    lines = ["---", f"template: {TEMPLATE}", "---", "", f"# {plain(entry.name)}", ""]
    lines += [passthrough.wrap(_byline(ctx, src, entry)), ""]
    text = description(entry.description)
    if text:
        lines += [text, ""]
    lines += [search.END, ""]  # what follows is not searched (see site_gen.search)
    lines += [passthrough.wrap(_facts_table(ctx, src, entry)), ""]
    body = []
    links = _links(entry)
    if links:
        body += [_section("Links", "links"), markup.items(links)]
    body += _checkpoints(entry)
    body += _lineage(ctx, src, entry)
    body += _members(ctx, src, entry)
    body += _diagram(ctx, src, entry)
    sources = _sources(entry)
    if sources:
        body += [_section("Sources", "sources"), markup.items(sources)]
    lines += _block(body)
    if entry.notes:
        lines += [_section("Notes", "notes"), "", description(entry.notes), ""]
    json_url = layout.url_link(src, layout.entry_json(entry.id))
    footer = (
        f"<hr>\n<p{EXCLUDE}>{markup.link(ctx.edit_url(entry), 'Edit this entry')} "
        f"(its YAML file) · {markup.link(json_url, 'This entry as JSON')}</p>"
    )
    lines += [passthrough.wrap(footer), ""]
    return "\n".join(lines)
