"""Family pages: the survey's two lineage figures redrawn from the data, and one page for every
other line with at least :data:`MIN_DESCENDANTS` models made from its root.

- The LLaMA family: LLaMA and every model made from it; edges coloured by relation (continued
  pre-training, full fine-tuning, parameter-efficient tuning...), domains marked on the nodes.
- The GPT series: OpenAI's line from GPT-1; documented edges solid, inferred ones dashed, release
  dates on the nodes.
- Every other root (a model with no weight parent, such as Llama 2 or Qwen2.5): the same diagram
  conventions; a large family is folded (:mod:`site_gen.family_fold`) and its members are
  listed below the diagram, grouped by how they were made.

A survey family is found from its root id; a registry without that root gets a page that says
so. Edges that only a secondary source states are marked, in the diagram and in the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from registry.lineage import WEIGHT_RELATIONS, Lineage, Neighbor
from registry.relations import MODEL_RELATIONS

from . import diagrams, family_fold, markup, passthrough
from .context import SiteContext
from .facts import sizes
from .text import html_text, plain

MIN_DESCENDANTS = 8
INDEX_SRC = "families/index.md"


@dataclass(frozen=True)
class Family:
    slug: str
    title: str
    roots: tuple[str, ...]  # candidate root ids, first present wins
    intro: str
    mark_domains: bool
    # What makes a member: LLaMA's figure is the models made from its weights (so a later line
    # recorded as its `successor` gets a page of its own); the GPT series is a line of successors.
    relations: frozenset[str] = frozenset(MODEL_RELATIONS)

    @property
    def src(self) -> str:
        return f"families/{self.slug}.md"


FAMILIES = (
    Family(
        "llama",
        "The LLaMA family",
        ("llama",),
        "LLaMA and the models made from it, after Figure 5 of *A Survey of Large Language "
        "Models* (Zhao et al.). Edge colours give the relation: continued pre-training, full "
        "fine-tuning (instruction or chat tuning), parameter-efficient tuning (adapters, LoRA) "
        "and the others of the vocabulary; a model's domains follow its name.",
        True,
        WEIGHT_RELATIONS,
    ),
    Family(
        "gpt",
        "The GPT series",
        ("gpt-1", "gpt", "gpt-2", "gpt-3"),
        "OpenAI's GPT line, after Figure 4 of *A Survey of Large Language Models*. Solid edges "
        "are documented by OpenAI; dashed edges are inferred (plausible, not stated). Release "
        "dates are on the nodes.",
        False,
    ),
)


def with_data_inheritance(lineage: Lineage, family: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The family with the survey's "data inheritance" edges, which its figures draw between
    models (LLaVA's data → VisionLLM): every secondary ``trained_on`` edge into a member, with
    its dataset and the dataset's documented edges to other members, so the data is seen to
    come from inside the family."""
    graph = lineage.graph
    found = {
        source
        for member in family
        for source, _, data in graph.in_edges(member, data=True)
        if data.get("relation") == "trained_on" and data.get("evidence") == "secondary"
    }
    if not found:
        return family
    extended = family.copy()
    for dataset in found:
        extended.add_node(dataset, **graph.nodes[dataset])
        for _, target, key, data in graph.out_edges(dataset, keys=True, data=True):
            if target in family and data.get("relation") == "trained_on":
                extended.add_edge(dataset, target, key, **data)
    return extended


def _labelled(graph: nx.MultiDiGraph, mark_domains: bool) -> nx.MultiDiGraph:
    """A copy whose node names carry the domains (other than general) when asked."""
    copy = diagrams.distinct_edges(graph)
    if mark_domains:
        for _, data in copy.nodes(data=True):
            marked = [d for d in data.get("domains", []) if d != "general"]
            if marked:
                data["name"] = f"{data['name']} · {', '.join(marked)}"
    return copy


def _made_from(ctx: SiteContext, src: str, parents: list[Neighbor], members: set[str]) -> str:
    inside = {(n.id, n.relation, n.data.get("evidence")): n for n in parents if n.id in members}
    return "; ".join(
        f"<code>{html_text(n.relation)}</code> of {ctx.html_link(src, n.id)}"
        + (
            f" ({n.data['evidence']})"
            if n.data.get("evidence", "documented") != "documented"
            else ""
        )
        for n in sorted(inside.values(), key=lambda n: (n.id, n.relation))
    )


def _member_table(ctx: SiteContext, src: str, graph: nx.MultiDiGraph, nodes: list[str]) -> str:
    """A table of ``nodes`` (members of ``graph``), oldest first."""
    lineage = ctx.registry.lineage
    data = graph.nodes
    members = set(graph)
    rows = []
    for node in sorted(nodes, key=lambda n: (data[n].get("released", "9999"), n)):
        entry = ctx.registry.get(node)
        cells = (
            ctx.html_link(src, node),
            html_text(entry.released or ""),
            html_text(sizes(entry)),
            _made_from(ctx, src, lineage.parents(node), members),
            html_text(", ".join(entry.domains)),
        )
        rows.append(markup.row(cells))
    headers = ("Model", "Released", "Parameters", "Made from", "Domains")
    return passthrough.wrap(markup.table(headers, rows))


