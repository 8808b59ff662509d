"""The MkDocs hook (``hooks:`` in mkdocs.yml): runs site generation inside ``mkdocs build`` and
``mkdocs serve``. Thin on purpose: the pages are made by plain functions in :mod:`site_gen`.

- ``on_pre_build``: load and validate the entries once, generate the tree, write what changed.
- ``on_files``: add the generated pages (entry pages as ``not_in_nav``) and the site's assets.
- ``on_env``: the once-per-build chrome of entry pages (:mod:`site_gen.chrome`).
- ``on_page_markdown``: fill the home page's data markers; point "edit" at the entry's YAML;
  set generated raw HTML blocks aside (:mod:`site_gen.passthrough`).
- ``on_page_content``: put those blocks back into the rendered page; give entry pages a table
  of contents of their sections.
- ``on_page_context``: index the searched part of generated pages (:mod:`site_gen.search`).
- ``on_post_page``: drop the theme's indentation (a sixth of every page's size).
- ``on_serve``: watch the entries folder, so editing an entry rebuilds and reloads its page.

Where things are can be changed with two environment variables (the ``llm-registry build``
command sets them): ``LLM_REGISTRY_ENTRIES`` (default ``entries/`` next to mkdocs.yml) and
``LLM_REGISTRY_GENERATED_DIR`` (default ``docs/generated/``, ignored by git and excluded from
MkDocs' own file scan).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import registry
from site_gen import chrome, home, passthrough, search
from site_gen.context import SiteContext
from site_gen.factcheck import load_checks
from site_gen.generate import generate, in_nav, is_entry_page, write_tree
from site_gen.htmlout import compact

ENTRIES_ENV = "LLM_REGISTRY_ENTRIES"
GENERATED_ENV = "LLM_REGISTRY_GENERATED_DIR"
ASSETS_DIR = Path(__file__).parent / "assets"
ASSETS_URL = "assets/llm-registry"

log = logging.getLogger("mkdocs.hooks.llm_registry")
_state: dict[str, Any] = {}


def locations(config: MkDocsConfig) -> tuple[Path, Path]:
    """The entries folder and the generated tree's folder for this configuration."""
    root = Path(config.config_file_path or ".").resolve().parent
    entries = Path(os.environ.get(ENTRIES_ENV) or root / "entries")
    generated = Path(os.environ.get(GENERATED_ENV) or Path(config.docs_dir) / "generated")
    return entries.resolve(), generated.resolve()


def _entry_id(src: str) -> str:
    """The id of the entry whose page is built from ``src`` (``models/vicuna.md``)."""
    return src.rsplit("/", 1)[-1][: -len(".md")]


def on_pre_build(config: MkDocsConfig) -> None:
    entries, generated = locations(config)
    if not entries.is_dir():
        raise PluginError(f"llm-registry: no entries folder at {entries}")
    try:
        reg = registry.load(entries)
    except registry.InvalidRegistryError as exc:
        raise PluginError(f"llm-registry: the entries do not validate.\n{exc}") from None
    checks = load_checks(entries)
    ctx = generate(reg, repo_url=config.repo_url, fact_checks=checks)
    stats = write_tree(ctx.files, generated)
    log.info(
        "llm-registry: %d entries, %d generated files (%d written, %d removed) in %s",
        len(reg),
        len(ctx.files),
        stats.written,
        stats.removed,
        generated,
    )
    _state.update(ctx=ctx, generated=generated, entries=entries, blocks={}, searched=set())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    ctx: SiteContext = _state["ctx"]
    generated: Path = _state["generated"]
    for rel in ctx.files:
        inclusion = InclusionLevel.UNDEFINED if in_nav(rel) else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, rel, abs_src_path=str(generated / rel), inclusion=inclusion)
        )
    for path in sorted(ASSETS_DIR.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            rel = f"{ASSETS_URL}/{path.relative_to(ASSETS_DIR).as_posix()}"
            files.append(File.generated(config, rel, abs_src_path=str(path)))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["llmr_once"] = chrome.once_per_folder()
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    ctx: SiteContext = _state["ctx"]
    src = page.file.src_uri
    if src == home.HOME_SRC:
        return home.fill(markdown, ctx)
    if src in ctx.files:
        entry = ctx.registry.entries.get(_entry_id(src)) if is_entry_page(src) else None
        page.edit_url = ctx.edit_url(entry) if entry else None
        if search.END in markdown and search.plugin_index(config) is not None:
            search.exclude_whole_page(page)
            _state["searched"].add(src)
        markdown, _state["blocks"][src] = passthrough.stash(markdown)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = passthrough.restore(html, _state["blocks"].pop(page.file.src_uri, []))
    if is_entry_page(page.file.src_uri):
        page.meta["llmr_contents"] = chrome.contents(html)
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    index = search.plugin_index(config)
    src = page.file.src_uri
    if index is not None and src in _state["searched"]:
        ctx: SiteContext = _state["ctx"]
        entry = ctx.registry.entries.get(_entry_id(src)) if is_entry_page(src) else None
        if entry is None:
            search.add_searched_part(index, page)
        else:
            names = ctx.search_names.get(entry.id, "")
            search.add_searched_part(index, page, names, ctx.search_text(entry))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return compact(output)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_state.get("entries") or locations(config)[0]))
    return server
