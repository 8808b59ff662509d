"""What every content batch's walking test asks of its entries (issues 12 and 13), in one place."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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


def lineage_tests(
    names: dict[str, str],
    documented: list[tuple[str, str, str]],
    checkpoints: list[tuple[str, str, str | None, str | None]] = (),  # type: ignore[assignment]
) -> tuple[Callable[..., None], Callable[..., None], Callable[..., None]]:
    """The three tests every batch runs over its own data, written once: each name (and
    published checkpoint name) finds its entry; the relations the labs document are edges in
    the export (the session's ``exported`` fixture); edges whose source names checkpoints carry
    them. A batch module binds them to its ``test_`` names so that pytest collects them there."""

    @pytest.mark.parametrize(("name", "entry_id"), names.items())
    def finds(reg: Registry, name: str, entry_id: str) -> None:
        found = reg.find(name)
        assert found is not None and found.id == entry_id, f"{name!r} finds {found and found.id}"

    def relations(exported: list[dict]) -> None:
        edges = {(e["source"], e["target"], e["relation"]) for e in exported}
        missing = [edge for edge in documented if edge not in edges]
        assert not missing, f"documented relations missing from the export: {missing}"

    def checkpoint_edges(exported: list[dict]) -> None:
        edges = {(e["source"], e["target"], e.get("checkpoint"), e.get("into")) for e in exported}
        missing = [edge for edge in checkpoints if edge not in edges]
        assert not missing, f"checkpoint edges missing from the export: {missing}"

    return finds, relations, checkpoint_edges
