"""Content checks over the Alibaba Qwen and DeepSeek entries (issue 13, the c-qwen batch).

The walk proves the promise of the issue for these lines: every model dated, attributed and
sourced, every open-weight model with its sizes and licence (per checkpoint where Qwen's licences
differ by size), mixture-of-experts sizes with their active counts; every line's name and its
published checkpoint names find the entry; and the relations the labs document are edges in the
export, down to the checkpoints they name, including both parents of each DeepSeek-R1 distillation.
"""

from __future__ import annotations

import pytest
from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.store import Registry

QWEN = [
    "qwen",
    "qwen-vl",
    "qwen-audio",
    "qwen1.5",
    "codeqwen1.5",
    "qwen2",
    "qwen2-math",
    "qwen2-vl",
    "qwen2-audio",
    "qwen2.5",
    "qwen2.5-coder",
    "qwen2.5-math",
    "qwen2.5-vl",
    "qwen2.5-omni",
    "qwen2.5-1m",
    "qwq-32b-preview",
    "qwq-32b",
    "qwen3",
    "qwen3-2507",
    "qwen3-coder",
    "qwen3-embedding",
    "qwen3-next",
    "qwen3-vl",
    "qwen3-omni",
    "qwen3.5",
]
DEEPSEEK = [
    "deepseek-llm",
    "deepseek-coder",
    "deepseekmoe",
    "deepseekmath",
    "deepseek-vl",
    "deepseek-v2",
    "deepseek-coder-v2",
    "deepseek-prover-v1.5",
    "janus",
    "deepseek-vl2",
    "deepseek-v3",
    "deepseek-r1-zero",
    "deepseek-r1",
    "deepseek-r1-distill-qwen-1.5b",
    "deepseek-r1-distill-qwen-7b",
    "deepseek-r1-distill-qwen-14b",
    "deepseek-r1-distill-qwen-32b",
    "deepseek-r1-distill-llama-8b",
    "deepseek-r1-distill-llama-70b",
    "janus-pro",
    "deepseek-prover-v2",
    "deepseek-v3.2-exp",
    "deepseek-ocr",
    "deepseekmath-v2",
]
BATCH = QWEN + DEEPSEEK

# Entries whose sources give no parameter count (the size is left out, not guessed).
SIZE_NOT_STATED = {"deepseek-ocr", "deepseek-v3.2-exp", "deepseekmath-v2"}

