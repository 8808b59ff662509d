"""Skeletons for new entries: the right path, the right id, the required fields, the rest hinted.

A contributor's first file should validate as soon as it is written, and show every field they
could add without a trip to the schema reference: the optional fields are written as comments
with an example and, where the schema has a closed list, the allowed values.
"""

from __future__ import annotations

import datetime
import re
import textwrap
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import make_finding
from .entryfile import check_entry_file
from .findings import Finding, Severity
from .fmt import dump_fragment, field_order, format_text, schema_line
from .licenses import canonical_license
from .loader import parse_text
from .names import slugify
from .schema import FOLDERS, KINDS, MODELS_BY_KIND
from .store import Registry

# One example per optional field: what a contributor would type (comment lines, without '# ').
EXAMPLES: dict[str, str] = {
    "aliases": "aliases: [Other Name, Short Name]",
    "description": "description: >-\n  One or two sentences: what it is, who made it, what it is "
    "known for.",
    "organizations": "organizations: [organization-id]  # ids of entries/organizations/*.yaml",
    "released": "released: 2023-03-13  # YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source",
    "parameters": "parameters: [7B, 13B]  # every size it ships in",
    "context_length": "context_length: 2048",
    "training_tokens": "training_tokens: 1T",
    "category": "category: pretraining",
    "size": "size:\n  bytes: 800 GB\n  tokens: 300B",
    "languages": "languages: [en, zh]",
    "variants": "variants:\n  - name: en\n    description: The English subset.",
    "repository": "repository: https://github.com/owner/name",
    "language": "language: [Python, C++]  # programming languages",
    "provides": "provides: [distributed training]",
    "country": "country: US  # ISO 3166-1 alpha-2",
    "license": "license: Apache-2.0  # SPDX id or a named licence: llm-registry rules --licenses",
    "links": 'links:\n  paper: https://arxiv.org/abs/2302.13971\n  arxiv: "2302.13971"\n'
    "  homepage: https://example.org/\n  code: https://github.com/owner/name\n"
    "  weights: https://huggingface.co/owner/name",
    "lineage": "lineage:  # the models this one was made from\n  - parent: model-id\n"
    "    relation: finetune  # llm-registry rules lists the relations\n"
    "    evidence: documented  # or inferred\n    size: 7B  # the parent's size it started from",
    "trained_on": "trained_on:\n  - dataset: dataset-id\n    stage: pretraining",
    "built_with": "built_with: [library-id]",
    "derived_from": "derived_from: [dataset-id]  # filtered, subset, translated or reproduced",
    "generated_by": "generated_by: [model-id]  # synthetic data made by a model",
    "sources": "sources:\n  - url: https://arxiv.org/abs/2302.13971\n    title: The paper\n"
    "    supports: [parameters, released]  # the fields this source supports",
    "notes": "notes: Where sources disagree, and which one was taken.",
}
_SKIPPED = {"former_ids", "acknowledged"}  # for renames and reviews; CONTRIBUTING.md explains
_REQUIRED = ("id", "kind", "name")


class ScaffoldError(Exception):
    """A skeleton that cannot be written; the message says why and what to do."""


@dataclass
class Draft:
    """The text of a new entry, where it goes, and what validation said about it."""

    path: Path
    text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]


def _allowed_values(kind: str, name: str) -> list[str]:
    """The closed list of values a field takes, read from the schema's Literal types."""
    info = MODELS_BY_KIND[kind].model_fields.get(name)
    if info is None:
        return []
    found: list[str] = []
    stack: list[Any] = [info.annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Literal:
            found += [str(v) for v in typing.get_args(current)]
        else:
            stack += list(typing.get_args(current))
    return found


def _example(kind: str, name: str) -> str:
    if name in EXAMPLES:
        return EXAMPLES[name]
    allowed = _allowed_values(kind, name)
    info = MODELS_BY_KIND[kind].model_fields[name]
    if allowed:
        is_list = typing.get_origin(info.annotation) is list
        value = f"[{allowed[0]}]" if is_list else allowed[0]
        choices = textwrap.wrap(f"one of: {', '.join(allowed)}", 90)
        return f"{name}: {value}\n" + "".join(f"  {line}\n" for line in choices)
    return f"{name}: ...  # {info.description or 'see the schema reference'}"


def _commented(text: str) -> str:
    return "".join(f"# {line}\n" for line in text.splitlines())


def _yaml_value(name: str, value: Any) -> Any:
    """Dates as the loader reads them plain (a date string would be quoted otherwise)."""
    if name == "released" and isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                return value
        if re.fullmatch(r"\d{4}", value):
            return int(value)
    return value


def render(kind: str, values: dict[str, Any], comments: bool = True) -> str:
    """An entry's text: given fields in canonical order, the others as commented examples."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    parts = [schema_line(kind) + "\n"]
    for name in field_order(kind):
        if name in values and values[name] not in (None, [], ""):
            parts.append(dump_fragment({name: _yaml_value(name, values[name])}, kind))
        elif comments and name not in _REQUIRED and name not in _SKIPPED:
            parts.append(_commented(_example(kind, name)))
    return "".join(parts)


def existing_owner(registry: Registry, names: list[str]) -> tuple[str, str] | None:
    """The first of ``names`` that an entry already has, with that entry's id."""
    for name in names:
        entry = registry.find(name)
        if entry is not None:
            return name, entry.id
    return None


def draft(
    kind: str,
    name: str,
    registry: Registry,
    entries_dir: Path,
    values: dict[str, Any] | None = None,
    entry_id: str | None = None,
) -> Draft:
    """A checked skeleton for a new entry; :class:`ScaffoldError` if the name is taken."""
    values = dict(values or {})
    entry_id = entry_id or slugify(name)
    if not entry_id:
        raise ScaffoldError(f"cannot make an id from {name!r}; give one with --id")
    taken = existing_owner(registry, [name, entry_id, *values.get("aliases", [])])
    if taken is not None:
        used, owner = taken
        where = registry.files[owner].path if owner in registry.files else owner
        raise ScaffoldError(
            f"{used!r} is already used by the entry {owner!r} ({where}); edit that entry, or "
            "choose a distinct name"
        )
    if entry_id in registry:
        raise ScaffoldError(f"the id {entry_id!r} is already taken; choose another with --id")
    path = entries_dir / FOLDERS[kind] / f"{entry_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    values.update(id=entry_id, kind=kind, name=name)
    if values.get("license"):
        values["license"] = canonical_license(values["license"]) or values["license"]
    text = format_text(render(kind, values), str(path))
    loaded = parse_text(text, str(path))
    check_entry_file(loaded, path)
    findings = list(loaded.findings)
    for ref in values.get("organizations", []):
        if ref not in registry:
            findings.append(
                make_finding(
                    "R003",
                    str(path),
                    1,
                    1,
                    f"no organization has the id {ref!r} yet",
                    f'Add it first: llm-registry new organization "{ref}"',
                )
            )
    return Draft(path, text, findings)


def write(new: Draft) -> None:
    """Write a draft to its path, creating the kind's folder if needed."""
    new.path.parent.mkdir(parents=True, exist_ok=True)
    with new.path.open("x", encoding="utf-8") as handle:
        handle.write(new.text)
