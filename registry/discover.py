"""Which files under the given paths are entry files: the walk of an entries folder.

Kept apart from validation and the load cache because both need it and neither may import the
other (the cache keys itself on this list; validation checks what is on it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .kinds import ENTRY_SUFFIXES


def _walk(folder: str) -> Iterable[str]:
    with os.scandir(folder) as it:
        items = sorted(it, key=lambda e: e.name)
    for item in items:
        if item.is_dir():
            yield from _walk(item.path)
        elif item.name.endswith(ENTRY_SUFFIXES) and item.is_file():
            yield item.path


def collect_paths(paths: Iterable[str | Path]) -> list[str]:
    """Entry files under the given files and folders, sorted, each once, as strings."""
    found: dict[str, None] = {}
    for raw in paths:
        path = str(raw)
        if os.path.isdir(path):
            found.update(dict.fromkeys(_walk(path)))
        else:
            found.setdefault(path, None)
    return list(found)


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Entry files under the given files and folders, sorted, each once."""
    return [Path(p) for p in collect_paths(paths)]
