"""Ask upstream about repos: the Hub's metadata and GitHub's licence, politely and cached.

Every request is a link-checker job (:func:`registry.links.fetch_jobs`): the same per-host
limits, Retry-After, retries, address guard and time budget as ``check-links``. The cache keeps
each repo's facts with the revision they were read at: within its lifetime a repo costs no
request; after it, one (the metadata answer names the revision, and an unchanged revision keeps
what was known). Anything that is not an answer (no network, a gate, a rate limit that outlasts
the retries, a slow server) makes the repo *unverifiable*, never a difference.
"""

from __future__ import annotations

import importlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..hub import HubFacts, RepoRef, endpoint, facts_from_json

BODY_LIMIT = 4 * 1024 * 1024
CACHE_VERSION = 1
DEFAULT_FACTS_CACHE = Path(".cache/llm-registry/facts.json")
GITHUB_API = "https://api.github.com"


def github_api() -> str:
    """GitHub's API address (``GITHUB_API_URL``, as GitHub Actions sets it)."""
    return (os.environ.get("GITHUB_API_URL") or GITHUB_API).rstrip("/")


@dataclass(frozen=True)
class GithubRepo:
    owner: str
    name: str

    @property
    def key(self) -> str:
        return f"github:{self.owner}/{self.name}"

    @property
    def url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"

    def api_url(self) -> str:
        return f"{github_api()}/repos/{self.owner}/{self.name}/license"


def repo_key(repo: RepoRef | GithubRepo) -> str:
    return repo.key if isinstance(repo, GithubRepo) else f"{repo.repo_type}:{repo.repo_id}"


@dataclass
class Upstream:
    """What upstream said about one repo: ``ok`` (facts), ``gone`` (it answered before),
    ``unknown`` (it never did) or ``unverifiable`` (no answer)."""

    status: str
    url: str  # the repo's public page
    facts: HubFacts | None = None
    github_license: str | None = None  # SPDX id as GitHub reports it
    revision: str | None = None
    detail: str = ""
    checked_at: str | None = None
    cached: bool = False
    requests: int = 0


