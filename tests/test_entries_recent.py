"""Content checks over the 2025-2026 releases that bring the lab lines to the present (issue 13).

The batch extends Google's Gemini and Gemma lines past Gemini 3.1 and Gemma 4, DeepSeek's line
from V2.5 to V4, Qwen past Qwen3.5, Microsoft's Phi-4 line, Mistral AI's 2026 releases and Meta's
first model after Llama 4. The walk proves the promise of the issue for them: every model dated,
attributed and sourced; every open-weight model with its sizes and licence; API-only models without
sizes their labs never stated; every line's name and its published checkpoint names find the
entry; and the relations the labs document are edges in the export, down to named checkpoints.
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
    "gemini-3.5", "gemini-3.6", "gemini-3.7", "gemini-3.8",
    "diffusiongemma", "translategemma", "functiongemma",
]  # fmt: skip
DEEPSEEK = [
    "deepseek-v2.5", "deepseek-v3.1", "deepseek-v3.2", "deepseek-r1-0528",
    "deepseek-r1-0528-qwen3-8b", "deepseek-v4", "deepseek-ocr-2",
]  # fmt: skip
QWEN = ["qwen3.6", "qwen3.8"]
MICROSOFT = ["phi-4-mini-flash-reasoning"]
MISTRAL = ["leanstral", "voxtral-tts", "voxtral-realtime"]
META = ["muse-spark"]
BATCH = GOOGLE + DEEPSEEK + QWEN + MICROSOFT + MISTRAL + META

API_ONLY = {"gemini-3.5", "gemini-3.6", "gemini-3.7", "gemini-3.8", "muse-spark"}

# The names people search for: the lines' names and the published checkpoint names.
NAMES = {
    "Gemini 3.5 Flash": "gemini-3.5", "gemini-3.5-flash-lite": "gemini-3.5",
    "Gemini 3.6 Flash": "gemini-3.6", "gemini-3.7-flash": "gemini-3.7",
    "Gemini 3.8 Flash": "gemini-3.8", "gemini-3.1-flash-lite": "gemini-3.1",
    "DiffusionGemma": "diffusiongemma", "diffusiongemma-26B-A4B-it": "diffusiongemma",
    "TranslateGemma": "translategemma", "translategemma-27b-it": "translategemma",
    "FunctionGemma": "functiongemma", "functiongemma-270m-it": "functiongemma",
    "DeepSeek-V2.5": "deepseek-v2.5", "DeepSeek-V3.1": "deepseek-v3.1",
    "DeepSeek-V3.1-Base": "deepseek-v3.1", "DeepSeek-V3.1-Terminus": "deepseek-v3.1",
    "DeepSeek-V3.2": "deepseek-v3.2", "DeepSeek-V3.2-Speciale": "deepseek-v3.2",
    "DeepSeek-R1-0528": "deepseek-r1-0528",
    "DeepSeek-R1-0528-Qwen3-8B": "deepseek-r1-0528-qwen3-8b",
    "DeepSeek-V4": "deepseek-v4", "DeepSeek-V4-Pro": "deepseek-v4",
    "DeepSeek-V4-Flash": "deepseek-v4", "DeepSeek-V4-Pro-Base": "deepseek-v4",
    "DeepSeek-V4-Flash-0731": "deepseek-v4", "DeepSeek-OCR 2": "deepseek-ocr-2",
    "DeepSeek-OCR-2": "deepseek-ocr-2",
    "Qwen3.6": "qwen3.6", "Qwen3.6-35B-A3B": "qwen3.6", "Qwen3.6-27B": "qwen3.6",
    "Qwen3.8": "qwen3.8", "Qwen3.8-2.4T-A95B": "qwen3.8", "Qwen3.8-27B": "qwen3.8",
    "Phi-4-mini-flash-reasoning": "phi-4-mini-flash-reasoning",
    "Leanstral": "leanstral", "Voxtral TTS": "voxtral-tts",
    "Voxtral-4B-TTS-2603": "voxtral-tts",
    "Voxtral-Mini-4B-Realtime-2602": "voxtral-realtime",
    "Muse Spark": "muse-spark", "muse-spark-1.3": "muse-spark",
}  # fmt: skip

# Relations the labs' cards, READMEs, papers or documentation state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("gemini-3.1", "gemini-3.5", "successor"),
    ("gemini-3.5", "gemini-3.6", "successor"),
    ("gemini-3.6", "gemini-3.7", "successor"),
    ("gemini-3.7", "gemini-3.8", "successor"),
    ("gemma-3", "translategemma", "finetune"),
    ("gemma-3", "functiongemma", "finetune"),
    ("deepseek-v2", "deepseek-v2.5", "successor"),
    ("deepseek-coder-v2", "deepseek-v2.5", "successor"),
    ("deepseek-r1", "deepseek-r1-0528", "successor"),
    ("qwen3", "deepseek-r1-0528-qwen3-8b", "finetune"),
    ("deepseek-r1-0528", "deepseek-r1-0528-qwen3-8b", "distillation"),
    ("deepseek-v3", "deepseek-v3.1", "continued_pretraining"),
    ("deepseek-r1-0528", "deepseek-v3.1", "successor"),
    ("deepseek-v3.2-exp", "deepseek-v3.2", "finetune"),
    ("deepseek-v3.2", "deepseek-v4", "successor"),
    ("deepseek-ocr", "deepseek-ocr-2", "successor"),
    ("qwen3.5", "qwen3.6", "successor"),
    ("qwen3.6", "qwen3.8", "successor"),
    ("deepseek-r1", "phi-4-mini-flash-reasoning", "distillation"),
    ("phi-4-mini-reasoning", "phi-4-mini-flash-reasoning", "successor"),
    ("ministral-3", "voxtral-realtime", "finetune"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("qwen3", "deepseek-r1-0528-qwen3-8b", "Qwen3-8B", "DeepSeek-R1-0528-Qwen3-8B"),
    ("deepseek-r1-0528", "deepseek-r1-0528-qwen3-8b",
     "DeepSeek-R1-0528", "DeepSeek-R1-0528-Qwen3-8B"),
    ("deepseek-v3", "deepseek-v3.1", "DeepSeek-V3-Base", "DeepSeek-V3.1-Base"),
    ("deepseek-v3.2-exp", "deepseek-v3.2", "DeepSeek-V3.2-Exp-Base", "DeepSeek-V3.2"),
    ("ministral-3", "voxtral-realtime",
     "Ministral-3-3B-Base-2512", "Voxtral-Mini-4B-Realtime-2602"),
]  # fmt: skip


def test_the_batch_brings_at_least_twenty_new_models(reg: Registry) -> None:
    assert len(set(BATCH)) == len(BATCH) >= 20
    assert all(reg.get(i) is not None for i in BATCH)


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert not problems, "\n".join(problems)


def test_every_release_of_the_batch_is_from_2025_or_later_but_v2_5(reg: Registry) -> None:
    early = {i for i in BATCH if str(reg.get(i).released) < "2025"}
    assert early == {"deepseek-v2.5"}


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    missing = without_sizes_or_licence(open_models)
    assert {m.id for m in open_models} == set(BATCH) - API_ONLY
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_api_only_models_state_no_size(reg: Registry) -> None:
    api_models = [reg.get(i) for i in BATCH if reg.get(i).access == "api"]
    assert {m.id for m in api_models} == API_ONLY
    sized = [m.id for m in api_models if m.parameters]
    assert not sized, f"API-only models with a size no lab stated: {sized}"
    assert {m.license for m in api_models} == {"google-terms", "proprietary"}


def test_mixture_of_experts_sizes_keep_their_active_parameters(reg: Registry) -> None:
    pro = reg.get("deepseek-v4").checkpoint("DeepSeek-V4-Pro")
    flash = reg.get("deepseek-v4").checkpoint("DeepSeek-V4-Flash")
    big_qwen = reg.get("qwen3.8").checkpoint("Qwen3.8-2.4T-A95B")
    assert (int(pro.size), pro.size.active) == (1_600_000_000_000, 49_000_000_000)
    assert (int(flash.size), flash.size.active) == (284_000_000_000, 13_000_000_000)
    assert (int(big_qwen.size), big_qwen.size.active) == (2_400_000_000_000, 95_000_000_000)


def test_licences_follow_the_cards(reg: Registry) -> None:
    licences = {i: reg.get(i).license for i in BATCH}
    assert {i for i, lic in licences.items() if lic == "MIT"} == {
        "deepseek-v3.1", "deepseek-v3.2", "deepseek-r1-0528", "deepseek-r1-0528-qwen3-8b",
        "deepseek-v4", "phi-4-mini-flash-reasoning",
    }  # fmt: skip
    assert licences["deepseek-v2.5"] == "deepseek"
    assert licences["translategemma"] == licences["functiongemma"] == "gemma"
    assert licences["diffusiongemma"] == "Apache-2.0"
    assert licences["voxtral-tts"] == "CC-BY-NC-4.0"


def test_edges_nobody_primary_states_are_not_marked_documented(exported: list[dict]) -> None:
    """Cards that say "based on" or "part of the family" do not state a weight parent."""
    levels = {(e["source"], e["target"]): e["evidence"] for e in exported}
    assert levels[("gemma-4", "diffusiongemma")] == "inferred"
    assert levels[("mistral-small-4", "leanstral")] == "inferred"
    assert levels[("qwen2", "deepseek-ocr-2")] == "secondary"
    assert levels[("deepseek-v3.2", "deepseek-v4")] == "documented"


def test_the_llama_line_is_not_continued_by_muse(exported: list[dict]) -> None:
    """Meta presents Muse as a new series; no source read makes it Llama 4's successor."""
    parents = {e["source"] for e in exported if e["target"] == "muse-spark"}
    assert not parents & {"llama-4", "llama-4-behemoth"}


(
    test_name_or_checkpoint_finds_the_entry,
    test_documented_relations_are_edges_in_the_export,
    test_edges_name_the_checkpoints_their_sources_name,
) = lineage_tests(NAMES, DOCUMENTED_EDGES, CHECKPOINT_EDGES)
