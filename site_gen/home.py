"""Data for the hand-written home page (docs/index.md): counts by kind and the latest releases.

The home page keeps its prose in docs/; these snippets replace its markers at build time.
"""

from __future__ import annotations

from . import layout
from .context import SiteContext
from .text import plain

HOME_SRC = "index.md"
LATEST = 10


def counts(ctx: SiteContext) -> str:
    lines = ["| Kind | Entries |", "|---|---|"]
    for kind, title in layout.KIND_TITLES.items():
        n = len(ctx.registry.of_kind(kind))
        lines.append(f"| [{title}]({layout.md_link(HOME_SRC, layout.index_src(kind))}) | {n} |")
    lines.append(f"| Lineage edges | {len(ctx.registry.edges)} |")
    return "\n".join(lines)


def latest(ctx: SiteContext) -> str:
    dated = sorted(
        (e for e in ctx.registry if e.released and e.kind != "organization"),
        key=lambda e: (e.released, e.id),
        reverse=True,
    )[:LATEST]
    if not dated:
        return "No dated entries yet."
    return "\n".join(
        f"- {ctx.link(HOME_SRC, e.id)}: {e.kind}, released {plain(e.released)}" for e in dated
    )


def version(ctx: SiteContext) -> str:
    """Which data and which release of the tools this site shows, to cite it."""
    snapshot = ctx.registry.snapshot
    return plain(f"llm-registry {snapshot.version}, {snapshot.describe()}.")


SNIPPETS = {"counts": counts, "latest": latest, "version": version}


def fill(markdown: str, ctx: SiteContext) -> str:
    """Replace each ``<!-- llm-registry:NAME -->`` marker with its snippet."""
    for name, make in SNIPPETS.items():
        marker = f"<!-- llm-registry:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, make(ctx))
    return markdown
