"""The data without a clone (issue 16): the packaged snapshot, citable versions, Parquet.

The snapshot is built from the real entries exactly as the wheel build builds it; Parquet files
are read back with DuckDB, and the recursive query of docs/use-the-data.md is run as written.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import networkx as nx
import pytest

import registry
from registry import packaged
from registry import snapshot as snapshots
from registry.export import graphml_graph, to_json

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = ROOT / "entries"


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def real() -> registry.Registry:
    return registry.load(ENTRIES)


@pytest.fixture(scope="module")
def snapshot_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snapshot") / "snapshot.json"
    packaged.build_snapshot(ENTRIES, path)
    return path


def test_the_snapshot_holds_the_same_registry(real, snapshot_file: Path) -> None:
    snap = packaged.load(snapshot_file)
    assert list(snap.entries) == list(real.entries)
    assert [snap.get(i).model_dump() for i in snap.entries] == [
        real.get(i).model_dump() for i in real.entries
    ]
    assert snap.edges == real.edges
    assert snap.lineage.path("llama", "llava") == ["llama", "vicuna", "llava"]
    assert snap.lineage.descendants("the-pile") == real.lineage.descendants("the-pile")
    assert snap.find("LLaMa").id == "llama"


def test_the_snapshot_says_which_data_it_is(real, snapshot_file: Path) -> None:
    snap = packaged.load(snapshot_file).snapshot
    commit, stamp = _git("log", "-1", "--format=%H %cs", "--", "entries").split()
    assert snap.source == "package" and snap.entries == len(real)
    assert snap.version == snapshots.package_version()
    if not _git("status", "--porcelain", "--", "entries"):
        assert (snap.commit, snap.date, snap.modified) == (commit, stamp, False)
    assert real.snapshot.commit == snap.commit and real.snapshot.source == "folder"
    assert "/" not in json.dumps(real.snapshot.as_dict()["data"]["source"])  # no local path


def test_load_without_a_folder_reads_the_snapshot(tmp_path, snapshot_file, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no entries/ here
    monkeypatch.setattr(snapshots, "SNAPSHOT", snapshot_file)
    reg = registry.load()
    assert reg.snapshot.source == "package"
    assert reg.lineage.path("llama", "llava") == ["llama", "vicuna", "llava"]


def test_load_without_a_folder_prefers_entries_here(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    reg = registry.load()
    assert (reg.snapshot.source, reg.snapshot.folder) == ("folder", "entries") and "llama" in reg


def test_load_without_folder_or_snapshot_says_what_to_do(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(snapshots, "SNAPSHOT", tmp_path / "none.json")
    with pytest.raises(packaged.NoSnapshotError, match="registry.load"):
        registry.load()


def test_version_names_the_package_and_the_data(tmp_path, cli) -> None:
    done = cli("--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"llm-registry {snapshots.package_version()}"
    assert lines[1].startswith("data")  # this checkout's install carries none: it says so
    assert "entries/" not in done.stdout  # no entries/ in that working directory


def test_exports_carry_the_version_and_the_data_date(real) -> None:
    meta = to_json(real)["meta"]
    assert meta["version"] == snapshots.package_version()
    assert meta["data"]["commit"] == real.snapshot.commit
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["data"]["date"])
    assert meta["data"]["entries"] == len(real)
    graph = graphml_graph(real).graph
    assert graph["llm_registry_version"] == meta["version"]
    assert graph["data_date"] == meta["data"]["date"]


def test_home_page_shows_the_version_and_the_data_date(real, tmp_path_factory) -> None:
    from test_site_build import built_site

    site = built_site(tmp_path_factory.getbasetemp() / "real-site")
    page = (site / "index.html").read_text(encoding="utf-8")
    snap = real.snapshot
    assert f"llm-registry {snap.version}, data of {snap.date}" in page


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    done = subprocess.run(
        [sys.executable, "-m", "registry", "export", "--format", "parquet", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(out / "entries.parquet"), str(out / "edges.parquet")]
    return out


def test_parquet_reads_back_with_the_rows_and_edges_of_the_json_export(real, parquet_dir):
    data = to_json(real)
    entries = duckdb.sql(
        "SELECT id, kind, name, released, parameters, active_parameters, record "
        f"FROM '{parquet_dir}/entries.parquet' ORDER BY id"
    ).fetchall()
    assert [row[0] for row in entries] == [e["id"] for e in data["entries"]]
    for (_id, kind, name, released, parameters, active, record), entry in zip(
        entries, data["entries"], strict=True
    ):
        assert (kind, name, released) == (entry["kind"], entry["name"], entry.get("released"))
        assert (parameters or []) == entry.get("parameters", [])
        assert active == entry.get("active_parameters")
        assert json.loads(record) == entry
    keys = ("source", "target", "relation", "evidence", "stage", "size", "note", "url")
    columns = ", ".join(keys) + ", from_checkpoint, into_checkpoint"
    edges = duckdb.sql(f"SELECT {columns} FROM '{parquet_dir}/edges.parquet'").fetchall()
    keys += ("checkpoint", "into")
    assert edges == [tuple(e.get(k) for k in keys) for e in data["edges"]]


def test_parquet_columns_are_typed_and_carry_the_metadata(real, parquet_dir) -> None:
    import pyarrow.parquet as pq

    schema = pq.read_schema(parquet_dir / "entries.parquet")
    types = {f.name: str(f.type) for f in schema}
    assert types["parameters"] == "list<element: int64>"
    assert types["released_date"] == "date32[day]" and types["training_tokens"] == "int64"
    assert not schema.field("id").nullable
    meta = json.loads(schema.metadata[b"llm-registry"])
    assert meta == real.snapshot.as_dict()
    (llama,) = duckdb.sql(
        "SELECT released_date, released_precision FROM "
        f"'{parquet_dir}/entries.parquet' WHERE id = 'llama'"
    ).fetchall()
    released = real.get("llama").released
    assert str(llama[0]).startswith(released)
    assert llama[1] == ("year", "month", "day")[released.count("-")]
    edges = pq.read_schema(parquet_dir / "edges.parquet")
    assert str(edges.field("size").type) == "int64"
    assert json.loads(edges.metadata[b"llm-registry"]) == meta


def _documented_query() -> str:
    page = (ROOT / "docs" / "use-the-data.md").read_text(encoding="utf-8")
    return re.search(r"```sql\n(.*?)```", page, re.S).group(1)


def test_the_documented_duckdb_query_finds_everything_downstream_of_the_pile(real, parquet_dir):
    query = _documented_query().replace("'registry/", f"'{parquet_dir}/")
    found = [row[0] for row in duckdb.sql(query).fetchall()]
    assert len(found) == len(set(found))
    assert set(found) == real.lineage.descendants("the-pile")
    assert nx.has_path(real.lineage.graph, "the-pile", found[0])


def test_parquet_without_pyarrow_says_which_extra(real, tmp_path, monkeypatch) -> None:
    from registry import parquet

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(parquet.ParquetUnavailableError, match=r"llm-registry\[parquet\]"):
        parquet.write(real, tmp_path)


def test_parquet_export_needs_a_folder(tmp_path, cli) -> None:
    done = cli("export", "--format", "parquet", "--entries", str(ENTRIES), cwd=tmp_path)
    assert done.returncode == 2 and "-o DIR" in done.stderr
