"""What several commands share: loading the registry and reporting why it could not be loaded."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..report import as_text

if TYPE_CHECKING:
    from ..store import Registry


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """The ``PATH ...`` argument of commands that work on entry files (default: entries/)."""
    parser.add_argument(
        "paths",
        nargs="*",
        default=["entries"],
        metavar="PATH",
        help="entry files or folders (default: entries/)",
    )


def add_entries_option(
    parser: argparse.ArgumentParser, help_text: str = "", *, or_installed: bool = False
) -> None:
    """``--entries DIR``: the registry a command reads (default: entries/; with
    ``or_installed``, the data installed with the package when there is no entries/)."""
    if or_installed:
        help_text = "the entries folder (default: entries/, else the data installed with it)"
    parser.add_argument(
        "--entries",
        type=Path,
        default=None if or_installed else Path("entries"),
        metavar="DIR",
        help=help_text or "the entries folder (default: entries/)",
    )


def load_or_report(path: str | Path | None) -> Registry | None:
    """The registry under ``path`` (from the load cache when nothing changed; None: entries/ or
    the installed data); None after printing why if it cannot be loaded."""
    from ..loading import load
    from ..packaged import NoSnapshotError
    from ..validation import InvalidRegistryError

    if path is not None and not Path(path).exists():
        print(f"llm-registry: no such folder: {path}", file=sys.stderr)
        return None
    try:
        return load(path)
    except NoSnapshotError as exc:
        print(f"llm-registry: {exc}", file=sys.stderr)
        return None
    except InvalidRegistryError as exc:
        errors = [f for f in exc.findings if f.severity == "error"]
        print(as_text(errors, exc.files), file=sys.stderr)
        print("Fix these errors first (`llm-registry validate`).", file=sys.stderr)
        return None


def write_output(text: str, output: Path | None) -> None:
    """Write to a file when one is given, else to stdout."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def progress_for(flag: bool | None):
    """The progress bar of the network commands: on a terminal outside CI unless a flag says."""
    import os

    from ..links.report import Progress

    show = flag if flag is not None else sys.stderr.isatty() and not os.environ.get("CI")
    return Progress() if show else None


def load_history(path: Path | None, notes: list[str]):
    """The link history for scheduled runs (None without ``--history``); problems go to notes."""
    if path is None:
        return None
    from ..links.history import History

    history = History.load(path)
    if history.problem:
        notes.append(history.problem)
    return history
