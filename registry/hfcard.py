"""Draft entries from a Hugging Face model card's metadata (the YAML front matter of README.md).

Most fine-tunes, adapters, merges and quantizations on the Hub declare what they were made from
in ``base_model`` and ``base_model_relation``; reading those is faster and less error-prone than
copying them by hand. Hub ids (``meta-llama/Llama-2-7b-hf``) are mapped onto registry ids through
the registry's own name look-up, trying the repository name, then without ``-hf``, then without
the size (which becomes the edge's ``size``). Base models and datasets the registry does not have
are listed for the contributor to add first; the draft names them by the id they would get, so
it validates once they exist. Works on a local file: nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import Finding
from .identity import MULTILINE_KEYS, forbidden_char, strings
from .licenses import license_for_hf_tag
from .loader import parse_text
from .names import slugify
from .relations import HF_BASE_MODEL_RELATIONS
from .scaffold import render
from .store import Registry
from .terminal import char_name, shown
from .units import format_count, parse_count

HUB = "https://huggingface.co/"
# A Hub repository id: owner/name, each part letters, digits, '-', '_', '.', at most 96 long.
HUB_ID = re.compile(r"^(?!.*(?:--|\.\.))[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}$", re.ASCII)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)
_SIZE = re.compile(r"(?:^|[-_.])(\d+(?:\.\d+)?[bBmM])(?=$|[-_.])")
_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

# pipeline_tag -> modalities (text in, text out unless the task says otherwise).
PIPELINE_MODALITIES = {
    "text-generation": ["text"],
    "text2text-generation": ["text"],
    "conversational": ["text"],
    "fill-mask": ["text"],
    "feature-extraction": ["text"],
    "sentence-similarity": ["text"],
    "text-classification": ["text"],
    "token-classification": ["text"],
    "question-answering": ["text"],
    "summarization": ["text"],
    "translation": ["text"],
    "image-text-to-text": ["text", "image"],
    "visual-question-answering": ["text", "image"],
    "image-to-text": ["text", "image"],
    "automatic-speech-recognition": ["speech", "text"],
    "text-to-speech": ["text", "speech"],
    "text-to-image": ["text", "image"],
}


class CardError(Exception):
    """A card that cannot be read; the message says where."""


@dataclass
class Reference:
    """One Hub id from the card and what it maps to here."""

    hub_id: str
    entry_id: str
    known: bool
    matched_by: str = ""
    size: int | None = None


@dataclass
class CardDraft:
    """The draft entry's fields, its text, and what the contributor must look at."""

    values: dict[str, Any]
    text: str
    base_models: list[Reference] = field(default_factory=list)
    datasets: list[Reference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # card values that name no Hub repository

    @property
    def unknown(self) -> list[Reference]:
        return [r for r in self.base_models + self.datasets if not r.known]


def front_matter(text: str, path: str) -> dict[str, Any]:
    """The card's metadata, read with the registry's safe loader (located errors, no tags)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise CardError(
            f"{path}:1:1: no metadata block: a model card starts with '---', "
            "its YAML metadata, and '---'"
        )
    loaded = parse_text(match.group(1), path)
    if loaded.data is None:
        raise CardError("; ".join(_shifted(f) for f in loaded.findings))
    return loaded.data


def _shifted(finding: Finding) -> str:
    # The metadata starts on the card's second line, after the opening '---'.
    return f"{finding.path}:{finding.line + 1}:{finding.col}: {finding.message}"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if str(v).strip()]


def is_hub_id(text: str) -> bool:
    """Whether ``text`` is a Hub repository id such as ``meta-llama/Llama-2-7b-hf``."""
    return bool(HUB_ID.match(text))


def hub_ids(meta: dict[str, Any], key: str, refused: list[str]) -> list[str]:
    """The Hub ids a card lists under ``key``; anything else (a number, a mapping, a URL, a
    bare name) is named in ``refused`` and never becomes an id."""
    value = meta.get(key)
    items = value if isinstance(value, list) else [] if value is None else [value]
    found = []
    for i, item in enumerate(items):
        where = f"{key}[{i}]" if isinstance(value, list) else key
        if isinstance(item, str) and is_hub_id(item.strip()):
            found.append(item.strip())
        else:
            refused.append(f"{where}: {shown(item)} is not a Hub id (owner/name); left out")
    return found


def _candidates(hub_id: str) -> tuple[list[str], int | None, str]:
    """Names to look a Hub id up by (most specific first), the size it names, and the name an
    entry for it would get (the repository name without ``-hf`` and without the size)."""
    repo = hub_id.rsplit("/", 1)[-1]
    bare = re.sub(r"[-_](hf|HF)$", "", repo)
    names = [hub_id, repo, bare]
    size, unsized = None, bare
    match = _SIZE.search(bare)
    if match:
        try:
            size = parse_count(match.group(1).upper())
        except ValueError:
            size = None
        unsized = (bare[: match.start()] + bare[match.end() :]).strip("-_.") or bare
        names += [unsized, bare[: match.start()].strip("-_.")]
    return list(dict.fromkeys(n for n in names if n)), size, unsized


def resolve(registry: Registry, hub_id: str, kind: str) -> Reference:
    """Map a Hub id to an entry of ``kind``; unknown ones get the id they would have."""
    names, size, unsized = _candidates(hub_id)
    if kind == "dataset":  # "alpaca" names the model, its data "Alpaca data"; "pile" is "The Pile"
        names = [n for name in names for n in (name, f"{name} data", f"the {name}")]
    for name in names:
        entry = registry.find(name)
        if entry is not None and entry.kind == kind:
            return Reference(hub_id, entry.id, True, name, size)
    new_id = slugify(unsized)
    if new_id in registry or registry.find(new_id) is not None:
        new_id = f"{new_id}-{kind}"
    return Reference(hub_id, new_id, False, "", size)


def _relation(meta: dict[str, Any], parents: int) -> tuple[str, str]:
    """The relation for the base-model edges, and how it was decided."""
    declared = str(meta.get("base_model_relation") or "").strip().lower()
    if declared in HF_BASE_MODEL_RELATIONS:
        return HF_BASE_MODEL_RELATIONS[declared], ""
    tags = {str(t).lower() for t in _as_list(meta.get("tags"))}
    library = str(meta.get("library_name") or "").lower()
    if parents > 1:
        guess, why = "merge", "several base models"
    elif library == "peft" or tags & {"lora", "peft", "qlora", "adapter"}:
        guess, why = "adapter", "library_name/tags name PEFT or LoRA"
    elif tags & {"gguf", "gptq", "awq", "quantized", "exl2", "4-bit", "8-bit"}:
        guess, why = "quantized", "tags name a quantization format"
    else:
        guess, why = "finetune", "the Hub's default for a model with a base model"
    note = f"The card gives no base_model_relation; {guess} was read from it ({why})."
    if declared:
        note = f"The card's base_model_relation {declared!r} is not one the Hub defines; " + note
    return guess, note


def _domains(languages: list[str]) -> list[str]:
    if len(languages) > 2:
        return ["multilingual"]
    if len(languages) == 2:
        return ["bilingual"]
    if languages == ["zh"]:
        return ["chinese"]
    return []


def _name(meta: dict[str, Any], body: str, hub_id: str | None, fallback: str) -> str:
    if meta.get("model_name"):
        return str(meta["model_name"])
    title = _TITLE.search(body)
    if title:
        return title.group(1).strip()
    if hub_id:
        return hub_id.rsplit("/", 1)[-1]
    return fallback


def draft_from_card(
    path: Path,
    registry: Registry,
    *,
    name: str | None = None,
    hub_id: str | None = None,
) -> CardDraft:
    """Read a local model card and map its metadata onto a draft model entry."""
    if hub_id is not None and not is_hub_id(hub_id):
        raise CardError(f"--hub-id {shown(hub_id)} is not a Hub id of the form owner/name")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is accepted
    except (OSError, UnicodeDecodeError) as exc:
        raise CardError(f"{path}: cannot read: {exc}") from None
    fallback = path.parent.name or path.stem
    draft = read_card(text, str(path), registry, name=name, hub_id=hub_id, fallback=fallback)
    return render_draft(draft, f"`llm-registry import hf-card` from {path.name}", str(path))


def read_card(
    text: str,
    where: str,
    registry: Registry,
    *,
    name: str | None = None,
    hub_id: str | None = None,
    fallback: str = "",
) -> CardDraft:
    """Map a model card's metadata onto a draft model entry's values (``text`` left empty)."""
    meta = front_matter(text, where)
    body = text[_FRONT_MATTER.match(text).end() :]  # type: ignore[union-attr]
    title = name or _name(meta, body, hub_id, fallback)
    notes: list[str] = []
    refused: list[str] = []

    bases = [resolve(registry, b, "model") for b in hub_ids(meta, "base_model", refused)]
    lineage = []
    if bases:
        relation, why = _relation(meta, len(bases))
        if why:
            notes.append(why)
        for ref in bases:
            edge: dict[str, Any] = {"parent": ref.entry_id, "relation": relation}
            if ref.size:
                edge["size"] = format_count(ref.size)
            edge["note"] = f"Base model on the Hub: {ref.hub_id}"
            lineage.append(edge)

    stage = "finetuning" if bases else "pretraining"
    datasets = [resolve(registry, d, "dataset") for d in hub_ids(meta, "datasets", refused)]
    trained_on = [{"dataset": ref.entry_id, "stage": stage} for ref in datasets]

    values: dict[str, Any] = {"id": slugify(title), "kind": "model", "name": title}
    license_id = card_license(meta, notes)
    if license_id:
        values["license"] = license_id
    languages = _as_list(meta.get("language"))
    pipeline = str(meta.get("pipeline_tag") or "").strip()
    if pipeline in PIPELINE_MODALITIES:
        values["modalities"] = PIPELINE_MODALITIES[pipeline]
    elif pipeline:
        notes.append(f"The card's pipeline_tag {pipeline!r} has no modality mapping here.")
    if _domains(languages):
        values["domains"] = _domains(languages)
    if languages:
        notes.append(f"Languages on the card: {', '.join(languages)}.")
    if hub_id:
        url = HUB + hub_id
        values["links"] = {"model_card": url, "weights": url}
        present = {
            "lineage": bool(lineage),
            "trained_on": bool(trained_on),
            "license": "license" in values,
        }
        source: dict[str, Any] = {"url": url, "title": f"{hub_id} model card"}
        if any(present.values()):
            source["supports"] = [f for f, there in present.items() if there]
        values["sources"] = [source]
    if lineage:
        values["lineage"] = lineage
    if trained_on:
        values["trained_on"] = trained_on
    return CardDraft(values, "", bases, datasets, notes, refused)


def card_license(meta: dict[str, Any], notes: list[str]) -> str | None:
    """The registry's id for the card's licence; an unknown one is named in ``notes``."""
    raw_license = str(meta.get("license") or "").strip()
    if not raw_license:
        return None
    named = str(meta.get("license_name") or "") if raw_license.lower() == "other" else ""
    found = license_for_hf_tag(raw_license, named)
    if found and found != "other":
        return found
    written = f"{raw_license} ({named})" if named else raw_license
    notes.append(
        f"The card's licence {written!r} is not one the registry knows; "
        "see `llm-registry rules --licenses`."
    )
    return None


def render_draft(draft: CardDraft, made_by: str, where: str, kind: str = "model") -> CardDraft:
    """The draft's YAML text, with a header saying what made it and what to check; a value
    that would carry a control or bidirectional character is refused (S010)."""
    values = dict(draft.values)
    if draft.notes:
        values["notes"] = " ".join(draft.notes)
    _refuse_control_characters(values, where)
    header = (
        f"# Drafted by {made_by}: check every field against the card,\n"
        "# add a description and what the draft leaves out, then run "
        "`llm-registry validate`.\n"
    )
    body_text = render(kind, values, comments=False)
    first, _, rest = body_text.partition("\n")
    draft.text = f"{first}\n{header}{rest}"
    return draft


def _refuse_control_characters(values: dict[str, Any], path: str) -> None:
    """A card whose text would put a control or bidirectional character in the draft (S010)."""
    for loc, text in strings(values):
        found = forbidden_char(text, bool(loc) and loc[-1] in MULTILINE_KEYS)
        if found is not None:
            field = ".".join(map(str, loc))
            raise CardError(
                f"{path}: the draft's {field} would hold {char_name(found[1])}; "
                "fix the card or pass --name"
            )
