"""A server on 127.0.0.1 that answers like the Hugging Face Hub (and GitHub's licence API).

It serves the recorded repos under ``tests/fixtures/hub`` (see its README) at the paths
``huggingface_hub`` asks (``HfApi.model_info``, ``dataset_info``, ``list_repo_commits``,
``hf_hub_download``, ``get_safetensors_metadata``) with the headers it reads (``X-Repo-Commit``,
``ETag``, ``X-Error-Code``, ranges). Tests change what it serves (a licence, a base model),
rename, delete or gate a repo, make it rate-limit or slow, and count the requests it received.
Safetensors headers are built from each repo's ``tensors.json`` (layer templates), so a 30B
model costs a few kilobytes of fixtures.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import math
import re
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hub"
_API = re.compile(r"^/api/(models|datasets)/([^/]+/[^/]+)(?:/(revision|commits)/([^/]+))?$")
_FILE = re.compile(r"^/(datasets/)?([^/]+/[^/]+)/resolve/([^/]+)/(.+)$")
_GITHUB = re.compile(r"^/repos/([^/]+)/([^/]+)/license$")
_BYTES = {"BF16": 2, "F16": 2, "F32": 4, "I64": 8}


def expand_tensors(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Shard file name -> {tensor name: {dtype, shape}} from a compact layer spec."""
    shards = int(spec.get("shards", 1))
    layers = int(spec.get("layers", 0))
    experts = int(spec.get("experts", 0))
    names = [
        f"model-{i:05d}-of-{shards:05d}.safetensors" if shards > 1 else "model.safetensors"
        for i in range(1, shards + 1)
    ]
    files: dict[str, dict[str, Any]] = {name: {} for name in names}

    def add(shard: int, name: str, dtype: str, shape: list[int]) -> None:
        files[names[shard]][name] = {"dtype": dtype, "shape": shape}

    for name, dtype, shape in spec.get("first", []):
        add(0, name, dtype, shape)
    per_shard = max(1, math.ceil(layers / shards))
    for layer in range(layers):
        for name, dtype, shape in spec.get("per_layer", []):
            for expert in range(experts) if "{e}" in name else [0]:
                add(layer // per_shard, name.format(i=layer, e=expert), dtype, shape)
    for name, dtype, shape in spec.get("last", []):
        add(shards - 1, name, dtype, shape)
    return files


def parameter_count(files: dict[str, dict[str, Any]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for tensors in files.values():
        for tensor in tensors.values():
            counts[tensor["dtype"]] += math.prod(tensor["shape"])
    return dict(counts)


@dataclass
class Repo:
    """One recorded repo: its API answer, card, commits and (for models) safetensors files."""

    repo_type: str
    repo_id: str
    info: dict[str, Any]
    readme: bytes
    commits: list[dict[str, Any]]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def sha(self) -> str:
        return str(self.info["sha"])

    def header(self, filename: str) -> bytes:
        """The first bytes of a safetensors file: its length-prefixed JSON header."""
        tensors = self.files[filename]
        offset, header = 0, {}
        for name, tensor in tensors.items():
            size = math.prod(tensor["shape"]) * _BYTES[tensor["dtype"]]
            header[name] = {**tensor, "data_offsets": [offset, offset + size]}
            offset += size
        header["__metadata__"] = {"format": "pt"}
        raw = json.dumps(header, separators=(",", ":")).encode()
        return struct.pack("<Q", len(raw)) + raw

    def index(self) -> bytes:
        weight_map = {name: shard for shard, tensors in self.files.items() for name in tensors}
        return json.dumps({"metadata": {}, "weight_map": weight_map}).encode()


def load_repo(folder: Path) -> Repo:
    """A fixture folder: info.json, README.md, commits.json and, for models, tensors.json."""
    info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
    repo_type = "dataset" if folder.parts[-3] == "datasets" else "model"
    repo = Repo(
        repo_type,
        info["id"],
        info,
        (folder / "README.md").read_bytes(),
        json.loads((folder / "commits.json").read_text(encoding="utf-8")),
    )
    spec = folder / "tensors.json"
    if spec.is_file():
        repo.files = expand_tensors(json.loads(spec.read_text(encoding="utf-8")))
        counts = parameter_count(repo.files)
        info["safetensors"] = {"parameters": counts, "total": sum(counts.values())}
        shards = sorted(repo.files)
        if len(shards) > 1:
            shards.append("model.safetensors.index.json")
        known = {s["rfilename"] for s in info.get("siblings", [])}
        info.setdefault("siblings", []).extend(
            {"rfilename": name} for name in shards if name not in known
        )
    return repo


def recorded_repos() -> dict[tuple[str, str], Repo]:
    repos = {}
    for kind in ("models", "datasets"):
        for info in sorted((FIXTURES / kind).glob("*/*/info.json")):
            repo = load_repo(info.parent)
            repos[(repo.repo_type, repo.repo_id)] = repo
    return repos


@dataclass
class HubState:
    """What the server serves and how it behaves; tests change it between runs."""

    repos: dict[tuple[str, str], Repo] = field(default_factory=recorded_repos)
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> new id
    deleted: set[str] = field(default_factory=set)
    private: set[str] = field(default_factory=set)
    gated_api: set[str] = field(default_factory=set)  # even the metadata needs the terms accepted
    github: dict[str, dict[str, Any]] = field(default_factory=dict)  # owner/repo -> license JSON
    latency: float = 0.0
    slow: dict[str, float] = field(default_factory=dict)  # path prefix -> seconds to wait
    rate_limited: dict[str, int] = field(default_factory=dict)  # path prefix -> 429s to give
    retry_after: str = "1"
    hits: list[tuple[str, str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def repo(self, repo_type: str, repo_id: str) -> Repo:
        return self.repos[(repo_type, repo_id)]

    def add_copy(self, repo_type: str, source: str, new_id: str) -> Repo:
        """Serve another repo with the recorded one's content (benchmarks, renames)."""
        original = self.repo(repo_type, source)
        repo = copy.copy(original)  # the safetensors files are shared: nothing changes them
        repo.repo_id = new_id
        repo.info = {**copy.deepcopy(original.info), "id": new_id}
        self.repos[(repo_type, new_id)] = repo
        return repo

    def requests(self, prefix: str = "") -> int:
        with self.lock:
            return sum(1 for _, path, _ in self.hits if path.startswith(prefix))


class NotLoopback(RuntimeError):
    """A test tried to connect beyond 127.0.0.1 / ::1."""


_GUARDED = threading.Event()
_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _refuse_non_loopback(event: str, args: tuple) -> None:
    if event == "socket.connect" and _GUARDED.is_set():
        address = args[1]
        if isinstance(address, tuple) and str(address[0]) not in _LOOPBACK:
            raise NotLoopback(f"refused a connection to {address[0]}: tests stay on loopback")


@contextlib.contextmanager
def loopback_only() -> Iterator[None]:
    """While active, any socket connection beyond loopback raises :class:`NotLoopback`.

    The audit hook is installed once per process (hooks cannot be removed) and acts only
    inside this block.
    """
    if not getattr(sys, "_llm_registry_loopback_hook", False):
        sys.addaudithook(_refuse_non_loopback)
        sys._llm_registry_loopback_hook = True  # type: ignore[attr-defined]
    _GUARDED.set()
    try:
        yield
    finally:
        _GUARDED.clear()


class HubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once (no delayed-ACK stall)
    server: HubServer

    def log_message(self, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, data: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode()
        self._send(200, body, {"Content-Type": "application/json", **(headers or {})})

    def _error(self, status: int, code: str, message: str) -> None:
        body = json.dumps({"error": message}).encode()
        headers = {"X-Error-Code": code, "X-Error-Message": message}
        self._send(status, body, {"Content-Type": "application/json", **headers})

    def _answer(self) -> None:
        state = self.server.state
        path = unquote(urlsplit(self.path).path)
        if path == "/__stats":  # for benchmarks in another process; not counted
            self._json({"requests": state.requests()})
            return
        with state.lock:
            state.hits.append((self.command, path, time.monotonic()))
        wait = state.latency + max(
            (s for prefix, s in state.slow.items() if path.startswith(prefix)), default=0.0
        )
        if wait:
            time.sleep(wait)
        with state.lock:
            limits = state.rate_limited.items()
            limited = next((p for p, n in limits if path.startswith(p) and n), None)
            if limited is not None:
                state.rate_limited[limited] -= 1
        if limited is not None:
            self._send(429, b"rate limited", {"Retry-After": state.retry_after})
            return
        github = _GITHUB.match(path)
        if github:
            found = state.github.get(f"{github[1]}/{github[2]}")
            if found is None:
                self._send(404, b'{"message": "Not Found"}', {"Content-Type": "application/json"})
            else:
                self._json(found)
            return
        api = _API.match(path)
        if api:
            self._api(api[1][:-1], api[2], api[3], api[4])
            return
        file = _FILE.match(path)
        if file:
            self._file("dataset" if file[1] else "model", file[2], file[3], file[4])
            return
        self._error(404, "EntryNotFound", f"no route for {path}")

    def _find(self, repo_type: str, repo_id: str, prefix: str, rest: str) -> Repo | None:
        """The repo, or None after answering (redirect for a renamed repo, 401 for a private or
        missing one, as the Hub answers anonymous requests)."""
        state = self.server.state
        if repo_id in state.renamed:
            target = state.renamed[repo_id]
            location = target if target.startswith("http") else f"{prefix}{target}{rest}"
            self._send(307, b"", {"Location": location})
            return None
        if repo_id in state.gated_api:
            self._error(403, "GatedRepo", "Access to this repo is restricted")
            return None
        if repo_id in state.deleted or repo_id in state.private:
            self._error(401, "RepoNotFound", "Repository Not Found")
            return None
        try:
            return state.repo(repo_type, repo_id)
        except KeyError:
            self._error(401, "RepoNotFound", "Repository Not Found")
            return None

    def _api(self, repo_type: str, repo_id: str, which: str | None, revision: str | None) -> None:
        rest = f"/{which}/{revision}" if which else ""
        repo = self._find(repo_type, repo_id, f"/api/{repo_type}s/", rest)
        if repo is None:
            return
        if which == "commits":
            self._json(repo.commits)
            return
        if revision not in (None, "main", repo.sha):
            self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
            return
        self._json(repo.info)

    def _file(self, repo_type: str, repo_id: str, revision: str, filename: str) -> None:
        prefix = "/datasets/" if repo_type == "dataset" else "/"
        repo = self._find(repo_type, repo_id, prefix, f"/resolve/{revision}/{filename}")
        if repo is None:
            return
        if repo.info.get("gated") and filename != "README.md":
            self._error(401, "GatedRepo", "Access to this repo is restricted")
            return
        if filename == "README.md":
            body = repo.readme
        elif filename == "model.safetensors.index.json" and len(repo.files) > 1:
            body = repo.index()
        elif filename in repo.files:
            body = repo.header(filename)
        else:
            self._error(404, "EntryNotFound", f"{filename} does not exist")
            return
        headers = {"X-Repo-Commit": repo.sha, "ETag": f'"{hashlib.sha1(body).hexdigest()}"'}
        ranged = re.match(r"bytes=(\d+)-(\d+)", self.headers.get("Range", ""))
        if ranged:
            start, end = int(ranged[1]), int(ranged[2])
            self._send(206, body[start : end + 1], headers)
        else:
            self._send(200, body, headers)


class HubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: HubState) -> None:
        super().__init__(("127.0.0.1", 0), HubHandler)
        self.state = state

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def start(state: HubState | None = None) -> HubServer:
    """A server in a background thread; ``server.shutdown()`` stops it."""
    server = HubServer(state or HubState())
    threading.Thread(target=server.serve_forever, daemon=True, name="hub-server").start()
    return server


def main() -> None:
    """Serve the fixtures (``HF_ENDPOINT=<printed URL>``); benchmarks add copies and latency."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument(
        "--copies", type=int, default=0, help="serve bench/model-0000... as copies of Qwen3"
    )
    args = parser.parse_args()
    state = HubState(latency=args.latency)
    for i in range(args.copies):
        state.add_copy("model", "Qwen/Qwen3-30B-A3B", f"bench/model-{i:04d}")
    hub = HubServer(state)
    print(hub.url, flush=True)
    hub.serve_forever()


if __name__ == "__main__":
    main()
