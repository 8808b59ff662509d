"""Which entries have upstream facts, and how an entry and upstream's answer differ.

An entry is checked against each Hugging Face repo its ``links.weights``, ``links.model_card``
or ``links.data`` names, and a library against the GitHub repository of ``links.code`` (for
models and datasets, code and weights are often licensed apart: their GitHub licence is not
compared). A difference is reported only where upstream states a value the registry can read;
upstream's silence is never a difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..catalog import fact_finding
from ..findings import Finding
from ..hfcard import resolve
from ..hub import RepoRef, repo_from_url
from ..licenses import canonical_license
from ..relations import HF_BASE_MODEL_RELATIONS
from ..store import Registry
from ..units import format_count
from .upstream import GithubRepo, Upstream

HUB_FIELDS = ("weights", "model_card", "data")
TOLERANCE = 0.02
_WEIGHT_RELATIONS = {"finetune", "adapter", "quantized", "merge", "continued_pretraining"}


@dataclass(frozen=True)
class FactTarget:
    """One upstream repo of one entry, and the link field that names it."""

    entry_id: str
    repo: RepoRef | GithubRepo
    field: str  # links.weights, ...


def github_from_url(url: str) -> GithubRepo | None:
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in ("github.com", "www.github.com"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2:
        return None
    name = segments[1].removesuffix(".git")
    return GithubRepo(segments[0], name)


def targets_for(registry: Registry, only: set[str] | None = None) -> list[FactTarget]:
    """Every (entry, upstream repo) pair to check; ``only`` limits it to some entry ids."""
    targets: list[FactTarget] = []
    for entry in registry:
        if only is not None and entry.id not in only:
            continue
        seen: set[str] = set()
        for name in HUB_FIELDS:
            url = getattr(entry.links, name, None)
            repo = repo_from_url(str(url)) if url else None
            if repo is not None and repo.repo_id not in seen:
                seen.add(repo.repo_id)
                targets.append(FactTarget(entry.id, repo, f"links.{name}"))
        if entry.kind == "library" and entry.links.code:
            github = github_from_url(str(entry.links.code))
            if github is not None:
                targets.append(FactTarget(entry.id, github, "links.code"))
    return targets


class _Where:
    """Locates a finding on the entry's own lines."""

    def __init__(self, registry: Registry, entry_id: str) -> None:
        self.registry = registry
        self.entry_id = entry_id
        self.path = registry.path_of(entry_id)

    def at(self, *loc: str | int) -> tuple[str, int, int]:
        line, col = self.registry.position(self.entry_id, tuple(loc))
        return self.path, line, col


def _source(upstream: Upstream) -> str:
    commit = f" at commit {upstream.revision}" if upstream.revision else ""
    return f"(upstream: {upstream.url}{commit})"


def compare(registry: Registry, target: FactTarget, upstream: Upstream) -> list[Finding]:
    """The differences between an entry and upstream's answer for one of its repos."""
    entry = registry.get(target.entry_id)
    where = _Where(registry, target.entry_id)
    link = target.field.split(".")
    src = _source(upstream)
    if upstream.status == "gone":
        return [
            fact_finding(
                "F008", *where.at(*link), f"{target.field} {upstream.url}: {upstream.detail} {src}"
            )
        ]
    if upstream.status != "ok":
        return []
    if isinstance(target.repo, GithubRepo):
        return _github(entry, where, upstream, src)
    facts = upstream.facts
    assert facts is not None
    findings: list[Finding] = []
    if facts.repo_id != target.repo.repo_id:  # the Hub redirected to the new name
        new = RepoRef(target.repo.repo_type, facts.repo_id).url
        message = f"{target.field} names {target.repo.repo_id}; the Hub answers as {facts.repo_id}"
        findings.append(fact_finding("F007", *where.at(*link), f"{message}: link {new} {src}"))
    findings += _license(entry, where, facts, src)
    if entry.kind == "model":
        findings += _lineage(registry, entry, where, facts, src)
        findings += _size(entry, where, facts, src)
        findings += _datasets(registry, entry, where, facts, src)
    if facts.gated and entry.access == "open":
        findings.append(
            fact_finding(
                "F005",
                *where.at("access"),
                f"access: open, but the Hub repo is gated ({facts.gated}) {src}",
            )
        )
    return findings


