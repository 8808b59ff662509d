"""Family pages that redraw the survey's two lineage figures from the data.

- The LLaMA family: LLaMA and every model made from it; edges coloured by relation (continued
  pre-training, full fine-tuning, parameter-efficient tuning...), domains marked on the nodes.
- The GPT series: OpenAI's line from GPT-1; documented edges solid, inferred ones dashed, release
  dates on the nodes.

A family is found from its root id; a registry without that root gets a page that says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from registry.lineage import Neighbor

from . import diagrams, markup, passthrough
from .context import SiteContext
from .facts import sizes
from .text import html_text, plain


@dataclass(frozen=True)
class Family:
    slug: str
    title: str
    roots: tuple[str, ...]  # candidate root ids, first present wins
    intro: str
    mark_domains: bool

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
        + (" (inferred)" if n.data.get("evidence") == "inferred" else "")
        for n in sorted(inside.values(), key=lambda n: (n.id, n.relation))
    )


def render(ctx: SiteContext, family: Family) -> str:
    """The Markdown of one family page: diagram, legend and a table of every member."""
    lineage = ctx.registry.lineage
    root = next((r for r in family.roots if r in ctx.registry), None)
    lines = [f"# {family.title}", "", family.intro, ""]
    if root is None:
        lines.append(f"The registry has no entry for its root ({plain(family.roots[0])}) yet.")
        return "\n".join(lines) + "\n"
    graph = lineage.family(root)
    diagram = diagrams.mermaid_block(
        _labelled(graph, family.mark_domains), root, ctx.href(family.src)
    )
    nodes = graph.nodes
    ordered = sorted(graph, key=lambda n: (nodes[n].get("released", "9999"), n))
    members = set(graph)
    rows = []
    for node in ordered:
        entry = ctx.registry.get(node)
        cells = (
            ctx.html_link(family.src, node),
            html_text(entry.released or ""),
            html_text(sizes(entry)),
            _made_from(ctx, family.src, lineage.parents(node), members),
            html_text(", ".join(entry.domains)),
        )
        rows.append(markup.row(cells))
    headers = ("Model", "Released", "Parameters", "Made from", "Domains")
    lines += [
        passthrough.wrap(f"{diagram}\n{diagrams.legend(graph)}"),
        "",
        f"## Members ({len(graph)})",
        "",
        passthrough.wrap(markup.table(headers, rows)),
    ]
    return "\n".join(lines) + "\n"
