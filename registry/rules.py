"""Cross-entry rules: one function per rule code, each over the whole set of valid entries.

Every function takes the :class:`Checked` set and returns findings; :data:`CROSS_ENTRY_RULES`
runs them in order. Rules that only need one file live in :mod:`registry.entryfile`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .bounds import period
from .catalog import make_finding
from .confusables import lookalikes
from .edges import Edge, declared_edges
from .findings import Finding
from .licenses import LICENSES, allows_commercial
from .loader import LoadedFile
from .names import lookalike_keys, normalize_name, suggest
from .relations import MODEL_RELATIONS
from .schema import AnyEntry, Model
from .terminal import char_name
from .units import format_model_size

# Relations through which a model is made from another's weights or outputs: what a model
# licence's derivative clauses reach (not `successor`, which claims no inheritance).
DERIVING = frozenset(MODEL_RELATIONS) - {"successor"}


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


_FIELD_RANK = {"id": 0, "name": 0}  # then aliases and former ids
_FIELD_WORD = {"id": "id", "name": "name", "aliases": "alias", "former_ids": "former id"}


def _names(entry: AnyEntry) -> list[tuple[tuple, str]]:
    names = [(("name",), entry.name), (("id",), entry.id)]
    names += [(("aliases", i), alias) for i, alias in enumerate(entry.aliases)]
    return names + [(("former_ids", i), old) for i, old in enumerate(entry.former_ids)]


def _precedence(c: Checked, entry: AnyEntry, loc: tuple) -> tuple:
    """Which of two entries keeps a name both use: the one holding it in the stronger field
    (id or name, then alias), then the one released first, then the first by path. The
    other entry is the one reported: an alias that clashes with a name is the alias's
    problem, and of two equal claims the newer resource is most likely the new file."""
    released = period(entry.released)[0] if entry.released else datetime.date.max
    return (_FIELD_RANK.get(str(loc[0]), 2), released, c.files[entry.id].path)


def duplicate_names(c: Checked) -> list[Finding]:
    """R002: a name, alias or former id that another entry already uses, compared ignoring
    case, spaces and punctuation, and then by look-alike characters (UTS #39 skeletons)."""
    exact: dict[str, list] = defaultdict(list)
    alike: dict[str, list] = defaultdict(list)
    for entry in c.entries.values():
        for loc, name in _names(entry):
            found = (entry, loc, name)
            exact[normalize_name(name)].append(found)
            before, after = lookalike_keys(name)
            alike[before].append(found)
            if after != before:
                alike[after].append(found)
    out: list[Finding] = []
    reported: set[tuple[str, tuple]] = set()
    for groups, looks in ((exact, False), (alike, True)):
        for key, found in groups.items():
            # An entry's names are added one after another: a group holds two entries
            # exactly when its first and last names are of different ones.
            if len(found) < 2 or not key or found[0][0].id == found[-1][0].id:
                continue
            keeper, keeper_loc, kept = min(found, key=lambda f: _precedence(c, f[0], f[1]))
            for entry, loc, name in found:
                if entry.id == keeper.id or loc == ("id",) or (entry.id, loc) in reported:
                    continue
                reported.add((entry.id, loc))
                what = _FIELD_WORD[str(loc[0])]
                held = f"the {_FIELD_WORD[str(keeper_loc[0])]} of {keeper.id!r}"
                if looks:
                    chars = ", ".join(char_name(ch) for ch in lookalikes(name + kept))
                    message = f"{what} {name!r} looks like {kept!r}, {held}"
                    message += f" (look-alike characters: {chars})" if chars else ""
                else:
                    message = f"{what} {name!r} is already used by {keeper.id!r} ({held})"
                out.append(c.at(entry.id, loc, "R002", message))
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


def chronology(c: Checked) -> list[Finding]:
    out = []
    for edge in c.edges:
        if edge.relation in ("trained_on", "built_with"):
            continue
        parent, child = c.entries.get(edge.source), c.entries.get(edge.target)
        if not parent or not child or not parent.released or not child.released:
            continue
        if period(child.released)[1] < period(parent.released)[0]:
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


def _licence_of(entry: AnyEntry, checkpoint: str | None) -> str | None:
    """The licence of an entry, or of its named checkpoint where that one states its own."""
    if checkpoint is not None and isinstance(entry, Model):
        found = entry.checkpoint(checkpoint)
        if found is not None and found.license is not None:
            return found.license
    return entry.license


def licences(c: Checked) -> list[Finding]:
    """L001 a model widens a parent's licence; L002 commercial model on non-commercial data.

    Where an edge names checkpoints, the licences compared are those of the checkpoints."""
    out = []
    for edge in c.edges:
        child, parent = c.entries.get(edge.target), c.entries.get(edge.source)
        if not isinstance(child, Model) or parent is None:
            continue
        child_licence = _licence_of(child, edge.into)
        parent_licence = _licence_of(parent, edge.checkpoint)
        if allows_commercial(child_licence) is not True:
            continue
        if allows_commercial(parent_licence) is not False:
            continue
        if edge.relation in ("successor", "component", "built_with"):
            continue
        code = "L002" if edge.relation == "trained_on" else "L001"
        out.append(
            c.at(
                child.id,
                edge.loc,
                code,
                f"{child.id} is licensed {child_licence}, but {parent.id} is "
                f"{parent_licence}, which does not allow commercial use",
            )
        )
    return out


def _child_name(child: Model, into: str | None) -> str:
    """The published name an edge leads to: the named checkpoint's, else the entry's."""
    return into if into is not None and child.checkpoint(into) is not None else child.name


def licence_clauses(c: Checked) -> list[Finding]:
    """L003 a derived model's name lacks the prefix its parent's licence requires; L004 a
    model derived from one under terms its derivatives keep (Gemma's) is licensed otherwise.

    A licence binds its licensees, not the licensor: a model made by an organization of the
    parent (Meta's Llama Guard from Llama 3) is not checked."""
    out = []
    for edge in c.edges:
        child, parent = c.entries.get(edge.target), c.entries.get(edge.source)
        if not isinstance(child, Model) or parent is None or edge.relation not in DERIVING:
            continue
        terms = LICENSES.get(_licence_of(parent, edge.checkpoint) or "")
        if terms is None or not (terms.name_prefix or terms.derivatives_keep_terms):
            continue  # (most licences have neither clause)
        if set(child.organizations) & set(parent.organizations):
            continue
        name = _child_name(child, edge.into)
        prefix = terms.name_prefix
        if prefix and not normalize_name(name).startswith(normalize_name(prefix)):
            out.append(
                c.at(
                    child.id,
                    edge.loc,
                    "L003",
                    f"{name!r} is derived ({edge.relation}) from {parent.id}, whose licence "
                    f"{terms.id} requires a derived model's name to begin with {prefix!r}",
                )
            )
        child_licence = _licence_of(child, edge.into)
        if terms.derivatives_keep_terms and child_licence not in (None, terms.id):
            out.append(
                c.at(
                    child.id,
                    edge.loc,
                    "L004",
                    f"{child.id} is licensed {child_licence}, but it is derived "
                    f"({edge.relation}) from {parent.id}, and derivatives of a {terms.id} "
                    f"model, distilled ones included, stay under {terms.name}",
                )
            )
    return out


def _checkpoint_finding(
    c: Checked, owner: str, loc: tuple, named: str, listed_by: AnyEntry
) -> list[Finding]:
    names = [cp.name for cp in listed_by.checkpoints] if isinstance(listed_by, Model) else []
    if named in names:
        return []
    close = suggest(named, names)
    if close:
        hint = f"Did you mean {', '.join(repr(n) for n in close)}?"
    elif names:
        hint = f"{listed_by.id} lists: {', '.join(names[:6])}{' ...' if len(names) > 6 else ''}."
    else:
        hint = f"{listed_by.id} lists no checkpoints; add them under its `checkpoints:`."
    return [c.at(owner, loc, "R020", f"{listed_by.id} lists no checkpoint named {named!r}", hint)]


def checkpoint_references(c: Checked) -> list[Finding]:
    """R020 an edge's ``checkpoint`` (the parent's) or ``into`` (this entry's) is not listed."""
    out = []
    for edge in c.edges:
        parent, child = c.entries.get(edge.source), c.entries.get(edge.target)
        if parent is None or child is None:
            continue  # R003 reports the dangling reference
        where = edge.loc[:-1]
        if edge.checkpoint is not None:
            out += _checkpoint_finding(c, child.id, (*where, "checkpoint"), edge.checkpoint, parent)
        if edge.into is not None:
            out += _checkpoint_finding(c, child.id, (*where, "into"), edge.into, child)
    return out


def checkpoint_sizes(c: Checked) -> list[Finding]:
    """R021 a checkpoint's size is not one of the sizes its entry lists."""
    out = []
    for entry in c.entries.values():
        if not isinstance(entry, Model) or not entry.parameters:
            continue
        listed = {int(p): p.active for p in entry.parameters}
        for i, cp in enumerate(entry.checkpoints):
            if cp.size is None:
                continue
            total, active = int(cp.size), cp.size.active
            known = total in listed
            if known and (active is None or listed[total] in (None, active)):
                continue
            out.append(
                c.at(
                    entry.id,
                    ("checkpoints", i, "size"),
                    "R021",
                    f"checkpoint {cp.name!r} has a size ({format_model_size(cp.size)}) that "
                    f"{entry.id}'s parameters do not list",
                )
            )
    return out


def checkpoint_names(c: Checked) -> list[Finding]:
    """R022 a checkpoint name that another entry uses as its name, alias or checkpoint."""
    owner: dict[str, str] = {}
    models = []
    for entry in c.entries.values():
        for name in (entry.id, entry.name, *entry.aliases):
            owner.setdefault(normalize_name(name), entry.id)
        if isinstance(entry, Model) and entry.checkpoints:
            models.append(entry)  # (getattr with a default on the others raises inside)
    out = []
    for entry in models:
        for i, cp in enumerate(entry.checkpoints):
            other = owner.setdefault(normalize_name(cp.name), entry.id)
            if other != entry.id:
                out.append(
                    c.at(
                        entry.id,
                        ("checkpoints", i, "name"),
                        "R022",
                        f"checkpoint name {cp.name!r} is already used by {other!r}",
                    )
                )
    return out


def secondary_evidence(c: Checked) -> list[Finding]:
    """R023 an edge marked ``evidence: secondary`` without the source or the note it needs."""
    out = []
    for edge in c.edges:
        if edge.evidence != "secondary" or (edge.url and edge.note):
            continue
        missing = " and ".join(
            name for name, value in (("source", edge.url), ("note", edge.note)) if not value
        )
        out.append(
            c.at(
                edge.target,
                edge.loc,
                "R023",
                f"the {edge.relation} edge from {edge.source} is marked secondary but gives "
                f"no {missing}",
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
    licence_clauses,
    checkpoint_references,
    checkpoint_sizes,
    checkpoint_names,
    secondary_evidence,
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
