"""``llm-registry import hf`` end to end against the local Hub server (tests/hubserver.py).

The importer talks to the server through ``huggingface_hub`` itself (HF_ENDPOINT points at it),
so these tests also prove that the server answers the way the client expects. An audit hook
refuses every connection beyond loopback while they run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hubserver
import pytest
import yaml

from registry.cli import main
from registry.hfimport import active_parameters

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    server = hubserver.start()
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with hubserver.loopback_only():
        yield server
    server.shutdown()


def _import(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, dict, str]:
    status = main(["import", "hf", *args, "--entries", str(MINI)])
    out, err = capsys.readouterr()
    return status, (yaml.safe_load(out) if status == 0 else {}), err


def test_a_llama_finetune_gets_its_base_dataset_size_and_release(hub, capsys) -> None:
    status, entry, err = _import(capsys, "allenai/Llama-3.1-Tulu-3-8B-SFT")
    assert status == 0, err
    assert entry["name"] == "Llama-3.1-Tulu-3-8B-SFT"
    assert entry["organizations"] == ["allenai"]
    assert str(entry["released"]) == "2024-11-21"  # the first commit, not the latest
    assert entry["parameters"] == ["8.03B"]  # 8,030,261,248 from the safetensors headers
    [edge] = entry["lineage"]
    assert edge["relation"] == "finetune"
    assert "meta-llama/Llama-3.1-8B" in edge["note"]
    assert edge["checkpoint"] == "Llama-3.1-8B"  # the base model's checkpoint, as published
    assert entry["trained_on"] == [{"dataset": "tulu-3-sft-mixture", "stage": "finetuning"}]
    assert entry["access"] == "open"
    # Unknown bases, datasets and organizations are listed, never invented as entries.
    assert "not in the registry: meta-llama/Llama-3.1-8B" in err
    assert "not in the registry: allenai/tulu-3-sft-mixture" in err
    assert "not in the registry: allenai;" in err
    # Every request went to the local server: info, README, commits, safetensors.
    paths = {path for _, path, _ in hub.state.hits}
    assert "/api/models/allenai/Llama-3.1-Tulu-3-8B-SFT" in paths
    assert "/api/models/allenai/Llama-3.1-Tulu-3-8B-SFT/commits/main" in paths
    assert any(p.endswith("/README.md") for p in paths)
    assert any(p.endswith("model-00004-of-00004.safetensors") for p in paths)


def test_the_licence_tag_is_translated(hub, capsys) -> None:
    status, entry, err = _import(capsys, "allenai/Llama-3.1-Tulu-3-8B-SFT")
    assert status == 0, err
    assert entry["license"] == "llama3.1"
    status, entry, err = _import(capsys, "Qwen/Qwen3-30B-A3B")
    assert entry["license"] == "Apache-2.0"
    repo = hub.state.repo("model", "Qwen/Qwen3-30B-A3B")
    repo.readme = repo.readme.replace(b"license: apache-2.0", b"license: made-up-1.0")
    repo.info["cardData"]["license"] = "made-up-1.0"
    status, entry, err = _import(capsys, "Qwen/Qwen3-30B-A3B")
    assert "license" not in entry  # unknown: named in the notes, never another licence
    assert "'made-up-1.0' is not one the registry knows" in entry["notes"]


def test_a_moe_model_gets_its_total_and_the_active_count_its_card_states(hub, capsys) -> None:
    status, entry, err = _import(capsys, "Qwen/Qwen3-30B-A3B")
    assert status == 0, err
    # The total from the safetensors headers, the active count as the card states it.
    assert entry["parameters"] == ["30.532B-A3.3B"]
    [edge] = entry["lineage"]
    assert edge["note"].endswith("Qwen/Qwen3-30B-A3B-Base")
    assert edge["checkpoint"] == "Qwen3-30B-A3B-Base" and edge["into"] == "Qwen3-30B-A3B"
    assert "size" not in edge  # "30B" read from the base's name would be a guess
    assert entry["checkpoints"] == [
        {
            "name": "Qwen3-30B-A3B",
            "size": "30.532B-A3.3B",
            "weights": "https://huggingface.co/Qwen/Qwen3-30B-A3B",
        }
    ]
    assert str(entry["released"]) == "2025-04-29"
    shards = {p for _, p, _ in hub.state.hits if p.endswith("-of-00016.safetensors")}
    assert len(shards) == 16


def test_active_parameters_are_never_guessed_from_the_name() -> None:
    assert active_parameters("# Qwen3-30B-A3B\nA mixture-of-experts model.") is None
    assert active_parameters("It has 12.9B active parameters per token.") == "12.9B"
    assert active_parameters("Activated parameters: 22B") == "22B"


def test_a_dataset(hub, capsys) -> None:
    status, entry, err = _import(capsys, "--dataset", "allenai/tulu-3-sft-mixture")
    assert status == 0, err
    assert entry["kind"] == "dataset"
    assert entry["name"] == "Tulu 3 SFT Mixture"
    assert entry["license"] == "ODC-By-1.0"  # the Hub's tag odc-by
    assert entry["links"] == {"data": "https://huggingface.co/datasets/allenai/tulu-3-sft-mixture"}
    assert str(entry["released"]) == "2024-11-21"
    assert "parameters" not in entry


def test_a_known_base_model_maps_onto_its_entry(hub, capsys) -> None:
    repo = hub.state.repo("model", "allenai/Llama-3.1-Tulu-3-8B-SFT")
    repo.readme = repo.readme.replace(b"meta-llama/Llama-3.1-8B", b"huggyllama/llama-7b")
    status, entry, err = _import(capsys, "allenai/Llama-3.1-Tulu-3-8B-SFT")
    assert status == 0, err
    assert entry["lineage"][0]["parent"] == "llama"
    assert "mapped huggyllama/llama-7b -> llama" in err


def test_drafts_written_to_a_folder_validate_once_their_references_exist(
    hub, capsys, tmp_path: Path
) -> None:
    status = main(
        ["import", "hf", "--dataset", "allenai/tulu-3-sft-mixture", "-o", str(tmp_path)]
        + ["--entries", str(MINI)]
    )
    capsys.readouterr()
    assert status == 0
    draft = tmp_path / "tulu-3-sft-mixture.yaml"
    text = draft.read_text()
    assert text.startswith("# yaml-language-server")
    data = yaml.safe_load(text)
    assert data["organizations"] == ["allenai"]


def test_missing_and_gated_repos_are_clear_errors(hub, capsys) -> None:
    status = main(["import", "hf", "nobody/nothing", "--entries", str(MINI)])
    err = capsys.readouterr().err
    assert status == 1
    assert "nobody/nothing: no such repo (or it is private)" in err
    assert "Traceback" not in err


def test_a_gated_repo_is_drafted_from_what_the_hub_shows(hub, capsys) -> None:
    hub.state.repo("model", "Qwen/Qwen3-30B-A3B").info["gated"] = "manual"
    status, entry, err = _import(capsys, "Qwen/Qwen3-30B-A3B")
    assert status == 0, err
    assert entry["access"] == "limited"
    assert "gated (manual)" in entry["notes"]
    # The headers are refused (401 GatedRepo): the size is the Hub's own safetensors total.
    assert entry["parameters"] == ["30.532B-A3.3B"]


def test_a_bad_repo_id_is_a_usage_error(capsys) -> None:
    assert main(["import", "hf", "../etc/passwd", "--entries", str(MINI)]) == 2
    assert "not a Hub repo id" in capsys.readouterr().err


def test_no_hub_is_a_clear_error_not_a_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on the discard port
    with hubserver.loopback_only():
        status = main(["import", "hf", "Qwen/Qwen3-30B-A3B", "--entries", str(MINI)])
    err = capsys.readouterr().err
    assert status == 1
    assert "Qwen/Qwen3-30B-A3B:" in err and "Traceback" not in err


def test_the_loopback_guard_refuses_other_addresses() -> None:
    import socket

    with hubserver.loopback_only(), pytest.raises(hubserver.NotLoopback):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)  # TEST-NET-1: never routed
    assert sys.audit  # the hook stays installed, inactive outside the block
