"""The registry folder's layout: links, loops, unreadable folders and misplaced files are located
findings (exit 1), never read through, written through, skipped silently or an internal error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, run_cli

import registry
from registry import validate


@pytest.fixture
def entries(tmp_path: Path) -> Path:
    root = tmp_path / "repo" / "entries"
    shutil.copytree(MINI, root)
    return root


def codes_at(report: registry.Report) -> set[tuple[str, str]]:
    return {(f.code, os.path.basename(f.path)) for f in report.findings}


# Symbolic links (issue 15 item 6)


def test_a_link_to_a_file_outside_the_registry_is_refused_and_not_read(entries: Path) -> None:
    (entries / "models" / "passwd.yaml").symlink_to("/etc/passwd")
    report = validate([entries])
    assert ("Y015", "passwd.yaml") in codes_at(report)
    assert all("root:" not in f.message for f in report.findings)  # its content was not read
    with pytest.raises(registry.InvalidRegistryError):
        registry.load(entries)
    result = run_cli("validate", str(entries))
    assert result.returncode == 1 and "Y015" in result.stdout


def test_a_linked_folder_outside_the_registry_is_refused(entries: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(entries / "datasets", elsewhere)
    shutil.rmtree(entries / "datasets")
    (entries / "datasets").symlink_to(elsewhere, target_is_directory=True)
    (entries / "models" / "up.yaml").symlink_to("../../entries-copy.yaml")
    report = validate([entries])
    assert {("Y015", "datasets"), ("Y017", "up.yaml")} <= codes_at(report)
    assert not any(f.path.startswith(str(elsewhere)) for f in report.findings)


def test_a_link_within_the_registry_is_followed(entries: Path) -> None:
    target = entries / "models" / "llama.yaml"
    moved = entries / "models" / "store"
    moved.mkdir()
    (moved / "llama.txt").write_text(target.read_text())
    target.unlink()
    target.symlink_to("store/llama.txt")
    report = validate([entries])
    assert "llama" in report.registry
    assert ("Y014", "llama.txt") in codes_at(report)  # the folder itself is still reported


@pytest.mark.parametrize(
    "make",
    [
        lambda m: (m / "a.yaml").symlink_to("b.yaml") or (m / "b.yaml").symlink_to("a.yaml"),
        lambda m: (m / "self.yaml").symlink_to("self.yaml"),
        lambda m: (m / "up").symlink_to("..", target_is_directory=True),  # a folder loop
        lambda m: (m / "round").symlink_to(m, target_is_directory=True),
    ],
    ids=["two-links", "itself", "parent-folder", "same-folder"],
)
def test_link_loops_are_located_findings(entries: Path, make) -> None:
    make(entries / "models")
    result = run_cli("validate", str(entries), timeout=30)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Y016" in result.stdout and "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_dangling_link_is_a_located_finding(entries: Path) -> None:
    (entries / "models" / "gone.yaml").symlink_to("nowhere.yaml")
    result = run_cli("validate", str(entries))
    assert result.returncode == 1
    assert f"{entries / 'models' / 'gone.yaml'}:1:1: error[Y017]" in result.stdout


def test_fmt_never_writes_through_a_link(entries: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    text = "name: Out\nid: outside\nkind: model\n"  # not canonical: fmt would reorder it
    outside.write_text(text)
    (entries / "models" / "outside.yaml").symlink_to(outside)
    for args in ([str(entries)], [str(entries / "models" / "outside.yaml")]):
        result = run_cli("fmt", *args)
        assert result.returncode == 1, result.stderr
        assert "Y015" in result.stderr
        assert outside.read_text() == text
    inner = entries / "models" / "vicuna.yaml"
    inner_text = "name: V\n" + inner.read_text().replace("name: Vicuna\n", "")
    inner.write_text(inner_text)
    (entries / "models" / "vicuna-link.yaml").symlink_to("vicuna.yaml")
    result = run_cli("fmt", str(entries / "models" / "vicuna-link.yaml"))
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert (entries / "models" / "vicuna-link.yaml").is_symlink()
    assert inner.read_text() == inner_text
    assert run_cli("fmt", str(inner)).returncode == 0  # the file itself is formatted
    assert inner.read_text() != inner_text and (entries / "models" / "vicuna-link.yaml").exists()


# Unreadable folders and misplaced files (issue 15 item 12)


def _without_root_override() -> list[str]:
    """A command prefix under which permissions apply: root reads any folder, so as root the
    child runs without the capabilities that override them."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip(reason="running as root without setpriv: every folder is readable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_an_unreadable_folder_is_a_located_finding(entries: Path) -> None:
    (entries / "datasets").chmod(0)
    try:
        result = subprocess.run(
            [*_without_root_override(), sys.executable, "-m", "registry", "validate", str(entries)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        (entries / "datasets").chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{entries / 'datasets'}:1:1: error[Y018]" in result.stdout
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_pipe_named_like_an_entry_does_not_hang(entries: Path) -> None:
    os.mkfifo(entries / "models" / "pipe.yaml")
    result = run_cli("validate", str(entries), timeout=30)
    assert result.returncode == 1 and "Y018" in result.stdout


def test_entry_files_outside_their_kind_folder_are_located(entries: Path) -> None:
    def entry(path: Path, entry_id: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"id: {entry_id}\nkind: model\nname: {entry_id}\nsources: [https://e.org]\n"
        )

    entry(entries / "top.yaml", "top")
    entry(entries / "models" / "old" / "sub.yaml", "sub")
    entry(entries / "models" / "named.yaml" / "inner.yaml", "inner")
    entry(entries / "misc" / "other.yaml", "other")
    report = validate([entries])
    found = {(f.code, os.path.relpath(f.path, entries)) for f in report.findings}
    assert {
        ("Y013", "top.yaml"),
        ("Y013", "models/old/sub.yaml"),
        ("Y013", "models/named.yaml"),
        ("Y013", "models/named.yaml/inner.yaml"),
        ("Y013", "misc/other.yaml"),
    } <= found
    assert not {"top", "sub", "inner", "other"} & set(report.registry.entries)
    assert report.failed()


def test_files_with_other_extensions_are_reported(entries: Path) -> None:
    for name in ("notes.txt", "vicuna.json", "README.md", "llava.yaml~"):
        (entries / "models" / name).write_text("x\n")
    (entries / "models" / "short.yml").write_text(
        "id: short\nkind: model\nname: Short\nsources: [https://example.org/s]\n"
    )
    report = validate([entries])
    warned = {os.path.basename(f.path) for f in report.findings if f.code == "Y014"}
    assert warned == {"notes.txt", "vicuna.json", "README.md", "llava.yaml~"}
    assert "short" in report.registry  # .yml is an entry file
    assert not report.failed() and report.failed(strict=True)


def test_a_named_file_is_checked_for_its_place_too(entries: Path) -> None:
    top = entries / "top.yaml"
    top.write_text("id: top\nkind: model\nname: Top\nsources: [https://example.org/t]\n")
    result = run_cli("validate", str(top))
    assert result.returncode == 1 and "Y013" in result.stdout
