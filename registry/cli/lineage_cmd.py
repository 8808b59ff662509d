"""``lineage`` and ``export``: the lineage graph in the terminal and as data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..relations import EVIDENCE, RELATIONS
from .common import add_entries_option, load_or_report, write_output

EXPORT_FORMATS = ("json", "csv", "edges-csv", "graphml", "parquet")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lineage", help="what an entry is built on, and what is built on it")
    p.add_argument("id", help="entry id, name or alias (e.g. llava)")
    way = p.add_mutually_exclusive_group()
    way.add_argument(
        "--up", dest="direction", action="store_const", const="up", help="ancestors only"
    )
    way.add_argument(
        "--down", dest="direction", action="store_const", const="down", help="descendants only"
    )
    way.add_argument(
        "--both",
        dest="direction",
        action="store_const",
        const="both",
        help="ancestors and descendants (default)",
    )
    p.add_argument("--depth", type=int, help="follow at most N edges")
    p.add_argument(
        "--relation",
        action="append",
        choices=sorted(RELATIONS),
        metavar="R",
        help="follow only this relation (repeatable)",
    )
    p.add_argument(
        "--evidence",
        action="append",
        choices=EVIDENCE,
        metavar="LEVEL",
        help="follow only edges of this evidence level (repeatable; e.g. --evidence documented "
        "leaves out what only a secondary source states)",
    )
    p.add_argument("--format", choices=["tree", "json", "mermaid", "dot"], default="tree")
    add_entries_option(p, or_installed=True)
    p.set_defaults(func=run_lineage, direction="both")

    p = sub.add_parser("export", help="the whole registry as JSON, CSV, GraphML or Parquet")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write to FILE instead of stdout (parquet: into the folder DIR, required)",
    )
    add_entries_option(p, or_installed=True)
    p.set_defaults(func=run_export)


def run_lineage(args: argparse.Namespace) -> int:
    from .. import lineage_format
    from ..store import UnknownEntryError

    reg = load_or_report(args.entries)
    if reg is None:
        return 1
    found = reg.find(args.id)
    entry_id = found.id if found else args.id
    up, down = args.direction in ("up", "both"), args.direction in ("down", "both")
    try:
        graph = reg.lineage.subgraph(
            entry_id,
            up=up,
            down=down,
            relations=args.relation,
            depth=args.depth,
            evidence=args.evidence,
        )
    except UnknownEntryError as exc:
        print(f"llm-registry lineage: {exc}", file=sys.stderr)
        return 2
    if args.format == "tree":
        parts = []
        if up:
            parts.append(lineage_format.to_tree(graph, entry_id, upstream=True))
        if down:
            parts.append(lineage_format.to_tree(graph, entry_id, upstream=False))
        text = "\n\n".join(parts)
    elif args.format == "json":
        text = lineage_format.to_json(graph, entry_id)
    elif args.format == "mermaid":
        text = lineage_format.to_mermaid(graph, entry_id)
    else:
        text = lineage_format.to_dot(graph, entry_id)
    write_output(text, None)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .. import export

    if args.format == "parquet":
        return _export_parquet(args)
    reg = load_or_report(args.entries)
    if reg is None:
        return 1
    write_output(export.write(reg, args.format), args.output)
    return 0


def _export_parquet(args: argparse.Namespace) -> int:
    """``entries.parquet`` and ``edges.parquet`` into ``-o DIR`` (needs the [parquet] extra)."""
    from .. import parquet

    if args.output is None or args.output.is_file():
        print(
            "llm-registry export: --format parquet writes two files: give -o DIR", file=sys.stderr
        )
        return 2
    reg = load_or_report(args.entries)
    if reg is None:
        return 1
    try:
        paths = parquet.write(reg, args.output)
    except parquet.ParquetUnavailableError as exc:
        print(f"llm-registry export: {exc}", file=sys.stderr)
        return 2
    print("\n".join(str(p) for p in paths))
    return 0
