"""What a large family's diagram draws: the members that carry the family's shape, with the rest
folded into one group node per (parent, relation).

A family of 200 fine-tunes drawn node by node is a wall of overlapping boxes. Here every member
gets one place in a spanning tree (its first parent found walking down from the root), and:

- a member with children of its own is drawn while it is no deeper than ``inner_depth``;
- a leaf is drawn while it is no deeper than ``leaf_depth`` and its parent has at most
  ``leaf_limit`` leaves of that relation;
- everything else (a leaf past those limits, or a deep member with its whole subtree) is
  counted into the group node ``+N`` hung under its nearest drawn ancestor, with the relation
  on the edge.

The limits tighten step by step until the diagram has at most ``max_nodes`` nodes. A folded
diagram draws the tree's edges only (a member's other parents are in the table's "Made from"):
edges that cross the tree are what made large diagrams unreadable. The page's table still
lists every member, so nothing is lost, only folded.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

import networkx as nx

from . import diagrams

GROUP_PREFIX = "group:"  # ids have no ':', so a group node can never be taken for an entry
MAX_NODES = 40
# (leaf_limit, leaf_depth, inner_depth), loosest first.
STEPS = ((3, 2, 3), (0, 1, 3), (0, 1, 2), (0, 1, 1), (0, 0, 1), (0, 0, 0))


@dataclass
class Folded:
    """The graph to draw, and which members each group node stands for."""

    graph: nx.MultiDiGraph
    groups: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """A member's place in the spanning tree: its first parent, the relation, its depth."""

    parent: str
    relation: str
    depth: int


def spanning_tree(family: nx.MultiDiGraph, root: str) -> dict[str, Place]:
    """Each member's first parent on a breadth-first walk from ``root`` (children in id order,
    so the same data always gives the same tree)."""
    places: dict[str, Place] = {}
    queue = deque([root])
    depth = {root: 0}
    while queue:
        current = queue.popleft()
        for child in sorted(family.succ[current]):
            if child in depth:
                continue
            depth[child] = depth[current] + 1
            relation = min(d["relation"] for d in family.succ[current][child].values())
            places[child] = Place(current, relation, depth[child])
            queue.append(child)
    return places


def _choose(
    root: str, places: dict[str, Place], limits: tuple[int, int, int]
) -> tuple[set[str], dict[tuple[str, str], list[str]]]:
    leaf_limit, leaf_depth, inner_depth = limits
    kids: dict[str, list[str]] = defaultdict(list)
    for node, place in places.items():
        kids[place.parent].append(node)
    leaves_by_group: dict[tuple[str, str], int] = defaultdict(int)
    for node, place in places.items():
        if not kids.get(node):
            leaves_by_group[(place.parent, place.relation)] += 1
    shown = {root}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    folded_into: dict[str, tuple[str, str]] = {}
    for node in sorted(places, key=lambda n: (places[n].depth, n)):  # parents before children
        place = places[node]
        if place.parent in folded_into:
            key = folded_into[place.parent]
        else:
            key = (place.parent, place.relation)
            if kids.get(node):
                visible = place.depth <= inner_depth
            else:
                visible = place.depth <= leaf_depth and leaves_by_group[key] <= leaf_limit
            if visible:
                shown.add(node)
                continue
        groups[key].append(node)
        folded_into[node] = key
    for key, members in list(groups.items()):
        if len(members) == 1 and not kids.get(members[0]):
            shown.add(members[0])  # a group of one reads better as the member itself
            del groups[key]
    return shown, dict(groups)


def fold(family: nx.MultiDiGraph, root: str, max_nodes: int = MAX_NODES) -> Folded:
    """The drawable graph of ``family``: every member if it fits, else members and groups."""
    if len(family) <= max_nodes:
        return Folded(diagrams.distinct_edges(family))
    places = spanning_tree(family, root)
    for limits in STEPS:
        shown, groups = _choose(root, places, limits)
        if len(shown) + len(groups) <= max_nodes:
            break
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n, dict(family.nodes[n])) for n in shown)
    for node in shown - {root}:  # tree edges only: crossing second-parent edges tangle labels
        place = places[node]
        data = min(family.succ[place.parent][node].values(), key=lambda d: d["relation"])
        graph.add_edge(place.parent, node, **data)
    named: dict[str, list[str]] = {}
    for (parent, relation), members in sorted(groups.items()):
        node = f"{GROUP_PREFIX}{parent}:{relation}"
        count = len(members)
        graph.add_node(node, kind="group", name=f"+{count} {'model' if count == 1 else 'models'}")
        graph.add_edge(parent, node, relation=relation, evidence="documented")
        named[node] = sorted(members)
    return Folded(graph, named)
