"""Every input in tests/ through every command: exit status 0 or 1, never an internal error.

Fixture registries are found, not listed: any folder under tests/fixtures that holds a kind
folder (models/, datasets/, ...) or is named ``entries``; fixtures added later are picked up.
Each runs through ``validate`` (the folder, then each file named on its own), ``fmt --check``,
``export`` in every format, ``lineage`` of each of its ids in every format, ``new`` and
``import hf-card`` (on a copy, since those write).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.cli import main
from registry.kinds import ENTRY_SUFFIXES, FOLDERS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CARD = """---
license: apache-2.0
base_model: huggyllama/llama-7b
datasets: [tatsu-lab/alpaca]
---
# Fixture Card Model
"""


def _registries() -> Iterator[Path]:
    for folder, dirs, _files in os.walk(FIXTURES):
        here = Path(folder)
        if here.name == "entries" or any(
            name in dirs and not (here / name).is_symlink() for name in FOLDERS.values()
        ):
            yield here
        dirs.sort()


REGISTRIES = sorted(_registries())


def _entry_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.name.endswith(ENTRY_SUFFIXES) and (p.is_symlink() or p.is_file())
    )


def _ids(root: Path) -> list[str]:
    """The ids the files are named for (ids may hold dots: ``llama-3.1.yaml``)."""
    return sorted(
        {
            p.name.removesuffix(s)
            for p in _entry_files(root)
            for s in ENTRY_SUFFIXES
            if p.name.endswith(s)
        }
    )


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse's own refusals
        status = exc.code if isinstance(exc.code, int) else 2
    out = capsys.readouterr()
    return status, out.out + out.err


@pytest.fixture(autouse=True)
def _cache_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The load cache goes to a temporary folder, not beside the fixtures."""
    monkeypatch.setenv("LLM_REGISTRY_CACHE_DIR", str(tmp_path / "cache"))


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> None:
    status, output = _run(capsys, *argv)
    assert status in (0, 1), f"llm-registry {' '.join(argv)} exited {status}:\n{output}"
    assert "internal error" not in output, f"llm-registry {' '.join(argv)}:\n{output}"
    assert "Traceback" not in output


def test_fixture_registries_are_found() -> None:
    names = {p.relative_to(FIXTURES).as_posix() for p in REGISTRIES}
    assert {"mini", "rules/R003/bad", "rules/Y015/bad"} <= names


@pytest.mark.parametrize("root", REGISTRIES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_every_command_on_every_fixture_exits_0_or_1(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = str(root)
    _check(capsys, "validate", entries)
    _check(capsys, "validate", "--strict", "--format", "json", entries)
    _check(capsys, "fmt", "--check", entries)
    for path in _entry_files(root):
        _check(capsys, "validate", str(path))
        _check(capsys, "fmt", "--check", str(path))
    for fmt in ("json", "csv", "edges-csv", "graphml"):
        _check(capsys, "export", "--entries", entries, "--format", fmt)
    for entry_id in _ids(root):
        for fmt in ("tree", "json", "mermaid", "dot"):
            _check(capsys, "lineage", entry_id, "--entries", entries, "--format", fmt)
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, symlinks=True)
    _check(capsys, "new", "model", "Fixture Probe", "--entries", str(copy), "--no-input")
    card = tmp_path / "README.md"
    card.write_text(CARD)
    _check(capsys, "import", "hf-card", str(card), "--entries", str(copy))


@pytest.mark.parametrize(
    "card", sorted(FIXTURES.rglob("*.md")), ids=lambda p: p.relative_to(FIXTURES).as_posix()
)
def test_every_card_in_the_fixtures_imports_with_0_or_1(
    card: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _check(capsys, "import", "hf-card", str(card), "--entries", str(FIXTURES / "mini"))
