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


def add_entries_option(parser: argparse.ArgumentParser, help_text: str = "") -> None:
    """``--entries DIR``: the registry a command reads (default: entries/)."""
    parser.add_argument(
        "--entries",
        type=Path,
        default=Path("entries"),
        metavar="DIR",
        help=help_text or "the entries folder (default: entries/)",
    )


def load_or_report(path: str | Path) -> Registry | None:
    """The registry under ``path`` (from the load cache when nothing changed); None after
    printing the findings if it has errors."""
    from ..loading import load
    from ..validation import InvalidRegistryError

    if not Path(path).exists():
        print(f"llm-registry: no such folder: {path}", file=sys.stderr)
        return None
    try:
        return load(path)
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
