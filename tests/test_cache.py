"""The load cache: used when nothing changed, and never trusted when something did."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import registry
from registry import cache
from registry.cache import CachedFile

ROOT = Path(__file__).resolve().parent.parent
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


# Issue 15 item 5: a cache that is trusted when it should not be.


def _export_names(reg_dir: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "registry", "export", "--entries", str(reg_dir), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted(e["name"] for e in json.loads(out)["entries"])


def test_an_edit_that_keeps_size_and_modification_time_is_seen(reg_dir: Path) -> None:
    registry.load(reg_dir)
    vicuna = reg_dir / "models" / "vicuna.yaml"
    before = vicuna.stat()
    text = vicuna.read_text()
    assert "name: Vicuna\n" in text
    vicuna.write_text(text.replace("name: Vicuna\n", "name: Vicunb\n"))  # the same size
    os.utime(vicuna, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert vicuna.stat().st_size == before.st_size
    assert vicuna.stat().st_mtime_ns == before.st_mtime_ns
    assert registry.load(reg_dir).get("vicuna").name == "Vicunb"
    assert "Vicunb" in _export_names(reg_dir)


def test_a_file_changed_just_after_it_was_read_is_hashed_again(reg_dir: Path) -> None:
    """Racy stamps: an edit in the same clock tick as the read leaves every stat field as it
    was, so a file changed that shortly before being read is never trusted on its stamp."""
    registry.load(reg_dir)  # the files were copied just now: all of them are racy
    vicuna = reg_dir / "models" / "vicuna.yaml"
    stat = vicuna.stat()
    text = vicuna.read_text()
    vicuna.write_text(text.replace("name: Vicuna\n", "name: Vicunb\n"))
    os.utime(vicuna, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # Pretend the change time did not move either (as within one tick): only hashing sees it.
    stamps = cache._stamps_path(reg_dir, None)
    header, table = cache._read_checked(stamps)
    assert table["files"]["models/vicuna.yaml"][1] is None
    assert registry.load(reg_dir).get("vicuna").name == "Vicunb"


def _forge(path: Path, edit) -> None:
    """Edit a cache file's payload and recompute every checksum an attacker can compute."""
    head, _, payload = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    payload = edit(payload)
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    unsigned = {k: v for k, v in header.items() if k != "hmac"}
    guess = json.dumps(unsigned, sort_keys=True).encode() + b"\n" + payload
    header["hmac"] = hmac.new(b"\0" * 32, guess, hashlib.sha256).hexdigest()
    path.write_bytes(json.dumps(header).encode() + b"\n" + payload)


def test_a_forged_payload_is_refused_by_load_export_and_mkdocs(reg_dir: Path, tmp_path) -> None:
    registry.load(reg_dir)
    main, _ = cache.cache_paths(reg_dir)
    hostile = b"<script>alert(1)</script>"
    _forge(main, lambda p: p.replace(b'"name": "Vicuna"', b'"name": "' + hostile + b'"'))
    reg = registry.load(reg_dir)
    assert not cached(reg) and reg.get("vicuna").name == "Vicuna"
    _forge(main, lambda p: p.replace(b'"name": "Vicuna"', b'"name": "Vicunx"'))
    assert "Vicunx" not in _export_names(reg_dir)
    _forge(main, lambda p: p.replace(b'"name": "Vicuna"', b'"name": "Vicunx"'))
    from site_gen.build import build

    site = tmp_path / "site"
    env = {"LLM_REGISTRY_ENTRIES": str(reg_dir), "LLM_REGISTRY_GENERATED_DIR": str(tmp_path / "g")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    page = (site / "models" / "vicuna" / "index.html").read_text()
    assert "Vicunx" not in page and "Vicuna" in page
    assert build  # the CLI's build validates first; a plain `mkdocs build` loads the cache


def test_forged_stamps_cannot_hide_an_edit(reg_dir: Path) -> None:
    """The stamps file is signed too: claiming an edited file's new stat for its old hash
    does not make the cache serve the old data."""
    registry.load(reg_dir)
    vicuna = reg_dir / "models" / "vicuna.yaml"
    vicuna.write_text(vicuna.read_text().replace("name: Vicuna\n", "name: Vicunb\n"))
    stat = vicuna.stat()
    now = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]

    def claim(payload: bytes) -> bytes:
        table = json.loads(payload)
        table["files"]["models/vicuna.yaml"][1] = now
        return json.dumps(table).encode()

    _forge(cache._stamps_path(reg_dir, None), claim)
    assert registry.load(reg_dir).get("vicuna").name == "Vicunb"


def test_the_signing_key_lives_outside_the_registry_and_is_private(reg_dir: Path) -> None:
    registry.load(reg_dir)
    key = cache.key_path()
    assert key.exists() and key.stat().st_mode & 0o077 == 0
    main, _ = cache.cache_paths(reg_dir)
    assert reg_dir.parent not in key.parents and main.parent not in key.parents


def test_a_cache_signed_with_another_key_is_not_used(reg_dir: Path, tmp_path, monkeypatch) -> None:
    registry.load(reg_dir)
    assert cached(registry.load(reg_dir))
    monkeypatch.setenv(cache.KEY_ENV, str(tmp_path / "other.key"))
    assert not cached(registry.load(reg_dir))  # another user's (or machine's) cache


def test_the_cache_expires_with_any_module_that_decides_validity() -> None:
    """Every module validation imports from the package is hashed into the fingerprint."""
    import sys

    import registry.validation  # noqa: F401
    from registry.cache import code_files

    hashed = {p.name for p in code_files()}
    used = {
        Path(module.__file__).name
        for name, module in list(sys.modules.items())
        if name.startswith("registry.")
        and getattr(module, "__file__", None)
        and Path(module.__file__).parent == Path(registry.validation.__file__).parent
    }
    assert {"bounds.py", "urls.py", "weburl.py", "schema.py", "rules.py"} <= hashed
    assert used <= hashed, used - hashed
