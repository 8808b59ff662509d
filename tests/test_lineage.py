"""Lineage queries on the small fixture registry (tests/fixtures/mini)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import registry
from registry import InvalidRegistryError, UnknownEntryError


@pytest.fixture(scope="module")
def lin():
    return registry.load(Path(__file__).parent / "fixtures" / "mini").lineage


def test_ancestors_and_descendants(lin) -> None:
    assert {"vicuna", "llama", "c4", "commoncrawl", "deepspeed"} == lin.ancestors("llava")
    assert {"alpaca", "vicuna", "llava"} == lin.descendants("llama")
    assert "gpt-j" in lin.descendants("the-pile")
    assert {"c4", "llama", "alpaca", "vicuna", "llava"} == lin.descendants("commoncrawl")


def test_path(lin) -> None:
    assert lin.path("llama", "llava") == ["llama", "vicuna", "llava"]
    assert lin.path("commoncrawl", "alpaca") == ["commoncrawl", "c4", "llama", "alpaca"]
    assert lin.path("llava", "llama") == []  # lineage only runs downstream


def test_parents_and_children_carry_edge_data(lin) -> None:
    parents = {n.id: n for n in lin.parents("alpaca")}
    assert parents["llama"].relation == "finetune"
    assert parents["llama"].data["size"] == 7_000_000_000
    assert parents["llama"].data["note"] == "+ 52K instruction demonstrations"
    assert parents["alpaca-data"].data["stage"] == "instruction_tuning"
    assert {n.id for n in lin.children("llama")} == {"alpaca", "vicuna"}


def test_relation_and_kind_filters(lin) -> None:
    assert lin.ancestors("llava", relations={"finetune", "component"}) == {"vicuna", "llama"}
    assert lin.ancestors("llava", kinds={"dataset"}) == {"c4", "commoncrawl"}
    assert {n.id for n in lin.parents("alpaca", relations=["trained_on"])} == {"alpaca-data"}
    assert lin.path("llama", "llava", relations={"finetune"}) == []
    with pytest.raises(ValueError, match="unknown relation"):
        lin.ancestors("llava", relations={"fine-tune"})


def test_depth_limit(lin) -> None:
    assert lin.ancestors("llava", depth=1) == {"vicuna"}
    assert lin.ancestors("llava", depth=2) == {"vicuna", "llama", "deepspeed"}
    assert lin.descendants("commoncrawl", depth=2) == {"c4", "llama"}


def test_family_roots_and_upstream_data(lin) -> None:
    family = lin.family("llama")
    assert set(family) == {"llama", "alpaca", "vicuna", "llava"}
    assert all(d["relation"] != "trained_on" for _, _, d in family.edges(data=True))
    assert lin.roots() == ["llama"]
    assert lin.upstream_data("llava") == {"c4", "commoncrawl"}
    assert lin.upstream_data("alpaca") == {"alpaca-data", "c4", "commoncrawl"}


def test_unknown_id_suggests(lin) -> None:
    with pytest.raises(UnknownEntryError) as err:
        lin.ancestors("vicunna")
    assert "vicuna" in str(err.value)
    assert isinstance(err.value, KeyError)


def test_graph_attributes(lin) -> None:
    node = lin.graph.nodes["llama"]
    assert node["kind"] == "model"
    assert node["parameters"] == [7 * 10**9, 13 * 10**9, 33 * 10**9, 65 * 10**9]
    assert lin.graph.number_of_edges() == len(lin.registry.edges)


def test_cycle_is_refused_at_load(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", root)
    llama = root / "models" / "llama.yaml"
    llama.write_text(llama.read_text() + "lineage:\n  - parent: alpaca\n    relation: finetune\n")
    with pytest.raises(InvalidRegistryError) as err:
        registry.load(root)
    assert any(f.code == "R006" for f in err.value.findings)


def test_the_real_registry_answers_the_mission_questions(cli) -> None:
    lin = registry.load(Path(__file__).parent.parent / "entries").lineage
    assert {"vicuna", "llama"} <= lin.ancestors("llava")
    assert {"alpaca", "vicuna", "llava"} <= lin.descendants("llama")
    assert lin.path("llama", "llava") == ["llama", "vicuna", "llava"]
    assert "gpt-j" in lin.descendants("the-pile")
    assert "commoncrawl" in lin.upstream_data("llava")
    out = cli("lineage", "llava", "--up", "--format", "json")
    assert out.returncode == 0
    ids = {node["id"] for node in json.loads(out.stdout)["nodes"]}
    assert {"vicuna", "llama"} <= ids
