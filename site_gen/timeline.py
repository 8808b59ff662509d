"""The timeline page (releases per quarter, then every dated entry by year) and the parameter
chart page (sizes over time on a log scale), both drawn at build time. Their long parts (charts,
the lists of entries) are raw HTML blocks passed through the build (:mod:`site_gen.passthrough`):
they grow with the registry."""

from __future__ import annotations

from itertools import groupby

from . import charts, markup, passthrough, search
from .context import SiteContext
from .text import html_text

TIMELINE_SRC = "timeline.md"
PARAMETERS_SRC = "parameters.md"


def timeline_page(ctx: SiteContext) -> str:
    dated = sorted(
        (e for e in ctx.registry if e.released and e.kind != "organization"),
        key=lambda e: (e.released, e.name.casefold()),
        reverse=True,
    )
    lines = [
        "# Timeline",
        "",
        "Releases of models, datasets and libraries per quarter (hover a bar for its count), "
        "then every dated entry by year, newest first.",
        "",
        search.END,  # the chart and the lists repeat every entry's name: not searched
        "",
        passthrough.wrap(charts.timeline(dated)),
        "",
        '<p class="llmr-legend">'
        + " &nbsp; ".join(
            f'<span class="llmr-node" style="background:{color}"></span> {kind}'
            for kind, color in charts.KIND_COLORS.items()
        )
        + "</p>",
        "",
    ]
    for year, group in groupby(dated, key=lambda e: e.released[:4]):
        found = (
            f"{html_text(e.released)}: {ctx.html_link(TIMELINE_SRC, e.id)} ({e.kind})"
            for e in group
        )
        lines += [f"## {year}", "", passthrough.wrap(markup.items(found)), ""]
    return "\n".join(lines)


def parameters_page(ctx: SiteContext) -> str:
    models = ctx.registry.models
    return "\n".join(
        [
            "---",
            "hide: [toc]",  # no headings: the chart takes the table of contents' room
            "---",
            "",
            "# Parameter counts over time",
            "",
            "Every size of every dated model, on a log scale; click a point to open the model. "
            "Dates given only as a year or month sit in the middle of that period. A "
            "mixture-of-experts model is drawn at its total size, with a hollow point at the "
            "parameters active per token. Models whose size is not disclosed (closed, API-only "
            "models) have no point.",
            "",
            search.END,  # the chart's tooltips name every model: not searched
            "",
            passthrough.wrap(charts.parameters(models, ctx.href(PARAMETERS_SRC))),
            "",
        ]
    )
