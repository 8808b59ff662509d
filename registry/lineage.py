"""The lineage graph: every typed edge in one networkx graph, built once, and the questions
people ask of it (what is LLaVA built on? what is downstream of The Pile?).

Edges point downstream, from what was used to what was made. Every query takes an optional set
of relations to follow, a set of kinds to return and, where it makes sense, a depth limit.

>>> lin = registry.load().lineage                     # doctest: +SKIP
>>> lin.path("llama", "llava")                        # doctest: +SKIP
['llama', 'vicuna', 'llava']
>>> "gpt-j" in lin.descendants("the-pile")            # doctest: +SKIP
True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any, NamedTuple, Protocol

import networkx as nx

from .bulk import paused_gc
from .edges import Edge
from .relations import EVIDENCE, MODEL_RELATIONS, RELATIONS
from .schema import AnyEntry, Model

# Relations through which a model's weights carry what its parent learned (not `successor`).
WEIGHT_RELATIONS = frozenset(MODEL_RELATIONS) - {"successor"}


class Neighbor(NamedTuple):
    """A parent or child of an entry, with the data of the edge between them."""

    id: str
    relation: str
    data: dict[str, Any]


def node_attributes(entry: AnyEntry) -> dict[str, Any]:
    """What a node carries: enough to draw, filter and export without the entry objects."""
    attrs: dict[str, Any] = {"kind": entry.kind, "name": entry.name}
    for name in ("released", "license", "access"):
        value = getattr(entry, name)
        if value is not None:
            attrs[name] = value
    if entry.organizations:
        attrs["organizations"] = list(entry.organizations)
    if entry.domains:
        attrs["domains"] = list(entry.domains)
    if isinstance(entry, Model):
        if entry.parameters:
            attrs["parameters"] = [int(size) for size in entry.parameters]
            if entry.is_moe:
                attrs["active_parameters"] = entry.active_parameters
        if entry.architecture is not None:
            attrs["architecture"] = entry.architecture
    return attrs


def _check_relations(relations: Iterable[str] | None) -> frozenset[str] | None:
    if relations is None:
        return None
    chosen = frozenset(relations)
    unknown = chosen - RELATIONS.keys()
    if unknown:
        raise ValueError(
            f"unknown relation(s) {', '.join(sorted(unknown))}; known: {', '.join(RELATIONS)}"
        )
    return chosen


def _check_evidence(evidence: Iterable[str] | None) -> frozenset[str] | None:
    if evidence is None:
        return None
    chosen = frozenset([evidence] if isinstance(evidence, str) else evidence)
    unknown = chosen - set(EVIDENCE)
    if unknown:
        raise ValueError(
            f"unknown evidence level(s) {', '.join(sorted(unknown))}; known: {', '.join(EVIDENCE)}"
        )
    return chosen


def _edge_ok(
    data: dict[str, Any], relations: frozenset[str] | None, evidence: frozenset[str] | None
) -> bool:
    if relations is not None and data["relation"] not in relations:
        return False
    return evidence is None or data.get("evidence", "documented") in evidence


class Entries(Protocol):
    """What the graph is built from: a :class:`registry.store.Registry` (described here, not
    imported, so that the store can build its graph without the two importing each other)."""

    entries: Mapping[str, AnyEntry]
    edges: list[Edge]

    def __iter__(self) -> Iterator[AnyEntry]: ...

    def get(self, entry_id: str) -> AnyEntry: ...

    def kind_of(self, entry_id: str) -> str: ...


class Lineage:
    """Queries over the registry's lineage graph (a ``networkx.MultiDiGraph`` in ``.graph``)."""

    def __init__(self, registry: Entries) -> None:
        self.registry = registry
        self._roots: dict[tuple, list[str]] = {}
        graph = nx.MultiDiGraph()
        with paused_gc():
            graph.add_nodes_from((e.id, node_attributes(e)) for e in registry)
            graph.add_edges_from(
                (edge.source, edge.target, edge.attributes())
                for edge in registry.edges
                if edge.source in registry.entries
            )
        self.graph = graph

    def _require(self, entry_id: str) -> None:
        if entry_id not in self.graph:
            self.registry.get(entry_id)  # raises UnknownEntryError with suggestions

    def _neighbors(
        self, entry_id: str, upstream: bool, relations: frozenset[str] | None
    ) -> list[Neighbor]:
        adjacency = self.graph.pred if upstream else self.graph.succ
        found = []
        for other, edges in adjacency[entry_id].items():
            for data in edges.values():
                if relations is None or data["relation"] in relations:
                    found.append(Neighbor(other, data["relation"], dict(data)))
        return found

    def _kind_ok(self, entry_id: str, kinds: Collection[str] | None) -> bool:
        return kinds is None or self.graph.nodes[entry_id]["kind"] in kinds

    def _of_kinds(self, found: Iterable[str], kinds: Collection[str] | None) -> set[str]:
        if kinds is None:
            return set(found)
        nodes = self.graph.nodes
        return {n for n in found if nodes[n]["kind"] in kinds}

    def parents(
        self,
        entry_id: str,
        relations: Iterable[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> list[Neighbor]:
        """What the entry was made from, directly, with each edge's data."""
        return self._adjacent(entry_id, True, relations, kinds)

    def children(
        self,
        entry_id: str,
        relations: Iterable[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> list[Neighbor]:
        """What was made from the entry, directly, with each edge's data."""
        return self._adjacent(entry_id, False, relations, kinds)

    def _adjacent(
        self,
        entry_id: str,
        upstream: bool,
        relations: Iterable[str] | None,
        kinds: Collection[str] | None,
    ) -> list[Neighbor]:
        self._require(entry_id)
        chosen = _check_relations(relations)
        found = self._neighbors(entry_id, upstream, chosen)
        return [n for n in found if self._kind_ok(n.id, kinds)]

    def _walk(
        self,
        entry_id: str,
        upstream: bool,
        relations: Iterable[str] | None,
        depth: int | None,
        evidence: Iterable[str] | None = None,
    ) -> dict[str, int]:
        """Breadth-first distances from ``entry_id`` (itself excluded), following only edges
        of the given relations and evidence levels (all when None)."""
        self._require(entry_id)
        chosen = _check_relations(relations)
        levels = _check_evidence(evidence)
        adjacency = self.graph.pred if upstream else self.graph.succ
        unfiltered = chosen is None and levels is None  # the common query: no edge to test
        seen = {entry_id: 0}
        queue = deque([entry_id])
        while queue:
            current = queue.popleft()
            if depth is not None and seen[current] >= depth:
                continue
            for other, edges in adjacency[current].items():
                if other in seen:
                    continue
                if unfiltered or any(_edge_ok(d, chosen, levels) for d in edges.values()):
                    seen[other] = seen[current] + 1
                    queue.append(other)
        del seen[entry_id]
        return seen

    def ancestors(
        self,
        entry_id: str,
        relations: Iterable[str] | None = None,
        kinds: Collection[str] | None = None,
        depth: int | None = None,
        evidence: Iterable[str] | None = None,
    ) -> set[str]:
        """Everything upstream: models, data and libraries the entry descends from (weight
        parents and teachers alike). ``evidence`` keeps only edges of those levels, e.g.
        ``("documented",)`` leaves out what only a secondary source states."""
        return self._of_kinds(self._walk(entry_id, True, relations, depth, evidence), kinds)

    def descendants(
        self,
        entry_id: str,
        relations: Iterable[str] | None = None,
        kinds: Collection[str] | None = None,
        depth: int | None = None,
        evidence: Iterable[str] | None = None,
    ) -> set[str]:
        """Everything downstream: for a dataset, the models trained on it and their children;
        ``evidence`` as in :meth:`ancestors`."""
        return self._of_kinds(self._walk(entry_id, False, relations, depth, evidence), kinds)

    def path(self, source: str, target: str, relations: Iterable[str] | None = None) -> list[str]:
        """The shortest downstream chain of ids from ``source`` to ``target``; [] if none."""
        self._require(source)
        self._require(target)
        chosen = _check_relations(relations)
        graph: nx.MultiDiGraph = self.graph
        if chosen is not None:
            graph = nx.subgraph_view(
                self.graph, filter_edge=lambda u, v, k: self.graph[u][v][k]["relation"] in chosen
            )
        try:
            return list(nx.shortest_path(graph, source, target))
        except nx.NetworkXNoPath:
            return []

    def family(
        self,
        root: str,
        relations: Iterable[str] | None = MODEL_RELATIONS,
        depth: int | None = None,
    ) -> nx.MultiDiGraph:
        """The subgraph of ``root`` and everything made from it (model lineage by default)."""
        return self.subgraph(root, up=False, down=True, relations=relations, depth=depth)

    def roots(
        self,
        relations: Iterable[str] | None = MODEL_RELATIONS,
        kinds: Collection[str] | None = ("model",),
    ) -> list[str]:
        """Entries with children but no parents under ``relations``: the tops of families.

        One pass over the registry's edge list (much cheaper than networkx's edge view),
        remembered per argument set: the graph does not change.
        """
        chosen = _check_relations(relations)
        key = (chosen, None if kinds is None else frozenset(kinds))
        if key not in self._roots:
            sources, targets = set(), set()
            for edge in self.registry.edges:
                if (chosen is None or edge.relation in chosen) and edge.source in self.graph:
                    sources.add(edge.source)
                    targets.add(edge.target)
            found = sources - targets
            if kinds is not None:
                found = {n for n in found if self.registry.kind_of(n) in kinds}
            self._roots[key] = sorted(found)
        return list(self._roots[key])

    def upstream_data(self, model_id: str, evidence: Iterable[str] | None = None) -> set[str]:
        """Every dataset the model's weights depend on: its own training data, that of the
        models it inherits weights from or learned from as a teacher (distillation), and the
        datasets those were derived from; ``evidence`` as in :meth:`ancestors`."""
        levels = _check_evidence(evidence)
        models = {
            model_id,
            *self.ancestors(model_id, WEIGHT_RELATIONS, kinds=("model",), evidence=levels),
        }
        trained = frozenset({"trained_on"})
        data = {
            n.id
            for m in models
            for n in self._neighbors(m, True, trained)
            if _edge_ok(n.data, trained, levels)
        }
        for dataset in list(data):
            data |= self.ancestors(dataset, {"derived_from"}, evidence=levels)
        return data

    def subgraph(
        self,
        entry_id: str,
        up: bool = True,
        down: bool = True,
        relations: Iterable[str] | None = None,
        depth: int | None = None,
        evidence: Iterable[str] | None = None,
    ) -> nx.MultiDiGraph:
        """The entry with its ancestors and/or descendants, for drawing and printing; edges
        of the given relations and evidence levels only, when given."""
        nodes = {entry_id}
        if up:
            nodes |= self.ancestors(entry_id, relations, depth=depth, evidence=evidence)
        if down:
            nodes |= self.descendants(entry_id, relations, depth=depth, evidence=evidence)
        chosen = _check_relations(relations)
        levels = _check_evidence(evidence)
        sub = self.graph.subgraph(nodes)
        if chosen is None and levels is None:
            return sub
        return nx.subgraph_view(
            sub, filter_edge=lambda u, v, k: _edge_ok(sub[u][v][k], chosen, levels)
        )
