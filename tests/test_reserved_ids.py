"""Ids that would collide with a page the site generates are refused (S013), and the reserved
list covers every name the generator writes inside a kind's folder."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest

import registry
from registry import validate
from registry.kinds import FOLDERS, RESERVED_IDS
from site_gen.generate import generate

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def test_every_generated_name_in_a_kind_folder_is_an_entry_or_reserved(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    llama = entries / "models" / "llama.yaml"
    llama.write_text(llama.read_text() + "former_ids: [llama-1]\n", encoding="utf-8")
    reg = registry.load(entries, cache=False)
    files = generate(reg).files
    taken = {e.id for e in reg} | {old for e in reg for old in e.former_ids}
    for path in files:
        folder, _, rest = path.partition("/")
        if folder not in FOLDERS.values():
            continue
        name = rest.split("/", 1)[0]
        stem = posixpath.splitext(name)[0]
        if stem in taken:
            continue
        # MkDocs builds <name>.md as <name>/index.html, and index.md as index.html.
        built = {stem, f"{stem}.html"} if stem != "index" else {"index", "index.html"}
        assert built <= RESERVED_IDS, f"{path} is generated but its name is not reserved"


@pytest.mark.parametrize("entry_id", sorted(RESERVED_IDS))
def test_reserved_id_is_refused(tmp_path: Path, entry_id: str) -> None:
    path = tmp_path / "models" / f"{entry_id}.yaml"
    path.parent.mkdir()
    path.write_text(
        f"id: {entry_id}\nkind: model\nname: N\nsources: [https://example.org/n]\n", "utf-8"
    )
    other = tmp_path / "models" / "m.yaml"
    other.write_text(
        f"id: m\nkind: model\nname: M\nformer_ids: [{entry_id}]\n"
        "sources: [https://example.org/m]\n",
        "utf-8",
    )
    found = [(Path(f.path).name, f.line) for f in validate([tmp_path]).findings if f.code == "S013"]
    assert sorted(found) == sorted([("m.yaml", 4), (f"{entry_id}.yaml", 1)])


def test_build_refuses_an_entry_named_index(cli, tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    (entries / "datasets" / "index.yaml").write_text(
        "id: index\nkind: dataset\nname: Index\nsources: [https://example.org/i]\n", "utf-8"
    )
    result = cli("build", "--entries", str(entries), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "error[S013]" in result.stderr + result.stdout
    assert not (tmp_path / "site" / "datasets" / "index.html").exists()
