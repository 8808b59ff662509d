"""Draft entries from a repo on the Hugging Face Hub: its card, metadata, files and history.

``llm-registry import hf REPO_ID`` asks the Hub (through ``huggingface_hub``, so ``HF_ENDPOINT``
is honoured) for the repo's metadata (``model_info`` / ``dataset_info``), its card (README.md),
its commits (the first one dates the release) and, for models, the safetensors headers (the
parameter count). The card is read by :mod:`registry.hfcard`, exactly as ``import hf-card`` reads
a local file. What the Hub does not say is left out: the active parameters of a
mixture-of-experts model only when the card states them, never a guess.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hfcard import (
    CardDraft,
    CardError,
    Reference,
    card_license,
    front_matter,
    read_card,
    render_draft,
    resolve,
)
from .hub import RepoRef, endpoint, facts_from_info
from .scaffold import slugify
from .store import Registry
from .units import format_count

_NUMBER = r"(\d+(?:\.\d+)?)\s*([KMBT])\b"
_ACTIVE = [
    # "30.5B in total and 3.3B activated" (Qwen3), "3.3B activated parameters"
    re.compile(rf"{_NUMBER}\s+(?:parameters\s+)?in total[^\n.]{{0,40}}?{_NUMBER}\s+activ", re.I),
    re.compile(rf"{_NUMBER}\s+(?:activated|active)\s+param", re.I),
    re.compile(rf"(?:activated|active)\s+param(?:eter)?s?\s*[:=]?\s*{_NUMBER}", re.I),
]


class HubError(Exception):
    """The Hub could not answer for this repo; the message says why."""


@dataclass
class HubDraft:
    """A draft from the Hub: the card's draft plus what the Hub added."""

    card: CardDraft
    repo: RepoRef
    organization: Reference | None = None

    @property
    def text(self) -> str:
        return self.card.text

    @property
    def values(self) -> dict[str, Any]:
        return self.card.values

    @property
    def unknown(self) -> list[Reference]:
        found = self.card.unknown
        if self.organization is not None and not self.organization.known:
            found = [*found, self.organization]
        return found


def active_parameters(card_text: str) -> str | None:
    """The active parameter count as the card states it (``3.3B``), or None.

    >>> active_parameters("Number of Parameters: 30.5B in total and 3.3B activated")
    '3.3B'
    """
    for pattern in _ACTIVE:
        match = pattern.search(card_text)
        if match:
            number, unit = match.groups()[-2:]
            return f"{number}{unit.upper()}"
    return None


def _api(base: str | None) -> Any:
    from huggingface_hub import HfApi
    from huggingface_hub.utils import disable_progress_bars

    disable_progress_bars()  # the command reports on stderr itself
    return HfApi(endpoint=base or endpoint(), library_name="llm-registry")


