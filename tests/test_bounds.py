"""Numbers, dates and ports beyond any real resource are located errors (S011, S012, S008),
never an internal error, a traceback in the site build or a value that cannot be printed."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from registry import validate
from registry.bounds import COUNT_BOUNDS, EARLIEST_RELEASE, latest_release

HEAD = "id: m\nkind: model\nname: M\nsources: [https://example.org/m]\n"
DATASET = "id: d\nkind: dataset\nname: D\nsources: [https://example.org/d]\n"
HUGE = "9" * 5000  # over Python's 4,300-digit limit for int(str)


def findings(tmp_path: Path, text: str, folder: str = "models", stem: str = "m"):
    path = tmp_path / folder / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return validate([tmp_path]).findings


# Every count field of every kind, each written as 0, as just past its bound, with 5,000 digits
# (plain, tagged !!int, and with a unit) and past the float range.
COUNT_FIELDS = [
    ("models", HEAD, "parameters: [{}]", "parameters"),
    ("models", HEAD, "training_tokens: {}", "count"),
    ("models", HEAD, "context_length: {}", "context_length"),
    (
        "models",
        HEAD,
        "lineage:\n  - parent: p\n    relation: finetune\n    size: {}",
        "parameters",
    ),
    *[
        ("datasets", DATASET, f"size:\n  {field}: {{}}", kind)
        for field, kind in (
            ("tokens", "count"),
            ("documents", "count"),
            ("instances", "count"),
            ("bytes", "bytes"),
        )
    ],
    ("datasets", DATASET, "variants:\n  - name: v\n    size:\n      tokens: {}", "count"),
    ("models", HEAD, "checkpoints:\n  - name: c\n    size: {}", "parameters"),
    ("models", HEAD, "checkpoints:\n  - name: c\n    context_length: {}", "context_length"),
]
BAD_COUNTS = {
    "zero": lambda kind: "0",
    "past the bound": lambda kind: str(COUNT_BOUNDS[kind][1] + 1),
    "5000 digits": lambda kind: HUGE,
    "5000 digits tagged": lambda kind: f"!!int {HUGE}",
    "5000 digits with a unit": lambda kind: HUGE + (" GB" if kind == "bytes" else "B"),
    "past the float range": lambda kind: "1" + "0" * 400,
}


@pytest.mark.parametrize("how", list(BAD_COUNTS))
@pytest.mark.parametrize(
    ("folder", "head", "line", "kind"), COUNT_FIELDS, ids=[c[2][:18] for c in COUNT_FIELDS]
)
def test_count_out_of_range_is_located(
    tmp_path: Path, folder: str, head: str, line: str, kind: str, how: str
) -> None:
    value = BAD_COUNTS[how](kind)
    found = findings(tmp_path, head + line.format(value) + "\n", folder, head[4])
    codes = [f.code for f in found if f.severity == "error"]
    assert "S011" in codes, found
    (finding,) = [f for f in found if f.code == "S011"]
    assert finding.line == 5 + line.count("\n")
    assert len(finding.message) < 200


@pytest.mark.parametrize(
    "size",
    ["{total: 0, active: 1B}", "{total: 1T, active: 0}", "{total: 2000000T, active: 1B}",
     f"{{total: {HUGE}, active: 1B}}", "2000000T-A22B", f"1T-A{HUGE}B"],
)  # fmt: skip
def test_mixture_of_experts_sizes_have_bounds(tmp_path: Path, size: str) -> None:
    found = findings(tmp_path, HEAD + f"parameters:\n  - {size}\n")
    assert [(f.code, f.line) for f in found] == [("S011", 6)]


def test_sane_counts_pass(tmp_path: Path) -> None:
    text = HEAD + "parameters: [7B, 1.6T]\ncontext_length: 131072\ntraining_tokens: 15T\n"
    assert findings(tmp_path, text) == []


DATES = [
    ("2999-01-01", "S012"),
    ("0001-01-01", "S012"),
    ("1939-12-31", "S012"),
    ("1939", "S012"),
    (str(latest_release().year + 1), "S012"),
    ((latest_release() + datetime.timedelta(days=1)).isoformat(), "S012"),
    (EARLIEST_RELEASE.isoformat(), None),
    ("1940", None),
    (datetime.date.today().isoformat(), None),
    (latest_release().isoformat(), None),
]


@pytest.mark.parametrize(("date", "code"), DATES)
def test_release_dates_have_bounds(tmp_path: Path, date: str, code: str | None) -> None:
    found = findings(tmp_path, HEAD + f"released: {date}\n")
    assert [(f.code, f.line) for f in found] == ([(code, 5)] if code else [])
    found = findings(tmp_path, HEAD + f"checkpoints:\n  - name: c\n    released: {date}\n")
    assert [(f.code, f.line) for f in found] == ([(code, 7)] if code else [])


PORTS = [
    ("https://example.org:0/", True),
    ("https://example.org:65536/", True),
    ("https://example.org:99999/", True),
    ("https://example.org:" + "9" * 5000 + "/", True),
    ("https://user@example.org:70000/x", True),
    ("http://[2001:db8::1]:65536/", True),
    ("https://example.org:8443/x", False),
    ("https://example.org:/x", False),
]


@pytest.mark.parametrize(("url", "bad"), PORTS, ids=[u[:40] for u, _ in PORTS])
def test_ports_have_bounds(tmp_path: Path, url: str, bad: bool) -> None:
    found = findings(tmp_path, HEAD + f"links:\n  homepage: {url}\n")
    s008 = [f for f in found if f.code == "S008"]
    assert bool(s008) == bad, found
    if bad:
        assert s008[0].line == 6 and "port" in s008[0].message and len(s008[0].message) < 300


def test_cli_reports_huge_numbers_with_exit_1(cli, tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    findings(entries, HEAD + f"training_tokens: {HUGE}\nparameters: [{'1' + '0' * 400}]\n")
    result = cli("validate", str(entries))
    assert result.returncode == 1
    assert result.stdout.count("error[S011]") == 2
    build = cli("build", "--entries", str(entries), "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 1
    assert "Traceback" not in build.stderr and "internal error" not in build.stderr
