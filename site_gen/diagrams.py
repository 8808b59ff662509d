"""Lineage diagrams on pages: Mermaid text from ``registry.lineage_format`` in a block that the
site's own script renders with the vendored Mermaid (no CDN), plus the legend that explains
edge colours (relation), dashes (inferred), dots (secondary evidence) and thick teacher edges.
Node colours come from :mod:`site_gen.diagram_style`, for both colour schemes.

Diagrams are bounded: an entry page shows the entry's neighbourhood up to ``MAX_NODES`` nodes,
widening depth by depth while it fits, so a page's size does not grow with the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from registry.lineage import Lineage
from registry.lineage_format import RELATION_COLORS, to_mermaid

from .diagram_style import kind_fill
from .text import html_text, preformatted

MAX_NODES = 30
FAN_OUT = 5


def neighbourhood(lineage: Lineage, entry_id: str, max_nodes: int = MAX_NODES) -> nx.MultiDiGraph:
    """The entry with its ancestors and descendants, as deep as fits in ``max_nodes``: both
    are walked one generation at a time (one breadth-first walk each way, not one per depth),
    and the last depth at which everything fits is drawn."""
    graph = lineage.graph
    walks = [(graph.pred, {entry_id}, [entry_id]), (graph.succ, {entry_id}, [entry_id])]
    best: set[str] | None = None
    while True:
        for adjacency, seen, frontier in walks:
            found = {n: None for current in frontier for n in adjacency[current] if n not in seen}
            seen.update(found)
            frontier[:] = found
        nodes = walks[0][1] | walks[1][1]
        if len(nodes) > max_nodes:
            if best is None:
                best = _nearest(lineage, entry_id, max_nodes)
            break
        if best is not None and len(nodes) == len(best):
            break
        best = nodes
    return distinct_edges(graph, best)


def _nearest(lineage: Lineage, entry_id: str, max_nodes: int) -> set[str]:
    """Direct neighbours only, newest first, when even those are too many to draw."""
    graph = lineage.graph
    around = set(graph.pred[entry_id]) | set(graph.succ[entry_id])
    newest = sorted(around, key=lambda n: graph.nodes[n].get("released", ""), reverse=True)
    return {entry_id, *newest[: max_nodes - 1]}


def distinct_edges(graph: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """A small concrete graph of ``nodes`` (default: all) with one edge per (parent, child,
    relation, evidence): an edge declared once per size (LLaMA 7B and 13B -> Baize) is drawn
    once. Built directly from the adjacency, which is much faster than networkx views."""
    keep = set(graph) if nodes is None else set(nodes)
    copy = nx.MultiDiGraph()
    copy.add_nodes_from((n, dict(graph.nodes[n])) for n in keep)
    for u in keep:
        for v, edges in graph.succ[u].items():
            if v not in keep:
                continue
            seen = set()
            for data in edges.values():
                key = (data["relation"], data.get("evidence", "documented"))
                if key not in seen:
                    seen.add(key)
                    copy.add_edge(u, v, **data)
    return copy


def mermaid_block(graph: nx.MultiDiGraph, root: str | None, href: Callable[[str], str]) -> str:
    """A raw HTML block holding the diagram source; every label is escaped twice over (for
    Mermaid by lineage_format.mermaid_text, for HTML here). Wide fans are laid out left to right
    so that thirty children make a column, not an unreadable row."""
    widest = max((graph.out_degree(n) for n in graph), default=0)
    direction = "LR" if widest > FAN_OUT else "TD"
    text = to_mermaid(graph, root=root, href=href, direction=direction, class_styles=False)
    return f'<pre class="llmr-diagram" data-search-exclude>\n{preformatted(text)}\n</pre>'


def legend(graph: nx.MultiDiGraph) -> str:
    """Markdown for the edge styles and node colours that appear in ``graph``."""
    relations = sorted({d["relation"] for _, _, d in graph.edges(data=True)})
    kinds = sorted({d.get("kind", "model") for _, d in graph.nodes(data=True)})
    evidence = {d.get("evidence", "documented") for _, _, d in graph.edges(data=True)}
    items = [
        f'<span class="llmr-edge" style="border-top-color:{RELATION_COLORS.get(r, "#333")}">'
        f"</span> <code>{html_text(r)}</code>"
        for r in relations
    ]
    items.append('<span class="llmr-edge"></span> documented')
    if "distillation" in relations:
        items.append('<span class="llmr-edge llmr-edge--teacher"></span> teacher → student (thick)')
    if "secondary" in evidence:
        items.append(
            '<span class="llmr-edge llmr-edge--secondary"></span> only a secondary source '
            "states it (dotted)"
        )
    if "inferred" in evidence:
        items.append('<span class="llmr-edge llmr-edge--inferred"></span> inferred (dashed)')
    items += [
        f'<span class="llmr-node" style="background:{kind_fill(k)}"></span> {html_text(k)}'
        for k in kinds
    ]
    return '<p class="llmr-legend" data-search-exclude>' + " &nbsp; ".join(items) + "</p>"