def render(ctx: SiteContext, family: Family) -> str:
    """The Markdown of one survey family page: diagram, legend and a table of every member."""
    lineage = ctx.registry.lineage
    root = next((r for r in family.roots if r in ctx.registry), None)
    lines = [f"# {family.title}", "", family.intro, ""]
    if root is None:
        lines.append(f"The registry has no entry for its root ({plain(family.roots[0])}) yet.")
        return "\n".join(lines) + "\n"
    graph = lineage.family(root, relations=family.relations)
    drawn = with_data_inheritance(lineage, graph)
    diagram = diagrams.mermaid_block(
        _labelled(drawn, family.mark_domains), root, ctx.href(family.src)
    )
    lines += [
        passthrough.wrap(f"{diagram}\n{diagrams.legend(drawn)}"),
        "",
        f"## Members ({len(graph)})",
        "",
        _member_table(ctx, family.src, graph, list(graph)),
    ]
    return "\n".join(lines) + "\n"


def line_src(root: str) -> str:
    return f"families/{root}.md"


def lines_of(ctx: SiteContext) -> list[str]:
    """The roots that get a generated page: models with no weight parent, at least
    :data:`MIN_DESCENDANTS` models made from them, and no survey figure of their own."""
    lineage = ctx.registry.lineage
    taken = {r for f in FAMILIES for r in f.roots[:1]} | {f.slug for f in FAMILIES}
    found = []
    for root in lineage.roots(WEIGHT_RELATIONS):
        if root in taken:
            continue
        models = lineage.descendants(root, WEIGHT_RELATIONS, kinds=("model",))
        if len(models) >= MIN_DESCENDANTS:
            found.append(root)
    return found


def pages_by_root(ctx: SiteContext, roots: list[str]) -> dict[str, str]:
    """Each family root's page: the survey figures' roots and the generated lines'."""
    pages = {line: line_src(line) for line in roots}
    for family in FAMILIES:
        root = next((r for r in family.roots if r in ctx.registry), None)
        if root is not None:
            pages.setdefault(root, family.src)
    return pages


def _href(ctx: SiteContext, src: str, groups: dict[str, list[str]]):
    """Node links: an entry's page; a group node is no link (its members are listed below)."""
    to_entry = ctx.href(src)
    return lambda node: "" if node in groups else to_entry(node)


def _group_anchor(node: str) -> str:
    return "group-" + "".join(
        c if c.isalnum() else "-" for c in node[len(family_fold.GROUP_PREFIX) :]
    )


def render_line(ctx: SiteContext, root: str) -> str:
    """The Markdown of a generated family page: the folded diagram, then every member, grouped
    by the relation through which the family reaches it."""
    lineage = ctx.registry.lineage
    src = line_src(root)
    entry = ctx.registry.get(root)
    graph = lineage.family(root, relations=WEIGHT_RELATIONS)
    folded = family_fold.fold(graph, root)
    diagram = diagrams.mermaid_block(folded.graph, root, _href(ctx, src, folded.groups))
    count = len(graph) - 1
    shown = (
        ""
        if not folded.groups
        else (
            f" The diagram draws {len(folded.graph) - len(folded.groups) - 1} of them; each "
            "“+N” box stands for the models folded under it, listed below."
        )
    )
    lines = [
        f"# The {plain(entry.name)} family",
        "",
        f"{plain(entry.name)} and the {count} models made from its weights or outputs "
        f"(fine-tunes, adapters, distillations, merges, quantizations...).{shown}",
        "",
        passthrough.wrap(f"{diagram}\n{diagrams.legend(folded.graph)}"),
        "",
        f"## Members ({len(graph)})",
        "",
    ]
    places = family_fold.spanning_tree(graph, root)
    by_relation: dict[str, list[str]] = {}
    for node, place in places.items():
        by_relation.setdefault(place.relation, []).append(node)
    lines += [_member_table(ctx, src, graph, [root]), ""]
    for relation, nodes in sorted(by_relation.items()):
        lines += [f"### {relation} ({len(nodes)})", "", _member_table(ctx, src, graph, nodes), ""]
    for node, members in folded.groups.items():
        parent = node[len(family_fold.GROUP_PREFIX) :].rsplit(":", 1)[0]
        items = ", ".join(ctx.html_link(src, m) for m in members)
        lines += [
            passthrough.wrap(
                f'<p id="{_group_anchor(node)}">Folded under '
                f"{ctx.html_link(src, parent)}: {items}</p>"
            ),
            "",
        ]
    return "\n".join(lines) + "\n"


def index_page(ctx: SiteContext, roots: list[str]) -> str:
    """Every family page: the two survey figures and the generated ones, largest first."""
    lineage = ctx.registry.lineage
    lines = ["# Families", "", "Lines of models and what was made from them.", ""]
    lines += [f"- [{plain(f.title)}]({f.slug}.md) (after the survey's figure)" for f in FAMILIES]
    sized = [(len(lineage.descendants(r, WEIGHT_RELATIONS, kinds=("model",))), r) for r in roots]
    for count, root in sorted(sized, key=lambda p: (-p[0], p[1])):
        name = plain(ctx.registry.get(root).name)
        lines.append(f"- [The {name} family]({root}.md): {count} models")
    return "\n".join(lines) + "\n"
