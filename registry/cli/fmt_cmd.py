"""``fmt``: rewrite entry files in the canonical form, or (``--check``) name those that are not."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from ..terminal import printable
from .common import add_paths_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fmt", help="write entry files in the one canonical form (keeps comments)")
    add_paths_argument(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 and name the files that would change",
    )
    p.add_argument("--diff", action="store_true", help="print what would change, as a diff")
    p.set_defaults(func=run_fmt)


def run_fmt(args: argparse.Namespace) -> int:
    from ..discover import discover
    from ..fmt import format_file  # ruamel.yaml: imported only when formatting

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        print(f"llm-registry fmt: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    found = discover(args.paths)  # links that leave the registry, loops: reported, not read
    files = [Path(p) for p in found.files]
    write = not (args.check or args.diff)
    changed: list[Path] = []
    failed = [f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in found.errors]
    for path in files:
        result = format_file(path, write=write)
        if result.error:
            failed.append(result.error)
            continue
        if not result.changed:
            continue
        changed.append(path)
        if args.diff:
            diff = difflib.unified_diff(
                result.original.splitlines(True),
                result.formatted.splitlines(True),
                f"{path}",
                f"{path} (formatted)",
            )
            sys.stdout.writelines(printable(line, keep="\n\t") for line in diff)
    for message in failed:
        print(f"error: {message}", file=sys.stderr)
    verb = "reformatted" if write else "would be reformatted"
    for path in changed:
        print(f"{verb}: {printable(str(path))}", file=sys.stderr if args.diff else sys.stdout)
    if not write and changed:
        print(
            f"{len(changed)} file(s) not in canonical form; run `llm-registry fmt "
            f"{' '.join(map(str, changed)) if len(changed) <= 5 else 'entries'}` to fix.",
            file=sys.stderr,
        )
    print(
        f"{len(files)} file(s) checked, {len(changed)} {verb}, {len(failed)} not formatted.",
        file=sys.stderr,
    )
    if failed:
        return 1
    return 1 if (changed and not write) else 0
