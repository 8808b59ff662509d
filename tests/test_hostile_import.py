"""``import hf-card``, ``fmt`` and the loader's tags against hostile or careless input: no
silent overwrite, folders as outputs, card values that are not Hub ids, a byte-order mark,
``!!str``, and entries written in flow style."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry import validate
from registry.cli import main
from registry.fmt import format_text
from registry.loader import parse_text

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
CARD = "---\nbase_model: huggyllama/llama-7b\nbase_model_relation: adapter\n---\n# Card Test\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "entries")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    return tmp_path


def test_output_file_is_never_overwritten_silently(repo: Path, capsys) -> None:
    target = repo / "entries" / "models" / "llama.yaml"
    before = target.read_text()
    assert main(["import", "hf-card", "README.md", "-o", str(target)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert target.read_text() == before
    assert main(["import", "hf-card", "README.md", "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("# yaml-language-server")
    assert "name: Card Test" in target.read_text()


def test_output_folder_gets_the_id_as_file_name(repo: Path) -> None:
    models = repo / "entries" / "models"
    assert main(["import", "hf-card", "README.md", "-o", str(models)]) == 0
    assert (models / "card-test.yaml").is_file()
    assert main(["import", "hf-card", "README.md", "-o", str(models)]) == 1  # now it exists
    assert main(["import", "hf-card", "README.md", "-o", "drafts/"]) == 0
    assert (repo / "drafts" / "card-test.yaml").is_file()


def test_missing_entries_folder_is_an_error(repo: Path, capsys) -> None:
    assert main(["import", "hf-card", "README.md", "--entries", "no-such-folder"]) == 2
    assert "no entries folder" in capsys.readouterr().err


def test_values_that_are_not_hub_ids_never_become_ids(repo: Path, capsys) -> None:
    (repo / "README.md").write_text(
        "---\nbase_model:\n  - 123\n  - {name: x}\n  - true\n  - https://example.org/m\n"
        "  - gpt2\n  - huggyllama/llama-7b\n  - a/b/c\n  - ../../etc\n"
        "datasets: [7, tatsu-lab/alpaca]\n---\n# Card Test\n",
        encoding="utf-8",
    )
    out = repo / "draft.yaml"
    assert main(["import", "hf-card", "README.md", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    text = out.read_text()
    assert "parent: llama" in text and "dataset: alpaca-data" in text
    for bad in ("123", "true", "gpt2", "etc", "'7'", "example"):
        assert f"parent: {bad}" not in text and f"dataset: {bad}" not in text
    assert err.count("is not a Hub id") == 8
    assert "base_model[0]: 123 is not a Hub id" in err


@pytest.mark.parametrize("hub_id", ["not a hub id", "a/b/c", "../x", "<x>/y", "owner/", "a--b/c"])
def test_hub_id_is_checked(repo: Path, capsys, hub_id: str) -> None:
    out = repo / "draft.yaml"
    assert main(["import", "hf-card", "README.md", "--hub-id", hub_id, "-o", str(out)]) == 1
    assert "is not a Hub id" in capsys.readouterr().err
    assert not out.exists()


def test_card_with_a_byte_order_mark_is_read(repo: Path, capsys) -> None:
    (repo / "README.md").write_bytes(b"\xef\xbb\xbf" + CARD.encode())
    assert main(["import", "hf-card", "README.md", "--hub-id", "someone/card-test"]) == 0
    assert "parent: llama" in capsys.readouterr().out


def test_card_text_with_control_characters_is_refused(repo: Path, capsys) -> None:
    (repo / "README.md").write_text(
        '---\nmodel_name: "Evil\\e[2J\\u202eX"\n---\n', encoding="utf-8"
    )
    assert main(["import", "hf-card", "README.md"]) == 1
    captured = capsys.readouterr()
    assert "U+001B ESCAPE" in captured.err
    assert "\x1b" not in captured.err + captured.out and "\u202e" not in captured.err


def test_str_tag_makes_a_string_and_other_tags_stay_refused(tmp_path: Path) -> None:
    loaded = parse_text("name: !!str 123\naliases: [!!str 7, 8]\n", "m.yaml")
    assert loaded.data == {"name": "123", "aliases": ["7", 8]}
    entry = tmp_path / "models" / "m.yaml"
    entry.parent.mkdir()
    entry.write_text(
        "id: m\nkind: model\nname: !!str 123\nsources: [https://example.org/m]\n", "utf-8"
    )
    report = validate([tmp_path])
    assert report.errors == [] and report.registry.get("m").name == "123"
    for tag in ("!!python/str", "!shout", "!!binary"):
        refused = parse_text(f"name: {tag} 123\n", "m.yaml")
        assert [f.code for f in refused.findings] == ["Y004"]


def test_flow_style_entry_is_rewritten_in_block_form() -> None:
    text = (
        "{id: m, kind: model, name: M, links: {homepage: 'https://example.org/'}, "
        "lineage: [{parent: p, relation: finetune}], sources: [https://example.org/m]}\n"
    )
    formatted = format_text(text)
    assert formatted.splitlines()[1:] == [
        "id: m",
        "kind: model",
        "name: M",
        "links: {homepage: https://example.org/}",
        "lineage:",
        "  - parent: p",
        "    relation: finetune",
        "sources: [https://example.org/m]",
    ]
    assert format_text(formatted) == formatted
    long_links = "links: {" + ", ".join(f"{k}: https://example.org/{k * 9}" for k in "abc") + "}"
    block = format_text(f"id: m\nkind: model\nname: M\n{long_links}\n")
    assert "links:\n" in block and "{" not in block
