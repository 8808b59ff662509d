"""Validating some entry files in the context of the registry they belong to.

``llm-registry validate FILE ...`` checks the named files against every entry of their registry
(the ``entries/`` folder above them, or ``--entries DIR``): references resolve against all of
them and the cross-entry rules see all of them, while the report covers only the named files.
A problem a named file causes at an untouched file (a child now dated before it, a reference to
an id it gave up, a cycle through it) is reported at the named file, saying where it shows.

With a warm load cache, the rest of the registry comes from the cache and the rules look only
at the named entries and what an edge or a shared name joins to them, so one changed file of
10,000 is checked without reading the others. Without a usable cache (or when other files
changed too) the whole registry is validated and the report narrowed the same way.
"""

from __future__ import annotations

import os
import re
from collections import ChainMap, defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from . import cache as registry_cache
from .bulk import paused_gc
from .discover import discover, registry_root
from .edges import Edge, declared_edges
from .entryfile import check_entry_file, partial_entry
from .findings import Finding, display_path
from .loader import LoadedFile, load_file
from .loading import validate_folder
from .names import lookalike_keys
from .rules import CROSS_ENTRY_RULES, Checked, cycles
from .schema import AnyEntry
from .store import Registry
from .validation import Report, validate, without_acknowledged


def check_paths(
    paths: Iterable[str | Path], entries: str | Path | None = None, *, cache: bool = True
) -> Report:
    """Validate files and folders: a registry folder as a whole, anything inside one (a file,
    a kind folder) in the context of that registry."""
    whole: list[str] = []
    named: dict[Path, list[str]] = defaultdict(list)
    for raw in paths:
        path = str(raw)
        root = Path(entries) if entries is not None else registry_root(path)
        if root is None or _same(path, root):
            whole.append(path)
        else:
            named[root].append(path)
    reports = [validate(whole)] if whole else []
    reports += [_check_named(root, files, cache) for root, files in named.items()]
    if len(reports) == 1:
        return reports[0]
    findings = sorted(f for report in reports for f in report.findings)
    return Report(reports[0].registry, findings, sum(r.files for r in reports))


def _same(path: str, root: Path) -> bool:
    return os.path.isdir(path) and os.path.abspath(path) == os.path.abspath(root)


def _check_named(root: Path, paths: list[str], use_cache: bool) -> Report:
    with paused_gc():
        return _check_named_now(root, paths, use_cache)


def _check_named_now(root: Path, paths: list[str], use_cache: bool) -> Report:
    found = discover(paths, root=root)
    named = {os.path.abspath(p): p for p in found.files}
    refused = {os.path.abspath(f.path): f.path for f in found.findings}  # misplaced, links
    rels = {os.path.relpath(p, os.path.abspath(root)) for p in named}
    context = registry_cache.read_context(root, rels) if use_cache and root.is_dir() else None
    if context is not None:
        return _check_against(root, context, named, found.findings)
    outside = [p for p in named if not _under(p, root)]
    if outside or not root.is_dir():
        report = validate([root, *outside] if root.is_dir() else outside, last=named)
    else:  # this also warms the cache for the next run
        report = validate_folder(root, cache=use_cache, last=named)
    findings = report.findings + [
        f for f in found.findings if not _under(os.path.abspath(f.path), root)
    ]
    ids = _ids_of_files(report.registry, named)
    located = {os.path.abspath(f.path): f for f in report.registry.files.values()}
    narrowed = _narrow(findings, {**refused, **named}, ids, located)
    return Report(report.registry, narrowed, len(named))


def _under(path: str, root: Path) -> bool:
    base = os.path.abspath(root)
    return path.startswith(base.rstrip(os.sep) + os.sep)


def _ids_of_files(registry: Registry, named: Mapping[str, str]) -> dict[str, str]:
    """The id of each named file's entry, where it loaded."""
    return {
        entry_id: os.path.abspath(loaded.path)
        for entry_id, loaded in registry.files.items()
        if os.path.abspath(loaded.path) in named
    }


