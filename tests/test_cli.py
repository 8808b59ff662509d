"""The command line as a user runs it: formats, exit statuses, lineage and export."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINI = str(FIXTURES / "mini")
BAD = str(FIXTURES / "rules" / "S001" / "bad")
WARN = str(FIXTURES / "rules" / "R007" / "bad")


def test_validate_clean_and_dirty(cli) -> None:
    assert cli("validate", MINI).returncode == 0
    result = cli("validate", BAD)
    assert result.returncode == 1
    assert "error[S001] unknown field 'parameter'; did you mean 'parameters'?" in result.stdout
    assert result.stdout.strip().endswith("1 error(s), 0 warning(s).")


def test_warnings_fail_only_with_strict(cli) -> None:
    assert cli("validate", WARN).returncode == 0
    assert cli("validate", "--strict", WARN).returncode == 1


def test_validate_formats(cli) -> None:
    github = cli("validate", "--format", "github", BAD).stdout
    assert github.startswith("::error file=")
    assert ",line=5,col=1,title=S001::" in github
    data = json.loads(cli("validate", "--format", "json", BAD).stdout)
    assert isinstance(data, list) and data[0]["code"] == "S001" and data[0]["line"] == 5


def test_usage_errors_exit_2(cli) -> None:
    assert cli("validate", "no/such/dir").returncode == 2
    assert cli("validate", "--format", "yaml", MINI).returncode == 2
    result = cli("lineage", "vicunna", "--entries", MINI)
    assert result.returncode == 2
    assert "did you mean 'vicuna'" in result.stderr


def test_lineage_formats(cli) -> None:
    data = json.loads(cli("lineage", "llava", "--up", "--format", "json", "--entries", MINI).stdout)
    ids = {n["id"] for n in data["nodes"]}
    assert {"vicuna", "llama"} <= ids and data["root"] == "llava"
    tree = cli("lineage", "LLaVA", "--up", "--entries", MINI).stdout
    assert "← component  vicuna  Vicuna (2023-03-30)" in tree
    mermaid = cli("lineage", "llava", "--up", "--format", "mermaid", "--entries", MINI).stdout
    assert mermaid.startswith("graph TD") and "-->|finetune|" in mermaid
    dot = cli("lineage", "llama", "--down", "--depth", "1", "--format", "dot", "--entries", MINI)
    assert '"llama" -> "alpaca"' in dot.stdout and "llava" not in dot.stdout


def test_export_to_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "reg.json"
    assert cli("export", "--format", "json", "-o", str(out), "--entries", MINI).returncode == 0
    assert {e["id"] for e in json.loads(out.read_text())["entries"]} >= {"llama", "llava"}


def test_rules_and_schema(cli, tmp_path: Path) -> None:
    rules = cli("rules").stdout
    assert "Y002" in rules and "duplicate-key" in rules
    assert "llama-license" in cli("rules", "--licenses").stdout
    assert cli("schema", "-o", str(tmp_path)).returncode == 0
    schema = json.loads((tmp_path / "model.schema.json").read_text())
    assert schema["additionalProperties"] is False
