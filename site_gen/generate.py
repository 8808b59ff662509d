"""Generation: a loaded registry in, a plain Markdown tree (plus JSON/CSV/GraphML) out.

:func:`generate` is pure (it returns the files); :func:`write_tree` puts them on disk, touching
only files whose content changed and removing files that are no longer generated, so that
``mkdocs serve`` (which watches the docs folder) does not rebuild forever.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from registry.schema import KINDS, MODELS_BY_KIND
from registry.store import Registry

from . import (
    diagram_style,
    downloads,
    entry_page,
    families,
    index_pages,
    layout,
    redirects,
    reference,
    timeline,
)
from .context import SiteContext

MANIFEST = ".llm-registry-manifest.json"


def generate(
    registry: Registry, repo_url: str | None = None, fact_checks: dict | None = None
) -> SiteContext:
    """Every generated page and data file, keyed by path relative to the docs root; edit links
    point into ``repo_url`` (mkdocs.yml's setting) and are left out without it."""
    ctx = SiteContext(
        registry, repo_url=repo_url.rstrip("/") if repo_url else None, fact_checks=fact_checks or {}
    )
    for entry in registry:
        ctx.add(layout.entry_src(entry.kind, entry.id), entry_page.render(ctx, entry))
        document = downloads.entry_document(ctx, entry)
        ctx.add(layout.entry_json(entry.id), document)
        redirects.add_redirects(ctx, entry, document)
    for kind in KINDS:
        page = index_pages.render(ctx, kind, registry.of_kind(kind), MODELS_BY_KIND[kind])
        ctx.add(layout.index_src(kind), page)
    for family in families.FAMILIES:
        ctx.add(family.src, families.render(ctx, family))
    for root in ctx.family_roots:
        ctx.add(families.line_src(root), families.render_line(ctx, root))
    ctx.add(families.INDEX_SRC, families.index_page(ctx, ctx.family_roots))
    ctx.add(timeline.TIMELINE_SRC, timeline.timeline_page(ctx))
    ctx.add(timeline.PARAMETERS_SRC, timeline.parameters_page(ctx))
    ctx.add(reference.SCHEMA_SRC, reference.schema_page(ctx))
    ctx.add("reference/relations.md", reference.relations_page())
    ctx.add("reference/rules.md", reference.rules_page())
    ctx.add(reference.LICENSES_SRC, reference.licenses_page())
    ctx.add(diagram_style.STYLESHEET_SRC, diagram_style.stylesheet())
    downloads.add_files(ctx)
    ctx.add(downloads.SRC, downloads.page(ctx))
    return ctx


def in_nav(path: str) -> bool:
    """Whether a generated page is listed in mkdocs.yml's navigation: not entry pages, nor the
    generated family pages (the families index lists them)."""
    if is_entry_page(path):
        return False
    folder, _, name = path.partition("/")
    return folder != "families" or name in (
        "index.md",
        *(f"{f.slug}.md" for f in families.FAMILIES),
    )


def is_entry_page(path: str) -> bool:
    """Entry pages stay out of the navigation; index, family and reference pages are in it."""
    folder, _, name = path.partition("/")
    return folder in layout.FOLDER_KINDS and name.endswith(".md") and name != "index.md"


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def write_tree(files: dict[str, str | bytes], out_dir: Path) -> WriteStats:
    """Write ``files`` under ``out_dir``; only changed files are touched, stale ones removed."""
    stats = WriteStats()
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = out_dir / MANIFEST
    previous: list[str] = []
    if manifest.exists():
        previous = json.loads(manifest.read_text(encoding="utf-8"))
    for rel, content in files.items():
        target = out_dir / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            stats.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        stats.written += 1
    for rel in set(previous) - files.keys():
        stale = out_dir / rel
        if stale.is_file():
            stale.unlink()
            stats.removed += 1
    listing = json.dumps(sorted(files), indent=0)
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
        manifest.write_text(listing, encoding="utf-8")
    return stats
