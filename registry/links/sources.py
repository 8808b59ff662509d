"""Where URLs to check come from, each with where it was found.

- entries: every URL field of every entry, with file, entry id, field and line (the loader's
  positions; nothing parses YAML a second time);
- a plain list (``--urls FILE``, ``-`` for stdin), one URL a line;
- a pull request: only the URLs that changed entry files *add* (``--changed``, ``--since REF``).

The built site is :mod:`registry.links.site`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..findings import display_path
from ..kinds import ENTRY_SUFFIXES
from ..loader import LoadedFile, load_file, parse_text
from ..urls import url_fields

if TYPE_CHECKING:
    from ..store import Registry
from .verdicts import Source


class SourceError(Exception):
    """A source that cannot be read (a missing list file, an unknown git ref)."""


@dataclass(frozen=True)
class Target:
    """One occurrence of a URL to check."""

    url: str
    source: Source


def _field_name(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc)


def from_loaded(entry_id: str, loaded: LoadedFile) -> list[Target]:
    """The URLs of one parsed entry file, located."""
    if not isinstance(loaded.data, dict):
        return []
    targets = []
    for loc, url in url_fields(loaded.data):
        line, col = loaded.position(loc)
        source = Source("entry", loaded.path, line, col, entry_id, _field_name(loc))
        targets.append(Target(url.strip(), source))
    return targets


def from_registry(reg: Registry) -> list[Target]:
    """The URLs of every entry of a loaded registry."""
    return [t for entry_id, loaded in reg.files.items() for t in from_loaded(entry_id, loaded)]


def from_entry_paths(paths: Iterable[str | Path]) -> tuple[list[Target], list[str]]:
    """URLs of the entry files under ``paths``, valid or not, and the files that could not be read.

    Link checking does not need a valid registry: an entry with a schema error still has links.
    """
    targets: list[Target] = []
    unreadable: list[str] = []
    from ..validation import collect_files  # the schema: only when entries are read

    for path in collect_files(paths):
        loaded = load_file(path, display_path(path))
        if loaded.data is None:
            unreadable.append(loaded.path)
            continue
        entry_id = str(loaded.data.get("id") or path.stem)
        targets.extend(from_loaded(entry_id, loaded))
    return targets, unreadable


def from_url_list(name: str, stdin: TextIO | None = None) -> list[Target]:
    """One URL a line; blank lines and ``#`` comments are ignored; ``-`` reads stdin."""
    if name == "-":
        text = (stdin or sys.stdin).read()
        shown = "<stdin>"
    else:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read the URL list {name}: {exc}") from exc
        shown = display_path(name)
    targets = []
    for number, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if url and not url.startswith("#"):
            targets.append(Target(url, Source("list", shown, number, 1)))
    return targets


def _git(args: list[str], cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SourceError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        raise SourceError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def changed_since(ref: str, under: Iterable[str | Path] = ("entries",)) -> list[Path]:
    """Entry files under ``under`` changed since ``ref`` (committed, staged, unstaged or new),
    that still exist: a workflow or hook file elsewhere in the repository is not an entry."""
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    names = _git(["diff", "--name-only", "--relative", ref, "--"]).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"]).splitlines()
    roots = [os.path.abspath(u) for u in under]
    files = {
        Path(n)
        for n in names
        if n.endswith(ENTRY_SUFFIXES)
        and any(os.path.commonpath([os.path.abspath(n), r]) == r for r in roots)
    }
    return sorted(p for p in files if p.is_file())


def _urls_at(ref: str, path: Path) -> set[str]:
    """The URLs a file had at ``ref`` (none if it did not exist there)."""
    try:
        text = _git(["show", f"{ref}:./{path.as_posix()}"])
    except SourceError:
        return set()
    loaded = parse_text(text, str(path))
    if not isinstance(loaded.data, dict):
        return set()
    return {url.strip() for _, url in url_fields(loaded.data)}


def added_urls(paths: Iterable[str | Path], ref: str | None) -> tuple[list[Target], list[str]]:
    """The URLs of ``paths``; with ``ref``, only those not already in the file at ``ref``."""
    targets, unreadable = from_entry_paths(paths)
    if ref is None:
        return targets, unreadable
    old: dict[str, set[str]] = {}
    kept = []
    for target in targets:
        file = target.source.file
        if file not in old:
            old[file] = _urls_at(ref, Path(file))
        if target.url not in old[file]:
            kept.append(target)
    return kept, unreadable