# The names issue 13 lists for these labs, and the published checkpoint names people search for.
NAMES = {
    "Qwen": "qwen",
    "Qwen-72B": "qwen",
    "Qwen-1_8B-Chat": "qwen",
    "Qwen-VL": "qwen-vl",
    "Qwen-VL-Chat": "qwen-vl",
    "Qwen-Audio": "qwen-audio",
    "Qwen1.5": "qwen1.5",
    "Qwen1.5-MoE-A2.7B": "qwen1.5",
    "Qwen2": "qwen2",
    "Qwen2-57B-A14B": "qwen2",
    "Qwen2-72B-Instruct": "qwen2",
    "Qwen2-Math": "qwen2-math",
    "Qwen2-VL": "qwen2-vl",
    "Qwen2-VL-72B-Instruct": "qwen2-vl",
    "Qwen2-Audio": "qwen2-audio",
    "Qwen2-Audio-7B-Instruct": "qwen2-audio",
    "Qwen2.5": "qwen2.5",
    "Qwen2.5-7B-Instruct": "qwen2.5",
    "Qwen2.5-14B": "qwen2.5",
    "Qwen2.5-32B": "qwen2.5",
    "Qwen2.5-Coder": "qwen2.5-coder",
    "Qwen2.5-Coder-32B-Instruct": "qwen2.5-coder",
    "Qwen2.5-Math": "qwen2.5-math",
    "Qwen2.5-Math-1.5B": "qwen2.5-math",
    "Qwen2.5-Math-7B": "qwen2.5-math",
    "Qwen2.5-VL": "qwen2.5-vl",
    "Qwen2.5-VL-72B-Instruct": "qwen2.5-vl",
    "Qwen2.5-Omni": "qwen2.5-omni",
    "Qwen2.5-Omni-7B": "qwen2.5-omni",
    "QwQ-32B": "qwq-32b",
    "Qwen3-Omni": "qwen3-omni",
    "Qwen3-Omni-30B-A3B-Thinking": "qwen3-omni",
    "Qwen2.5-1M": "qwen2.5-1m",
    "Qwen2.5-14B-Instruct-1M": "qwen2.5-1m",
    "CodeQwen1.5": "codeqwen1.5",
    "CodeQwen1.5-7B-Chat": "codeqwen1.5",
    "QwQ-32B-Preview": "qwq-32b-preview",
    "Qwen2.5-32B-Instruct": "qwen2.5",
    "DeepSeek-V3-0324": "deepseek-v3",
    "Qwen3": "qwen3",
    "Qwen3-235B-A22B": "qwen3",
    "Qwen3-30B-A3B": "qwen3",
    "Qwen3-8B": "qwen3",
    "Qwen3-2507": "qwen3-2507",
    "Qwen3-235B-A22B-Instruct-2507": "qwen3-2507",
    "Qwen3-30B-A3B-Thinking-2507": "qwen3-2507",
    "Qwen3-Coder": "qwen3-coder",
    "Qwen3-Coder-480B-A35B-Instruct": "qwen3-coder",
    "Qwen3-Next": "qwen3-next",
    "Qwen3-VL": "qwen3-vl",
    "Qwen3-VL-235B-A22B-Thinking": "qwen3-vl",
    "Qwen3-Embedding-8B": "qwen3-embedding",
    "Qwen3.5": "qwen3.5",
    "Qwen3.5-397B-A17B": "qwen3.5",
    "DeepSeek LLM": "deepseek-llm",
    "deepseek-llm-67b-chat": "deepseek-llm",
    "DeepSeek-Coder": "deepseek-coder",
    "deepseek-coder-33b-instruct": "deepseek-coder",
    "DeepSeekMoE": "deepseekmoe",
    "DeepSeekMath": "deepseekmath",
    "deepseek-math-7b-rl": "deepseekmath",
    "DeepSeek-VL": "deepseek-vl",
    "DeepSeek-V2": "deepseek-v2",
    "DeepSeek-V2-Lite": "deepseek-v2",
    "DeepSeek-Coder-V2": "deepseek-coder-v2",
    "DeepSeek-Coder-V2-Lite-Instruct": "deepseek-coder-v2",
    "DeepSeek-V3": "deepseek-v3",
    "DeepSeek-V3-Base": "deepseek-v3",
    "DeepSeek-R1-Zero": "deepseek-r1-zero",
    "DeepSeek-R1": "deepseek-r1",
    "deepseek-reasoner": "deepseek-r1",
    "DeepSeek-R1-Distill-Qwen-1.5B": "deepseek-r1-distill-qwen-1.5b",
    "DeepSeek-R1-Distill-Qwen-7B": "deepseek-r1-distill-qwen-7b",
    "DeepSeek-R1-Distill-Qwen-14B": "deepseek-r1-distill-qwen-14b",
    "DeepSeek-R1-Distill-Qwen-32B": "deepseek-r1-distill-qwen-32b",
    "DeepSeek-R1-Distill-Llama-8B": "deepseek-r1-distill-llama-8b",
    "DeepSeek-R1-Distill-Llama-70B": "deepseek-r1-distill-llama-70b",
    "DeepSeek-V3.2-Exp": "deepseek-v3.2-exp",
    "Janus": "janus",
    "JanusFlow-1.3B": "janus",
    "Janus-Pro": "janus-pro",
    "Janus-Pro-7B": "janus-pro",
    "DeepSeek-Prover-V2-671B": "deepseek-prover-v2",
    "DeepSeek-Prover-V1.5-RL": "deepseek-prover-v1.5",
    "DeepSeek-OCR": "deepseek-ocr",
    "DeepSeek-VL2": "deepseek-vl2",
    "DeepSeekMath-V2": "deepseekmath-v2",
}

