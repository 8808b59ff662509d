"""Every rule has a failing and a passing fixture (tests/fixtures/rules/<CODE>/{bad,good}).

A bad fixture marks each line where a finding must be reported with ``# expect: CODE``; the test
asserts the code, the file and the line. Byte-level fixtures (BOM, bad UTF-8, tabs) carry no
comment and state their expectation here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from registry import validate
from registry.catalog import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z]\d{3})")
# Fixtures that cannot hold a comment at the right place: (code) -> (file, line).
BYTE_LEVEL = {
    "Y005": ("models/m.yaml", 3),
    "Y006": ("models/m.yaml", 1),
    "Y007": ("models/m.yaml", 5),
    "Y003": ("models/m.yaml", None),  # reported where expansion crosses the limit
    # Layout findings stand at line 1 of a path that is not a YAML file or cannot be read.
    "Y014": ("models/notes.json", 1),
    "Y015": ("models/outside.yaml", 1),
    "Y016": ("models/loop.yaml", 1),
    "Y017": ("models/dangling.yaml", 1),
}
CODES_WITH_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def expected(code: str) -> set[tuple[str, int | None]]:
    if code in BYTE_LEVEL:
        rel, line = BYTE_LEVEL[code]
        return {(os.path.abspath(FIXTURES / code / "bad" / rel), line)}
    marks = set()
    for path in sorted((FIXTURES / code / "bad").rglob("*.yaml")):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for found in EXPECT.findall(text):
                if found == code:
                    marks.add((os.path.abspath(path), number))
    return marks


def test_every_rule_has_fixtures() -> None:
    # Made at test time: Y011 (30 MB do not belong in the repo) and Y018 (git keeps no folder
    # permissions; tests/test_layout.py makes an unreadable folder).
    assert set(RULES) - {"Y011", "Y018"} == set(CODES_WITH_FIXTURES)


@pytest.mark.parametrize("code", CODES_WITH_FIXTURES)
def test_bad_fixture_reports_the_rule_at_its_line(code: str) -> None:
    report = validate([FIXTURES / code / "bad"])
    got = {(os.path.abspath(f.path), f.line) for f in report.findings if f.code == code}
    want = expected(code)
    assert want, f"fixture for {code} marks no expected finding"
    if code in BYTE_LEVEL and BYTE_LEVEL[code][1] is None:
        assert {p for p, _ in got} == {p for p, _ in want}
    else:
        assert got == want
    for finding in report.findings:
        if finding.code == code:
            assert finding.message and finding.hint
            assert finding.severity == RULES[code].severity


@pytest.mark.parametrize("code", CODES_WITH_FIXTURES)
def test_good_fixture_is_clean(code: str) -> None:
    report = validate([FIXTURES / code / "good"])
    assert [f for f in report.findings if f.code == code] == []
    assert report.errors == []


def test_findings_are_reported_all_at_once_in_file_order() -> None:
    # The S006 entry has a schema error, yet takes part in the cross-entry rules: its id `m`
    # clashes with the L001 fixture's (R001), in the same run.
    report = validate([FIXTURES / code / "bad" for code in ("Y001", "S006", "L001")])
    codes = {f.code for f in report.findings}
    assert {"Y001", "S006", "R001"} <= codes
    keys = [(f.path, f.line, f.col) for f in report.findings]
    assert keys == sorted(keys)


def test_unknown_field_suggests_the_close_one() -> None:
    report = validate([FIXTURES / "S001" / "bad"])
    (finding,) = [f for f in report.findings if f.code == "S001"]
    assert "did you mean 'parameters'" in finding.message


def test_dangling_reference_suggests_close_ids() -> None:
    report = validate([FIXTURES / "R003" / "bad"])
    (finding,) = [f for f in report.findings if f.code == "R003"]
    assert "'acme'" in finding.hint


def test_cycle_is_named() -> None:
    report = validate([FIXTURES / "R006" / "bad"])
    (finding,) = [f for f in report.findings if f.code == "R006"]
    assert "a → b → a" in finding.message or "b → a → b" in finding.message
