"""``import hf-card`` (a local model card) and ``import hf`` (a repo on the Hub): draft entries."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import add_entries_option

if TYPE_CHECKING:
    from ..hfcard import CardDraft, Reference
    from ..store import Registry


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

    hub = formats.add_parser(
        "hf", help="a model or dataset on the Hugging Face Hub (HF_ENDPOINT is honoured)"
    )
    hub.add_argument("repo_ids", nargs="+", metavar="REPO_ID", help="owner/name on the Hub")
    hub.add_argument("--dataset", action="store_true", help="the repos are datasets")
    hub.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write each draft as <id>.yaml into this folder (default: stdout)",
    )
    hub.add_argument("--force", action="store_true", help="replace output files that exist already")
    hub.add_argument("--name", help="the entry's name (one repo only)")
    add_entries_option(hub, "the registry to map base models and datasets onto (default: entries/)")
    hub.set_defaults(func=run_hf)


def _registry(entries: Path) -> Registry | None:
    from ..validation import validate

    registry = validate([entries]).registry if entries.is_dir() else None
    if registry is None:
        print(
            f"llm-registry import: no entries folder at {entries}; pass --entries DIR",
            file=sys.stderr,
        )
    return registry


def run_hf(args: argparse.Namespace) -> int:
    from ..hfcard import is_hub_id
    from ..hfimport import HubError, draft_from_hub
    from ..hub import RepoRef

    if args.name and len(args.repo_ids) > 1:
        print("llm-registry import: --name needs exactly one REPO_ID", file=sys.stderr)
        return 2
    bad = [r for r in args.repo_ids if not is_hub_id(r)]
    if bad:
        print(f"llm-registry import: not a Hub repo id (owner/name): {bad[0]!r}", file=sys.stderr)
        return 2
    registry = _registry(args.entries)
    if registry is None:
        return 2
    status = 0
    folder = "datasets" if args.dataset else "models"
    for repo_id in args.repo_ids:
        repo = RepoRef("dataset" if args.dataset else "model", repo_id)
        try:
            draft = draft_from_hub(repo, registry, name=args.name)
        except HubError as exc:
            print(f"llm-registry import: {exc}", file=sys.stderr)
            status = 1
            continue
        entry_id = draft.values["id"]
        target = Path(args.output) / f"{entry_id}.yaml" if args.output else None
        if not _emit(draft.text, target, args.force):
            status = 1
            continue
        _report_references(draft.card, draft.unknown, f"entries/{folder}/{entry_id}.yaml")
    return status


def _emit(text: str, target: Path | None, force: bool) -> bool:
    """Write the draft (stdout without a target); an existing file is kept unless ``force``."""
    if target is None:
        sys.stdout.write(text)
        return True
    if target.exists() and not force:
        print(
            f"llm-registry import: {target} exists already; nothing was written "
            "(pass --force to replace it)",
            file=sys.stderr,
        )
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return True


def _report_references(draft: CardDraft, unknown: list[Reference], where: str) -> None:
    """What was skipped, what was mapped onto existing entries, what is missing, and where the
    draft belongs."""
    for problem in draft.refused:
        print(f"skipped {problem}", file=sys.stderr)
    for ref in draft.base_models + draft.datasets:
        if ref.known:
            print(
                f"mapped {ref.hub_id} -> {ref.entry_id} (by the name {ref.matched_by!r})",
                file=sys.stderr,
            )
    for ref in unknown:
        kind = (
            "model"
            if ref in draft.base_models
            else "dataset"
            if ref in draft.datasets
            else "organization"
        )
        print(
            f"not in the registry: {ref.hub_id}; the draft calls it {ref.entry_id!r}. Add it "
            f"first (llm-registry new {kind} ...) or correct the id.",
            file=sys.stderr,
        )
    print(
        f"Save the draft as {where}, check it against the card, then run `llm-registry validate`.",
        file=sys.stderr,
    )


def run_hf_card(args: argparse.Namespace) -> int:
    from ..hfcard import CardError, draft_from_card

    if not args.card.is_file():
        print(f"llm-registry import: no such file: {args.card}", file=sys.stderr)
        return 2
    registry = _registry(args.entries)
    if registry is None:
        return 2
    try:
        draft = draft_from_card(args.card, registry, name=args.name, hub_id=args.hub_id)
    except CardError as exc:
        print(f"llm-registry import: {exc}", file=sys.stderr)
        return 1
    target = output_path(args.output, draft.values["id"]) if args.output else None
    if not _emit(draft.text, target, args.force):
        return 1
    _report_references(draft, draft.unknown, f"entries/models/{draft.values['id']}.yaml")
    return 0


def output_path(output: str, entry_id: str) -> Path:
    """The file a draft goes to: ``output`` itself, or ``<id>.yaml`` inside it when it is a
    folder (an existing one, or a path written with a trailing slash)."""
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return path / f"{entry_id}.yaml"
    return path
