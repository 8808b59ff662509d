"""Where every generated file lives and how pages link to each other.

URLs are a public interface: ``/models/<id>/`` for an entry page and ``/api/entries/<id>.json``
for its data stay stable forever (a renamed entry keeps a redirect at its old URL). Links between
Markdown pages are written relative to the source file so MkDocs checks them with ``--strict``;
links that MkDocs does not see (diagram clicks, SVG charts) are relative to the page's URL.
"""

from __future__ import annotations

import posixpath

from registry.schema import FOLDERS

FOLDER_KINDS = {folder: kind for kind, folder in FOLDERS.items()}
KIND_TITLES = {
    "model": "Models",
    "dataset": "Datasets",
    "library": "Libraries",
    "organization": "Organizations",
}


def entry_src(kind: str, entry_id: str) -> str:
    """The Markdown source of an entry page, relative to the docs root."""
    return f"{FOLDERS[kind]}/{entry_id}.md"


def index_src(kind: str) -> str:
    return f"{FOLDERS[kind]}/index.md"


def entry_json(entry_id: str) -> str:
    """The stable location of an entry's own JSON file."""
    return f"api/entries/{entry_id}.json"


def url_of(src: str) -> str:
    """The URL (relative to the site root) MkDocs gives a source file with directory URLs."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, start_dir: str) -> str:
    """``posixpath.relpath`` for the clean relative paths used here, without its cost
    (it is called tens of thousands of times per build)."""
    parts = [p for p in target.split("/") if p]
    start = [p for p in start_dir.split("/") if p]
    common = 0
    while common < min(len(parts), len(start)) and parts[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def md_link(from_src: str, to_src: str) -> str:
    """A relative link between two source files, as MkDocs expects in Markdown."""
    return relative(to_src, posixpath.dirname(from_src))


def url_link(from_src: str, to_src: str) -> str:
    """A relative URL from the page built from ``from_src`` to the page or file ``to_src``."""
    here = url_of(from_src)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target = url_of(to_src)
    found = relative(target, base)
    if (target.endswith("/") or not target) and not found.endswith("/"):
        found += "/"
    return found
