"""Redirects for renamed entries: a static page at each former id's URL that sends the reader
to the entry's page (meta refresh plus a plain link, no plugin), and a copy of its JSON file at
the former id's data URL, so no published link breaks."""

from __future__ import annotations

from registry.schema import FOLDERS, AnyEntry

from . import layout
from .context import SiteContext
from .text import attribute, html_text


def redirect_html(target_url: str, name: str) -> str:
    url = attribute(target_url)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Moved: {html_text(name)}</title>"
        f'<meta http-equiv="refresh" content="0; url={url}">'
        f'<link rel="canonical" href="{url}"><meta name="robots" content="noindex"></head>\n'
        f'<body><p>This entry has a new address: <a href="{url}">{html_text(name)}</a>.</p>'
        "</body></html>\n"
    )


def add_redirects(ctx: SiteContext, entry: AnyEntry, entry_json: str) -> None:
    """Pages and data files at every former id of ``entry`` that is not taken by another entry."""
    for old in entry.former_ids:
        if old in ctx.registry:
            continue
        page = f"{FOLDERS[entry.kind]}/{old}/index.html"
        target = layout.url_link(page, layout.entry_src(entry.kind, entry.id))
        ctx.add(page, redirect_html(target, entry.name))
        ctx.add(layout.entry_json(old), entry_json)
