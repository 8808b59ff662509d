"""Every finding of a file in one run (issue 10 item 6): a file with schema errors still takes
part in the cross-entry rules with what is valid in it, so its dangling references, duplicate
ids and names are reported beside its schema errors, not after they are fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI

import registry
from registry import validate
from registry.context import check_paths


@pytest.fixture
def entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "entries"
    shutil.copytree(MINI, root)
    monkeypatch.setenv("LLM_REGISTRY_CACHE_DIR", str(tmp_path / "cache"))
    return root


ORCA = """\
id: orca
kind: model
name: {name}
released: {released}
sources: [https://example.org/orca]
{extra}lineage:
  - parent: {parent}
    relation: {relation}
  - parent: {second}
    relation: finetune
"""


def orca(entries: Path, **fields: str) -> Path:
    values = {
        "name": "Orca",
        "released": "2023-06",
        "extra": "",
        "parent": "llama",
        "relation": "finetune",
        "second": "alpaca",
    }
    path = entries / "models" / "orca.yaml"
    path.write_text(ORCA.format(**{**values, **fields}))
    return path


CASES = [
    ({"released": "June 2023", "parent": "llamma"}, {"S003", "R003"}),
    ({"extra": "paramters: [7B]\n", "name": "Alpaca"}, {"S001", "R002"}),
    ({"relation": "finetuned", "second": "alpacca"}, {"S007", "R003"}),
    ({"license": "x", "extra": "license: not-a-licence\n", "parent": "the-pile"}, {"S006", "R004"}),
]


@pytest.mark.parametrize("fields, codes", CASES, ids=["date", "field", "relation", "licence"])
def test_schema_and_cross_entry_findings_come_in_one_run(
    entries: Path, fields: dict[str, str], codes: set[str]
) -> None:
    path = orca(entries, **fields)
    for report in (validate([entries]), check_paths([str(path)])):
        found = {f.code for f in report.findings if f.path.endswith("orca.yaml")}
        assert codes <= found, report.findings


def test_an_entry_with_schema_errors_stays_out_of_the_registry(entries: Path) -> None:
    orca(entries, released="June 2023")
    report = validate([entries])
    assert "orca" not in report.registry
    with pytest.raises(registry.InvalidRegistryError):
        registry.load(entries)


def test_a_reference_to_an_entry_with_schema_errors_is_not_called_dangling(
    entries: Path,
) -> None:
    llama = entries / "models" / "llama.yaml"
    llama.write_text(llama.read_text().replace("released: 2023-02-24", "released: someday"))
    report = validate([entries])
    assert [f.code for f in report.findings] == ["S003"]  # not R003 at alpaca, vicuna, ...
