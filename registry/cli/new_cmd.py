"""``new KIND NAME``: write a skeleton entry that validates, asking for fields on a terminal."""

from __future__ import annotations

import argparse
import sys

from ..kinds import KINDS
from ..report import as_text
from .common import add_entries_option

# Fields asked for on a terminal, in order, with the question; Enter skips a field.
QUESTIONS = [
    ("description", "One-sentence description"),
    ("organizations", "Organization ids, comma-separated (e.g. meta-ai)"),
    ("released", "Release date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("license", "Licence (SPDX id, or see `llm-registry rules --licenses`)"),
    ("sources", "Source URLs, comma-separated (paper, model card, official page)"),
]
_LISTS = {"organizations", "sources", "aliases"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="write a skeleton entry at the right path with the right id")
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of {', '.join(KINDS)}")
    p.add_argument("name", metavar="NAME", help='the name as its authors write it: "Alpaca-LoRA"')
    p.add_argument("--id", dest="entry_id", help="the id (default: made from the name)")
    p.add_argument("--alias", dest="aliases", action="append", default=[], metavar="NAME")
    p.add_argument("--description")
    p.add_argument(
        "--organization", dest="organizations", action="append", default=[], metavar="ID"
    )
    p.add_argument("--released", metavar="DATE")
    p.add_argument("--license", metavar="ID")
    p.add_argument("--source", dest="sources", action="append", default=[], metavar="URL")
    add_entries_option(p)
    p.add_argument(
        "--no-input", action="store_true", help="never ask, even on a terminal (flags only)"
    )
    p.set_defaults(func=run_new)


def _ask(values: dict) -> None:
    """Ask for the fields not given as flags; an empty answer leaves the field out."""
    print("Press Enter to skip a field; you can add it to the file later.", file=sys.stderr)
    for name, question in QUESTIONS:
        if values.get(name):
            continue
        try:
            answer = input(f"{question}: ").strip()
        except EOFError:
            return
        if not answer:
            continue
        values[name] = (
            [a.strip() for a in answer.split(",") if a.strip()] if name in _LISTS else answer
        )


def run_new(args: argparse.Namespace) -> int:
    from ..scaffold import ScaffoldError, draft, write
    from ..validation import validate

    if not args.entries.is_dir():
        print(
            f"llm-registry new: no entries folder at {args.entries}; run it from the "
            "repository root or pass --entries DIR",
            file=sys.stderr,
        )
        return 2
    values = {
        name: getattr(args, name)
        for name in ("aliases", "description", "organizations", "released", "license", "sources")
    }
    if sys.stdin.isatty() and not args.no_input:
        _ask(values)
    registry = validate([args.entries]).registry
    try:
        new = draft(args.kind, args.name, registry, args.entries, values, args.entry_id)
    except ScaffoldError as exc:
        print(f"llm-registry new: {exc}", file=sys.stderr)
        return 1
    if new.errors:
        print(as_text(new.findings, 1), file=sys.stderr)
        print(
            f"llm-registry new: {new.path} was not written; fix the values above.", file=sys.stderr
        )
        return 1
    write(new)
    print(new.path)
    print(
        f"Wrote {new.path}: fill in the commented fields you know (with a source for each), "
        f"then run `llm-registry validate` and `llm-registry fmt {new.path}`.",
        file=sys.stderr,
    )
    return 0
