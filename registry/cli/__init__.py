"""The ``llm-registry`` command: argument parsing only; every command calls the library.

Each sub-command lives in its own module with a ``register(subparsers)`` function that adds its
parser and sets ``func``; ``func(args)`` returns the exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from ..terminal import SafeStream
from . import commands

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Version(argparse.Action):
    """``--version``: the package version and the date of its data (read only when asked)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs) -> None:
        kwargs.update(nargs=0, help="show the version and the date of the data, then exit")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args, **kwargs) -> None:
        from ..snapshot import version_text

        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llm-registry",
        description="Validate, query and publish the LLM Registry.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in commands.MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; exit 0 clean, 1 findings, 2 usage or internal error."""
    with safe_streams():
        return _run(argv)


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    """Diagnostics (stderr), and whatever goes to a terminal, with control and bidirectional
    characters escaped: text from entry files never drives the terminal. Data piped to a file
    or program (an export, a diagram) is written exactly."""
    saved = sys.stdout, sys.stderr
    sys.stderr = SafeStream(sys.stderr)  # type: ignore[assignment]
    if sys.stdout.isatty():
        sys.stdout = SafeStream(sys.stdout)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if os.environ.get("LLM_REGISTRY_DEBUG"):
            raise
        print(f"llm-registry: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(
            "Set LLM_REGISTRY_DEBUG=1 to see the traceback, and please report it.", file=sys.stderr
        )
        return EXIT_USAGE