class _Scope(Mapping[str, AnyEntry]):
    """Every entry for look-ups (an id exists, its kind, its data), but only the entries in
    focus when a rule walks over all of them: the named ones and those joined to them."""

    def __init__(self, context: Registry, named: dict[str, AnyEntry], focus: Iterable[str]) -> None:
        self.context = context
        self.named = named
        self.focus = [i for i in dict.fromkeys(reversed(list(focus))) if i in self][::-1]

    def __getitem__(self, entry_id: str) -> AnyEntry:
        if entry_id in self.named:
            return self.named[entry_id]
        return self.context.entries[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.named or entry_id in self.context.entries

    def __iter__(self) -> Iterator[str]:
        yield from self.named
        yield from (i for i in self.context.entries if i not in self.named)

    def __len__(self) -> int:
        return len(self.context.entries) + sum(1 for i in self.named if i not in self.context)

    def values(self) -> list[AnyEntry]:  # type: ignore[override]
        return [self[i] for i in self.focus]

    def items(self) -> list[tuple[str, AnyEntry]]:  # type: ignore[override]
        return [(i, self[i]) for i in self.focus]


def _check_against(
    root: Path, context: registry_cache.Context, named: dict[str, str], layout: list[Finding]
) -> Report:
    """Check the named files against a cached registry that lacks them."""
    ctx = context.registry
    cwd = os.getcwd()
    loaded_files: list[LoadedFile] = []
    entries: dict[str, AnyEntry] = {}
    files: dict[str, LoadedFile] = {}
    duplicates: list[tuple[AnyEntry, LoadedFile]] = []
    for path in named.values():
        loaded = load_file(path, display_path(path, cwd))
        loaded_files.append(loaded)
        entry = check_entry_file(loaded, Path(path)) or partial_entry(loaded)
        if entry is None:
            continue
        if entry.id in entries or entry.id in ctx.entries:
            duplicates.append((entry, loaded))  # the untouched one was there first
        else:
            entries[entry.id] = entry
            files[entry.id] = loaded
    old_ids = set(context.old_ids.values())
    new_edges = [edge for entry in entries.values() for edge in declared_edges(entry)]
    touched = set(entries) | old_ids
    joined = context.edges.from_sources(touched)  # edges into untouched children
    focus = [*(e.source for e in new_edges), *(e.target for e in joined)]
    focus += _name_owners(context, entries.values()) + [d.id for d, _ in duplicates]
    scope = _Scope(ctx, entries, [*focus, *entries])  # named last: conflicts are reported there
    all_files = ChainMap(files, ctx.files)  # type: ignore[arg-type]
    near = Checked(scope, all_files, duplicates, new_edges + joined)  # type: ignore[arg-type]
    closure = Checked(  # type: ignore[arg-type]
        scope, all_files, [], _upstream(context.edges, new_edges, set(entries))
    )
    findings = [f for item in loaded_files for f in item.findings] + layout
    for rule in CROSS_ENTRY_RULES:
        findings += rule(closure if rule is cycles else near)
    findings = without_acknowledged(findings, dict(scope.items()), all_files)
    ids = {entry_id: os.path.abspath(loaded.path) for entry_id, loaded in files.items()}
    first = next(iter(named), None)
    for rel, entry_id in context.old_ids.items():
        path = os.path.join(os.path.abspath(root), rel)
        # A file gone since the cache was written was renamed or removed by this change:
        # what its id leaves dangling is reported at the first named file.
        owner = path if path in named else first
        if owner is not None:
            ids.setdefault(entry_id, owner)
    located = {os.path.abspath(loaded.path): loaded for loaded in loaded_files}
    narrowed = _narrow(findings, named, ids, located)
    return Report(Registry(entries, files, new_edges), narrowed, len(named))


def _name_owners(context: registry_cache.Context, entries: Iterable[AnyEntry]) -> list[str]:
    """Untouched entries that already use a name, alias or former id of a named entry, or
    one that looks like it."""
    owners = []
    for entry in entries:
        for name in (entry.id, entry.name, *entry.aliases, *entry.former_ids):
            owner = context.registry.find(name)
            if owner is not None:
                owners.append(owner.id)
            for i, key in enumerate(lookalike_keys(name)):
                alike = context.lookalike.get(f"{i}:{key}")
                if alike is not None and alike in context.registry:
                    owners.append(alike)
    return [i for i in owners if i not in {e.id for e in entries}]


def _upstream(context: registry_cache.CachedEdges, new: list[Edge], start: set[str]) -> list[Edge]:
    """The edges (of the context's and the new ones) reachable upstream from ``start``: a
    cycle through one of them is made of its ancestors, so every such cycle is among these
    (and ancestors are few, descendants of a popular model many)."""
    parents: dict[str, list[Edge | list]] = defaultdict(list)
    for row in context.rows:  # rows: only the edges reached are made
        parents[row[1]].append(row)
    for edge in new:
        parents[edge.target].append(edge)
    seen = set(start)
    queue = deque(start)
    reached = []
    while queue:
        for item in parents.get(queue.popleft(), ()):
            edge = registry_cache.edge_of(item) if isinstance(item, list) else item
            reached.append(edge)
            if edge.source not in seen:
                seen.add(edge.source)
                queue.append(edge.source)
    return reached


def _narrow(
    findings: list[Finding],
    named: Mapping[str, str],
    ids: dict[str, str],
    located: Mapping[str, LoadedFile],
) -> list[Finding]:
    """The findings at the named files, and those at other files that name a named entry's id
    (moved to that entry's file, at its id, saying where they show)."""
    by_id = [(re.compile(rf"(?<![\w.-]){re.escape(i)}(?![\w-])"), i) for i in ids]
    kept = []
    for finding in findings:
        if os.path.abspath(finding.path) in named:
            kept.append(finding)
            continue
        entry_id = next((i for pattern, i in by_id if pattern.search(finding.message)), None)
        if entry_id is None:
            continue
        target = ids[entry_id]
        loaded = located.get(target)
        line, col = loaded.position(("id",)) if loaded is not None else (1, 1)
        kept.append(
            Finding(
                named[target],
                line,
                col,
                finding.code,
                f"{finding.message} (at {finding.path}:{finding.line}:{finding.col})",
                finding.severity,
                finding.hint,
            )
        )
    return sorted(set(kept))
