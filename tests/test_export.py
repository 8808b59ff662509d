"""Exports: JSON in the promised shape, CSV, and GraphML that networkx reads back whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

import registry
from registry.export import edges_csv, graphml_graph, to_csv, to_graphml, to_json

MINI = Path(__file__).parent / "fixtures" / "mini"


def test_json_shape() -> None:
    data = to_json(registry.load(MINI))
    llama = next(e for e in data["entries"] if e["id"] == "llama")
    assert llama["kind"] == "model" and llama["name"] == "LLaMA"
    assert llama["released"] == "2023-02-24"
    assert llama["parameters"] == [7000000000, 13000000000, 33000000000, 65000000000]
    assert isinstance(llama["aliases"], list)
    edge = {"source": "llama", "target": "alpaca", "relation": "finetune"}
    assert any(edge.items() <= e.items() for e in data["edges"])
    assert all("evidence" in e for e in data["edges"])
    json.dumps(data)


def test_csv_rows() -> None:
    reg = registry.load(MINI)
    rows = list(csv.DictReader(io.StringIO(to_csv(reg))))
    assert len(rows) == len(reg)
    c4 = next(r for r in rows if r["id"] == "c4")
    assert c4["aliases"] == "Colossal Clean Crawled Corpus"
    edges = list(csv.DictReader(io.StringIO(edges_csv(reg))))
    assert {"source": "commoncrawl", "target": "c4", "relation": "derived_from"}.items() <= next(
        e for e in edges if e["target"] == "c4"
    ).items()


def test_graphml_round_trip(tmp_path: Path) -> None:
    reg = registry.load(MINI)
    path = tmp_path / "registry.graphml"
    to_graphml(reg, path)
    back = nx.read_graphml(path, force_multigraph=True)
    want = graphml_graph(reg)
    assert set(back.nodes) == set(want.nodes)
    for node, data in want.nodes(data=True):
        assert back.nodes[node] == data
    got_edges = sorted((u, v, tuple(sorted(d.items()))) for u, v, d in back.edges(data=True))
    want_edges = sorted((u, v, tuple(sorted(d.items()))) for u, v, d in want.edges(data=True))
    assert got_edges == want_edges
    assert back.nodes["llama"]["parameters"] == "7000000000;13000000000;33000000000;65000000000"
