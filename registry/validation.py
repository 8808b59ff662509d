"""Validation of a whole tree: every file on its own, then every rule across files.

Everything wrong is reported in one run, in file order; nothing stops at the first problem.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .bulk import paused_gc
from .catalog import FACT_RULES, RULES, make_finding
from .discover import Discovery, discover
from .discover import collect_files as collect_files
from .discover import collect_paths as collect_paths
from .entryfile import check_entry_file, partial_entry
from .findings import Finding, Severity, display_path
from .loader import LoadedFile, load_file
from .rules import check_all
from .schema import AnyEntry
from .store import Registry


class InvalidRegistryError(Exception):
    """Raised by :func:`registry.load` when the entries have errors; ``findings`` says which."""

    def __init__(self, findings: list[Finding], files: int = 0) -> None:
        self.findings = findings
        self.files = files
        errors = [f for f in findings if f.severity == Severity.ERROR]
        lines = [f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in errors[:10]]
        more = f"\n... and {len(errors) - 10} more" if len(errors) > 10 else ""
        super().__init__(f"{len(errors)} error(s) in the entries:\n" + "\n".join(lines) + more)


@dataclass
class Report:
    """The outcome of a validation run: the registry of valid entries and every finding."""

    registry: Registry
    findings: list[Finding]
    files: int

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def without_acknowledged(
    findings: list[Finding], entries: dict[str, AnyEntry], files: dict[str, LoadedFile]
) -> list[Finding]:
    """Drop the warnings an entry acknowledges; acknowledging an error is itself an error."""
    accepted: set[tuple[str, str]] = set()
    extra: list[Finding] = []
    for entry_id, entry in entries.items():
        path = files[entry_id].path
        for i, ack in enumerate(entry.acknowledged):
            rule = RULES.get(ack.code) or FACT_RULES.get(ack.code)
            if rule is None or rule.severity != Severity.WARNING:
                line, col = files[entry_id].position(("acknowledged", i, "code"))
                what = "no rule" if rule is None else "an error, which cannot be acknowledged"
                extra.append(
                    make_finding("S003", path, line, col, f"acknowledged: {ack.code} is {what}")
                )
            accepted.add((path, ack.code))
    kept = [
        f for f in findings if not (f.severity == Severity.WARNING and (f.path, f.code) in accepted)
    ]
    return kept + extra


def check_files(
    files: list[Path], parsed: Iterable[LoadedFile], layout: Discovery | None = None
) -> Report:
    """Check parsed files (as they arrive): schema per file, then the cross-entry rules; with
    the findings about the folder's layout that were made while finding the files."""
    valid: list[tuple[AnyEntry, LoadedFile]] = []
    loaded: list[LoadedFile] = []
    partial: set[str] = set()  # entries with schema errors, checked across entries all the same
    for path, item in zip(files, parsed, strict=True):
        loaded.append(item)
        entry = check_entry_file(item, path)
        if entry is None and item.data is not None:
            entry = partial_entry(item)
            if entry is not None:
                partial.add(entry.id)
        if entry is not None:
            valid.append((entry, item))
    checked, cross = check_all(valid)
    findings = [f for item in loaded for f in item.findings] + cross
    findings += layout.findings if layout is not None else []
    findings = without_acknowledged(findings, checked.entries, checked.files)
    findings.sort()
    registry = Registry(
        {i: e for i, e in checked.entries.items() if i not in partial},
        {i: f for i, f in checked.files.items() if i not in partial},
        [e for e in checked.edges if e.declared_in not in partial],
    )
    return Report(registry=registry, findings=findings, files=len(files))


PARALLEL_FROM = 2000  # files; below this, starting worker processes costs more than it saves
CHUNK = 250


def _parse_chunk(chunk: list[tuple[Path, str]]) -> list[LoadedFile]:
    with paused_gc():
        return [load_file(path, shown) for path, shown in chunk]


def iter_parsed(files: list[Path], workers: int | None = None) -> Iterator[LoadedFile]:
    """Read and parse entry files, in order: in worker processes for large registries (YAML
    parsing is most of the time), in this process otherwise. Files are yielded as their chunk
    is done, so the caller checks one chunk while the workers parse the next."""
    cwd = os.getcwd()
    jobs = [(path, display_path(path, cwd)) for path in files]
    workers = workers or min(4, len(os.sched_getaffinity(0)))
    if len(jobs) < PARALLEL_FROM or workers < 2:
        yield from _parse_chunk(jobs)
        return
    import multiprocessing  # only here: checking a few files need not import it
    from concurrent.futures import ProcessPoolExecutor

    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for part in pool.map(_parse_chunk, chunks):
            yield from part


def parse_files(files: list[Path], workers: int | None = None) -> list[LoadedFile]:
    """All parsed files at once (see :func:`iter_parsed`)."""
    return list(iter_parsed(files, workers))


def validate(paths: Iterable[str | Path] = ("entries",), last: Collection[str] = ()) -> Report:
    """Validate every entry file under ``paths`` and return all findings at once.

    Files in ``last`` (absolute paths) are checked after the others, so that a clash between
    one of them and another file (a duplicate id or name) is reported at it.
    """
    found = discover(paths)
    if last:
        found.files.sort(key=lambda p: os.path.abspath(p) in last)
    files = [Path(p) for p in found.files]
    with paused_gc():
        return check_files(files, iter_parsed(files), found)
