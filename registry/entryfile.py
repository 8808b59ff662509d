"""One entry file checked on its own: schema, id against file name, kind against folder, URLs.

Turns pydantic's errors into located findings with the registry's stable codes.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .bounds import COUNT_CODE, DATE_CODE
from .catalog import make_finding
from .findings import Finding
from .hints import ID_RULE, count_hint, field_hint, plain_message
from .identity import check_identity
from .licenses import LICENSES
from .loader import LoadedFile, Loc
from .names import closest, did_you_mean, slugify
from .relations import MODEL_RELATIONS as RELATIONS
from .schema import FOLDERS, ID_PATTERN, KINDS, MODELS_BY_KIND, AnyEntry
from .terminal import shown
from .urls import url_fields, url_problem

_ID_RE = re.compile(ID_PATTERN)
BOUND_CODES = {COUNT_CODE: "S011", DATE_CODE: "S012"}  # pydantic error type -> rule
_URL_FIELDS = {
    "paper",
    "homepage",
    "code",
    "weights",
    "model_card",
    "data",
    "blog",
    "docs",
    "demo",
    "api",
    "url",
    "source",
    "repository",
}


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``list[Annotated[Source, ...]] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names valid at ``loc`` (used for "did you mean")."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        current = _nested_model(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _schema_findings(
    exc: ValidationError, model: type[BaseModel], loaded: LoadedFile
) -> list[Finding]:
    findings = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        message = str(err["msg"]).removeprefix("Value error, ")
        field = ".".join(str(p) for p in loc) or "(entry)"
        if kind == "extra_forbidden":
            line, col = loaded.position(loc, key=True)
            name = str(loc[-1])
            hint = did_you_mean(name, fields_at(model, loc[:-1]))
            findings.append(
                make_finding(
                    "S001",
                    loaded.path,
                    line,
                    col,
                    f"unknown field {field!r}{hint}",
                )
            )
            continue
        if kind == "missing":
            line, col = loaded.position(loc[:-1])
            findings.append(
                make_finding("S002", loaded.path, line, col, f"required field {field!r} is missing")
            )
            continue
        line, col = loaded.position(loc)
        if kind in BOUND_CODES:
            finding = make_finding(
                BOUND_CODES[kind], loaded.path, line, col, f"{field}: {message}", count_hint(loc)
            )
        elif loc and loc[-1] == "license":
            finding = make_finding("S006", loaded.path, line, col, message + _licence_guess(err))
        elif "relation" in loc and kind == "literal_error":
            guess = did_you_mean(str(err["input"]), RELATIONS)
            text = f"{field}: {shown(err['input'])} is not a relation{guess}"
            finding = make_finding("S007", loaded.path, line, col, text)
        else:
            text = f"{field}: {plain_message(err)}"
            finding = make_finding("S003", loaded.path, line, col, text, field_hint(loc, err))
        findings.append(finding)
    return findings


def _valid_id(entry_id: Any, stem: str) -> str:
    """The id to suggest for a file: its id if that is valid, else the slug of it (or of the
    file name)."""
    for candidate in (str(entry_id) if entry_id is not None else "", stem):
        if _ID_RE.match(candidate):
            return candidate
        if slugify(candidate):
            return slugify(candidate)
    return "the-id"


def _rename_hint(entry_id: str, stem: str) -> str:
    """Only valid ways out: rename the file to a valid id, or set a valid stem as the id."""
    options = []
    if _ID_RE.match(entry_id):
        options.append(f"rename the file to {entry_id}.yaml")
    if _ID_RE.match(stem):
        options.append(f"set `id: {stem}`")
    if not options:
        slug = _valid_id(entry_id, stem)
        options.append(f"set `id: {slug}` and rename the file to {slug}.yaml")
    text = " or ".join(options)
    return f"{text[0].upper()}{text[1:]}; {ID_RULE}."


def _licence_guess(err: dict) -> str:
    """ "; did you mean 'Apache-2.0'?" for a licence written another way ("Apache 2", or its
    full name)."""
    value = err.get("input")
    if not isinstance(value, str):
        return ""
    by_name = {lic.name: lic.id for lic in LICENSES.values()}
    found = closest(value, LICENSES, n=2) or [by_name[n] for n in closest(value, by_name, n=2)]
    return f"; did you mean {' or '.join(repr(f) for f in found)}?" if found else ""


def check_entry_file(loaded: LoadedFile, file_path: Path) -> AnyEntry | None:
    """Validate one parsed file; append findings to ``loaded`` and return the entry if valid."""
    data = loaded.data
    if data is None:
        return None
    path = loaded.path
    loaded.findings.extend(check_identity(loaded))
    kind = data.get("kind")
    if kind is None:
        loaded.findings.append(make_finding("S002", path, 1, 1, "required field 'kind' is missing"))
        return None
    if kind not in KINDS:
        line, col = loaded.position(("kind",))
        loaded.findings.append(
            make_finding(
                "S003",
                path,
                line,
                col,
                f"kind: {kind!r} is not one of {', '.join(KINDS)}{did_you_mean(str(kind), KINDS)}",
            )
        )
        return None
    folder = file_path.parent.name
    if folder in FOLDERS.values() and FOLDERS[kind] != folder:
        line, col = loaded.position(("kind",))
        loaded.findings.append(
            make_finding(
                "S005",
                path,
                line,
                col,
                f"kind {kind!r} does not belong in {folder}/; move the file to {FOLDERS[kind]}/",
            )
        )
    stem = file_path.stem
    entry_id = data.get("id")
    if not _ID_RE.match(stem):
        loaded.findings.append(
            make_finding(
                "S004",
                path,
                1,
                1,
                f"the file name {shown(stem)} is not a lowercase slug",
                f"Rename the file to {_valid_id(entry_id, stem)}.yaml: {ID_RULE}.",
            )
        )
    if entry_id is not None and str(entry_id) != stem:
        line, col = loaded.position(("id",))
        loaded.findings.append(
            make_finding(
                "S004",
                path,
                line,
                col,
                f"id {shown(entry_id)} differs from the file name {shown(stem)}",
                _rename_hint(str(entry_id), stem),
            )
        )
    for loc, url in url_fields(data):
        problem = url_problem(url)
        if problem:
            line, col = loaded.position(loc)
            loaded.findings.append(make_finding("S008", path, line, col, problem))
    model = MODELS_BY_KIND[kind]
    try:
        entry = model.model_validate(data)
    except ValidationError as exc:
        loaded.findings.extend(_schema_findings(exc, model, loaded))
        return None
    if not entry.sources:
        loaded.findings.append(make_finding("S009", path, 1, 1, f"{entry.id} cites no source"))
    return entry  # type: ignore[return-value]


SALVAGE_ROUNDS = 4


def partial_entry(loaded: LoadedFile) -> AnyEntry | None:
    """The entry of a file that failed its schema, without the parts that failed, so that the
    cross-entry rules (references, duplicate ids and names) check the rest in the same run
    instead of after the schema errors are fixed. None if what is left is no entry (a required
    field of the entry itself is missing or wrong)."""
    data = loaded.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in MODELS_BY_KIND:
        return None
    model = MODELS_BY_KIND[kind]
    current = copy.deepcopy(data)
    for _ in range(SALVAGE_ROUNDS):
        try:
            return model.model_validate(current)  # type: ignore[return-value]
        except ValidationError as exc:
            locs = sorted({tuple(e["loc"]) + (e["type"] == "missing",) for e in exc.errors()})
        for *loc, missing in reversed(locs):  # later list items first: indexes stay valid
            if not _drop(current, tuple(loc), bool(missing)):
                return None
    return None


def _drop(data: dict[str, Any], loc: Loc, missing: bool) -> bool:
    """Remove what an error points at: the value, or (for a missing field inside a list item)
    the whole item. False if that would remove the entry itself or a field it requires."""
    if missing:  # the nearest list item holding the missing field goes
        indexes = [i for i, part in enumerate(loc) if isinstance(part, int)]
        if not indexes:
            return False
        loc = loc[: indexes[-1] + 1]
    if len(loc) == 0 or loc[0] in ("id", "kind", "name"):
        return False
    parent: Any = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return _drop_field(data, str(loc[0]))
    try:
        del parent[loc[-1]]
    except (KeyError, IndexError, TypeError):
        return _drop_field(data, str(loc[0]))
    return True


def _drop_field(data: dict[str, Any], field: str) -> bool:
    """The fallback: the whole top-level field (a value the schema reshapes, such as a single
    alias written without a list, is not addressable by its error's location)."""
    if field in ("id", "kind", "name") or field not in data:
        return False
    del data[field]
    return True