@dataclass
class FactsCache:
    """Upstream answers by repo, each with its revision and when it was stored (a JSON file).

    An answer is fresh for ``lifetime`` (a quarter of it for a repo that was gone or unknown),
    stretched per repo by the link cache's stagger, so a weekly run re-asks a slice at a time.
    """

    path: Path
    lifetime: float = 3 * 86400
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str | None = None

    @classmethod
    def load(cls, path: Path, lifetime_days: float = 3.0) -> FactsCache:
        cache = cls(path, lifetime_days * 86400)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != CACHE_VERSION or not isinstance(data.get("repos"), dict):
                raise ValueError(f"not a version {CACHE_VERSION} facts cache")
            cache.entries = data["repos"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            cache.problem = f"the facts cache {path} is unusable ({exc}); starting afresh"
        return cache

    def fresh(self, key: str, now: float | None = None) -> Upstream | None:
        """The cached answer if it has not expired."""
        from ..links.cache import stagger

        item = self.entries.get(key)
        if not item:
            return None
        share = 1.0 if item.get("status") == "ok" else 0.25  # other answers are asked sooner
        expires = float(item.get("stored", 0)) + self.lifetime * share * stagger(key)
        if expires <= (time.time() if now is None else now):
            return None
        return self._upstream(item)

    def revision(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    @staticmethod
    def _upstream(item: dict[str, Any]) -> Upstream:
        facts = HubFacts.from_dict(item["facts"]) if item.get("facts") else None
        return Upstream(
            status=item["status"],
            url=item["url"],
            facts=facts,
            github_license=item.get("github_license"),
            revision=item.get("revision"),
            detail=item.get("detail", ""),
            checked_at=item.get("checked_at"),
            cached=True,
        )

    def put(self, key: str, upstream: Upstream, now: float | None = None) -> None:
        """Remember an answer (unverifiable ones are asked again next time)."""
        if upstream.status == "unverifiable":
            return
        now = time.time() if now is None else now
        self.entries[key] = {
            "status": upstream.status,
            "url": upstream.url,
            "revision": upstream.revision,
            "facts": upstream.facts.to_dict() if upstream.facts else None,
            "github_license": upstream.github_license,
            "detail": upstream.detail,
            "checked_at": upstream.checked_at,
            "stored": now,
        }

    def save(self) -> None:
        from ..links.cache import write_atomically

        data = {"version": CACHE_VERSION, "tool": "llm-registry check-facts", "repos": self.entries}
        write_atomically(self.path, json.dumps(data, sort_keys=True) + "\n")


def _allowed_hosts() -> set[str]:
    """Hosts set by the operator (HF_ENDPOINT, GITHUB_API_URL) may be local: tests, mirrors.
    Entries never choose where a request goes: only a repo id from them enters a path."""
    hosts = set()
    for name in ("HF_ENDPOINT", "GITHUB_API_URL"):
        if os.environ.get(name):
            hosts.add((urlsplit(os.environ[name]).hostname or "").lower())
    return hosts - {""}


def _gone(job: Any) -> bool:
    code = (job.headers or {}).get("X-Error-Code", "")
    status = job.result.status if job.result else None
    if code == "RepoNotFound":
        return True
    return status in (404, 410) and not code


def _parse(repo: RepoRef | GithubRepo, job: Any) -> Upstream:
    from ..links import Verdict

    result = job.result
    public = repo.url
    now = result.checked_at if result else None
    code = (job.headers or {}).get("X-Error-Code", "")
    if result is not None and result.verdict in (Verdict.OK, Verdict.REDIRECTED) and job.body:
        try:
            data = json.loads(job.body)
            if isinstance(repo, GithubRepo):
                spdx = ((data.get("license") or {}).get("spdx_id")) or None
                return Upstream(
                    "ok",
                    public,
                    github_license=spdx,
                    revision=data.get("sha"),
                    checked_at=now,
                    requests=job.requests,
                )
            facts = facts_from_json(repo, data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return Upstream(
                "unverifiable",
                public,
                detail=f"unreadable answer ({exc})",
                checked_at=now,
                requests=job.requests,
            )
        return Upstream(
            "ok", public, facts=facts, revision=facts.sha, checked_at=now, requests=job.requests
        )
    if code == "GatedRepo":
        detail = "gated: the Hub shows it only after its terms are accepted"
        return Upstream(
            "unverifiable", public, detail=detail, checked_at=now, requests=job.requests
        )
    if result is not None and result.status is not None and _gone(job):
        what = "no such repo: deleted, or made private" if code else f"HTTP {result.status}"
        return Upstream("gone", public, detail=what, checked_at=now, requests=job.requests)
    detail = result.detail if result else "not checked"
    return Upstream(
        "unverifiable",
        public,
        detail=detail,
        checked_at=now,
        requests=job.requests if result else 0,
    )


def ask(
    repos: list[RepoRef | GithubRepo],
    options: Any,
    cache: FactsCache | None = None,
    progress: Any = None,
    guard: Any = None,
) -> dict[str, Upstream]:
    """Upstream's answer for every repo: from the cache when fresh, else one request each."""
    from dataclasses import replace

    from ..links import AddressGuard, Job, fetch_jobs

    answers: dict[str, Upstream] = {}
    jobs: list[tuple[RepoRef | GithubRepo, Any]] = []
    base = endpoint()
    for repo in repos:
        key = repo_key(repo)
        if key in answers:
            continue
        found = cache.fresh(key) if cache is not None else None
        if found is not None:
            answers[key] = found
            continue
        url = repo.api_url() if isinstance(repo, GithubRepo) else repo.api_url(base)
        jobs.append((repo, Job(url, url, method="GET", keep_body=BODY_LIMIT)))
        answers[key] = Upstream("unverifiable", repo.url, detail="not checked")
    if jobs:
        options = replace(options, allow_hosts=frozenset(options.allow_hosts) | _allowed_hosts())
        guard = guard or AddressGuard(options.allow_hosts, options.dns_canary or None)
        # huggingface_hub's classes (0.4 s of imports) load while the first answers are awaited.
        loading = threading.Thread(target=importlib.import_module, args=("huggingface_hub.hf_api",))
        loading.start()
        fetch_jobs([job for _, job in jobs], options, guard=guard, progress=progress)
        loading.join()
    for repo, job in jobs:
        key = repo_key(repo)
        answer = _parse(repo, job)
        known = cache.revision(key) if cache is not None else None
        if answer.status == "gone" and not (known and known.get("status") in ("ok", "gone")):
            # Never seen answering: a typo or a repo that never existed (check-links reports
            # the page), not one that went away. Remembered for a while like any answer.
            answer.status = "unknown"
            answer.detail = "the Hub does not know this repo, and it never answered before"
        if answer.status == "ok" and known and known.get("revision") == answer.revision:
            answer.detail = "unchanged since the last check"
        if cache is not None:
            cache.put(key, answer)
        answers[key] = answer
    return answers