# Each R1 distillation: its weight parent (entry, checkpoint) per the R1 README, and its teacher.
R1_DISTILLS = {
    "deepseek-r1-distill-qwen-1.5b": (
        "qwen2.5-math",
        "Qwen2.5-Math-1.5B",
        "DeepSeek-R1-Distill-Qwen-1.5B",
    ),
    "deepseek-r1-distill-qwen-7b": (
        "qwen2.5-math",
        "Qwen2.5-Math-7B",
        "DeepSeek-R1-Distill-Qwen-7B",
    ),
    "deepseek-r1-distill-qwen-14b": ("qwen2.5", "Qwen2.5-14B", "DeepSeek-R1-Distill-Qwen-14B"),
    "deepseek-r1-distill-qwen-32b": ("qwen2.5", "Qwen2.5-32B", "DeepSeek-R1-Distill-Qwen-32B"),
    "deepseek-r1-distill-llama-8b": ("llama-3.1", "Llama-3.1-8B", "DeepSeek-R1-Distill-Llama-8B"),
    "deepseek-r1-distill-llama-70b": (
        "llama-3.3",
        "Llama-3.3-70B-Instruct",
        "DeepSeek-R1-Distill-Llama-70B",
    ),
}

# Relations the labs' papers, cards or READMEs state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("qwen", "qwen-vl", "component"),
    ("qwen", "qwen-audio", "component"),
    ("qwen", "qwen1.5", "successor"),
    ("qwen", "qwen1.5", "continued_pretraining"),
    ("qwen1.5", "qwen2", "successor"),
    ("qwen2", "qwen2.5", "successor"),
    ("qwen2", "qwen2-math", "continued_pretraining"),
    ("qwen2-math", "qwen2.5-math", "successor"),
    ("qwen2.5", "qwen2.5-coder", "continued_pretraining"),
    ("qwen1.5", "codeqwen1.5", "continued_pretraining"),
    ("codeqwen1.5", "qwen2.5-coder", "successor"),
    ("qwen2.5", "qwq-32b", "finetune"),
    ("qwen2.5", "qwq-32b-preview", "finetune"),
    ("qwq-32b-preview", "qwq-32b", "successor"),
    ("qwen2.5", "qwen3", "successor"),
    ("qwen3", "qwen3-2507", "successor"),
    ("qwen3", "qwen3-embedding", "finetune"),
    ("qwen2.5-coder", "qwen3-coder", "successor"),
    ("qwen-vl", "qwen2-vl", "successor"),
    ("qwen2-vl", "qwen2.5-vl", "successor"),
    ("qwen2.5-vl", "qwen3-vl", "successor"),
    ("qwen-audio", "qwen2-audio", "successor"),
    ("qwen3", "qwen3.5", "successor"),
    ("qwen2.5-omni", "qwen3-omni", "successor"),
    ("deepseek-llm", "deepseek-v2", "successor"),
    ("deepseek-coder", "deepseekmath", "continued_pretraining"),
    ("deepseekmath", "deepseek-prover-v1.5", "continued_pretraining"),
    ("deepseek-v2", "deepseek-coder-v2", "continued_pretraining"),
    ("deepseek-v2", "deepseek-v3", "successor"),
    ("deepseek-v3", "deepseek-r1-zero", "alignment"),
    ("deepseek-v3", "deepseek-r1", "finetune"),
    ("deepseek-r1-zero", "deepseek-r1", "successor"),
    ("deepseek-vl", "deepseek-vl2", "successor"),
    ("janus", "janus-pro", "successor"),
    ("deepseek-v3", "deepseek-prover-v2", "finetune"),
    ("deepseek-v3", "deepseek-prover-v2", "distillation"),
    ("deepseek-prover-v1.5", "deepseek-prover-v2", "finetune"),
    ("deepseek-v3.2-exp", "deepseekmath-v2", "finetune"),
] + [("deepseek-r1", distill, "distillation") for distill in R1_DISTILLS]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("qwen", "qwen-vl", "Qwen-7B", "Qwen-VL"),
    ("qwen", "qwen1.5", "Qwen-1_8B", "Qwen1.5-MoE-A2.7B"),
    ("qwen2.5", "qwen2.5-coder", "Qwen2.5-3B", "Qwen2.5-Coder-3B"),
    ("qwen2.5", "qwq-32b", "Qwen2.5-32B", "QwQ-32B"),
    ("qwen2.5", "qwen2.5-1m", "Qwen2.5-7B", "Qwen2.5-7B-Instruct-1M"),
    ("qwen3", "qwen3-2507", "Qwen3-235B-A22B", "Qwen3-235B-A22B-Instruct-2507"),
    ("deepseek-coder", "deepseekmath", "deepseek-coder-7b-base-v1.5", "deepseek-math-7b-base"),
    ("deepseek-v3", "deepseek-r1-zero", "DeepSeek-V3-Base", "DeepSeek-R1-Zero"),
    ("deepseek-v3", "deepseek-r1", "DeepSeek-V3-Base", "DeepSeek-R1"),
    ("deepseek-v3", "deepseek-prover-v2", "DeepSeek-V3-Base", "DeepSeek-Prover-V2-671B"),
    (
        "deepseek-prover-v1.5",
        "deepseek-prover-v2",
        "DeepSeek-Prover-V1.5-Base",
        "DeepSeek-Prover-V2-7B",
    ),
    ("deepseekmath", "deepseek-prover-v1.5", "deepseek-math-7b-base", "DeepSeek-Prover-V1.5-Base"),
    ("deepseek-v3.2-exp", "deepseekmath-v2", "DeepSeek-V3.2-Exp-Base", "DeepSeek-Math-V2"),
]

