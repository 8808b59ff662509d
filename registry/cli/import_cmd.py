"""``import hf-card``: a draft entry from a Hugging Face model card's metadata (local file only)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .common import add_entries_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="draft entries from other formats")
    formats = p.add_subparsers(dest="source", metavar="FORMAT", required=True)
    card = formats.add_parser("hf-card", help="a Hugging Face model card (README.md)")
    card.add_argument("card", type=Path, metavar="README.md", help="the model card, a local file")
    card.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write the draft to this file, or as <id>.yaml into this folder (default: stdout)",
    )
    card.add_argument(
        "--force", action="store_true", help="replace the output file if it exists already"
    )
    card.add_argument(
        "--name",
        help="the model's name (default: model_name, the Hub repository "
        "name, or the card's first heading)",
    )
    card.add_argument(
        "--hub-id",
        metavar="OWNER/NAME",
        help="the model's Hub id: links and the source then point at its card",
    )
    add_entries_option(card, "the registry to map base models onto (default: entries/)")
    card.set_defaults(func=run_hf_card)


def run_hf_card(args: argparse.Namespace) -> int:
    from ..hfcard import CardError, draft_from_card
    from ..validation import validate

    if not args.card.is_file():
        print(f"llm-registry import: no such file: {args.card}", file=sys.stderr)
        return 2
    registry = validate([args.entries]).registry if args.entries.is_dir() else None
    if registry is None:
        print(
            f"llm-registry import: no entries folder at {args.entries}; pass --entries DIR",
            file=sys.stderr,
        )
        return 2
    try:
        draft = draft_from_card(args.card, registry, name=args.name, hub_id=args.hub_id)
    except CardError as exc:
        print(f"llm-registry import: {exc}", file=sys.stderr)
        return 1
    if args.output:
        target = output_path(args.output, draft.values["id"])
        if target.exists() and not args.force:
            print(
                f"llm-registry import: {target} exists already; nothing was written "
                "(pass --force to replace it)",
                file=sys.stderr,
            )
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(draft.text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(draft.text)
    for problem in draft.refused:
        print(f"skipped {problem}", file=sys.stderr)
    for ref in draft.base_models + draft.datasets:
        if ref.known:
            print(
                f"mapped {ref.hub_id} -> {ref.entry_id} (by the name {ref.matched_by!r})",
                file=sys.stderr,
            )
    for ref in draft.unknown:
        kind = "model" if ref in draft.base_models else "dataset"
        print(
            f"not in the registry: {ref.hub_id}; the draft calls it {ref.entry_id!r}. Add it "
            f"first (llm-registry new {kind} ...) or correct the id.",
            file=sys.stderr,
        )
    print(
        f"Save the draft as entries/models/{draft.values['id']}.yaml, check it against the "
        "card, then run `llm-registry validate`.",
        file=sys.stderr,
    )
    return 0


def output_path(output: str, entry_id: str) -> Path:
    """The file a draft goes to: ``output`` itself, or ``<id>.yaml`` inside it when it is a
    folder (an existing one, or a path written with a trailing slash)."""
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return path / f"{entry_id}.yaml"
    return path
