"""``validate FILE ...``: named files are checked against every entry of their registry, and the
report covers only them (issue 10 item 2). Each case runs twice: with a warm load cache (the
rest of the registry is not parsed) and without one (the whole registry is validated)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI, ROOT, run_cli

import registry
from registry import context
from registry.context import check_paths


@pytest.fixture
def entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo" / "entries"
    shutil.copytree(MINI, root)
    monkeypatch.setenv("LLM_REGISTRY_CACHE_DIR", str(tmp_path / "cache"))
    return root


@pytest.fixture(params=["warm", "cold"])
def check(request, entries: Path, monkeypatch: pytest.MonkeyPatch):
    """check_paths, through the cache (which must then be used) or without it."""
    warm = request.param == "warm"
    if warm:
        registry.load(entries)

        def no_full_validation(*args, **kwargs):
            raise AssertionError("a warm cache must spare validating the whole registry")

        monkeypatch.setattr(context, "validate_folder", no_full_validation)
    return lambda *paths, **kw: check_paths(list(map(str, paths)), cache=warm, **kw)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_the_real_untouched_entries_validate_one_by_one_and_by_folder() -> None:
    result = run_cli("validate", "entries/models/vicuna.yaml")
    assert (result.returncode, result.stdout.strip()) == (0, "1 file(s) checked: no problems.")
    result = run_cli("validate", "entries/models/")
    assert result.returncode == 0, result.stdout
    assert "R003" not in result.stdout
    assert len(list((ROOT / "entries" / "models").glob("*.yaml"))) > 50


def test_references_resolve_against_every_entry(check, entries: Path) -> None:
    report = check(entries / "models" / "vicuna.yaml")
    assert report.findings == [] and report.files == 1
    edit(entries / "models" / "vicuna.yaml", "parent: llama", "parent: llamma")
    (finding,) = check(entries / "models" / "vicuna.yaml").findings
    assert finding.code == "R003" and finding.path.endswith("vicuna.yaml")
    assert "'llama'" in finding.hint


def test_an_untouched_broken_file_is_not_reported(entries: Path) -> None:
    (entries / "models" / "broken.yaml").write_text("id: broken\nkind: model\nname: [\n")
    assert check_paths([str(entries / "models" / "alpaca.yaml")]).findings == []


def test_the_report_covers_only_the_named_files(check, entries: Path) -> None:
    (entries / "models" / "broken.yaml").write_text("id: broken\nkind: model\nname: [\n")
    report = check(entries / "models" / "alpaca.yaml", entries / "models" / "broken.yaml")
    assert {(f.code, Path(f.path).name) for f in report.findings} == {("Y001", "broken.yaml")}


def test_a_name_clash_with_an_untouched_file_is_reported_at_the_named_file(
    check, entries: Path
) -> None:
    edit(entries / "models" / "alpaca.yaml", "name: Alpaca", "name: Vicuna")
    (finding,) = check(entries / "models" / "alpaca.yaml").findings
    assert finding.code == "R002" and finding.path.endswith("alpaca.yaml")
    assert "Vicuna" in finding.message  # (the rule keeps the name for the older entry)


def test_a_look_alike_name_of_an_untouched_entry_is_found(check, entries: Path) -> None:
    edit(entries / "models" / "alpaca.yaml", "name: Alpaca", "name: V\u0456cuna")  # Cyrillic i
    (finding,) = check(entries / "models" / "alpaca.yaml").findings
    assert finding.code == "R002" and finding.path.endswith("alpaca.yaml")


def test_a_duplicate_id_is_reported_at_the_named_file(check, entries: Path) -> None:
    (entries / "datasets" / "vicuna.yaml").write_text(
        "id: vicuna\nkind: dataset\nname: Vicuna chats\nsources: [https://example.org/v]\n"
    )
    findings = check(entries / "datasets" / "vicuna.yaml").findings
    assert [(f.code, Path(f.path).parent.name) for f in findings] == [("R001", "datasets")]


def test_what_a_named_file_breaks_in_an_untouched_one_is_reported_at_the_named_file(
    check, entries: Path
) -> None:
    llama = entries / "models" / "llama.yaml"
    edit(llama, "released: 2023-02-24", "released: 2024-01-01")  # after its children
    findings = check(llama).findings
    assert findings and all(f.path.endswith("llama.yaml") for f in findings)
    assert {f.code for f in findings} == {"R007"}
    assert any("alpaca.yaml" in f.message for f in findings)


def test_an_id_given_up_is_reported_where_it_was_given_up(entries: Path) -> None:
    """The id a file had is known from the load cache (a rename: one file gone, one new)."""
    registry.load(entries)
    llama = entries / "models" / "llama.yaml"
    edit(llama, "id: llama\n", "id: llama-1\n")
    llama.rename(entries / "models" / "llama-1.yaml")
    findings = check_paths([str(entries / "models" / "llama-1.yaml")]).findings
    assert findings and all(f.path.endswith("llama-1.yaml") for f in findings)
    assert any(f.code == "R003" and "alpaca.yaml" in f.message for f in findings)


def test_a_cycle_through_a_named_file_is_found(check, entries: Path) -> None:
    llama = entries / "models" / "llama.yaml"
    llama.write_text(llama.read_text() + "lineage:\n  - parent: llava\n    relation: finetune\n")
    findings = check(llama).findings
    assert any(f.code == "R006" and f.path.endswith("llama.yaml") for f in findings)


def test_entries_option_names_the_registry_of_a_file_outside_it(
    entries: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft" / "orca.yaml"
    draft.parent.mkdir()
    draft.write_text(
        "id: orca\nkind: model\nname: Orca\nsources: [https://example.org/o]\n"
        "lineage:\n  - parent: llama\n    relation: finetune\n"
    )
    result = run_cli("validate", str(draft))
    assert result.returncode == 1 and "R003" in result.stdout  # on its own: llama is unknown
    result = run_cli("validate", "--entries", str(entries), str(draft))
    assert result.returncode == 0, result.stdout


def test_the_precommit_hooks_pass_file_names() -> None:
    import yaml

    for name in (".pre-commit-hooks.yaml", ".pre-commit-config.yaml"):
        data = yaml.safe_load((ROOT / name).read_text())
        hooks = data if isinstance(data, list) else data["repos"][0]["hooks"]
        (hook,) = [h for h in hooks if h["id"] == "llm-registry-validate"]
        assert hook["entry"] == "llm-registry validate"
        assert hook.get("pass_filenames", True) is True
