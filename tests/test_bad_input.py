"""Hostile and broken files: each gets a located finding and exit status 1, never a traceback,
a hang or executed code."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest

from registry import validate
from registry.catalog import RULES
from registry.loader import MAX_FILE_BYTES

ENTRY = "id: m\nkind: model\nname: M\nsources: [https://example.org/m]\n"


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "models" / "m.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


CASES = [
    ("syntax", "id: m\nkind: model\nname: [unclosed\n", "Y001", 4),
    ("duplicate keys", ENTRY + "name: N\n", "Y002", 5),
    ("python tag", "id: m\nkind: !!python/name:os.system model\n", "Y004", 2),
    ("unknown local tag", "id: m\nkind: model\nname: !shout M\n", "Y004", 3),
    ("not utf-8", b"id: m\nkind: model\nname: \xff\xfe\n", "Y005", 3),
    ("bom", b"\xef\xbb\xbf" + ENTRY.encode(), "Y006", 1),
    ("tab indentation", "id: m\nlinks:\n\tcode: https://example.org\n", "Y007", 3),
    ("empty", "", "Y008", 1),
    ("only comments", "# nothing\n# here\n", "Y008", 1),
    ("several documents", ENTRY + "---\n" + ENTRY, "Y009", 6),
    ("top-level list", "- a\n- b\n", "Y010", 1),
    ("top-level scalar", "just a sentence\n", "Y010", 1),
]


@pytest.mark.parametrize(("label", "content", "code", "line"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_located(tmp_path: Path, label: str, content: str, code: str, line: int):
    path = write(tmp_path, content)
    report = validate([tmp_path])
    found = [f for f in report.findings if f.code == code]
    assert found, f"{label}: no {code} in {report.findings}"
    assert Path(found[0].path).resolve() == path.resolve()
    assert found[0].line == line
    assert report.failed()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    rows = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*l{i - 1}"
        rows.append(f"lol{i}: &l{i} [{', '.join([prev] * 9)}]")
    write(tmp_path, ENTRY + "\n".join(rows) + "\n")
    start = time.monotonic()
    report = validate([tmp_path])
    assert time.monotonic() - start < 5
    assert [f.code for f in report.findings if f.code == "Y003"]


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = write(tmp_path, ENTRY)
    with path.open("a", encoding="utf-8") as out:
        out.write("description: >-\n")
        chunk = "  " + "x" * 998 + "\n"
        for _ in range(30 * 1024):  # about 30 MB
            out.write(chunk)
    assert path.stat().st_size > 30 * 10**6 > MAX_FILE_BYTES
    start = time.monotonic()
    report = validate([tmp_path])
    assert time.monotonic() - start < 5
    (finding,) = report.findings
    assert (finding.code, finding.line) == ("Y011", 1)


def test_twenty_thousand_levels_of_nesting(tmp_path: Path) -> None:
    write(tmp_path, ENTRY + "deep: " + "[" * 20000 + "]" * 20000 + "\n")
    start = time.monotonic()
    report = validate([tmp_path])
    assert time.monotonic() - start < 10
    (finding,) = report.findings
    assert (finding.code, finding.line) == ("Y012", 5)
    assert finding.hint == RULES["Y012"].hint


@pytest.mark.parametrize(
    "deep",
    [
        "deep: " + "{a: " * 5000 + "1" + "}" * 5000,  # flow mappings
        "deep: " + "[{a: " * 3000 + "1" + "}]" * 3000,  # flow, mixed
        # one space a level, so that 1,100 levels stay under the size limit
        "deep:\n" + "".join(" " * i + " a:\n" for i in range(1100)) + " " * 1101 + "b: 1",
        "deep:\n" + "".join(" " * i + " -\n" for i in range(1100)),  # block sequences
        "deep: " + "[" * 100 + "]" * 100,  # below the parser's limit: our own refusal
    ],
    ids=["flow-maps", "flow-mixed", "block-maps", "block-lists", "ours"],
)
def test_every_kind_of_runaway_nesting_is_y012_with_its_hint(tmp_path: Path, deep: str) -> None:
    """Whichever refuses the nesting, libyaml (PyYAML 6.0.4's wheels stop at 1,000 levels) or
    the builder (32), the finding is the same: Y012, its hint, never Y001's hint on quoting."""
    write(tmp_path, ENTRY + deep + "\n")
    (finding,) = validate([tmp_path]).findings
    assert (finding.code, finding.hint) == ("Y012", RULES["Y012"].hint)
    assert finding.line >= 5


def test_python_tags_never_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write(
        tmp_path, f"id: m\nkind: model\nname: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    report = validate([tmp_path])
    assert [f.code for f in report.findings] == ["Y004"]
    assert not marker.exists()


def test_cli_exit_status_and_no_traceback(tmp_path: Path, cli) -> None:
    write(tmp_path, "id: m\nkind: model\nname: M\nname: N\n")
    result = cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert ":4:1: error[Y002]" in result.stdout
    assert "hint:" in result.stdout


def test_parallel_parse_matches_serial(tmp_path: Path, monkeypatch) -> None:
    """Large registries are parsed in worker processes; the result must not differ."""
    validate_module = importlib.import_module("registry.validation")
    for i in range(6):
        (tmp_path / f"bad{i}.yaml").write_text(f"id: bad{i}\nname: [1\n")
        (tmp_path / f"m{i}.yaml").write_text(ENTRY.replace("id: m", f"id: m{i}"))
    files = validate_module.collect_files([tmp_path])
    serial = validate_module.parse_files(files, workers=1)
    monkeypatch.setattr(validate_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validate_module, "CHUNK", 3)
    parallel = validate_module.parse_files(files, workers=2)
    assert [f.findings for f in parallel] == [f.findings for f in serial]
    assert [f.data for f in parallel] == [f.data for f in serial]
    for one, other in zip(parallel, serial, strict=True):
        assert one.position(("sources", 0)) == other.position(("sources", 0))
        assert one.position(("name",), key=True) == other.position(("name",), key=True)
