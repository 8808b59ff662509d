"""Hints that say how to fix the field at hand, and schema messages in plain words.

pydantic reports "String should match pattern '^[a-z0-9](?:...)$'"; a contributor needs "ids
are lowercase letters, digits, '-' and '.'" and the id their value would make. Every S003
finding gets the hint of its own field: the table below for fields with a format, the allowed
values for fields with a closed list, the field's own description otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from .bounds import COUNT_BOUNDS
from .names import closest, slugify
from .schema import ARXIV_PATTERN, ID_PATTERN
from .terminal import shown

ID_RULE = (
    "ids are lowercase letters, digits, '-' and '.', starting and ending with a letter or "
    "digit (llama-2, gpt-3.5)"
)
_COUNT = "a count such as 7B, 1.4T, 52K or a plain integer"
_REFERENCE = "the id of an existing entry (its file name without .yaml)"
_URL = "a full https:// link without spaces"

# field name (the last key of the location) -> how to write it
FIELD_HINTS: dict[str, str] = {
    "id": f"Write the entry's id, which is also its file name: {ID_RULE}.",
    "former_ids": f"List the ids this entry had before a rename; {ID_RULE}.",
    "kind": "Write one of model, dataset, library, organization: the kind of the folder.",
    "name": "Write the name as its authors do, 1 to 200 characters, quoted if it is a number.",
    "aliases": "List other names of the same resource, each 1 to 200 characters: [LLaMa, Llama 1].",
    "released": "Write the date only as precisely as the source: 2023, 2023-03 or 2023-03-13.",
    "parameters": "List every size the model ships in: [7B, 13B] or plain integers; a mixture "
    "of experts as 235B-A22B or {total: 235B, active: 22B}.",
    "checkpoints": "List checkpoints as `- name: Published-Name` (the Hugging Face repo name "
    "without the organization) with `size:`, `stage:` and the rest optional.",
    "checkpoints.size": "Write the checkpoint's size, one of the entry's parameters: 8B or "
    "235B-A22B.",
    "checkpoint": "Write the parent's checkpoint exactly as the parent lists it under "
    "`checkpoints:`.",
    "into": "Write this entry's checkpoint exactly as it is listed under `checkpoints:`.",
    "lineage.size": "Write the parent's size the edge starts from, one of its parameters: 7B.",
    "size": "Give the size as a mapping of bytes, tokens, documents and instances.",
    "training_tokens": f"Write the number of training tokens, {_COUNT}.",
    "tokens": f"Write the number of tokens, {_COUNT}.",
    "documents": f"Write the number of documents, {_COUNT}.",
    "instances": f"Write the number of instances (examples), {_COUNT}.",
    "bytes": "Write the size with a unit: 806 GB, 6 TB or 38 TiB (GB is 10^9 bytes).",
    "context_length": "Write the context window in tokens as a whole number: 2048, 131072.",
    "arxiv": 'Write the arXiv id alone, quoted so it stays text: arxiv: "2302.13971".',
    "country": "Write the ISO 3166-1 alpha-2 code in capitals: US, CN, FR.",
    "organizations": f"List organization ids, {_REFERENCE}: [meta-ai].",
    "parent": f"Write the model it was made from as {_REFERENCE}.",
    "dataset": f"Write the dataset as {_REFERENCE}.",
    "model": f"Write the model as {_REFERENCE}.",
    "built_with": "List the libraries as ids of entries in entries/libraries/: [deepspeed].",
    "trained_on": "List datasets by id, or as `- dataset: id` with `stage:`.",
    "lineage": "List edges as `- parent: id` with `relation:` (and `size:`, `checkpoint:`, "
    "`into:`, `evidence:`).",
    "sources": "List sources as URLs, or as `- url: https://...` with `title:`.",
    "supports": "List the fields this source supports: [parameters, released].",
    "code": "Write a rule code such as R007 (`llm-registry rules` lists them).",
    "reason": "Say in a sentence why the warning is accepted for this entry.",
    "title": "Write the source's title as text, 1 to 200 characters.",
    "description": "Write one to three sentences of text, at most 5,000 characters.",
    "notes": "Write text, at most 5,000 characters.",
    "note": "Write text, at most 5,000 characters.",
    "languages": "List language codes or names: [en, zh].",
    "language": "List programming languages: [Python, C++].",
    "provides": "List what the library provides, as short phrases: [distributed training].",
    "links": "Give links by kind: paper, homepage, code, weights, model_card, ...",
}
URL_KEYS = ("paper", "homepage", "weights", "model_card", "data", "blog", "docs", "demo", "api")
FIELD_HINTS.update({key: f"Write {_URL}." for key in (*URL_KEYS, "url", "repository", "source")})
FIELD_HINTS["links.code"] = f"Write {_URL}."

# A schema pattern -> the rule it stands for, in words.
PATTERN_RULES = {
    ID_PATTERN: ID_RULE,
    ARXIV_PATTERN: "an arXiv id is four digits, a dot and four or five digits (2302.13971)",
    r"^[A-Z]{2}$": "a country is two capital letters (US, CN, FR)",
    r"^[A-Z]\d{3}$": "a rule code is a capital letter and three digits (R007)",
    r"^\S+$": "a link holds no spaces",
}


def _field(loc: tuple) -> str:
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "")


def _hint_for(loc: tuple) -> str | None:
    """The table's hint for ``loc``: by its top field and own name (``links.code``), else by
    its own name."""
    field = _field(loc)
    return FIELD_HINTS.get(f"{loc[0]}.{field}" if loc else field) or FIELD_HINTS.get(field)


def plain_message(err: dict[str, Any]) -> str:
    """pydantic's message for one error, with patterns said in words."""
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        rule = PATTERN_RULES.get(pattern)
        if rule:
            message = f"{shown(err['input'])} is not valid: {rule}"
            if pattern == ID_PATTERN and isinstance(err["input"], str) and slugify(err["input"]):
                message += f"; did you mean {slugify(err['input'])!r}?"
    elif err["type"] == "literal_error":
        expected = re.findall(r"'([^']+)'", str((err.get("ctx") or {}).get("expected", "")))
        message = f"{shown(err['input'])} is not one of the values of {_field(err['loc'])}"
        found = closest(str(err["input"]), expected, n=2)
        if found:
            message += f"; did you mean {' or '.join(repr(f) for f in found)}?"
    return message


def field_hint(loc: tuple, err: dict[str, Any], description: str | None = None) -> str:
    """How to fix the field at ``loc``: its own hint, or its allowed values, or its
    description; never a hint about some other field."""
    field = _field(loc)
    if err["type"] == "literal_error":
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"Write one of {expected} for {field}."
    if _hint_for(loc):
        return str(_hint_for(loc))
    if description:
        return f"{field}: {description}"
    return f"See `{field}` in the entry schema reference (Reference, Entry schema)."


def count_hint(loc: tuple) -> str:
    """The S011 hint for a count field: how it is written, and its bounds."""
    field = _field(loc)
    kind = {"parameters": "parameters", "size": "parameters", "bytes": "bytes"}.get(field)
    kind = kind or ("context_length" if field == "context_length" else "count")
    high = COUNT_BOUNDS[kind][1]
    how = _hint_for(loc) or f"Write {_COUNT}."
    return f"{how} It is at least 1 and at most 10^{len(str(high)) - 1}."