def _hub_call(what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``huggingface_hub``; its errors become one readable :class:`HubError`."""
    from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

    try:
        return call(*args, **kwargs)
    except GatedRepoError as exc:
        raise HubError(f"{what}: the repo is gated; accept its terms and log in") from exc
    except RepositoryNotFoundError as exc:
        raise HubError(f"{what}: no such repo (or it is private)") from exc
    except HfHubHTTPError as exc:
        raise HubError(f"{what}: {str(exc).splitlines()[0]}") from exc
    except Exception as exc:  # no network, refused connection, DNS: the client's own errors
        raise HubError(f"{what}: cannot reach the Hub ({type(exc).__name__}: {exc})") from exc


def _card_text(api: Any, repo: RepoRef) -> str | None:
    """The repo's README.md, or None when it has none."""
    from huggingface_hub.errors import EntryNotFoundError

    with tempfile.TemporaryDirectory(prefix="llm-registry-hf-") as cache:
        try:
            path = _hub_call(
                f"{repo.repo_id}: README.md",
                api.hf_hub_download,
                repo.repo_id,
                "README.md",
                repo_type=repo.repo_type,
                cache_dir=cache,
            )
        except HubError as exc:
            if isinstance(exc.__cause__, EntryNotFoundError):
                return None
            raise
        return Path(path).read_text(encoding="utf-8", errors="replace")


def _first_commit_date(api: Any, repo: RepoRef) -> str | None:
    commits = _hub_call(
        f"{repo.repo_id}: commits", api.list_repo_commits, repo.repo_id, repo_type=repo.repo_type
    )
    if not commits:
        return None
    first = min(commits, key=lambda c: c.created_at)
    return first.created_at.date().isoformat()


def _parameter_count(api: Any, repo: RepoRef, info: Any) -> int | None:
    """Total parameters from the safetensors headers; the Hub's own sum when they are not
    readable; None for a repo without safetensors."""
    from huggingface_hub.errors import GatedRepoError, NotASafetensorsRepoError

    try:
        meta = _hub_call(f"{repo.repo_id}: safetensors", api.get_safetensors_metadata, repo.repo_id)
    except HubError as exc:
        if not isinstance(exc.__cause__, NotASafetensorsRepoError | GatedRepoError):
            raise
        meta = None
    if meta is not None and meta.parameter_count:
        return sum(meta.parameter_count.values())
    safetensors = getattr(info, "safetensors", None)
    return int(safetensors.total) if safetensors and safetensors.total else None


def _size(total: int, active: str | None) -> str:
    """``30.532B``, or for a mixture of experts whose card states it ``30.532B-A3.3B``."""
    return f"{format_count(total)}-A{active}" if active else format_count(total)


def _checkpoints(
    registry: Registry, card: CardDraft, name: str, url: str, size: str | None
) -> None:
    """This entry's checkpoint (the repo), and each base model's checkpoint on its edge.

    The edge's ``size`` read from the base's name gives way to the checkpoint, which names the
    exact parent; a known parent that does not list that checkpoint yet is named in the notes.
    """
    values = card.values
    checkpoint: dict[str, Any] = {"name": name, "weights": url}
    if size:
        checkpoint["size"] = size
    values["checkpoints"] = [checkpoint]
    for edge, ref in zip(values.get("lineage", []), card.base_models, strict=True):
        parent_checkpoint = ref.hub_id.rsplit("/", 1)[-1]
        edge.pop("size", None)
        edge["checkpoint"] = parent_checkpoint
        edge["into"] = name
        if ref.known:
            listed = {c.name for c in getattr(registry.get(ref.entry_id), "checkpoints", [])}
            if parent_checkpoint not in listed:
                card.notes.append(
                    f"Add the checkpoint {parent_checkpoint} to {ref.entry_id}'s checkpoints "
                    "(the edge names it)."
                )
    card.notes.append(f"Give the checkpoint {name} its stage (base, instruct, ...).")


def _organization(registry: Registry, owner: str) -> Reference:
    for name in (owner, owner.replace("-", " ")):
        entry = registry.find(name)
        if entry is not None and entry.kind == "organization":
            return Reference(owner, entry.id, True, name)
    return Reference(owner, slugify(owner), False)


def draft_from_hub(
    repo: RepoRef, registry: Registry, *, name: str | None = None, base: str | None = None
) -> HubDraft:
    """Ask the Hub about ``repo`` and map what it says onto a draft entry."""
    api = _api(base)
    getter = api.model_info if repo.repo_type == "model" else api.dataset_info
    info = _hub_call(repo.repo_id, getter, repo.repo_id)
    facts = facts_from_info(repo, info)
    card_text = _card_text(api, repo) or "---\n---\n"
    where = f"{repo.url}/blob/main/README.md"
    try:
        if repo.repo_type == "model":
            card = read_card(card_text, where, registry, name=name, hub_id=facts.repo_id)
        else:
            card = _dataset_card(card_text, where, registry, facts.repo_id, name)
    except CardError as exc:
        raise HubError(str(exc)) from exc
    values, notes = card.values, card.notes
    if "license" not in values and facts.license:
        values["license"] = facts.license

    org = _organization(registry, facts.repo_id.split("/", 1)[0])
    values["organizations"] = [org.entry_id]
    released = _first_commit_date(api, repo)
    if released:
        values["released"] = released
        notes.append(
            f"released is the date of the repo's first commit on the Hub ({released}); "
            "use the announcement's date if it differs."
        )
    supports: list[str] = []
    if repo.repo_type == "model":
        total = _parameter_count(api, repo, info)
        size = _size(total, active_parameters(card_text)) if total else None
        if size:
            values["parameters"] = [size]
            supports.append("parameters")
        _checkpoints(registry, card, facts.repo_id.rsplit("/", 1)[-1], repo.url, size)
    if released:
        supports.append("released")
    values.setdefault("sources", []).append(
        {"url": f"{repo.url}/tree/main", "title": f"{facts.repo_id} files and history"}
        | ({"supports": supports} if supports else {})
    )
    if facts.gated:
        values["access"] = "limited"
        notes.append(f"The repo is gated ({facts.gated}): its terms must be accepted first.")
    elif not facts.private:
        values["access"] = "open"
    made_by = f"`llm-registry import hf {facts.repo_id}`"
    return HubDraft(render_draft(card, made_by, where, repo.repo_type), repo, org)


def _dataset_card(
    text: str, where: str, registry: Registry, repo_id: str, name: str | None
) -> CardDraft:
    """A dataset's card: name, licence, languages, the datasets it names as its sources."""
    meta = front_matter(text, where)
    notes: list[str] = []
    title = name or str(meta.get("pretty_name") or repo_id.rsplit("/", 1)[-1])
    values: dict[str, Any] = {"id": slugify(title), "kind": "dataset", "name": title}
    license_id = card_license(meta, notes)
    if license_id:
        values["license"] = license_id
    url = f"https://huggingface.co/datasets/{repo_id}"
    values["links"] = {"data": url}
    sources = [
        resolve(registry, d, "dataset")
        for d in meta.get("source_datasets") or []
        if isinstance(d, str) and "/" in d
    ]
    if sources:
        values["derived_from"] = [{"dataset": ref.entry_id} for ref in sources]
    languages = [str(x) for x in meta.get("language") or [] if str(x).strip()]
    if languages:
        notes.append(f"Languages on the card: {', '.join(languages)}.")
    source: dict[str, Any] = {"url": url, "title": f"{repo_id} dataset card"}
    if license_id:
        source["supports"] = ["license"]
    values["sources"] = [source]
    return CardDraft(values, "", [], sources, notes)
