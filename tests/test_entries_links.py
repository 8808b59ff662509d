"""Relations between entries that different content batches made (issues 12 and 13).

Each batch could only link to entries already on main; these are the edges that waited for an
entry of another batch. Every one is stated by a primary source (model card, README, paper or
data summary) cited on the edge, so the walk checks the edge, its stage or checkpoints, that it
is documented with its source, and that the notes no longer say the edge is missing.
"""

from __future__ import annotations

import pytest

from registry.store import Registry

# (dataset, model, stage, the source cited on the edge)
TRAINED_ON = [
    ("redpajama-v1", "mpt-7b", "pretraining", "https://huggingface.co/mosaicml/mpt-7b"),
    ("the-stack", "mpt-7b", "pretraining", "https://huggingface.co/mosaicml/mpt-7b"),
    ("hh-rlhf", "mpt-7b", "instruction_tuning", "https://huggingface.co/mosaicml/mpt-7b"),
    ("redpajama-v1", "mpt-30b", "pretraining", "https://huggingface.co/mosaicml/mpt-30b"),
    ("the-stack", "mpt-30b", "pretraining", "https://huggingface.co/mosaicml/mpt-30b"),
    ("hh-rlhf", "stablelm-alpha", "instruction_tuning", "https://github.com/Stability-AI/StableLM"),
    ("redpajama-v1", "stablelm-alpha", "pretraining", "https://github.com/Stability-AI/StableLM"),
    ("redpajama-v1", "stablelm-3b-4e1t", "pretraining", "https://github.com/Stability-AI/StableLM"),
    ("redpajama-v1", "stablelm-2", "pretraining", "https://huggingface.co/stabilityai/stablelm-2-1_6b"),
    ("redpajama-v1", "openelm", "pretraining", "https://huggingface.co/apple/OpenELM"),
    ("dolma", "openelm", "pretraining", "https://huggingface.co/apple/OpenELM"),
    ("dclm-baseline", "dclm-7b", "pretraining", "https://huggingface.co/apple/DCLM-7B"),
    ("slimpajama", "mamba", "pretraining", "https://github.com/state-spaces/mamba"),
    ("fineweb-edu", "falcon-mamba", "pretraining", "https://huggingface.co/tiiuae/falcon-mamba-7b"),
    ("fineweb", "llama-nemotron", "other", "https://huggingface.co/nvidia/Llama-3_3-Nemotron-Super-49B-v1"),
    ("dolma", "llama-nemotron", "other", "https://huggingface.co/nvidia/Llama-3_3-Nemotron-Super-49B-v1"),
    ("tulu-v2-sft-mixture", "olmo", "instruction_tuning", "https://huggingface.co/allenai/OLMo-7B-Instruct"),
    ("ultrafeedback", "olmo", "alignment", "https://huggingface.co/allenai/OLMo-7B-Instruct"),
    ("the-stack", "starcoder", "continued_pretraining", "https://huggingface.co/bigcode/starcoder"),
    ("the-stack", "phi-1", "pretraining", "https://huggingface.co/microsoft/phi-1"),
    ("the-stack", "retnet", "pretraining", "https://arxiv.org/abs/2307.08621"),
    ("openhermes-2.5", "smollm", "instruction_tuning",
     "https://huggingface.co/HuggingFaceTB/SmolLM-1.7B-Instruct"),
]  # fmt: skip

# (model, dataset, the source cited on the edge): DeepSeek-R1 wrote the reasoning traces.
GENERATED_BY = [
    ("deepseek-r1", "openthoughts-114k", "https://github.com/open-thoughts/open-thoughts"),
    ("deepseek-r1", "bespoke-stratos-17k",
     "https://huggingface.co/datasets/bespokelabs/Bespoke-Stratos-17k/blob/main/README.md"),
    ("deepseek-r1", "openr1-math-220k", "https://github.com/huggingface/open-r1"),
    ("deepseek-r1", "mixture-of-thoughts", "https://github.com/huggingface/open-r1"),
]  # fmt: skip

