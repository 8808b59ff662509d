"""The whole registry as data: JSON (the shape design.md promises), CSV and GraphML.

JSON keeps every field of every entry with sizes as plain integers; CSV flattens lists with
``;`` and never holds a formula (:func:`csv_cell`); GraphML carries the lineage graph with scalar
attributes that Gephi and networkx read.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from .schema import AnyEntry, Model
from .store import Registry

CSV_COLUMNS = [
    "id",
    "kind",
    "name",
    "aliases",
    "organizations",
    "released",
    "parameters",
    "active_parameters",
    "architecture",
    "license",
    "access",
    "domains",
    "modalities",
    "category",
    "paper",
    "homepage",
    "code",
    "description",
]


def entry_record(entry: AnyEntry) -> dict[str, Any]:
    """One entry as plain JSON-ready data (integers for sizes, strings for dates).

    ``parameters`` stays the integer totals; a model with a mixture-of-experts size also gets
    ``active_parameters``, aligned with ``parameters`` (null for a dense size), and so does
    each MoE checkpoint.
    """
    data = entry.model_dump(mode="json", exclude_none=True)
    data.setdefault("aliases", [])
    if isinstance(entry, Model):
        if entry.is_moe:
            data["active_parameters"] = entry.active_parameters
        for record, checkpoint in zip(data.get("checkpoints", []), entry.checkpoints, strict=True):
            if checkpoint.size is not None and checkpoint.size.active is not None:
                record["active_parameters"] = checkpoint.size.active
    return data


def edge_records(registry: Registry) -> list[dict[str, Any]]:
    """Every edge with source, target, relation, evidence and its optional details."""
    return [
        {"source": e.source, "target": e.target, **e.attributes()}
        for e in sorted(registry.edges, key=lambda e: (e.source, e.target, e.relation))
    ]


def to_json(registry: Registry) -> dict[str, Any]:
    """``{"entries": [...], "edges": [...], "meta": {...}}``, entries sorted by id; ``meta`` says
    which package version and which data (date, commit) this is, so it can be cited."""
    entries = [entry_record(registry.get(i)) for i in sorted(registry.entries)]
    return {
        "entries": entries,
        "edges": edge_records(registry),
        "meta": registry.snapshot.as_dict(),
    }


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _joined(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that no spreadsheet runs: text starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a leading ``'`` (OWASP's advice), so entry text such
    as ``=HYPERLINK(...)`` stays text. Numbers, and lists of numbers, are written as they are.

    >>> csv_cell("=1+1"), csv_cell(-5), csv_cell([7, 13]), csv_cell(["-x", "y"])
    ("'=1+1", '-5', '7;13', "'-x;y")
    """
    text = _joined(value)
    numbers = value if isinstance(value, list) else [value]
    if value is not None and all(v is None or _is_number(v) for v in numbers):
        return text  # a list of sizes may have gaps (active_parameters of dense sizes)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(registry: Registry) -> str:
    """One row per entry; list fields joined with ``;``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry_id in sorted(registry.entries):
        record = entry_record(registry.get(entry_id))
        links = record.get("links", {})
        row = {col: csv_cell(record.get(col)) for col in CSV_COLUMNS}
        row.update({k: csv_cell(links.get(k)) for k in ("paper", "homepage", "code")})
        writer.writerow(row)
    return out.getvalue()


def edges_csv(registry: Registry) -> str:
    """One row per edge: source, target, relation, evidence, stage, size, note, checkpoints."""
    out = io.StringIO()
    columns = ["source", "target", "relation", "evidence", "stage", "size", "note"]
    columns += ["checkpoint", "into"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for record in edge_records(registry):
        writer.writerow({c: csv_cell(record.get(c)) for c in columns})
    return out.getvalue()


def graphml_graph(registry: Registry) -> nx.MultiDiGraph:
    """The lineage graph with list attributes joined by ``;`` (GraphML holds scalars only)."""
    graph = nx.MultiDiGraph()
    meta = registry.snapshot.as_dict()
    facts = {
        "llm_registry_version": meta["version"],
        **{f"data_{k}": v for k, v in meta["data"].items()},
    }
    graph.graph.update({k: v for k, v in facts.items() if v is not None})
    for node, data in registry.lineage.graph.nodes(data=True):
        graph.add_node(
            node, **{k: _joined(v) if isinstance(v, list) else v for k, v in data.items()}
        )
    for u, v, data in registry.lineage.graph.edges(data=True):
        graph.add_edge(u, v, **data)
    return graph


def to_graphml(registry: Registry, path: str | Path | io.BytesIO) -> None:
    nx.write_graphml(graphml_graph(registry), path)


def write(registry: Registry, fmt: str) -> str:
    """The export in ``fmt`` (json, csv, edges-csv or graphml) as text."""
    if fmt == "json":
        return json.dumps(to_json(registry), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return to_csv(registry)
    if fmt == "edges-csv":
        return edges_csv(registry)
    if fmt == "graphml":
        buffer = io.BytesIO()
        to_graphml(registry, buffer)
        return buffer.getvalue().decode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


FORMATS = ("json", "csv", "edges-csv", "graphml")  # keep in step with cli.lineage_cmd
