"""The typed edges an entry declares, read once from its fields.

Edges are written in the file of the entry that was made; here they are turned around to point
downstream (from what was used to what was made), each remembering where it was written: the
location of the value that names the other entry (``lineage[0].parent``,
``trained_on[1].dataset``), so that every finding about a reference stands at the reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from .loader import Loc
from .schema import AnyEntry, Dataset, Model


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str
    evidence: str = "documented"
    note: str | None = None
    size: int | None = None
    stage: str | None = None
    url: str | None = None
    loc: Loc = ()
    expected_kind: str = "model"
    checkpoint: str | None = None  # the parent's checkpoint the edge starts from
    into: str | None = None  # the child's checkpoint it leads to

    @property
    def declared_in(self) -> str:
        """The id of the entry whose file declares this edge (always the downstream one)."""
        return self.target

    def attributes(self) -> dict[str, object]:
        """The edge's data, without empty values: what the graph and exports carry."""
        data: dict[str, object] = {"relation": self.relation, "evidence": self.evidence}
        for name in ("note", "size", "stage", "url", "checkpoint", "into"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data


def declared_edges(entry: AnyEntry) -> list[Edge]:
    """Every edge the entry declares, pointing downstream into it."""
    edges: list[Edge] = []
    if isinstance(entry, Model):
        for i, e in enumerate(entry.lineage):
            edges.append(
                Edge(
                    e.parent,
                    entry.id,
                    e.relation,
                    e.evidence,
                    e.note,
                    e.size,
                    url=e.source,
                    loc=("lineage", i, "parent"),
                    checkpoint=e.checkpoint,
                    into=e.into,
                )
            )
        for i, t in enumerate(entry.trained_on):
            edges.append(
                Edge(
                    t.dataset,
                    entry.id,
                    "trained_on",
                    t.evidence,
                    note=t.note,
                    stage=t.stage,
                    url=t.source,
                    loc=("trained_on", i, "dataset"),
                    expected_kind="dataset",
                )
            )
        for i, lib in enumerate(entry.built_with):
            edges.append(
                Edge(lib, entry.id, "built_with", loc=("built_with", i), expected_kind="library")
            )
    elif isinstance(entry, Dataset):
        for i, d in enumerate(entry.derived_from):
            edges.append(
                Edge(
                    d.dataset,
                    entry.id,
                    "derived_from",
                    d.evidence,
                    d.note,
                    url=d.source,
                    loc=("derived_from", i, "dataset"),
                    expected_kind="dataset",
                )
            )
        for i, g in enumerate(entry.generated_by):
            edges.append(
                Edge(
                    g.model,
                    entry.id,
                    "generated_by",
                    g.evidence,
                    g.note,
                    url=g.source,
                    loc=("generated_by", i, "model"),
                )
            )
    return edges
