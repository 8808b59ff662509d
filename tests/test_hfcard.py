"""``llm-registry import hf-card``: drafts from model-card metadata that validate once their
references exist. The cards are written here; nothing is fetched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry import validate
from registry.cli import main

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

CARDS = {
    "adapter": """---
license: cc-by-nc-4.0
base_model: huggyllama/llama-7b
base_model_relation: adapter
datasets: [tatsu-lab/alpaca]
language: [en]
pipeline_tag: text-generation
library_name: peft
---
# Alpaca LoRA Test

A LoRA adapter.
""",
    "merge": """---
license: other
license_name: llama-license
base_model:
  - lmsys/vicuna-7b-delta-v0
  - huggyllama/llama-7b
base_model_relation: merge
---
# Vicuna Llama Merge
""",
    "quantized": """---
base_model: lmsys/vicuna-13b-delta-v0
base_model_relation: quantized
tags: [gptq, 4-bit]
model_name: Vicuna 13B GPTQ Test
---
""",
    "finetune": """---
license: mit
base_model: EleutherAI/gpt-j-6b
base_model_relation: finetune
datasets:
  - EleutherAI/pile
language: [en, zh, fr]
pipeline_tag: text-generation
---
# GPT-J Tuned Test
""",
    "unknown": """---
license: apache-2.0
base_model: mistralai/Mistral-7B-v0.1
tags: [lora]
---
# Mistral LoRA Test
""",
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "entries")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import(repo: Path, name: str, *extra: str) -> tuple[Path, str]:
    card = repo / f"{name}.md"
    card.write_text(CARDS[name])
    out = repo / f"{name}.draft.yaml"
    assert main(["import", "hf-card", str(card), "-o", str(out), *extra]) == 0
    return out, out.read_text()


def _place(repo: Path, draft: Path) -> tuple[Path, object]:
    """Save a draft where the contributor would, then validate the whole registry."""
    report = validate([repo / "entries"])
    entry_id = next(
        line.split(": ", 1)[1] for line in draft.read_text().splitlines() if line.startswith("id: ")
    )
    target = repo / "entries" / "models" / f"{entry_id}.yaml"
    shutil.copy(draft, target)
    report = validate([repo / "entries"])
    return target, report


def test_adapter_card(repo: Path, capsys) -> None:
    draft, _ = _import(repo, "adapter", "--hub-id", "someone/alpaca-lora-test")
    target, report = _place(repo, draft)
    assert report.errors == []
    entry = report.registry.get("alpaca-lora-test")
    assert entry.name == "Alpaca LoRA Test"
    assert [(e.parent, e.relation, e.size) for e in entry.lineage] == [
        ("llama", "adapter", 7_000_000_000)
    ]
    assert [t.dataset for t in entry.trained_on] == ["alpaca-data"]
    assert entry.license == "CC-BY-NC-4.0" and entry.modalities == ["text"]
    assert entry.links.model_card == "https://huggingface.co/someone/alpaca-lora-test"
    assert entry.sources[0].url == entry.links.model_card
    assert "mapped huggyllama/llama-7b -> llama" in capsys.readouterr().err


def test_merge_card_has_one_edge_per_parent(repo: Path) -> None:
    draft, _ = _import(repo, "merge")
    _, report = _place(repo, draft)
    assert report.errors == []
    entry = report.registry.get("vicuna-llama-merge")
    assert sorted((e.parent, e.relation) for e in entry.lineage) == [
        ("llama", "merge"),
        ("vicuna", "merge"),
    ]
    assert entry.license == "llama-license"


def test_quantized_card(repo: Path) -> None:
    draft, _ = _import(repo, "quantized")
    _, report = _place(repo, draft)
    assert report.errors == []
    entry = report.registry.get("vicuna-13b-gptq-test")
    assert [(e.parent, e.relation, e.size) for e in entry.lineage] == [
        ("vicuna", "quantized", 13_000_000_000)
    ]


def test_finetune_card_maps_datasets_and_languages(repo: Path) -> None:
    draft, text = _import(repo, "finetune")
    _, report = _place(repo, draft)
    assert report.errors == []
    entry = report.registry.get("gpt-j-tuned-test")
    assert [(e.parent, e.relation) for e in entry.lineage] == [("gpt-j", "finetune")]
    assert [(t.dataset, t.stage) for t in entry.trained_on] == [("the-pile", "finetuning")]
    assert entry.domains == ["multilingual"] and "en, zh, fr" in entry.notes


def test_unknown_base_model_is_listed_and_the_draft_validates_once_it_exists(repo, capsys):
    draft, text = _import(repo, "unknown")
    err = capsys.readouterr().err
    assert "not in the registry: mistralai/Mistral-7B-v0.1" in err
    assert "'mistral-v0.1'" in err
    assert "relation: adapter" in text  # read from the tags: the card gives no relation
    assert "no base_model_relation" in text
    target, report = _place(repo, draft)
    assert [f.code for f in report.errors] == ["R003"]
    assert "mistral-v0.1" in report.errors[0].message
    assert main(["new", "model", "Mistral v0.1", "--no-input"]) == 0
    assert validate([repo / "entries"]).errors == []


def test_stdout_and_card_errors(repo: Path, capsys) -> None:
    card = repo / "card.md"
    card.write_text(CARDS["merge"])
    assert main(["import", "hf-card", str(card)]) == 0
    assert capsys.readouterr().out.startswith("# yaml-language-server: $schema=")
    card.write_text("no front matter here\n")
    assert main(["import", "hf-card", str(card)]) == 1
    assert "no metadata block" in capsys.readouterr().err
    card.write_text("---\nbase_model: [a\n---\n")
    assert main(["import", "hf-card", str(card)]) == 1
    err = capsys.readouterr().err
    assert f"{card}:3:" in err and "Traceback" not in err
    assert main(["import", "hf-card", str(repo / "missing.md")]) == 2
