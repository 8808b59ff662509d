"""Lineage written out: a tree for the terminal, JSON for programs, Mermaid and DOT for diagrams.

Each writer takes a graph (usually ``Lineage.subgraph``) so the CLI and the site draw the same
thing from the same data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import networkx as nx

from .terminal import json_printable, printable
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
# Node fill and border by kind, and a label colour that reads on every fill (contrast >= 4.5:1
# whatever Mermaid theme draws the text); the site restyles the classes per colour scheme.
KIND_STYLES = {
    "model": ("#e8f0fe", "#3b6fd8"),
    "dataset": ("#fef3e0", "#d8893b"),
    "library": ("#e9f7ec", "#3ba85a"),
    "organization": ("#f3e8fd", "#8a3bd8"),
    "group": ("#f4f4f4", "#888888"),  # folded members of a large family, drawn dashed
}
NODE_TEXT = "#1a1c22"
GROUP_DASHES = "3 3"


TREE_INDENT_LIMIT = 40  # levels; deeper lines in a tree are marked with their level


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


def _edge_groups(
    graph: nx.MultiDiGraph, node: str, upstream: bool
) -> list[tuple[str, list[tuple[str, str]], list[int]]]:
    """The neighbours of ``node``, one per neighbour, with every (relation, evidence) of the
    edges between them and the sizes those edges start from: an entry made from three sizes of
    its parent, or by two relations from it, is one line, not several."""
    adjacency = graph.pred[node] if upstream else graph.succ[node]
    groups = []
    for other, edges in adjacency.items():
        kinds = sorted({(d["relation"], d.get("evidence", "documented")) for d in edges.values()})
        sizes = sorted({d["size"] for d in edges.values() if d.get("size")})
        groups.append((other, kinds, sizes))
    return sorted(groups)


def _how(kinds: list[tuple[str, str]], upstream: bool) -> str:
    """The relations of one line: "finetune, continued_pretraining (secondary)"."""
    parts = []
    for relation, evidence in kinds:
        part = relation + (f" ({evidence})" if evidence != "documented" else "")
        parts.append(part + (" (teacher)" if relation == "distillation" and upstream else ""))
    return ", ".join(parts)


def to_tree(graph: nx.MultiDiGraph, root: str, upstream: bool) -> str:
    """An indented tree from ``root``: parents (upstream) or children, with relation, the sizes
    an edge started from, and date. Each entry is expanded once (later mentions say "see
    above"). The walk keeps its own stack, so a chain of any depth prints; past
    ``TREE_INDENT_LIMIT`` levels lines stop moving right and carry their level instead."""
    lines = [f"{printable(root)}  {printable(_label(graph, root))}"]
    arrow = "←" if upstream else "→"
    shown: set[str] = {root}
    stack = [(_edge_groups(graph, root, upstream), 0, "", 1)]
    while stack:
        items, index, prefix, level = stack.pop()
        if index == len(items):
            continue
        stack.append((items, index + 1, prefix, level))
        other, kinds, sizes = items[index]
        last = index == len(items) - 1
        mark = f" from {', '.join(format_count(s) for s in sizes)}" if sizes else ""
        again = " (see above)" if other in shown else ""
        deep = f"[{level}] " if level > TREE_INDENT_LIMIT else ""
        lines.append(
            f"{prefix}{deep}{'└── ' if last else '├── '}{arrow} {_how(kinds, upstream)}{mark}  "
            f"{printable(other)}  {printable(_label(graph, other))}{again}"
        )
        if not again:
            shown.add(other)
            if level < TREE_INDENT_LIMIT:
                prefix += "    " if last else "│   "
            stack.append((_edge_groups(graph, other, upstream), 0, prefix, level + 1))
    return "\n".join(lines)


def to_json(graph: nx.MultiDiGraph, root: str | None = None) -> str:
    nodes = [{"id": n, **graph.nodes[n]} for n in sorted(graph)]
    edges = [{"source": u, "target": v, **d} for u, v, d in _sorted_edges(graph)]
    data: dict[str, Any] = {"nodes": nodes, "edges": edges}
    if root is not None:
        data = {"root": root, **data}
    return json_printable(json.dumps(data, indent=2, ensure_ascii=False))


# How entry text is written inside a quoted Mermaid label so that it can never form Mermaid
# syntax and is drawn as the text it is (the site draws labels as SVG text, where Mermaid turns
# back only &amp; &lt; &gt; and shows its own "#35;" entity codes as they are written):
# - '"' would close the label: it becomes the closing quotation mark U+201D;
# - "<" and ">" would make "<br>" a line break or a tag: &lt; and &gt; (and "&" is &amp;);
# - "%%" anywhere starts a directive (%%{init: ...}%%) or a comment, "#...;" is an entity code,
#   "\n" is a line break and a leading backtick a Markdown string: a zero-width space follows
#   each "%", "#" and backslash and precedes each backtick, so none of those forms;
# - a line that says "style" or "classDef" loses its last ";" when ":...#" comes before it
#   (Mermaid's own clean-up, run on every line): those words get a zero-width space too;
# - line breaks and control characters would end the statement: whitespace is collapsed and
#   control characters become U+FFFD.
_ZWSP = "\u200b"
_MERMAID_LABEL = str.maketrans(
    {
        **{code: "\ufffd" for code in [*range(0x20), *range(0x7F, 0xA0)]},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "\u201d",
        **{mark: mark + _ZWSP for mark in "%#\\"},
        "`": _ZWSP + "`",
    }
)
_MERMAID_WORDS = re.compile("style|classDef")


def mermaid_text(text: str) -> str:
    r"""Text for a quoted Mermaid label: drawn as written, never read as Mermaid syntax.

    >>> mermaid_text('A "%%{init}%%" <br> #60; style')
    'A \u201d%\u200b%\u200b{init}%\u200b%\u200b\u201d &lt;br&gt; #\u200b60; s\u200btyle'
    """
    label = " ".join(text.split()).translate(_MERMAID_LABEL)
    return _MERMAID_WORDS.sub(lambda word: word[0][0] + _ZWSP + word[0][1:], label)


def to_mermaid(
    graph: nx.MultiDiGraph,
    root: str | None = None,
    href: Callable[[str], str] | None = None,
    direction: str = "TD",
    class_styles: bool = True,
) -> str:
    """A Mermaid flowchart: one node per entry, relation on each edge, inferred edges dashed,
    colours by relation; ``href(id)`` gives each node's link. Nodes get their kind as a class
    (and ``root``); ``class_styles=False`` leaves out the classes' colours, for a page whose
    stylesheet colours them (the site does, per colour scheme: site_gen.diagram_style)."""
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
    if class_styles:
        lines += [
            f"  classDef {kind} fill:{fill},stroke:{stroke},color:{NODE_TEXT}"
            + (f",stroke-dasharray:{GROUP_DASHES}" if kind == "group" else "")
            for kind, (fill, stroke) in KIND_STYLES.items()
        ]
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
