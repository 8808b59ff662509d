"""Lineage written out: a tree for the terminal, JSON for programs, Mermaid and DOT for diagrams.

Each writer takes a graph (usually ``Lineage.subgraph``) so the CLI and the site draw the same
thing from the same data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import networkx as nx

from .units import format_count

# One colour per relation family; inferred edges are dashed whatever their relation.
RELATION_COLORS = {
    "continued_pretraining": "#1f77b4",
    "finetune": "#2ca02c",
    "adapter": "#ff7f0e",
    "alignment": "#d62728",
    "distillation": "#9467bd",
    "quantized": "#8c564b",
    "merge": "#e377c2",
    "component": "#17becf",
    "successor": "#7f7f7f",
    "trained_on": "#bcbd22",
    "derived_from": "#aec7e8",
    "generated_by": "#ffbb78",
    "built_with": "#98df8a",
}


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    released = data.get("released")
    return f"{data.get('name', node)} ({released})" if released else str(data.get("name", node))


def edge_style(data: dict[str, Any]) -> tuple[str, str]:
    """How an edge is drawn, beyond its relation's colour: a Mermaid arrow and extra CSS.

    Inferred edges are dashed, edges only a secondary source states are dotted, and a teacher
    edge (distillation) is thick, so it stands apart from the weight parent beside it.
    """
    evidence = data.get("evidence", "documented")
    teacher = data["relation"] == "distillation"
    if evidence == "documented":
        return ("==>" if teacher else "-->"), ""
    extra = "stroke-dasharray:2 4" if evidence == "secondary" else ""
    if teacher:
        extra = ",".join(filter(None, [extra, "stroke-width:3px"]))
    return "-.->", extra


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))


def to_tree(graph: nx.MultiDiGraph, root: str, upstream: bool) -> str:
    """An indented tree from ``root``: parents (upstream) or children, with relation and date."""
    lines = [f"{root}  {_label(graph, root)}"]
    arrow = "←" if upstream else "→"
    shown: set[str] = {root}

    def walk(node: str, prefix: str) -> None:
        adjacency = graph.pred[node] if upstream else graph.succ[node]
        items = sorted(
            (other, d["relation"], d.get("evidence", "documented"), d.get("size") or 0)
            for other, edges in adjacency.items()
            for d in edges.values()
        )
        for i, (other, relation, evidence, size) in enumerate(items):
            last = i == len(items) - 1
            mark = f" ({evidence})" if evidence != "documented" else ""
            mark += " (teacher)" if relation == "distillation" and upstream else ""
            mark += f" from {format_count(size)}" if size else ""
            again = " (see above)" if other in shown else ""
            lines.append(
                f"{prefix}{'└── ' if last else '├── '}{arrow} {relation}{mark}  "
                f"{other}  {_label(graph, other)}{again}"
            )
            if not again:
                shown.add(other)
                walk(other, prefix + ("    " if last else "│   "))

    walk(root, "")
    return "\n".join(lines)


def to_json(graph: nx.MultiDiGraph, root: str | None = None) -> str:
    nodes = [{"id": n, **graph.nodes[n]} for n in sorted(graph)]
    edges = [{"source": u, "target": v, **d} for u, v, d in _sorted_edges(graph)]
    data: dict[str, Any] = {"nodes": nodes, "edges": edges}
    if root is not None:
        data = {"root": root, **data}
    return json.dumps(data, indent=2, ensure_ascii=False)


_MERMAID_ESCAPES = str.maketrans(
    {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;"}
)


def mermaid_text(text: str) -> str:
    """Escape text for a quoted Mermaid label: entity codes, so no markup survives."""
    return text.translate(_MERMAID_ESCAPES)


def to_mermaid(
    graph: nx.MultiDiGraph,
    root: str | None = None,
    href: Callable[[str], str] | None = None,
    direction: str = "TD",
) -> str:
    """A Mermaid flowchart: one node per entry, relation on each edge, inferred edges dashed,
    colours by relation; ``href(id)`` gives each node's link."""
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph))}
    lines = [f"graph {direction}"]
    for node, short in ids.items():
        lines.append(f'  {short}["{mermaid_text(_label(graph, node))}"]')
    by_color: dict[str, list[str]] = {}
    for index, (u, v, data) in enumerate(_sorted_edges(graph)):
        relation = data["relation"]
        arrow, extra = edge_style(data)
        label = relation if data.get("evidence") != "secondary" else f"{relation} · secondary"
        lines.append(f"  {ids[u]} {arrow}|{mermaid_text(label)}| {ids[v]}")
        style = ",".join(filter(None, [f"stroke:{RELATION_COLORS.get(relation, '#333')}", extra]))
        by_color.setdefault(style, []).append(str(index))
    lines += [f"  linkStyle {','.join(idx)} {style}" for style, idx in by_color.items()]
    lines.append("  classDef model fill:#e8f0fe,stroke:#3b6fd8")
    lines.append("  classDef dataset fill:#fef3e0,stroke:#d8893b")
    lines.append("  classDef library fill:#e9f7ec,stroke:#3ba85a")
    lines.append("  classDef organization fill:#f3e8fd,stroke:#8a3bd8")
    lines.append("  classDef group fill:#f4f4f4,stroke:#888,stroke-dasharray:3 3")
    lines.append("  classDef root stroke-width:3px")
    by_kind: dict[str, list[str]] = {}
    for node, short in ids.items():
        by_kind.setdefault(graph.nodes[node].get("kind", "model"), []).append(short)
    lines += [f"  class {','.join(shorts)} {kind}" for kind, shorts in by_kind.items()]
    if root is not None and root in ids:
        lines.append(f"  class {ids[root]} root")
    if href is not None:
        for node, short in ids.items():
            target = href(node)
            if target:  # a node without a page of its own (a folded group) is not a link
                lines.append(f'  click {short} href "{mermaid_text(target)}"')
    return "\n".join(lines)


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: nx.MultiDiGraph, root: str | None = None) -> str:
    """Graphviz DOT with the same styling rules as the Mermaid output."""
    lines = ["digraph lineage {", "  rankdir=TB;", "  node [shape=box, style=rounded];"]
    for node in sorted(graph):
        extra = ", penwidth=3" if node == root else ""
        lines.append(f"  {_dot_quote(node)} [label={_dot_quote(_label(graph, node))}{extra}];")
    for u, v, data in _sorted_edges(graph):
        relation = data["relation"]
        evidence = data.get("evidence", "documented")
        style = {"inferred": "dashed", "secondary": "dotted"}.get(evidence, "solid")
        width = ", penwidth=3" if relation == "distillation" else ""
        color = RELATION_COLORS.get(relation, "#333333")
        lines.append(
            f"  {_dot_quote(u)} -> {_dot_quote(v)} "
            f"[label={_dot_quote(relation)}, style={style}, color={_dot_quote(color)}{width}];"
        )
    lines.append("}")
    return "\n".join(lines)
