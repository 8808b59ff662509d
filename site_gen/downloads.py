"""Downloads: the whole registry as JSON, CSV and GraphML (from ``registry.export``) and one JSON
file per entry at a stable URL, ``/api/entries/<id>.json``."""

from __future__ import annotations

import io
import json

from registry import export
from registry.schema import AnyEntry

from . import layout
from .context import SiteContext

SRC = "downloads.md"
FILES = {
    "downloads/registry.json": 'every entry and every edge: `{"entries": [...], "edges": [...]}`',
    "downloads/registry.csv": (
        "one row per entry; list fields joined with `;` (`active_parameters` aligned with "
        "`parameters`, empty for a dense size); a text cell that a spreadsheet would read as a "
        "formula (starting with `=`, `+`, `-` or `@`) begins with `'`"
    ),
    "downloads/edges.csv": (
        "one row per edge: source, target, relation, evidence, stage, size, note, and the "
        "checkpoints it starts from and leads to"
    ),
    "downloads/registry.graphml": "the lineage graph for Gephi, yEd or networkx",
}


def entry_document(ctx: SiteContext, entry: AnyEntry) -> str:
    """An entry's JSON file: its record as in registry.json, and the edges that touch it."""
    edges = [
        {"source": e.source, "target": e.target, **e.attributes()}
        for e in ctx.edges_of.get(entry.id, [])
    ]
    data = {"entry": export.entry_record(entry), "edges": edges}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def add_files(ctx: SiteContext) -> None:
    """Write the whole-registry files into the tree."""
    reg = ctx.registry
    ctx.add("downloads/registry.json", json.dumps(export.to_json(reg), ensure_ascii=False) + "\n")
    ctx.add("downloads/registry.csv", export.to_csv(reg))
    ctx.add("downloads/edges.csv", export.edges_csv(reg))
    buffer = io.BytesIO()
    export.to_graphml(reg, buffer)
    ctx.add("downloads/registry.graphml", buffer.getvalue())


def page(ctx: SiteContext) -> str:
    lines = [
        "# Downloads",
        "",
        f"The registry as data ({len(ctx.registry)} entries, {len(ctx.registry.edges)} edges), "
        "regenerated on every build from the entry files.",
        "",
    ]
    for path, what in FILES.items():
        lines.append(f"- [{path.rsplit('/', 1)[-1]}]({layout.md_link(SRC, path)}): {what}")
    example = next(iter(sorted(ctx.registry.entries)), None)
    lines += [
        "",
        "## One entry",
        "",
        "Each entry has its own JSON file at a stable address, `api/entries/<id>.json` "
        "(its record as in registry.json, and every edge that touches it)",
    ]
    if example:
        lines[-1] += (
            f", for example [{example}.json]({layout.md_link(SRC, layout.entry_json(example))})"
        )
    lines[-1] += "."
    return "\n".join(lines) + "\n"
