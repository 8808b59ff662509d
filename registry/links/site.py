"""Links of a built site: internal ones judged on disk, external ones handed to the checker.

Every ``.html`` file under the site folder is parsed once (stdlib :mod:`html.parser`) for its
links and its anchors (``id`` attributes, ``<a name>``). A link to a page of the site must name a
file that exists (a folder means its ``index.html``) and, with ``#anchor``, an anchor in that
page; no HTTP is involved. External http(s) links come back as targets, to be checked and
deduplicated together with the entries' URLs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .sources import Target
from .verdicts import Result, Source, Verdict

LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
}
_IGNORED_REL = {"canonical", "alternate", "preconnect", "dns-prefetch", "search"}
_IGNORED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")


@dataclass
class Page:
    """What one HTML file holds: its anchors and its links with their positions."""

    anchors: set[str] = field(default_factory=set)
    links: list[tuple[str, int, int, str]] = field(default_factory=list)  # value, line, col, tag


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.anchors.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute is None or attribute not in values:
            return
        if tag == "link" and _IGNORED_REL & set(values.get("rel", "").lower().split()):
            return
        line, offset = self.getpos()
        self.page.links.append((values[attribute].strip(), line, offset + 1, tag))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


@dataclass
class SiteLinks:
    """The outcome of reading a site: external targets, and verdicts on its internal links."""

    external: list[Target]
    internal: list[Result]
    pages: int


def site_links(root: Path, shown: str | None = None) -> SiteLinks:
    """Read every page under ``root``; judge internal links, collect external ones."""
    root = root.resolve()
    label = shown or str(root)
    pages = {p.relative_to(root).as_posix(): parse_page(p) for p in sorted(root.rglob("*.html"))}
    external: list[Target] = []
    internal: dict[str, Result] = {}
    for name, page in pages.items():
        for value, line, col, tag in page.links:
            if not value or value.lower().startswith(_IGNORED_SCHEMES):
                continue
            source = Source(
                "site", f"{label}/{name}", line, col, None, f"{tag}[{LINK_ATTRIBUTES[tag]}]={value}"
            )
            if value.startswith("//"):
                value = "https:" + value
            scheme = urlsplit(value).scheme.lower()
            if scheme in ("http", "https"):
                external.append(Target(value, source))
                continue
            if scheme:
                continue  # ftp:, irc: ... not checked
            key, verdict, detail = _judge_internal(root, pages, name, value)
            result = internal.get(key)
            if result is None:
                result = internal[key] = Result(key, verdict, detail=detail)
            result.sources.append(source)
    return SiteLinks(external, list(internal.values()), len(pages))


def _judge_internal(
    root: Path, pages: dict[str, Page], page: str, value: str
) -> tuple[str, Verdict, str]:
    """(site-relative target with its anchor, verdict, why) for one internal link."""
    parts = urlsplit(value)
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if not path:
        target = page
    elif path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/")) if path.strip("/") else "."
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == ".." or target.startswith("../"):
        return value, Verdict.BROKEN, f"{value!r} points outside the site"
    file = root / target
    if file.is_dir():
        target = posixpath.normpath(posixpath.join(target, "index.html"))
        file = root / target
    key = target + (f"#{fragment}" if fragment else "")
    if not file.is_file():
        return key, Verdict.BROKEN, f"no such page: {target}"
    if fragment and target in pages and fragment not in pages[target].anchors:
        return key, Verdict.BROKEN, f"no anchor #{fragment} in {target}"
    return key, Verdict.OK, "found on disk"
