"""The schema: human-friendly spellings parsed to integers, and a JSON Schema that validates a
real entry with check-jsonschema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from registry.schema import json_schema
from registry.units import format_bytes, format_count, parse_bytes, parse_count

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7B", 7 * 10**9),
        ("175B", 175 * 10**9),
        ("1.2T", 12 * 10**11),
        ("1.5B", 15 * 10**8),
        ("52K", 52_000),
        (7_000_000_000, 7 * 10**9),
        ("125M", 125 * 10**6),
    ],
)
def test_counts(text, value) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize("bad", ["7 billion", "B7", "-3B", "1.23456B7", True])
def test_bad_counts(bad) -> None:
    with pytest.raises(ValueError):
        parse_count(bad)


def test_bytes_and_formatting() -> None:
    assert parse_bytes("806 GB") == 806 * 10**9
    assert parse_bytes("6TB") == 6 * 10**12
    assert parse_bytes("825 GiB") == 825 * 2**30
    assert format_count(175 * 10**9) == "175B" and format_count(1_500_000_000) == "1.5B"
    assert format_bytes(806 * 10**9) == "806 GB"


@pytest.mark.parametrize("kind", ["model", "dataset", "library", "organization"])
def test_json_schema_validates_every_real_entry(tmp_path: Path, kind: str) -> None:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    schema = tmp_path / f"{kind}.schema.json"
    schema.write_text(json.dumps(json_schema(kind)))
    folder = {"model": "models", "dataset": "datasets", "library": "libraries"}.get(
        kind, "organizations"
    )
    entries = sorted(str(p) for p in (ROOT / "entries" / folder).glob("*.yaml"))
    assert entries
    result = subprocess.run(
        [exe, "--schemafile", str(schema), *entries], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"id: x\nkind: {kind}\nname: X\nparameter: [7B]\n")
    result = subprocess.run(
        [exe, "--schemafile", str(schema), str(bad)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1


def test_committed_schemas_are_current() -> None:
    for kind in ("model", "dataset", "library", "organization"):
        committed = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text())
        assert committed == json_schema(kind), f"run `llm-registry schema` ({kind})"
