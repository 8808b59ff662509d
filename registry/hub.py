"""What the registry reads from the Hugging Face Hub: repo ids from links, and a repo's facts.

``import hf`` and ``check-facts`` both turn the Hub's answer for a repo (``/api/models/{id}``,
``/api/datasets/{id}``) into one :class:`HubFacts`, through ``huggingface_hub``'s own
``ModelInfo`` / ``DatasetInfo`` classes, so both read the same fields the same way. The Hub's
address is ``huggingface_hub``'s: the ``HF_ENDPOINT`` setting is honoured (tests point it at a
server on 127.0.0.1).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .hfcard import is_hub_id

PUBLIC_HOST = "huggingface.co"
_NOT_REPOS = {"docs", "spaces", "collections", "papers", "blog", "learn", "models", "tasks"}


def endpoint() -> str:
    """The Hub's address: ``HF_ENDPOINT`` when set (read now, not at import), else the Hub's."""
    from huggingface_hub import constants

    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def registry_license(tag: str | None, name: str | None = None) -> str | None:
    """The registry's licence id for a Hub licence tag (``license_name`` when the tag is
    ``other``); None when the registry cannot tell which licence it is."""
    from .licenses import license_for_hf_tag

    found = license_for_hf_tag(tag, name) if tag and tag.strip() else None
    return None if found == "other" else found


@dataclass(frozen=True)
class RepoRef:
    """A repo on the Hub: ``model`` or ``dataset``, and its ``owner/name``."""

    repo_type: str
    repo_id: str

    @property
    def url(self) -> str:
        """The repo's public page (what entries link to)."""
        prefix = "datasets/" if self.repo_type == "dataset" else ""
        return f"https://{PUBLIC_HOST}/{prefix}{self.repo_id}"

    def api_url(self, base: str | None = None) -> str:
        """Where the Hub answers with the repo's metadata (``model_info`` / ``dataset_info``)."""
        return f"{base or endpoint()}/api/{self.repo_type}s/{self.repo_id}"


def repo_from_url(url: str) -> RepoRef | None:
    """The Hub repo a link points to, or None (spaces, docs, an organization's page)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (parts.hostname or "").lower() not in (PUBLIC_HOST, f"www.{PUBLIC_HOST}"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    repo_type = "model"
    if segments and segments[0] == "datasets":
        repo_type, segments = "dataset", segments[1:]
    if len(segments) < 2 or segments[0] in _NOT_REPOS:
        return None
    repo_id = f"{segments[0]}/{segments[1]}"
    return RepoRef(repo_type, repo_id) if is_hub_id(repo_id) else None


@dataclass
class HubFacts:
    """What the Hub says about one repo, in the registry's terms where they exist."""

    repo: RepoRef
    repo_id: str  # as the Hub names it now (differs from repo.repo_id after a rename)
    sha: str | None
    license_tag: str | None
    license_name: str | None
    base_models: list[str] = field(default_factory=list)
    base_relation: str | None = None
    datasets: list[str] = field(default_factory=list)
    parameters: int | None = None
    gated: str | None = None  # None (open), "auto" or "manual"
    private: bool = False
    card_data: dict[str, Any] = field(default_factory=dict)

    @property
    def license(self) -> str | None:
        return registry_license(self.license_tag, self.license_name)

    @property
    def shown_license(self) -> str:
        """The licence as the card writes it (with its name when the tag is ``other``)."""
        tag = self.license_tag or "(none)"
        return f"{tag} ({self.license_name})" if self.license_name else tag

    def to_dict(self) -> dict[str, Any]:
        return {
            "repo_type": self.repo.repo_type,
            "requested": self.repo.repo_id,
            "repo_id": self.repo_id,
            "sha": self.sha,
            "license_tag": self.license_tag,
            "license_name": self.license_name,
            "base_models": self.base_models,
            "base_relation": self.base_relation,
            "datasets": self.datasets,
            "parameters": self.parameters,
            "gated": self.gated,
            "private": self.private,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HubFacts:
        repo = RepoRef(str(data["repo_type"]), str(data["requested"]))
        return cls(
            repo=repo,
            repo_id=str(data["repo_id"]),
            sha=data.get("sha"),
            license_tag=data.get("license_tag"),
            license_name=data.get("license_name"),
            base_models=list(data.get("base_models") or []),
            base_relation=data.get("base_relation"),
            datasets=list(data.get("datasets") or []),
            parameters=data.get("parameters"),
            gated=data.get("gated"),
            private=bool(data.get("private")),
        )


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [str(v).strip() for v in items if str(v).strip()]


def _tagged(tags: list[str], prefix: str) -> list[str]:
    return [t.split(":", 1)[1] for t in tags if t.startswith(prefix + ":")]


def facts_from_json(repo: RepoRef, data: dict[str, Any]) -> HubFacts:
    """Read the Hub's JSON answer with ``huggingface_hub``'s classes (as ``model_info`` does)."""
    from huggingface_hub.hf_api import DatasetInfo, ModelInfo

    info = (ModelInfo if repo.repo_type == "model" else DatasetInfo)(**data)
    return facts_from_info(repo, info)


def facts_from_info(repo: RepoRef, info: Any) -> HubFacts:
    """The facts of a ``ModelInfo`` or ``DatasetInfo``: the card's metadata first, the Hub's
    tags (``license:``, ``base_model:``, ``dataset:``) where the card says nothing."""
    card = info.card_data.to_dict() if getattr(info, "card_data", None) else {}
    tags = [str(t) for t in (info.tags or [])]
    license_tag = card.get("license") or next(iter(_tagged(tags, "license")), None)
    bases = _strings(card.get("base_model"))
    datasets = _strings(card.get("datasets")) or _tagged(tags, "dataset")
    safetensors = getattr(info, "safetensors", None)
    gated = getattr(info, "gated", None)
    return HubFacts(
        repo=repo,
        repo_id=str(info.id),
        sha=info.sha,
        license_tag=str(license_tag) if license_tag else None,
        license_name=str(card["license_name"]) if card.get("license_name") else None,
        base_models=bases,
        base_relation=str(card["base_model_relation"]) if card.get("base_model_relation") else None,
        datasets=datasets,
        parameters=int(safetensors.total) if safetensors and safetensors.total else None,
        gated=str(gated) if gated else None,
        private=bool(info.private),
        card_data=card,
    )