# (parent, child, relation, parent's checkpoint, child's checkpoint)
LINEAGE = [
    ("qwen2", "molmo", "component", "Qwen2-72B", "Molmo-72B-0924"),
    ("qwen2", "molmo", "component", "Qwen2-7B", "Molmo-7B-D-0924"),
    ("whisper", "voxtral", "component", "whisper-large-v3", None),
    ("whisper", "qwen-audio", "component", "large-v2", "Qwen-Audio"),
    ("deepseek-r1", "phi-4-mini-reasoning", "distillation", None, "Phi-4-mini-reasoning"),
]

# OpenAI's API-served models: OpenAI's terms of use, as for the newer OpenAI entries.
OPENAI_API_MODELS = [
    "gpt-4", "gpt-3.5-turbo", "chatgpt", "gpt-3.5", "text-davinci-002", "text-davinci-003",
    "code-davinci-002",
]  # fmt: skip
OPENAI_TERMS_URL = "https://openai.com/policies/terms-of-use"

# Phrases the batches left in notes while the other entry was missing.
WAITING = (
    "no entry yet",
    "no entries yet",
    "left out until",
    "has no entry in the registry yet",
    "the registry has no whisper entry",
    "not recorded per checkpoint",
)
RESOLVED = sorted(
    {m for _, m, _, _ in TRAINED_ON}
    | {d for _, d, _ in GENERATED_BY}
    | {c for _, c, _, _, _ in LINEAGE}
)


@pytest.mark.parametrize(("dataset", "model", "stage", "url"), TRAINED_ON)
def test_trained_on_edge_is_exported_with_stage_and_source(
    exported: list[dict], dataset: str, model: str, stage: str, url: str
) -> None:
    found = [
        e
        for e in exported
        if (e["source"], e["target"], e["relation"]) == (dataset, model, "trained_on")
    ]
    assert found, f"{dataset} -> {model} (trained_on) is not in the export"
    assert {(e.get("stage"), e["evidence"], e.get("url")) for e in found} == {
        (stage, "documented", url)
    }


@pytest.mark.parametrize(("model", "dataset", "url"), GENERATED_BY)
def test_generated_by_edge_is_exported_documented(
    exported: list[dict], model: str, dataset: str, url: str
) -> None:
    found = [
        e
        for e in exported
        if (e["source"], e["target"], e["relation"]) == (model, dataset, "generated_by")
    ]
    assert [(e["evidence"], e.get("url")) for e in found] == [("documented", url)]


@pytest.mark.parametrize(("parent", "child", "relation", "checkpoint", "into"), LINEAGE)
def test_lineage_edge_names_its_checkpoints(
    exported: list[dict],
    parent: str,
    child: str,
    relation: str,
    checkpoint: str | None,
    into: str | None,
) -> None:
    edges = {
        (e["source"], e["target"], e["relation"], e.get("checkpoint"), e.get("into"), e["evidence"])
        for e in exported
    }
    assert (parent, child, relation, checkpoint, into, "documented") in edges


def test_openai_api_models_use_openai_terms_with_the_terms_as_source(reg: Registry) -> None:
    for model_id in OPENAI_API_MODELS:
        model = reg.get(model_id)
        assert model.access == "api", model_id
        assert model.license == "openai-terms", model_id
        assert any(
            str(s.url) == OPENAI_TERMS_URL and "license" in s.supports for s in model.sources
        ), f"{model_id} does not cite the terms of use for its licence"


@pytest.mark.parametrize("entry_id", RESOLVED)
def test_notes_no_longer_wait_for_the_linked_entries(reg: Registry, entry_id: str) -> None:
    notes = (reg.get(entry_id).notes or "").lower()
    assert not [p for p in WAITING if p in notes], f"{entry_id}: {notes}"