# Mixture-of-experts checkpoints with the (total, active) sizes their sources state.
MOE_SIZES = [
    ("deepseek-v2", "DeepSeek-V2", 236_000_000_000, 21_000_000_000),
    ("deepseek-v2", "DeepSeek-V2-Lite", 16_000_000_000, 2_400_000_000),
    ("deepseek-v3", "DeepSeek-V3", 671_000_000_000, 37_000_000_000),
    ("deepseek-r1", "DeepSeek-R1", 671_000_000_000, 37_000_000_000),
    ("qwen1.5", "Qwen1.5-MoE-A2.7B", 14_300_000_000, 2_700_000_000),
    ("qwen2", "Qwen2-57B-A14B", 57_000_000_000, 14_000_000_000),
    ("qwen3", "Qwen3-235B-A22B", 235_000_000_000, 22_000_000_000),
    ("qwen3", "Qwen3-30B-A3B", 30_000_000_000, 3_000_000_000),
    ("qwen3-coder", "Qwen3-Coder-480B-A35B-Instruct", 480_000_000_000, 35_000_000_000),
    ("qwen3.5", "Qwen3.5-397B-A17B", 397_000_000_000, 17_000_000_000),
]


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert not problems, "\n".join(problems)
    assert {o for i in QWEN for o in reg.get(i).organizations} == {"alibaba"}
    assert {o for i in DEEPSEEK for o in reg.get(i).organizations} == {"deepseek"}


