"""Control characters, bidirectional overrides and look-alike names: refused where they name
an entry (S010), caught beside the name they imitate (R002), and never printed raw."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from registry import validate
from registry.terminal import is_unsafe

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

# One of each class: C0 controls (NUL, BEL, BS, TAB, LF, CR, ESC), DEL, C1 (NEL, CSI),
# bidirectional embeddings, overrides, isolates and marks, zero-width and invisible format
# characters, tag characters, line and paragraph separators.
UNSAFE = [
    "\x00", "\x07", "\x08", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\x9b",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041",
    "\u2028", "\u2029",
]  # fmt: skip
# Where a name, id or reference stands (the text is written as a YAML double-quoted escape).
PLACES = [
    ("name", 'name: "{}"'),
    ("alias", 'name: M\naliases: ["{}"]'),
    ("id", 'name: M\nformer_ids: ["{}"]'),
    ("organization", 'name: M\norganizations: ["{}"]'),
    ("lineage parent", 'name: M\nlineage:\n  - parent: "{}"\n    relation: finetune'),
    ("source title", 'name: M\nsources:\n  - url: https://example.org/m\n    title: "{}"'),
]
HEAD = "id: m\nkind: model\n"
TAIL = "sources: [https://example.org/m]\n"


def yaml_escape(ch: str) -> str:
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else (f"\\U{code:08x}")
    )


def write(root: Path, text: str, stem: str = "m") -> Path:
    path = root / "models" / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("place", PLACES, ids=[p[0] for p in PLACES])
def test_control_and_format_characters_are_refused(tmp_path: Path, place) -> None:
    """One file per character of :data:`UNSAFE`, each holding it at ``place``."""
    _, template = place
    tail = "" if "sources:" in template else TAIL
    line = HEAD.count("\n") + template.split("{}")[0].count("\n") + 1
    for i, ch in enumerate(UNSAFE):
        value = "M" + yaml_escape(ch) + "x"
        write(tmp_path, f"id: m{i}\nkind: model\n" + template.format(value) + "\n" + tail, f"m{i}")
    found = {Path(f.path).stem: f for f in validate([tmp_path]).findings if f.code == "S010"}
    missed = [f"U+{ord(ch):04X}" for i, ch in enumerate(UNSAFE) if f"m{i}" not in found]
    assert not missed, f"not refused at {place[0]}: {missed}"
    for i, ch in enumerate(UNSAFE):
        finding = found[f"m{i}"]
        assert finding.line == line
        assert f"U+{ord(ch):04X}" in finding.message and "character 2" in finding.message


@pytest.mark.parametrize("ch", ["\x1b", "\x85", "\u202e", "\u2066", "\U000e0041", "\u2028"])
def test_free_text_refuses_controls_and_overrides(tmp_path: Path, ch: str) -> None:
    write(tmp_path, HEAD + f'name: M\ndescription: "a{yaml_escape(ch)}b"\n' + TAIL)
    assert [f.code for f in validate([tmp_path]).findings] == ["S010"]


def test_free_text_keeps_line_breaks_tabs_and_joiners(tmp_path: Path) -> None:
    text = 'description: "Line one.\\nLine\\ttwo.\\u200c\\u00ad"\nnotes: |\n  a\n  b\n'
    write(tmp_path, HEAD + "name: M\n" + text + TAIL)
    assert validate([tmp_path]).findings == []


LOOKALIKES = [
    "LL\u0430MA",  # Cyrillic small a
    "LL\u0410MA",  # Cyrillic capital A
    "\u13deLaMA",  # Cherokee letter tle, drawn as L
    "LLaM\u0391",  # Greek capital alpha
    "LL\u0251MA",  # Latin small alpha
    "LLa\u200bMA",  # with a zero-width space (also S010)
    "IIaMA",  # capital i for l
    "\uff2c\uff2c\uff41\uff2d\uff21",  # full-width letters
]


@pytest.mark.parametrize(
    "name", LOOKALIKES, ids=[n.encode("unicode_escape").decode() for n in LOOKALIKES]
)
@pytest.mark.parametrize("field", ["name", "aliases"])
def test_look_alike_names_are_duplicates(tmp_path: Path, name: str, field: str) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    value = name.encode("unicode_escape").decode().replace("\\x", "\\u00")
    line = f'name: "{value}"' if field == "name" else f'name: Other\naliases: ["{value}"]'
    write(entries, f"id: aaa\nkind: model\n{line}\n{TAIL}", stem="aaa")
    found = [f for f in validate([entries]).findings if f.code == "R002"]
    assert len(found) == 1, found
    assert Path(found[0].path).name == "aaa.yaml" and "'llama'" in found[0].message


def test_distinct_names_in_other_scripts_pass(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    write(entries, f'id: aaa\nkind: model\nname: "Лама"\naliases: [LLaMA-Ru, 羊驼]\n{TAIL}', "aaa")
    assert validate([entries]).findings == []


def test_alias_clash_is_reported_at_the_alias_not_the_old_name(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    # "aaa" sorts before every landed file, so a first-come rule would blame LLaMA's file.
    write(entries, f"id: aaa\nkind: model\nname: Aaa\naliases: [LLaMa]\n{TAIL}", stem="aaa")
    (finding,) = [f for f in validate([entries]).findings if f.code == "R002"]
    assert Path(finding.path).name == "aaa.yaml" and finding.line == 4


def test_name_clash_is_reported_at_the_later_release(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    write(entries, f"id: aaa\nkind: model\nname: Vicuna\nreleased: 2024\n{TAIL}", stem="aaa")
    (finding,) = [f for f in validate([entries]).findings if f.code == "R002"]
    assert Path(finding.path).name == "aaa.yaml"


def hostile_registry(root: Path) -> Path:
    """A folder whose file names and values hold terminal escapes and overrides."""
    write(root, HEAD + 'name: "M\\e]0;pwned\\a\\e[2J\\u202eX"\naliases: ["\\x9b31m"]\n' + TAIL)
    write(root, "id: [unclosed\n", stem="bad\x1b[31m\u202ename")
    return root


def assert_clean(text: str) -> None:
    bad = sorted({f"U+{ord(ch):04X}" for ch in text if is_unsafe(ch) and ch not in "\n\t"})
    assert not bad, f"raw unsafe characters in the output: {bad}"


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_validate_never_prints_entry_text_raw(cli, tmp_path: Path, fmt: str) -> None:
    root = hostile_registry(tmp_path / "entries")
    result = cli("validate", "--format", fmt, str(root))
    assert result.returncode == 1
    assert_clean(result.stdout + result.stderr)
    assert "S010" in result.stdout
    if fmt == "json":  # escaped as JSON escapes: the same text once parsed
        paths = {Path(f["path"]).name for f in json.loads(result.stdout)}
        assert "bad\x1b[31m\u202ename.yaml" in paths


def test_other_commands_never_print_entry_text_raw(cli, tmp_path: Path) -> None:
    root = hostile_registry(tmp_path / "entries")
    for args in (
        ("lineage", "m", "--entries", str(root)),
        ("export", "--entries", str(root)),
        ("fmt", "--check", str(root)),
        ("fmt", "--diff", str(root)),
    ):
        result = cli(*args)
        assert result.returncode in (1, 2), args
        assert_clean(result.stdout + result.stderr)


def test_a_terminal_gets_escapes_while_a_pipe_gets_the_data(tmp_path: Path) -> None:
    """stdout to a real terminal (a pseudo-terminal here) is escaped; piped, it is exact."""
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    llama = entries / "models" / "llama.yaml"
    llama.write_text(
        llama.read_text() + 'description: "Tab\\there, \\u200d joiner."\n', encoding="utf-8"
    )
    args = [
        sys.executable,
        "-m",
        "registry",
        "export",
        "--format",
        "csv",
        "--entries",
        str(entries),
    ]
    piped = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "\u200d" in piped.stdout
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8")
    assert "\\u200d joiner" in shown and "\u200d" not in shown
    assert unicodedata.category("\u200d") == "Cf"
