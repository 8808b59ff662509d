"""What every content batch's walking test asks of its entries (issues 12 and 13), in one place."""

from __future__ import annotations

from registry.schema import Model
from registry.store import Registry


def unsourced_models(reg: Registry, ids: list[str]) -> list[str]:
    """The batch's entries that are not models with a release date, an organization and a source."""
    problems = []
    for entry_id in ids:
        model = reg.get(entry_id)
        gaps = [
            what
            for what, present in [
                ("a release date", model.released),
                ("an organization", model.organizations),
                ("a source", model.sources),
            ]
            if not present
        ]
        if model.kind != "model" or gaps:
            problems.append(f"{entry_id}: {model.kind}, missing {', '.join(gaps) or 'nothing'}")
    return problems


def open_weight_models(reg: Registry, ids: list[str]) -> list[Model]:
    """The batch's models whose weights are open."""
    return [m for m in (reg.get(i) for i in ids) if m.access == "open"]


def without_sizes_or_licence(models: list[Model]) -> list[str]:
    """Open-weight models must state every size they ship in and their licence."""
    return [m.id for m in models if not m.parameters or not m.license]
