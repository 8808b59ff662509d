"""Which files under the given paths are entry files, and what is wrong with the folder's layout.

A registry is one folder (``entries/``) holding one folder per kind, each holding entry files.
Everything else found there is reported, located, rather than skipped without a word: an entry
file at the top or in a sub-folder (Y013), a file that is not YAML (Y014), a symbolic link that
leaves the registry (Y015, never followed), a link loop (Y016), a dangling link (Y017), a folder
that cannot be read or a path that is neither a file nor a folder (Y018).

Kept apart from validation and the load cache because both need it and neither may import the
other (the cache keys itself on this list; validation checks what is on it).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import make_finding
from .findings import Finding, Severity, display_path
from .kinds import ENTRY_SUFFIXES, FOLDERS

KIND_FOLDERS = frozenset(FOLDERS.values())


@dataclass
class Discovery:
    """The entry files found (in order, each once) and the layout findings."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    def report(self, code: str, path: str, message: str) -> None:
        self.findings.append(make_finding(code, display_path(path), 1, 1, message))


def registry_root(path: str | Path) -> Path | None:
    """The registry folder a path belongs to: a folder holding kind folders, else the nearest
    folder named ``entries`` at or above it, else the folder above a kind folder; None for a
    file that belongs to no registry."""
    given = Path(os.path.abspath(path))
    is_dir = given.is_dir()
    if is_dir and any((given / name).is_dir() for name in KIND_FOLDERS):
        return given
    for candidate in (given, *given.parents):
        if candidate.name == "entries":
            return candidate
    if not is_dir:
        return given.parent.parent if given.parent.name in KIND_FOLDERS else None
    return given.parent if given.name in KIND_FOLDERS else given


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


class _Walker:
    """One registry folder's walk, depth first in name order, never through a link that
    leaves it and never twice into the same folder."""

    def __init__(self, root: Path | None, found: Discovery) -> None:
        self.root = str(root) if root is not None else None
        self.real_root = os.path.realpath(root) if root is not None else None
        self.found = found
        self.seen: set[str] = set()

    def follow(self, path: str) -> str | None:
        """The real path behind a link, or None once a finding says why it is not followed."""
        try:
            real = os.path.realpath(path, strict=True)
        except OSError as exc:
            target = _link_text(path)
            if exc.errno == errno.ELOOP:
                self.found.report("Y016", path, f"the link to {target} leads back to itself")
            elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
                self.found.report("Y017", path, f"the link to {target} points at nothing")
            else:
                self.found.report("Y018", path, f"cannot follow the link: {exc.strerror}")
            return None
        if self.real_root is not None and not _inside(real, self.real_root):
            self.found.report(
                "Y015", path, f"the link to {_link_text(path)} leaves the registry's folder"
            )
            return None
        return real

    def parts_of(self, path: str) -> tuple[str, ...] | None:
        """A path's parts below the registry folder; None if it is not inside one (a file
        named from outside a registry is checked on its own, wherever it stands)."""
        if self.root is None:
            return None
        parts = Path(os.path.relpath(os.path.abspath(path), self.root)).parts
        return None if parts and parts[0] == os.pardir else parts

    def visit(
        self,
        path: str,
        parts: tuple[str, ...] | None,
        is_link: bool,
        is_dir: bool,
        is_file: bool,
    ) -> str | None:
        """Check one path (``parts``: where it stands in the registry folder); return it if it
        is a folder to walk into, and record entry files."""
        real = None
        if is_link:
            real = self.follow(path)
            if real is None:
                return None
            is_dir, is_file = os.path.isdir(real), os.path.isfile(real)
        name = os.path.basename(path)
        if is_dir:
            real = real or os.path.realpath(path)
            if real in self.seen:
                self.found.report("Y016", path, "the folder leads back to one already read")
                return None
            if name.endswith(ENTRY_SUFFIXES):
                self.found.report("Y013", path, f"a folder is named like an entry file: {name!r}")
            return path
        if not is_file:
            self.found.report(
                "Y018", path, "neither a file nor a folder (a pipe, socket or device)"
            )
        elif not name.endswith(ENTRY_SUFFIXES):
            self.found.report("Y014", path, f"{name!r} is not a .yaml file; it is ignored")
        elif parts is not None and not (len(parts) == 2 and parts[0] in KIND_FOLDERS):
            self.found.report("Y013", path, "an entry file must stand in entries/<kind>/")
        else:
            self.found.files.append(path)
        return None

    def listing(self, folder: str) -> Iterator[os.DirEntry[str]]:
        self.seen.add(os.path.realpath(folder))
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.found.report("Y018", folder, f"cannot read the folder: {exc.strerror}")
            return iter(())
        return iter(items)

    def walk(self, top: str) -> None:
        top_parts = self.parts_of(top)
        stack = [(self.listing(top), top_parts)]
        while stack:
            items, parts = stack[-1]
            item = next(items, None)
            if item is None:
                stack.pop()
                continue
            try:
                is_link = item.is_symlink()
                is_dir = not is_link and item.is_dir(follow_symlinks=False)
                is_file = not is_link and item.is_file(follow_symlinks=False)
            except OSError as exc:
                self.found.report("Y018", item.path, f"cannot read: {exc.strerror}")
                continue
            here = None if parts is None else (*parts, item.name)
            folder = self.visit(item.path, here, is_link, is_dir, is_file)
            if folder is not None:
                stack.append((self.listing(folder), here))


def _link_text(path: str) -> str:
    try:
        return repr(os.readlink(path))
    except OSError:
        return "?"


def discover(paths: Iterable[str | Path], root: str | Path | None = None) -> Discovery:
    """Entry files under the given files and folders, with what is wrong with the layout.

    ``root`` is the registry folder the paths belong to (found from each path if not given).
    A named file is checked like a file found by the walk; one that does not exist is left to
    the loader, which reports it.
    """
    found = Discovery()
    seen_files: set[str] = set()
    for raw in paths:
        path = str(raw)
        walker = _Walker(Path(root) if root is not None else registry_root(path), found)
        before = len(found.files)
        if os.path.isdir(path) and not os.path.islink(path):
            walker.walk(path)
        elif os.path.lexists(path):
            is_link = os.path.islink(path)
            parts = walker.parts_of(path)
            folder = walker.visit(path, parts, is_link, os.path.isdir(path), os.path.isfile(path))
            if folder is not None:
                walker.walk(folder)
        else:
            found.files.append(path)
        new = []
        for file in found.files[before:]:
            key = os.path.abspath(file)
            if key not in seen_files:
                seen_files.add(key)
                new.append(file)
        found.files[before:] = new
    return found


def collect_paths(paths: Iterable[str | Path]) -> list[str]:
    """Entry files under the given files and folders, in order, each once, as strings."""
    return discover(paths).files


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Entry files under the given files and folders, in order, each once."""
    return [Path(p) for p in collect_paths(paths)]
