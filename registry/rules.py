"""Cross-entry rules: one function per rule code, each over the whole set of valid entries.

Every function takes the :class:`Checked` set and returns findings; :data:`CROSS_ENTRY_RULES`
runs them in order. Rules that only need one file live in :mod:`registry.entryfile`.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .catalog import make_finding
from .edges import Edge, declared_edges
from .findings import Finding
from .licenses import allows_commercial
from .loader import LoadedFile
from .names import normalize_name, suggest
from .schema import AnyEntry, Model


@dataclass
class Checked:
    """Entries that passed their per-file checks, with their files and declared edges."""

    entries: dict[str, AnyEntry]
    files: dict[str, LoadedFile]
    duplicates: list[tuple[AnyEntry, LoadedFile]]
    edges: list[Edge]

    def at(self, entry_id: str, loc: tuple, code: str, message: str, hint: str = "") -> Finding:
        loaded = self.files[entry_id]
        line, col = loaded.position(loc)
        return make_finding(code, loaded.path, line, col, message, hint)


def duplicate_ids(c: Checked) -> list[Finding]:
    out = []
    for entry, loaded in c.duplicates:
        first = c.files[entry.id].path
        line, col = loaded.position(("id",))
        out.append(
            make_finding(
                "R001", loaded.path, line, col, f"id {entry.id!r} is already declared in {first}"
            )
        )
    return out


def duplicate_names(c: Checked) -> list[Finding]:
    owner: dict[str, str] = {}
    out = []
    for entry in c.entries.values():
        names = [(("id",), entry.id), (("name",), entry.name)]
        names += [(("aliases", i), alias) for i, alias in enumerate(entry.aliases)]
        names += [(("former_ids", i), old) for i, old in enumerate(entry.former_ids)]
        for loc, name in names:
            key = normalize_name(name)
            other = owner.setdefault(key, entry.id)
            if other != entry.id and loc != ("id",):
                what = "name" if loc == ("name",) else "alias"
                out.append(
                    c.at(entry.id, loc, "R002", f"{what} {name!r} is already used by {other!r}")
                )
    return out


def _all_names(c: Checked) -> dict[str, str]:
    table = {}
    for entry in c.entries.values():
        for name in (entry.name, *entry.aliases):
            table[name] = entry.id
    return table


def references(c: Checked) -> list[Finding]:
    """R003 dangling references, R004 wrong kinds, R005 self-references."""
    out = []
    names = _all_names(c)
    for edge in c.edges:
        out += _check_reference(c, edge.target, edge.loc, edge.source, edge.expected_kind, names)
    for entry in c.entries.values():
        for i, org in enumerate(entry.organizations):
            out += _check_reference(c, entry.id, ("organizations", i), org, "organization", names)
    return out


def _check_reference(
    c: Checked, owner: str, loc: tuple, ref: str, kind: str, names: dict[str, str]
) -> list[Finding]:
    if ref == owner:
        return [c.at(owner, loc, "R005", f"{owner!r} names itself")]
    target = c.entries.get(ref)
    if target is None:
        close = suggest(ref, list(c.entries))
        by_name = [names[n] for n in suggest(ref, names)]
        options = list(dict.fromkeys(close + by_name))[:3]
        hint = f"Did you mean {', '.join(repr(o) for o in options)}?" if options else ""
        return [c.at(owner, loc, "R003", f"no entry has the id {ref!r}", hint)]
    if target.kind != kind:
        return [c.at(owner, loc, "R004", f"{ref!r} is a {target.kind}, expected a {kind}")]
    return []


def _find_cycles(children: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle found by an iterative depth-first search, as the list of its ids."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    found = []
    for start in sorted(children):
        if start in state:
            continue
        path, stack = [start], [iter(children[start])]
        state[start] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(child) == 1:
                found.append(path[path.index(child) :] + [child])
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append(iter(children.get(child, ())))
    return found


def cycles(c: Checked) -> list[Finding]:
    children: dict[str, list[str]] = defaultdict(list)
    where: dict[tuple[str, str], tuple] = {}
    for edge in c.edges:
        if edge.source in c.entries and edge.source != edge.target:
            children[edge.source].append(edge.target)
            where.setdefault((edge.source, edge.target), edge.loc)
    out = []
    for cycle in _find_cycles(children):
        last_edge = (cycle[-2], cycle[-1])
        out.append(c.at(cycle[-1], where[last_edge], "R006", f"lineage cycle: {' → '.join(cycle)}"))
    return out


def _bounds(date: str) -> tuple[str, str]:
    """Earliest and latest day a date of any precision can mean."""
    parts = date.split("-")
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{date}-01", f"{date}-{last:02d}"
    return f"{date}-01-01", f"{date}-12-31"


def chronology(c: Checked) -> list[Finding]:
    out = []
    for edge in c.edges:
        if edge.relation in ("trained_on", "built_with"):
            continue
        parent, child = c.entries.get(edge.source), c.entries.get(edge.target)
        if not parent or not child or not parent.released or not child.released:
            continue
        if _bounds(child.released)[1] < _bounds(parent.released)[0]:
            out.append(
                c.at(
                    child.id,
                    edge.loc,
                    "R007",
                    f"{child.id} ({child.released}) is dated before {parent.id} "
                    f"({parent.released}), which it was made from",
                )
            )
    return out


def sizes(c: Checked) -> list[Finding]:
    out = []
    for edge in c.edges:
        parent = c.entries.get(edge.source)
        if edge.size is None or not isinstance(parent, Model) or not parent.parameters:
            continue
        if edge.size not in parent.parameters:
            out.append(
                c.at(
                    edge.target,
                    (*edge.loc[:-1], "size"),
                    "R008",
                    f"{edge.source} lists no size of {edge.size:,} parameters",
                )
            )
    return out


def licences(c: Checked) -> list[Finding]:
    """L001 a model widens a parent's licence; L002 commercial model on non-commercial data."""
    out = []
    for edge in c.edges:
        child, parent = c.entries.get(edge.target), c.entries.get(edge.source)
        if not isinstance(child, Model) or parent is None:
            continue
        if allows_commercial(child.license) is not True:
            continue
        if allows_commercial(parent.license) is not False:
            continue
        if edge.relation in ("successor", "component", "built_with"):
            continue
        code = "L002" if edge.relation == "trained_on" else "L001"
        out.append(
            c.at(
                child.id,
                edge.loc,
                code,
                f"{child.id} is licensed {child.license}, but {parent.id} is "
                f"{parent.license}, which does not allow commercial use",
            )
        )
    return out


CROSS_ENTRY_RULES: list[Callable[[Checked], list[Finding]]] = [
    duplicate_ids,
    duplicate_names,
    references,
    cycles,
    chronology,
    sizes,
    licences,
]


def check_all(
    valid: list[tuple[AnyEntry, LoadedFile]],
) -> tuple[Checked, list[Finding]]:
    """Run every cross-entry rule over the entries that passed their per-file checks."""
    entries: dict[str, AnyEntry] = {}
    files: dict[str, LoadedFile] = {}
    duplicates = []
    for entry, loaded in valid:
        if entry.id in entries:
            duplicates.append((entry, loaded))
            continue
        entries[entry.id] = entry
        files[entry.id] = loaded
    edges = [edge for entry in entries.values() for edge in declared_edges(entry)]
    checked = Checked(entries, files, duplicates, edges)
    findings = [finding for rule in CROSS_ENTRY_RULES for finding in rule(checked)]
    return checked, findings
