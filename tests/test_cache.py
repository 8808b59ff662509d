"""The load cache: used when nothing changed, and never trusted when something did."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import registry
from registry import cache
from registry.cache import CachedFile

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def reg_dir(tmp_path: Path) -> Path:
    root = tmp_path / "entries"
    shutil.copytree(MINI, root)
    return root


def cached(reg: registry.Registry) -> bool:
    return all(isinstance(f, CachedFile) for f in reg.files.values())


def test_second_load_comes_from_the_cache(reg_dir: Path) -> None:
    first = registry.load(reg_dir)
    assert not cached(first)
    main, positions = cache.cache_paths(reg_dir)
    assert main.exists() and positions.exists()
    second = registry.load(reg_dir)
    assert cached(second)
    assert second.get("alpaca").lineage[0].size == 7_000_000_000
    assert second.lineage.path("llama", "llava") == ["llama", "vicuna", "llava"]
    assert second.position("alpaca", ("lineage", 0, "parent")) == first.position(
        "alpaca", ("lineage", 0, "parent")
    )
    assert second.find("Colossal Clean Crawled Corpus").id == "c4"


def test_changed_file_is_reloaded(reg_dir: Path) -> None:
    registry.load(reg_dir)
    vicuna = reg_dir / "models" / "vicuna.yaml"
    vicuna.write_text(vicuna.read_text().replace("name: Vicuna", "name: Vicuna-v0"))
    reg = registry.load(reg_dir)
    assert not cached(reg)
    assert reg.get("vicuna").name == "Vicuna-v0"


def test_touched_but_unchanged_file_keeps_the_cache(reg_dir: Path) -> None:
    registry.load(reg_dir)
    os.utime(reg_dir / "models" / "llama.yaml", ns=(1, 1))
    assert cached(registry.load(reg_dir))


def test_added_and_removed_files_invalidate(reg_dir: Path) -> None:
    registry.load(reg_dir)
    (reg_dir / "libraries" / "deepspeed.yaml").rename(reg_dir / "deepspeed.yaml.bak")
    with pytest.raises(registry.InvalidRegistryError):  # vicuna names deepspeed
        registry.load(reg_dir)
    (reg_dir / "deepspeed.yaml.bak").rename(reg_dir / "libraries" / "deepspeed.yaml")
    assert cached(registry.load(reg_dir))  # the same files as when the cache was written
    (reg_dir / "organizations" / "acme.yaml").write_text(
        "id: acme\nkind: organization\nname: Acme\nsources: [https://example.org/]\n"
    )
    reg = registry.load(reg_dir)
    assert not cached(reg) and "acme" in reg


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b'"llama"', b'"llamb"', 1),  # payload edited: checksum fails
        lambda raw: b"not json at all",
        lambda raw: b"",
    ],
    ids=["truncated", "edited", "garbage", "empty"],
)
def test_corrupt_cache_is_rebuilt(reg_dir: Path, damage) -> None:
    registry.load(reg_dir)
    main, _ = cache.cache_paths(reg_dir)
    main.write_bytes(damage(main.read_bytes()))
    reg = registry.load(reg_dir)
    assert not cached(reg)
    assert "llama" in reg
    assert cached(registry.load(reg_dir))  # and written again


def test_cache_of_other_code_is_stale(reg_dir: Path) -> None:
    registry.load(reg_dir)
    main, _ = cache.cache_paths(reg_dir)
    head, _, payload = main.read_bytes().partition(b"\n")
    header = json.loads(head)
    header["fingerprint"] = "0" * 64
    main.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert not cached(registry.load(reg_dir))


def test_no_cache_option(reg_dir: Path) -> None:
    registry.load(reg_dir, cache=False)
    assert not cache.cache_paths(reg_dir)[0].exists()


def test_a_clean_validation_warms_the_cache_for_the_next_load(reg_dir: Path) -> None:
    from registry.loading import validate_folder

    assert validate_folder(reg_dir).errors == []
    assert cached(registry.load(reg_dir))  # what `llm-registry build` relies on
