"""A synthetic registry for the family-page tests: one root with ``size`` descendants, spread
over fine-tunes, adapters, quantizations, merges and a distillation, several generations deep."""

from __future__ import annotations

from pathlib import Path

RELATIONS = ("finetune", "adapter", "quantized", "alignment")


def _model(entry_id: str, name: str, released: str, lineage: list[tuple[str, str]]) -> str:
    lines = [f"id: {entry_id}", "kind: model", f"name: {name}", f"released: {released}"]
    if lineage:
        lines.append("lineage:")
        for parent, relation in lineage:
            lines += [f"  - parent: {parent}", f"    relation: {relation}"]
    lines.append(f"sources: [https://example.org/{entry_id}]")
    return "\n".join(lines) + "\n"


def write_family(models: Path, root: str = "synth-root", size: int = 200) -> list[str]:
    """Write the root (unless it exists) and its ``size`` descendants (at least 12 for the
    grandchildren) into ``models``; return every id written."""
    models.mkdir(parents=True, exist_ok=True)
    if not (models / f"{root}.yaml").exists():
        (models / f"{root}.yaml").write_text(_model(root, "Synth Root", "2024-01", []))
    ids = []
    # 12 direct children; 6 of them have children of their own, 2 grandchildren go one deeper.
    for i in range(min(12, size)):
        child = f"{root}-c{i:02d}"
        relation = RELATIONS[i % len(RELATIONS)]
        ids.append(child)
        (models / f"{child}.yaml").write_text(
            _model(child, f"Synth Child {i:02d}", "2024-03", [(root, relation)])
        )
    n = 0
    while len(ids) < size:
        parent = f"{root}-c{n % 6:02d}"
        node = f"{root}-g{n:03d}"
        lineage = [(parent, RELATIONS[n % len(RELATIONS)])]
        if n % 17 == 0:  # a second parent: merged with a sibling line
            lineage.append((f"{root}-c{(n + 1) % 6:02d}", "merge"))
        if n < 2:
            lineage = [(parent, "finetune")]
        if 2 <= n < 6:  # a third generation below the first two grandchildren
            lineage = [(f"{root}-g{n % 2:03d}", "quantized")]
        ids.append(node)
        (models / f"{node}.yaml").write_text(
            _model(node, f"Synth Grandchild {n:03d} with a longer name", "2024-06", lineage)
        )
        n += 1
    return ids
