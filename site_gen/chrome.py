"""Theme chrome that is the same on every entry page, rendered once per build.

Entry pages of one kind all sit in the same folder (``models/<id>/``), so the parts of the theme
that depend only on the configuration and on relative URLs (the search form, the navigation
list, the footer, Material's JSON configuration and scripts) come out byte for byte the same on
each of them. ``site_gen/templates/entry.html`` wraps those blocks in ``llmr_once(name, block)``:
the first page of a folder renders the block, the others reuse the text. The key is the block's
name and the folder the page's URL sits in (relative URLs such as ``../`` for the models index
depend on it). Blocks that show anything of the page itself (its title, content, edit link) are
never wrapped.

Their table of contents is made from the page's section headings (:func:`contents`).

The MkDocs hook installs a fresh cache in the theme's Jinja environment at every build
(``on_env``), so ``mkdocs serve`` picks up configuration changes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .htmlout import slim

_SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>')


def folder(url: str) -> tuple[str, bool]:
    """What relative URLs on a page depend on, besides the target: the folder the page's URL is
    in, and whether the URL is a directory (``models/x/``) or a file (``models/x.html``).

    >>> folder("models/llama/") == folder("models/vicuna/") != folder("datasets/c4/")
    True
    """
    return posixpath.dirname(url.rstrip("/")), url.endswith("/")


SLIMMED = {"header-start", "header-end", "site_nav"}  # the theme's markup: see htmlout.slim


def once_per_folder() -> Callable[..., Markup]:
    """A fresh ``llmr_once`` template function with its own cache."""
    cache: dict[tuple[str, Any], Markup] = {}

    @pass_context
    def llmr_once(context: Context, name: str, block: Callable[[], str]) -> Markup:
        key = (name, folder(context["page"].url))
        if key not in cache:
            text = block()
            cache[key] = Markup(slim(text) if name in SLIMMED else text)
        return cache[key]

    return llmr_once


def contents(html: str, title: str = "Table of contents") -> Markup:
    """An entry page's table of contents: its sections, in the markup of Material's
    ``partials/toc.html`` (whose script follows the reader's position through it). The
    sections are raw HTML headings written by the generator (:func:`site_gen.markup.heading`: a
    plain id, an escaped title) that Markdown's toc extension does not see; a string built here
    costs a fraction of the theme's recursive template on thousands of pages."""
    items = "".join(
        f'<li class="md-nav__item"><a href="#{anchor}" class="md-nav__link">{text}</a></li>'
        for anchor, text in _SECTION.findall(html)
    )
    listing = (
        f'<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>'
        f'{title}</label><ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>'
        f"{items}</ul>"
        if items
        else ""
    )
    return Markup(f'<nav class="md-nav md-nav--secondary" aria-label="{title}">{listing}</nav>')
