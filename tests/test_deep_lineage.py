"""Lineage of any depth: a 1,000-deep chain through every command, 10,000 levels through the
writers and rules, and a tree that prints one line per child whatever sizes it came from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from registry.lineage_format import TREE_INDENT_LIMIT, to_dot, to_json, to_mermaid, to_tree
from registry.rules import _find_cycles

MINI = Path(__file__).parent / "fixtures" / "mini"


def write_chain(root: Path, length: int) -> Path:
    """``length`` models, each a finetune of the one before: m0 -> m1 -> ... ."""
    models = root / "models"
    models.mkdir(parents=True)
    for i in range(length):
        text = f"id: m{i}\nkind: model\nname: Model {i}\nsources: [https://example.org/m{i}]\n"
        if i:
            text += f"lineage:\n  - parent: m{i - 1}\n    relation: finetune\n"
        (models / f"m{i}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_chain(tmp_path_factory.mktemp("chain") / "entries", 1000)


COMMANDS = [
    ("validate", "{entries}"),
    ("lineage", "m999", "--up", "--entries", "{entries}"),
    ("lineage", "m0", "--down", "--entries", "{entries}"),
    ("lineage", "m500", "--entries", "{entries}"),
    *[
        ("lineage", "m0", "--format", f, "--entries", "{entries}")
        for f in ("json", "mermaid", "dot")
    ],
    *[("export", "--format", f, "--entries", "{entries}") for f in ("json", "csv", "edges-csv")],
    ("export", "--format", "graphml", "--entries", "{entries}"),
    ("fmt", "--check", "{entries}"),
]


@pytest.mark.parametrize(
    "args", COMMANDS, ids=[" ".join(c).split(" --entries")[0] for c in COMMANDS]
)
def test_every_command_handles_a_thousand_deep_chain(cli, chain: Path, args: tuple) -> None:
    result = cli(*(a.format(entries=chain) for a in args), timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert "internal error" not in result.stderr
    assert "RecursionError" not in result.stderr


def test_deep_tree_lists_every_level(cli, chain: Path) -> None:
    tree = cli("lineage", "m999", "--up", "--entries", str(chain)).stdout.splitlines()
    assert len(tree) == 1000
    assert tree[-1].endswith("m0  Model 0")
    assert f"[{TREE_INDENT_LIMIT + 1}] └── ← finetune  m{998 - TREE_INDENT_LIMIT}" in "\n".join(
        tree
    )
    # Lines stop moving right past the limit, so the output grows linearly with the depth.
    assert max(len(line) for line in tree) < 4 * TREE_INDENT_LIMIT + 60


@pytest.mark.slow
def test_site_builds_from_a_thousand_deep_chain(cli, chain: Path, tmp_path: Path) -> None:
    result = cli(
        "build", "--entries", str(chain), "--site-dir", str(tmp_path / "site"), timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "models" / "m500" / "index.html").is_file()


def chain_graph(length: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i in range(length):
        graph.add_node(f"m{i}", kind="model", name=f"Model {i}")
        if i:
            graph.add_edge(f"m{i - 1}", f"m{i}", relation="finetune", evidence="documented")
    return graph


def test_writers_and_cycle_rule_take_ten_thousand_levels() -> None:
    graph = chain_graph(10_000)
    down = to_tree(graph, "m0", upstream=False).splitlines()
    up = to_tree(graph, "m9999", upstream=True).splitlines()
    assert len(down) == len(up) == 10_000
    assert len(json.loads(to_json(graph, "m0"))["edges"]) == 9_999
    assert to_mermaid(graph, "m0").count("-->") == 9_999
    assert to_dot(graph, "m0").count("->") == 9_999
    children = {f"m{i}": [f"m{i + 1}"] for i in range(9_999)}
    children["m9999"] = ["m0"]  # close the loop: one cycle of 10,000 entries
    (cycle,) = _find_cycles(children)
    assert len(cycle) == 10_001


def test_down_tree_is_one_line_per_child_with_its_sizes(cli, tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    (entries / "models" / "guanaco.yaml").write_text(
        "id: guanaco\nkind: model\nname: Guanaco\nsources: [https://example.org/g]\n"
        "lineage:\n"
        + "".join(
            f"  - parent: llama\n    relation: adapter\n    size: {size}\n"
            for size in ("7B", "13B", "33B", "65B")
        ),
        encoding="utf-8",
    )
    tree = cli("lineage", "llama", "--down", "--entries", str(entries)).stdout
    lines = [line for line in tree.splitlines() if "guanaco" in line]
    assert lines == ["├── → adapter from 7B, 13B, 33B, 65B  guanaco  Guanaco"]
    assert "(see above)" not in tree
    up = cli("lineage", "guanaco", "--up", "--entries", str(entries)).stdout
    assert up.count("← adapter from 7B, 13B, 33B, 65B  llama  LLaMA") == 1


def test_a_child_made_by_two_relations_from_one_parent_is_one_line(cli, tmp_path: Path) -> None:
    """BiLLa is continued pre-training of LLaMA by its own account and fine-tuning by the
    survey's: one line naming both, not a second line that says "see above"."""
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    (entries / "models" / "billa.yaml").write_text(
        "id: billa\nkind: model\nname: BiLLa\nsources: [https://example.org/b]\n"
        "lineage:\n"
        "  - parent: llama\n    relation: continued_pretraining\n    size: 7B\n"
        "  - parent: llama\n    relation: finetune\n    size: 7B\n    evidence: secondary\n"
        "    source: https://arxiv.org/abs/2303.18223\n    note: the survey's figure\n",
        encoding="utf-8",
    )
    tree = cli("lineage", "llama", "--down", "--entries", str(entries)).stdout
    lines = [line for line in tree.splitlines() if "billa" in line]
    assert lines == ["├── → continued_pretraining, finetune (secondary) from 7B  billa  BiLLa"], (
        tree
    )
