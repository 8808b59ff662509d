"""Content checks over the Google/DeepMind and Microsoft entries of 2023-2026 (issue 12, batch 2).

The walk proves the promise of the issue for these lines: every model dated, attributed and
sourced, every open-weight model with its sizes and licence, closed Gemini models without sizes
Google never stated; every line's name and its published checkpoint names find the entry; and
the relations the labs document are edges in the export, down to the checkpoints they name.
"""

from __future__ import annotations

from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.store import Registry

GOOGLE = [
    "palm-2", "gemini-1.0", "gemini-1.5", "gemini-2.0", "gemini-2.5", "gemini-3", "gemini-3.1",
    "gemma", "gemma-2", "gemma-3", "gemma-3n", "gemma-4", "codegemma", "paligemma",
    "paligemma-2", "recurrentgemma", "shieldgemma", "shieldgemma-2", "siglip", "embeddinggemma",
]  # fmt: skip
MICROSOFT = [
    "phi-1", "phi-1.5", "phi-2", "phi-3", "phi-3.5", "phi-4", "phi-4-mini", "phi-4-multimodal",
    "phi-4-reasoning", "phi-4-mini-reasoning", "orca-2", "wizardlm",
]  # fmt: skip
BATCH = GOOGLE + MICROSOFT

# The only API-only entry with sizes: the Gemini 1.0 report states Nano-1 (1.8B) and Nano-2 (3.25B).
SIZES_STATED_BY_THE_LAB = {"gemini-1.0"}

# The names issue 12 lists for these labs, and the published checkpoint names people search for.
NAMES = {
    "PaLM 2": "palm-2", "Gemini 1.0": "gemini-1.0", "Gemini Ultra": "gemini-1.0",
    "Gemini 1.5 Pro": "gemini-1.5", "Gemini 1.5 Flash": "gemini-1.5",
    "Gemini 2.0 Flash": "gemini-2.0", "Gemini 2.5 Pro": "gemini-2.5",
    "Gemini 2.5 Flash-Lite": "gemini-2.5", "Gemini 3 Pro": "gemini-3",
    "Gemini 3.1 Pro": "gemini-3.1",
    "Gemma": "gemma", "Gemma 2": "gemma-2", "Gemma 3": "gemma-3", "Gemma 3n": "gemma-3n",
    "Gemma 4": "gemma-4", "CodeGemma": "codegemma", "PaliGemma": "paligemma",
    "PaliGemma 2": "paligemma-2", "RecurrentGemma": "recurrentgemma",
    "ShieldGemma": "shieldgemma", "ShieldGemma 2": "shieldgemma-2", "SigLIP": "siglip",
    "EmbeddingGemma": "embeddinggemma",
    "Phi-1": "phi-1", "Phi-1.5": "phi-1.5", "Phi-2": "phi-2", "Phi-3": "phi-3",
    "Phi-3.5-MoE": "phi-3.5", "Phi-4": "phi-4", "Phi-4-mini": "phi-4-mini",
    "Phi-4-multimodal": "phi-4-multimodal", "Phi-4-reasoning": "phi-4-reasoning",
    "Phi-4-reasoning-plus": "phi-4-reasoning", "Phi-4-mini-reasoning": "phi-4-mini-reasoning",
    "Orca 2": "orca-2", "WizardLM": "wizardlm",
    "gemma-2-9b-it": "gemma-2", "gemma-3-27b-it": "gemma-3", "codegemma-7b-it": "codegemma",
    "paligemma-3b-mix-224": "paligemma", "gemini-2.5-pro": "gemini-2.5",
    "gemini-3-pro-preview": "gemini-3", "Phi-3-mini-128k-instruct": "phi-3",
    "Phi-3.5-MoE-instruct": "phi-3.5", "Orca-2-13b": "orca-2", "WizardLM-70B-V1.0": "wizardlm",
}  # fmt: skip

