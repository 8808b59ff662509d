"""Exports: JSON in the promised shape, CSV, and GraphML that networkx reads back whole."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx

import registry
from registry.export import (
    FORMULA_START,
    csv_cell,
    edges_csv,
    graphml_graph,
    to_csv,
    to_graphml,
    to_json,
)

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


FORMULA_ENTRY = """\
id: formula
kind: model
name: "=HYPERLINK(\\"https://example.org\\",\\"x\\")"
aliases: ["+1+1", "-2+3", "@SUM(1)", "plain"]
description: "-1 starts like a negative number but is text"
released: 2023-05
parameters: [7B]
lineage:
  - parent: llama
    relation: finetune
    size: 7B
    note: "=cmd|' /C calc'!A0"
sources: [https://example.org/formula]
"""


def test_csv_exports_hold_no_formula(cli, tmp_path: Path) -> None:
    """`export --format csv` and `edges-csv` prefix text cells that a spreadsheet would run
    with a quote (OWASP); numbers are left alone."""
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    (entries / "models" / "formula.yaml").write_text(FORMULA_ENTRY)
    for fmt, key in (("csv", "id"), ("edges-csv", "target")):
        done = cli("export", "--format", fmt, "--entries", str(entries))
        assert done.returncode == 0, done.stderr
        rows = [r for r in csv.DictReader(io.StringIO(done.stdout)) if r[key] == "formula"]
        assert rows, fmt
        cells = [cell for row in rows for cell in row.values()]
        assert not [c for c in cells if c.startswith(FORMULA_START)], (fmt, cells)
        if fmt == "csv":
            row = rows[0]
            assert row["name"] == '\'=HYPERLINK("https://example.org","x")'
            assert row["aliases"].startswith("'+1+1;-2+3;")
            assert row["description"].startswith("'-1 starts")
            assert row["parameters"] == "7000000000", "numbers are not prefixed"
        else:
            assert rows[0]["note"] == "'=cmd|' /C calc'!A0"
            assert rows[0]["size"] == "7000000000"


def test_csv_cell_neutralises_every_formula_start() -> None:
    for start in FORMULA_START:
        assert csv_cell(f"{start}x") == f"'{start}x"
    assert csv_cell("x=1") == "x=1"
    assert csv_cell(-1) == "-1" and csv_cell([-1, 2]) == "-1;2"
    assert csv_cell(None) == "" and csv_cell([]) == ""