def test_every_model_of_the_batch_is_open_weight(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    assert {m.id for m in open_models} == set(BATCH)


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    missing = set(without_sizes_or_licence(open_weight_models(reg, BATCH)))
    assert missing == SIZE_NOT_STATED, f"without sizes or licence: {missing - SIZE_NOT_STATED}"
    assert all(reg.get(i).license for i in SIZE_NOT_STATED)


def test_deepseek_licences_follow_the_lab_model_licence_then_mit(reg: Registry) -> None:
    model_licence = {
        "deepseek-llm",
        "deepseek-coder",
        "deepseekmoe",
        "deepseekmath",
        "deepseek-v2",
        "deepseek-coder-v2",
        "deepseek-v3",
        "deepseek-vl",
        "deepseek-vl2",
        "janus",
    }
    assert {i for i in model_licence if reg.get(i).license != "deepseek"} == set()
    mit = {"deepseek-r1", "deepseek-r1-zero", "deepseek-v3.2-exp", "deepseek-ocr"}
    assert {i for i in mit if reg.get(i).license != "MIT"} == set()
    v3_0324 = reg.get("deepseek-v3").checkpoint("DeepSeek-V3-0324")
    assert v3_0324 is not None and v3_0324.license == "MIT"
    assert reg.get("deepseek-r1-distill-llama-8b").license == "llama3.1"
    assert reg.get("deepseek-r1-distill-llama-70b").license == "llama3.3"


def test_qwen_licences_differ_by_size_at_the_checkpoint(reg: Registry) -> None:
    def licence(entry_id: str, checkpoint: str) -> str | None:
        ckpt = reg.get(entry_id).checkpoint(checkpoint)
        assert ckpt is not None, f"{entry_id} has no checkpoint {checkpoint}"
        return ckpt.license or reg.get(entry_id).license

    assert licence("qwen", "Qwen-7B") == "tongyi-qianwen"
    assert licence("qwen", "Qwen-1_8B") == "tongyi-qianwen-research"
    assert licence("qwen2", "Qwen2-7B") == "Apache-2.0"
    assert licence("codeqwen1.5", "CodeQwen1.5-7B") == "tongyi-qianwen-research"
    assert licence("codeqwen1.5", "CodeQwen1.5-7B-Chat") == "tongyi-qianwen"
    assert licence("qwen2", "Qwen2-72B") == "tongyi-qianwen"
    assert licence("qwen2.5", "Qwen2.5-14B") == "Apache-2.0"
    assert licence("qwen2.5", "Qwen2.5-3B") == "qwen-research"
    assert licence("qwen2.5", "Qwen2.5-72B-Instruct") == "qwen"
    assert licence("qwen2.5-coder", "Qwen2.5-Coder-3B") == "qwen-research"
    assert licence("qwen2.5-vl", "Qwen2.5-VL-72B-Instruct") == "qwen"
    assert reg.get("qwen3").license == "Apache-2.0"


@pytest.mark.parametrize(("entry_id", "checkpoint", "total", "active"), MOE_SIZES)
def test_mixture_of_experts_sizes_give_total_and_active(
    reg: Registry, entry_id: str, checkpoint: str, total: int, active: int
) -> None:
    ckpt = reg.get(entry_id).checkpoint(checkpoint)
    assert ckpt is not None and ckpt.size is not None
    assert (int(ckpt.size), ckpt.size.active) == (total, active)


@pytest.mark.parametrize(("distill", "weight_parent"), R1_DISTILLS.items())
def test_each_r1_distill_has_its_weight_parent_and_its_teacher(
    exported: list[dict], distill: str, weight_parent: tuple[str, str, str]
) -> None:
    parents = {
        (e["source"], e["relation"], e.get("checkpoint"), e.get("into"))
        for e in exported
        if e["target"] == distill
    }
    base, checkpoint, name = weight_parent
    assert (base, "finetune", checkpoint, name) in parents
    assert any(p[:2] == ("deepseek-r1", "distillation") for p in parents)
    assert len(parents) == 2, f"{distill} has parents {parents}"


(
    test_name_or_checkpoint_finds_the_entry,
    test_documented_relations_are_edges_in_the_export,
    test_edges_name_the_checkpoints_their_sources_name,
) = lineage_tests(NAMES, DOCUMENTED_EDGES, CHECKPOINT_EDGES)
