"""Charts drawn at build time as inline SVG (no chart library, no script): releases over time,
and parameter counts over time on a log scale.

Every label is HTML-escaped; every point links to its entry's page and carries a ``<title>``
tooltip, so the charts are navigable without JavaScript.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from registry.schema import AnyEntry, Model
from registry.units import format_count

from .text import attribute, html_text

KIND_COLORS = {"model": "#3b6fd8", "dataset": "#d8893b", "library": "#3ba85a"}
WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
MAX_LABELS = 60


def year_fraction(released: str) -> float:
    """A release date as a fractional year; imprecise dates sit mid-period (2023 -> 2023.5)."""
    parts = [int(p) for p in released.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365


def _frame(title: str, body: list[str]) -> str:
    return (
        f'<div class="llmr-chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-label="{attribute(title)}">'
        f"<title>{html_text(title)}</title>" + "".join(body) + "</svg></div>"
    )


def nice_ticks(top: int, most: int = 6) -> list[int]:
    """Evenly spaced counts from 0 to at least ``top`` at a round step (1, 2 or 5 times a power
    of ten), at most ``most`` of them: ``nice_ticks(28)`` is ``[0, 10, 20, 30]``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            count = -(-max(top, 1) // step)  # ceiling
            if count + 1 <= most:
                return [i * step for i in range(count + 1)]
        magnitude *= 10


def _counts_axis(ticks: list[int], y: Callable[[float], float]) -> list[str]:
    """The y-axis of a count: its line, a grid line and a label at every tick, zero included."""
    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" class="llmr-axis"/>']
    for tick in ticks:
        py = y(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{py:.1f}" x2="{WIDTH - RIGHT}" y2="{py:.1f}" '
            f'class="llmr-grid"/><text x="{LEFT - 6}" y="{py + 5:.1f}" text-anchor="end" '
            f'class="llmr-label">{tick}</text>'
        )
    return parts


def _years_axis(first: int, last: int, x: Callable[[float], float]) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" class="llmr-axis"/>'
    ]
    step = max(1, math.ceil((last - first + 1) / 12))
    for year in range(first, last + 2, step):
        px = x(year)
        parts.append(
            f'<line x1="{px:.1f}" y1="{TOP}" x2="{px:.1f}" y2="{HEIGHT - BOTTOM}" '
            f'class="llmr-grid"/><text x="{px:.1f}" y="{HEIGHT - BOTTOM + 20}" '
            f'text-anchor="middle" class="llmr-label">{year}</text>'
        )
    return parts


def _x_scale(first: int, last: int) -> Callable[[float], float]:
    span = (last + 1) - first
    return lambda t: LEFT + (t - first) / span * (WIDTH - LEFT - RIGHT)


def timeline(entries: list[AnyEntry]) -> str:
    """Releases per quarter, stacked by kind (organizations have no release of their own)."""
    dated = [e for e in entries if e.released and e.kind in KIND_COLORS]
    if not dated:
        return "<p>No dated entries yet.</p>"
    years = [int(e.released[:4]) for e in dated]
    first, last = min(years), max(years)
    x = _x_scale(first, last)
    quarters: Counter[tuple[int, str]] = Counter()
    for e in dated:
        q = int((year_fraction(e.released) - first) * 4)
        quarters[(q, e.kind)] += 1
    per_quarter = Counter()
    for (q, _), n in quarters.items():
        per_quarter[q] += n
    ticks = nice_ticks(max(per_quarter.values()))
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    body = _counts_axis(ticks, lambda n: HEIGHT - BOTTOM - n * scale)
    body += _years_axis(first, last, x)
    bar = (WIDTH - LEFT - RIGHT) / ((last + 1 - first) * 4)
    stacked: Counter[int] = Counter()
    for (q, kind), n in sorted(quarters.items()):
        h = n * scale
        y = HEIGHT - BOTTOM - stacked[q] * scale - h
        stacked[q] += n
        year, quarter = first + q // 4, q % 4 + 1
        body.append(
            f'<rect x="{x(first + q / 4) + 1:.1f}" y="{y:.1f}" width="{max(bar - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="{KIND_COLORS[kind]}"><title>{year} Q{quarter}: {n} '
            f"{html_text(kind)}(s)</title></rect>"
        )
    return _frame("Releases per quarter, by kind", body)


def parameters(models: list[Model], href: Callable[[str], str]) -> str:
    """Every size of every dated model over time, log scale; points link to model pages. A
    mixture-of-experts size is drawn at its total, with a hollow point at its active count
    joined to it. Models without a stated size (closed ones) have no point at all."""
    points = [
        (year_fraction(m.released), size, m)
        for m in models
        if m.released
        for size in m.parameters
        if size > 0
    ]
    if not points:
        return "<p>No model has both a release date and a parameter count yet.</p>"
    first = int(min(p[0] for p in points))
    last = int(max(p[0] for p in points))
    x = _x_scale(first, last)
    smallest = min(min(p[1], getattr(p[1], "active", None) or p[1]) for p in points)
    low = math.floor(math.log10(smallest))
    high = math.ceil(math.log10(max(p[1] for p in points)))
    high = max(high, low + 1)

    def y(value: int) -> float:
        share = (math.log10(value) - low) / (high - low)
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)

    body = _years_axis(first, last, x)
    for exp in range(low, high + 1):
        py = y(10**exp)
        body.append(
            f'<line x1="{LEFT}" y1="{py:.1f}" x2="{WIDTH - RIGHT}" y2="{py:.1f}" '
            f'class="llmr-grid"/><text x="{LEFT - 6}" y="{py + 5:.1f}" text-anchor="end" '
            f'class="llmr-label">{format_count(10**exp)}</text>'
        )
    label_largest = len({m.id for _, _, m in points}) <= MAX_LABELS
    for t, size, m in sorted(points, key=lambda p: p[0]):
        name = html_text(m.name)
        active = getattr(size, "active", None)
        if active:
            tip_active = f"{name}: {format_count(active)} active of {format_count(size)}"
            body.append(
                f'<line x1="{x(t):.1f}" y1="{y(size):.1f}" x2="{x(t):.1f}" '
                f'y2="{y(active):.1f}" class="llmr-moe-span"/>'
                f'<a href="{attribute(href(m.id))}"><circle cx="{x(t):.1f}" '
                f'cy="{y(active):.1f}" r="3" class="llmr-point llmr-point--active">'
                f"<title>{tip_active}</title></circle></a>"
            )
        shown = (
            f"{format_count(size)} total, {format_count(active)} active"
            if active
            else (format_count(size))
        )
        tip = f"{name}: {shown} ({html_text(m.released or '')})"
        label = ""
        if label_largest and size == m.parameters[-1]:
            label = (
                f'<text x="{x(t) + 6:.1f}" y="{y(size) + 4:.1f}" '
                f'class="llmr-point-label">{name}</text>'
            )
        body.append(
            f'<a href="{attribute(href(m.id))}"><circle cx="{x(t):.1f}" cy="{y(size):.1f}" '
            f'r="4" class="llmr-point"><title>{tip}</title></circle>{label}</a>'
        )
    return _frame("Parameter counts over time (log scale)", body)
