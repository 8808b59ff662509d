"""Schema v2: mixture-of-experts sizes, checkpoints, teacher edges and the modern licences,
proved on a fixture registry (tests/fixtures/v2) through validation, look-up and every export."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import registry
from registry import export
from registry.licenses import LICENSES, hf_license_name, hf_tag, license_for_hf_tag
from registry.schema import Model
from registry.units import format_model_size, parse_model_size
from registry.validation import validate

ROOT = Path(__file__).resolve().parent.parent
V2 = ROOT / "tests" / "fixtures" / "v2"
B = 10**9


@pytest.mark.parametrize(
    ("written", "total", "active"),
    [
        ("235B-A22B", 235 * B, 22 * B),
        ("46.7B-A12.9B", 46_700_000_000, 12_900_000_000),
        ({"total": "30B", "active": "3B"}, 30 * B, 3 * B),
        ({"total": 7_000_000_000}, 7 * B, None),
        ("0.5B", 500_000_000, None),
        ("400M", 400_000_000, None),
        (7 * B, 7 * B, None),
    ],
)
def test_model_sizes(written, total: int, active: int | None) -> None:
    size = parse_model_size(written)
    assert (int(size), size.active) == (total, active)


@pytest.mark.parametrize(
    "bad", ["22B-A235B", "235B-22B", "A22B", {"total": "7B", "experts": 8}, {"active": "1B"}, True]
)
def test_bad_model_sizes(bad) -> None:
    with pytest.raises(ValueError):
        parse_model_size(bad)


def test_sizes_print_as_written() -> None:
    assert format_model_size(parse_model_size("235B-A22B")) == "235B-A22B"
    assert format_model_size(parse_model_size("7B")) == "7B"


def test_a_dense_entry_reads_as_before() -> None:
    entry = Model.model_validate(
        {"id": "m", "kind": "model", "name": "M", "parameters": ["13B", "7B"]}
    )
    assert entry.parameters == [7 * B, 13 * B] and not entry.is_moe
    assert entry.model_dump(mode="json")["parameters"] == [7 * B, 13 * B]


def test_the_fixture_registry_validates_clean() -> None:
    report = validate([str(V2)])
    assert [f.code for f in report.findings] == []


def test_a_checkpoint_listed_twice_is_refused(tmp_path: Path) -> None:
    entry = {
        "id": "m",
        "kind": "model",
        "name": "M",
        "checkpoints": [{"name": "M-7B"}, {"name": "M-7B", "stage": "chat"}],
    }
    with pytest.raises(ValueError, match="listed twice"):
        Model.model_validate(entry)


@pytest.fixture(scope="module")
def reg() -> registry.Registry:
    return registry.load(str(V2))


def test_moe_sizes_in_the_json_export(reg) -> None:
    records = {e["id"]: e for e in export.to_json(reg)["entries"]}
    moe = records["big-moe"]
    assert moe["parameters"] == [30 * B, 235 * B]
    assert moe["active_parameters"] == [3 * B, 22 * B]
    assert moe["checkpoints"][0]["size"] == 235 * B
    assert moe["checkpoints"][0]["active_parameters"] == 22 * B
    assert "active_parameters" not in records["base-line"]  # dense models unchanged


def test_moe_sizes_in_the_csv_export(reg) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export.to_csv(reg)))}
    assert rows["big-moe"]["parameters"] == f"{30 * B};{235 * B}"
    assert rows["big-moe"]["active_parameters"] == f"{3 * B};{22 * B}"
    assert rows["base-line"]["active_parameters"] == ""


def test_moe_sizes_in_the_graphml_export(reg, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export.to_graphml(reg, path)
    graph = nx.read_graphml(path)
    assert graph.nodes["big-moe"]["parameters"] == f"{30 * B};{235 * B}"
    assert graph.nodes["big-moe"]["active_parameters"] == f"{3 * B};{22 * B}"
    assert "active_parameters" not in graph.nodes["base-line"]
    into = [(u, d) for u, v, d in graph.edges(data=True) if v == "distilled-student"]
    edges = {(u, d["relation"]): d for u, d in into}
    assert edges[("base-line", "finetune")]["checkpoint"] == "Baseline-2-7B"
    assert edges[("big-moe", "distillation")]["checkpoint"] == "BigMoE-1-235B-A22B"


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("Baseline-2-7B-Instruct", "base-line"),
        ("bigmoe-1-30b-a3b", "big-moe"),
        ("Baseline 2", "base-line"),
        ("BigMoE-1-Distill-Baseline-7B", "distilled-student"),  # its name beats a checkpoint
    ],
)
def test_find_by_checkpoint_name(reg, name: str, entry_id: str) -> None:
    assert reg.find(name).id == entry_id


def test_a_two_parent_distilled_model(reg) -> None:
    lin = reg.lineage
    parents = {(n.id, n.relation) for n in lin.parents("distilled-student", kinds=("model",))}
    assert parents == {("base-line", "finetune"), ("big-moe", "distillation")}
    assert {"base-line", "big-moe"} <= lin.ancestors("distilled-student")
    assert lin.upstream_data("distilled-student") == {"reasoning-traces", "seed-prompts"}
    generators = {n.id for n in lin.parents("reasoning-traces", relations={"generated_by"})}
    assert generators == {"big-moe", "base-line"}


@pytest.mark.parametrize(
    ("tag", "name", "license_id"),
    [
        ("llama3", None, "llama3"),
        ("llama3.1", None, "llama3.1"),
        ("llama4", None, "llama4"),
        ("gemma", None, "gemma"),
        ("apache-2.0", None, "Apache-2.0"),
        ("openrail++", None, "openrail++"),
        ("other", "tongyi-qianwen", "tongyi-qianwen"),
        ("other", "deepseek-license", "deepseek"),
        ("other", "mrl", "mistral-research"),
        ("other", "mnpl", "mistral-non-production"),
        ("other", "qwen-research", "qwen-research"),
        ("other", None, None),
        ("made-up", None, None),
    ],
)
def test_hf_licence_tags(tag: str, name: str | None, license_id: str | None) -> None:
    assert license_for_hf_tag(tag, name) == license_id


def test_hf_tags_round_trip() -> None:
    for lic in LICENSES.values():
        tag = hf_tag(lic.id)
        if tag and tag != "other":
            assert license_for_hf_tag(tag) == lic.id, lic.id
        if tag == "other" and lic.hf_names:
            assert license_for_hf_tag("other", hf_license_name(lic.id)) == lic.id, lic.id


def test_model_licences_cite_their_text() -> None:
    for lid in ("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "gemma"):
        assert LICENSES[lid].url.startswith("https://"), lid
    assert LICENSES["llama3"].name_prefix == "Llama 3"
    assert LICENSES["llama3.1"].name_prefix == "Llama"
    assert LICENSES["mistral-research"].commercial is False
    assert LICENSES["tongyi-qianwen-research"].commercial is False
    assert "100 million" in LICENSES["tongyi-qianwen"].user_limit
    assert json.dumps(LICENSES["gemma"].terms)  # the reference table can print them


def test_queries_can_leave_out_secondary_edges(reg) -> None:
    lin = reg.lineage
    assert "base-line" in lin.ancestors("survey-child")
    documented = lin.ancestors("survey-child", evidence=("documented",))
    assert "base-line" not in documented and "seed-prompts" in documented
    assert "survey-child" not in lin.descendants("base-line", evidence="documented")
    assert "survey-child" in lin.descendants("base-line", evidence=("documented", "secondary"))
    with pytest.raises(ValueError, match="unknown evidence"):
        lin.ancestors("survey-child", evidence=("rumour",))


def test_upstream_data_follows_the_teacher(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    for kind in ("models", "datasets"):
        (entries / kind).mkdir(parents=True)
    (entries / "datasets" / "teacher-data.yaml").write_text(
        "id: teacher-data\nkind: dataset\nname: Teacher Data\nsources: [https://example.org/t]\n"
    )
    (entries / "models" / "teacher.yaml").write_text(
        "id: teacher\nkind: model\nname: Teacher\ntrained_on: [teacher-data]\n"
        "sources: [https://example.org/teacher]\n"
    )
    (entries / "models" / "student.yaml").write_text(
        "id: student\nkind: model\nname: Student\n"
        "lineage:\n  - parent: teacher\n    relation: distillation\n"
        "sources: [https://example.org/student]\n"
    )
    reg = registry.load(str(entries))
    assert reg.lineage.upstream_data("student") == {"teacher-data"}


def test_an_unknown_checkpoint_is_refused_with_a_suggestion(cli) -> None:
    done = cli("validate", "tests/fixtures/rules/R020/bad")
    assert done.returncode == 1
    assert "error[R020] base lists no checkpoint named 'Base-8B-Instruc'" in done.stdout
    assert "Did you mean 'Base-8B-Instruct'" in done.stdout


def test_the_llama_naming_warning(cli) -> None:
    bad = cli("validate", "--strict", "tests/fixtures/rules/L003/bad")
    assert bad.returncode == 1 and bad.stdout.count("warning[L003]") == 3
    good = cli("validate", "--strict", "tests/fixtures/rules/L003/good")
    assert good.returncode == 0, good.stdout  # Llama-3-Instruct-Foo keeps the clause


@pytest.mark.parametrize("kind", ["model", "dataset"])
def test_the_committed_json_schemas_accept_the_v2_fixture(kind: str) -> None:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    files = sorted(str(p) for p in (V2 / f"{kind}s").glob("*.yaml"))
    schema = ROOT / "schemas" / f"{kind}.schema.json"
    done = subprocess.run(
        [exe, "--schemafile", str(schema), *files], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = schema.read_text(encoding="utf-8")
    for field in ("checkpoints", "235B-A22B", "secondary", "into"):
        assert field in text or kind == "dataset", field


def test_the_lineage_command_can_leave_out_secondary_edges(cli) -> None:
    args = ("lineage", "survey-child", "--entries", str(V2), "--up")
    everything = cli(*args)
    documented = cli(*args, "--evidence", "documented")
    assert everything.returncode == documented.returncode == 0
    assert "finetune (secondary)  base-line" in everything.stdout
    assert "base-line" not in documented.stdout and "seed-prompts" in documented.stdout


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        ("parameters: [235B-A22B-A1B]\n", "4:14", "235B-A22B (total, then A"),
        ("parameters: [22B-A235B]\n", "4:14", "active parameters exceed the total"),
        ("checkpoints:\n  - name: M-7B\n    stage: instruct-tuned\n", "6:12", "'instruct'"),
        ("checkpoints:\n  - name: M-7B\n    size: 7 billion\n", "6:11", "235B-A22B"),
    ],
)
def test_bad_v2_values_are_located_with_a_hint(tmp_path: Path, body, where, says) -> None:
    models = tmp_path / "entries" / "models"
    models.mkdir(parents=True)
    (models / "m.yaml").write_text(
        f"id: m\nkind: model\nname: M\n{body}sources: [https://example.org/m]\n"
    )
    report = validate([str(tmp_path / "entries")])
    (finding,) = report.findings
    assert finding.code == "S003" and f"{finding.line}:{finding.col}" == where
    assert says in finding.message + finding.hint