def _license(entry: Any, where: _Where, facts: Any, src: str) -> list[Finding]:
    upstream = facts.license
    if not facts.license_tag or upstream is None or entry.license is None:
        return []  # unstated, or a tag the registry cannot name: nothing to compare
    if upstream == entry.license:
        return []
    message = f"license: {entry.license}, but the Hub card says {facts.shown_license}"
    return [fact_finding("F001", *where.at("license"), f"{message} (= {upstream}) {src}")]


def _lineage(registry: Registry, entry: Any, where: _Where, facts: Any, src: str) -> list[Finding]:
    findings = []
    edges = {edge.parent: (i, edge) for i, edge in enumerate(entry.lineage)}
    weight_parents = {p for p, (_, e) in edges.items() if e.relation in _WEIGHT_RELATIONS}
    relation = HF_BASE_MODEL_RELATIONS.get((facts.base_relation or "").lower())
    for hub_id in facts.base_models:
        ref = resolve(registry, hub_id, "model")
        if not ref.known or ref.entry_id == entry.id:
            continue  # a base the registry lacks cannot be compared (import it first)
        if ref.entry_id not in edges:
            have = ", ".join(sorted(weight_parents)) or "none"
            loc = ("lineage",) if entry.lineage else ("id",)
            message = (
                f"the Hub card's base_model is {hub_id} (= {ref.entry_id}); the entry's "
                f"lineage parents: {have}"
            )
            findings.append(fact_finding("F002", *where.at(*loc), f"{message} {src}"))
        elif relation and edges[ref.entry_id][1].relation != relation:
            i, edge = edges[ref.entry_id]
            message = (
                f"relation: {edge.relation} from {ref.entry_id}, but the Hub card's "
                f"base_model_relation is {facts.base_relation}"
            )
            findings.append(
                fact_finding("F003", *where.at("lineage", i, "relation"), f"{message} {src}")
            )
    return findings


def _sizes(entry: Any, url: str) -> list[int]:
    """The sizes to compare with: a checkpoint's whose weights are this repo, else every size."""
    for checkpoint in getattr(entry, "checkpoints", None) or []:
        weights = str(getattr(checkpoint, "weights", "") or "")
        size = getattr(checkpoint, "size", None)
        if weights.rstrip("/") == url and size is not None:
            return [int(size)]  # a mixture of experts compares its total
    return [int(size) for size in entry.parameters]


def _size(entry: Any, where: _Where, facts: Any, src: str) -> list[Finding]:
    sizes = _sizes(entry, facts.repo.url)
    if not facts.parameters or not sizes:
        return []
    if any(abs(size - facts.parameters) <= TOLERANCE * facts.parameters for size in sizes):
        return []
    listed = ", ".join(format_count(s) for s in sizes)
    message = (
        f"parameters: {listed}, but the repo's safetensors hold {facts.parameters:,} "
        f"({format_count(facts.parameters)}), more than 2% from every size listed"
    )
    return [fact_finding("F004", *where.at("parameters"), f"{message} {src}")]


def _datasets(registry: Registry, entry: Any, where: _Where, facts: Any, src: str) -> list[Finding]:
    listed = {item.dataset for item in entry.trained_on}
    missing = []
    for hub_id in facts.datasets:
        ref = resolve(registry, hub_id, "dataset")
        if ref.known and ref.entry_id not in listed:
            missing.append(f"{hub_id} (= {ref.entry_id})")
    if not missing:
        return []
    loc = ("trained_on",) if entry.trained_on else ("id",)
    message = f"the Hub card names datasets trained_on lacks: {', '.join(missing)}"
    return [fact_finding("F006", *where.at(*loc), f"{message} {src}")]


def _github(entry: Any, where: _Where, upstream: Upstream, src: str) -> list[Finding]:
    spdx = upstream.github_license
    if not spdx or spdx == "NOASSERTION" or entry.license is None:
        return []
    found = canonical_license(spdx)
    if found is None or found == entry.license:
        return []
    message = f"license: {entry.license}, but GitHub reports {spdx} for {upstream.url}"
    return [fact_finding("F009", *where.at("license"), f"{message} {src}")]