# Relations the labs' papers, cards or announcements state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("palm", "palm-2", "successor"),
    ("gemini-1.0", "gemini-1.5", "successor"),
    ("gemini-1.5", "gemini-2.0", "successor"),
    ("gemini-2.0", "gemini-2.5", "successor"),
    ("gemini-2.5", "gemini-3", "successor"),
    ("gemini-3", "gemini-3.1", "successor"),
    ("gemma", "gemma-2", "successor"),
    ("gemma-2", "gemma-3", "successor"),
    ("gemma-3", "gemma-4", "successor"),
    ("gemma", "codegemma", "continued_pretraining"),
    ("siglip", "paligemma", "component"),
    ("gemma", "paligemma", "component"),
    ("paligemma", "paligemma-2", "successor"),
    ("siglip", "paligemma-2", "component"),
    ("gemma-2", "paligemma-2", "component"),
    ("siglip", "gemma-3", "component"),
    ("gemma-2", "shieldgemma", "finetune"),
    ("gemma-3", "shieldgemma-2", "finetune"),
    ("gemma-3", "embeddinggemma", "finetune"),
    ("gpt-3.5-turbo", "phi-1", "distillation"),
    ("phi-1", "phi-1.5", "successor"),
    ("phi-1.5", "phi-2", "successor"),
    ("phi-2", "phi-3", "successor"),
    ("phi-3", "phi-3.5", "successor"),
    ("phi-3", "phi-4", "successor"),
    ("phi-4", "phi-4-reasoning", "finetune"),
    ("phi-4-mini", "phi-4-multimodal", "adapter"),
    ("llama-2", "orca-2", "finetune"),
    ("llama", "wizardlm", "finetune"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("gemma", "codegemma", "gemma-2b", "codegemma-2b"),
    ("gemma", "codegemma", "gemma-7b", "codegemma-7b"),
    ("gemma-2", "paligemma-2", "gemma-2-27b", "paligemma2-28b-pt-224"),
    ("gemma-3", "shieldgemma-2", "gemma-3-4b-it", "shieldgemma-2-4b-it"),
    ("phi-4", "phi-4-reasoning", "phi-4", "Phi-4-reasoning"),
]


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert not problems, "\n".join(problems)


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    missing = without_sizes_or_licence(open_models)
    assert len(open_models) == 25
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_api_only_models_state_no_size_the_lab_did_not(reg: Registry) -> None:
    api_models = [reg.get(i) for i in BATCH if reg.get(i).access == "api"]
    sized = {m.id for m in api_models if m.parameters}
    assert len(api_models) == 7
    assert sized == SIZES_STATED_BY_THE_LAB, f"API-only models with a size: {sized}"
    assert all(m.license == "google-terms" for m in api_models)


def test_gemma_terms_cover_gemma_1_to_3_and_not_gemma_4(reg: Registry) -> None:
    gemma_terms = {i for i in GOOGLE if reg.get(i).license == "gemma"}
    assert {"gemma", "gemma-2", "gemma-3", "codegemma", "paligemma-2"} <= gemma_terms
    assert reg.get("gemma-4").license == "Apache-2.0"


def test_phi_3_5_moe_is_recorded_with_its_active_parameters(reg: Registry) -> None:
    moe = reg.get("phi-3.5").checkpoint("Phi-3.5-MoE-instruct")
    assert moe is not None and moe.size is not None
    assert (int(moe.size), moe.size.active) == (42_000_000_000, 6_600_000_000)


def test_edges_nobody_primary_states_are_not_marked_documented(exported: list[dict]) -> None:
    """Gemini replacing PaLM 2 and GPT-4 teaching Orca 2 are not stated by a source read here."""
    levels = {(e["source"], e["target"]): e["evidence"] for e in exported}
    assert levels[("palm-2", "gemini-1.0")] == "inferred"
    assert levels[("gpt-4", "orca-2")] == "inferred"
    assert levels[("gpt-3.5-turbo", "wizardlm")] == "secondary"


(
    test_name_or_checkpoint_finds_the_entry,
    test_documented_relations_are_edges_in_the_export,
    test_edges_name_the_checkpoints_their_sources_name,
) = lineage_tests(NAMES, DOCUMENTED_EDGES, CHECKPOINT_EDGES)
