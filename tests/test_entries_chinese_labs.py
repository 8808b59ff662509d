"""Content checks over the Chinese labs' entries of 2023-2026 (issue 13, batch c-china).

01.AI (Yi), Baichuan, Zhipu AI / THUDM (ChatGLM3 to GLM-4.7, CogVLM, CodeGeeX4), Moonshot AI
(Kimi), Shanghai AI Laboratory (InternLM, InternViT, InternVL), MiniMax, OpenBMB (MiniCPM and
MiniCPM-V), Tencent (Hunyuan), Baidu (ERNIE 4.x), StepFun and HFL (Chinese-LLaMA-2/3). The walk
proves the promise of the issue for these lines: every model dated, attributed and sourced, every
open-weight model with its sizes and licence, the closed ones without sizes; every line's name and
its published checkpoint names find the entry; and the relations the labs document (successors,
continued pretraining, fine-tunes, the vision and language parts of the multimodal models) are
edges in the export, down to the checkpoints they name.
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

YI = ["yi", "yi-vl", "yi-1.5", "yi-coder"]
BAICHUAN = ["baichuan-7b", "baichuan-13b", "baichuan-2"]
ZHIPU = [
    "codegeex2", "chatglm3-6b", "glm-4", "glm-4v-9b", "glm-4-voice", "cogvlm", "cogagent",
    "cogvlm2", "codegeex4", "glm-4-0414", "glm-z1", "glm-4.1v-thinking", "glm-4.5", "glm-4.5v",
    "glm-4.6", "glm-4.7", "glm-5",
]  # fmt: skip
MOONSHOT = [
    "kimi-k1.5", "moonlight", "kimi-vl", "kimi-k2", "kimi-k2-thinking", "kimi-linear", "kimi-k2.5",
]  # fmt: skip
SHANGHAI_AI_LAB = [
    "internlm", "internlm2", "internlm2.5", "internlm3", "internvit", "internvl", "internvl2",
    "internvl2.5", "internvl3", "internvl3.5",
]  # fmt: skip
MINIMAX = ["minimax-01", "minimax-m1", "minimax-m2"]
OPENBMB = [
    "minicpm", "minicpm3", "minicpm4", "minicpm-v", "minicpm-llama3-v-2.5", "minicpm-v-2.6",
    "minicpm-o-2.6", "minicpm-v-4",
]  # fmt: skip
TENCENT = ["hunyuan-large", "hunyuan-a13b", "hunyuan-t1"]
BAIDU = ["ernie-4.0", "ernie-4.5", "ernie-x1"]
STEPFUN = ["step3", "step-audio", "step-video-t2v"]
HFL = ["chinese-llama-2", "chinese-alpaca-2", "llama-3-chinese"]
BATCH = (
    YI + BAICHUAN + ZHIPU + MOONSHOT + SHANGHAI_AI_LAB + MINIMAX + OPENBMB + TENCENT + BAIDU
    + STEPFUN + HFL
)  # fmt: skip

ORGANIZATIONS = {
    "01-ai": YI, "baichuan": BAICHUAN, "zhipu-ai": ZHIPU, "moonshot-ai": MOONSHOT,
    "shanghai-ai-laboratory": SHANGHAI_AI_LAB, "minimax": MINIMAX, "openbmb": OPENBMB,
    "tencent": TENCENT, "baidu": BAIDU, "stepfun": STEPFUN, "hfl": HFL,
}  # fmt: skip
NEW_ORGANIZATIONS = ["01-ai", "baichuan", "moonshot-ai", "minimax", "stepfun"]

# Models without open weights: Kimi k1.5 was published as a report only, the others as services.
NOT_OPEN = {"kimi-k1.5": "closed", "ernie-4.0": "api", "ernie-x1": "api", "hunyuan-t1": "api"}

# The names issue 13 lists for these labs, and the published checkpoint names people search for.
NAMES = {
    "Yi": "yi", "Yi-34B": "yi", "Yi-6B-200K": "yi", "Yi-34B-Chat": "yi", "Yi-9B": "yi",
    "Yi-VL": "yi-vl", "Yi-VL-34B": "yi-vl", "Yi-1.5": "yi-1.5", "Yi-1.5-34B-Chat": "yi-1.5",
    "Yi-Coder": "yi-coder", "Yi-Coder-9B-Chat": "yi-coder",
    "Baichuan-7B": "baichuan-7b", "Baichuan-13B": "baichuan-13b",
    "Baichuan-13B-Chat": "baichuan-13b", "Baichuan 2": "baichuan-2",
    "Baichuan2-13B-Chat": "baichuan-2", "Baichuan2-7B-Base": "baichuan-2",
    "ChatGLM3-6B": "chatglm3-6b", "chatglm3-6b-32k": "chatglm3-6b",
    "GLM-4-9B": "glm-4", "GLM-4-9B-Chat": "glm-4", "glm-4-9b-chat-1m": "glm-4",
    "GLM-4V-9B": "glm-4v-9b", "CogVLM": "cogvlm", "cogvlm-chat-hf": "cogvlm",
    "CogAgent": "cogagent", "CogVLM2": "cogvlm2", "cogvlm2-llama3-chat-19B": "cogvlm2",
    "CodeGeeX2": "codegeex2", "codegeex2-6b": "codegeex2", "GLM-4-Voice": "glm-4-voice",
    "CodeGeeX4": "codegeex4", "codegeex4-all-9b": "codegeex4",
    "GLM-4-0414": "glm-4-0414", "GLM-4-32B-0414": "glm-4-0414", "GLM-Z1": "glm-z1",
    "GLM-Z1-32B-0414": "glm-z1", "GLM-Z1-Rumination-32B-0414": "glm-z1",
    "GLM-4.5": "glm-4.5", "GLM-4.5-Air": "glm-4.5", "GLM-4.5-Air-Base": "glm-4.5",
    "GLM-4.1V-9B-Thinking": "glm-4.1v-thinking", "GLM-4.5V": "glm-4.5v", "GLM-4.6": "glm-4.6",
    "GLM-4.7": "glm-4.7",
    "GLM-4.7-Flash": "glm-4.7", "GLM-5": "glm-5", "GLM-5-FP8": "glm-5",
    "Kimi k1.5": "kimi-k1.5", "Kimi K2": "kimi-k2", "Kimi-K2-Instruct": "kimi-k2",
    "Kimi-K2-Base": "kimi-k2", "Kimi K2 Thinking": "kimi-k2-thinking", "Kimi-VL": "kimi-vl",
    "Kimi-VL-A3B-Thinking": "kimi-vl", "Kimi Linear": "kimi-linear",
    "Kimi-Linear-48B-A3B-Instruct": "kimi-linear", "Kimi K2.5": "kimi-k2.5",
    "Moonlight": "moonlight", "Moonlight-16B-A3B-Instruct": "moonlight",
    "InternLM": "internlm", "InternLM-20B": "internlm", "internlm-chat-7b": "internlm",
    "InternLM2": "internlm2", "internlm2-chat-20b": "internlm2", "InternLM2.5": "internlm2.5",
    "internlm2_5-7b-chat": "internlm2.5", "InternLM3": "internlm3",
    "InternLM3-8B-Instruct": "internlm3", "InternViT-6B": "internvit",
    "InternViT-300M-448px-V2_5": "internvit", "InternVL": "internvl",
    "InternVL 1.5": "internvl", "InternVL-Chat-V1-5": "internvl", "InternVL2": "internvl2",
    "InternVL2-Llama3-76B": "internvl2", "InternVL2.5": "internvl2.5",
    "InternVL2_5-78B": "internvl2.5", "InternVL3": "internvl3", "InternVL3-78B": "internvl3",
    "InternVL3.5": "internvl3.5", "InternVL3_5-241B-A28B": "internvl3.5",
    "MiniMax-Text-01": "minimax-01", "MiniMax-VL-01": "minimax-01",
    "MiniMax-M1": "minimax-m1", "MiniMax-M1-80k": "minimax-m1", "MiniMax-M2": "minimax-m2",
    "MiniCPM": "minicpm", "MiniCPM-2B-sft-bf16": "minicpm", "MiniCPM3-4B": "minicpm3",
    "MiniCPM4": "minicpm4", "MiniCPM4-8B": "minicpm4", "MiniCPM4.1-8B": "minicpm4",
    "MiniCPM-V 2.0": "minicpm-v", "MiniCPM-V-2": "minicpm-v",
    "MiniCPM-Llama3-V 2.5": "minicpm-llama3-v-2.5", "MiniCPM-V 2.6": "minicpm-v-2.6",
    "MiniCPM-V-2_6": "minicpm-v-2.6", "MiniCPM-o 2.6": "minicpm-o-2.6",
    "MiniCPM-V 4": "minicpm-v-4", "MiniCPM-V 4.5": "minicpm-v-4",
    "Hunyuan-Large": "hunyuan-large", "Hunyuan-A52B-Instruct": "hunyuan-large",
    "Hunyuan-A13B": "hunyuan-a13b", "Hunyuan-A13B-Instruct": "hunyuan-a13b",
    "Hunyuan-T1": "hunyuan-t1", "ERNIE X1": "ernie-x1", "ERNIE 4.0": "ernie-4.0",
    "ERNIE 4.5": "ernie-4.5", "ERNIE-4.5-300B-A47B": "ernie-4.5",
    "ERNIE-4.5-VL-424B-A47B": "ernie-4.5", "ERNIE-4.5-0.3B": "ernie-4.5",
    "Step3": "step3", "Step-Audio": "step-audio", "Step-Audio-TTS-3B": "step-audio",
    "Step-Video-T2V": "step-video-t2v", "stepvideo-t2v-turbo": "step-video-t2v",
    "Chinese-LLaMA-2": "chinese-llama-2", "chinese-llama-2-13b": "chinese-llama-2",
    "Chinese-Alpaca-2": "chinese-alpaca-2", "chinese-alpaca-2-7b-rlhf": "chinese-alpaca-2",
    "Chinese-LLaMA-3": "llama-3-chinese", "llama-3-chinese-8b-instruct-v3": "llama-3-chinese",
}  # fmt: skip

# Relations the labs' papers, cards or READMEs state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("yi", "yi-vl", "component"),
    ("yi", "yi-1.5", "continued_pretraining"),
    ("baichuan-7b", "baichuan-13b", "successor"),
    ("baichuan-13b", "baichuan-2", "successor"),
    ("chatglm2-6b", "chatglm3-6b", "successor"),
    ("glm-4", "glm-4v-9b", "component"),
    ("vicuna", "cogvlm", "component"),
    ("cogvlm", "cogagent", "finetune"),
    ("cogvlm", "cogvlm2", "successor"),
    ("llama-3", "cogvlm2", "component"),
    ("glm-4", "codegeex4", "continued_pretraining"),
    ("chatglm2-6b", "codegeex2", "continued_pretraining"),
    ("codegeex", "codegeex2", "successor"),
    ("glm-4", "glm-4-voice", "continued_pretraining"),
    ("whisper", "glm-4-voice", "component"),
    ("glm-4", "glm-4-0414", "successor"),
    ("glm-4-0414", "glm-z1", "alignment"),
    ("glm-4.5", "glm-4.5v", "component"),
    ("glm-4-0414", "glm-4.1v-thinking", "component"),
    ("glm-4.1v-thinking", "glm-4.5v", "successor"),
    ("glm-4.5", "glm-4.6", "successor"),
    ("glm-4.6", "glm-4.7", "successor"),
    ("glm-4.7", "glm-5", "successor"),
    ("kimi-k2", "kimi-k2-thinking", "alignment"),
    ("siglip", "kimi-vl", "component"),
    ("moonlight", "kimi-vl", "component"),
    ("kimi-k2", "kimi-k2.5", "continued_pretraining"),
    ("internlm", "internlm2", "successor"),
    ("internlm2", "internlm2.5", "successor"),
    ("internvit", "internvl", "component"),
    ("internlm2", "internvl", "component"),
    ("internvit", "internvl2", "component"),
    ("internlm2", "internvl2", "component"),
    ("internlm2.5", "internvl2", "component"),
    ("phi-3", "internvl2", "component"),
    ("internvit", "internvl2.5", "component"),
    ("internlm2.5", "internvl2.5", "component"),
    ("internvit", "internvl3", "component"),
    ("internlm3", "internvl3", "component"),
    ("qwen2", "internvl2", "component"),
    ("qwen2.5", "internvl2.5", "component"),
    ("qwen2.5", "internvl3", "component"),
    ("qwen2", "minicpm-v-2.6", "component"),
    ("qwen2.5", "minicpm-o-2.6", "component"),
    ("qwen3", "minicpm-v-4", "component"),
    ("internvl3", "internvl3.5", "successor"),
    ("gpt-oss", "internvl3.5", "component"),
    ("minimax-01", "minimax-m1", "alignment"),
    ("minicpm", "minicpm3", "successor"),
    ("minicpm", "minicpm-v", "component"),
    ("minicpm-v", "minicpm-llama3-v-2.5", "successor"),
    ("llama-3", "minicpm-llama3-v-2.5", "component"),
    ("siglip", "minicpm-v-2.6", "component"),
    ("minicpm-v-2.6", "minicpm-o-2.6", "successor"),
    ("whisper", "minicpm-o-2.6", "component"),
    ("minicpm4", "minicpm-v-4", "component"),
    ("llama-2", "chinese-llama-2", "continued_pretraining"),
    ("chinese-llama-2", "chinese-alpaca-2", "finetune"),
    ("chinese-llama", "chinese-llama-2", "successor"),
    ("chinese-alpaca", "chinese-alpaca-2", "successor"),
    ("llama-3", "llama-3-chinese", "continued_pretraining"),
    ("llama-3", "llama-3-chinese", "finetune"),
    ("llama-3", "llama-3-chinese", "merge"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("yi", "yi-vl", "Yi-34B-Chat", "Yi-VL-34B"),
    ("yi", "yi-vl", "Yi-6B-Chat", "Yi-VL-6B"),
    ("llama-3", "cogvlm2", "Meta-Llama-3-8B-Instruct", "cogvlm2-llama3-chat-19B"),
    ("glm-4", "codegeex4", "glm-4-9b", "codegeex4-all-9b"),
    ("glm-4", "glm-4-voice", "glm-4-9b", "glm-4-voice-9b"),
    ("glm-4-0414", "glm-z1", "GLM-4-32B-0414", "GLM-Z1-32B-0414"),
    ("kimi-k2", "kimi-k2.5", "Kimi-K2-Base", "Kimi-K2.5"),
    ("internlm2", "internvl", "internlm2-chat-20b", "InternVL-Chat-V1-5"),
    ("internlm2", "internvl2", "internlm2-chat-20b", "InternVL2-26B"),
    ("internlm2.5", "internvl2", "internlm2_5-7b-chat", "InternVL2-8B"),
    ("phi-3", "internvl2", "Phi-3-mini-128k-instruct", "InternVL2-4B"),
    ("internlm2.5", "internvl2.5", "internlm2_5-20b-chat", "InternVL2_5-26B"),
    ("internvit", "internvl2.5", "InternViT-6B-448px-V2_5", "InternVL2_5-26B"),
    ("internlm3", "internvl3", "internlm3-8b-instruct", "InternVL3-9B"),
    ("qwen2.5", "internvl2.5", "Qwen2.5-72B-Instruct", "InternVL2_5-78B"),
    ("qwen2.5", "internvl3", "Qwen2.5-72B", "InternVL3-78B"),
    ("qwen2", "minicpm-v-2.6", "Qwen2-7B", "MiniCPM-V-2_6"),
    ("qwen3", "minicpm-v-4", "Qwen3-8B", "MiniCPM-V-4_5"),
    ("gpt-oss", "internvl3.5", "gpt-oss-20b", "InternVL3_5-GPT-OSS-20B-A4B-Preview"),
    ("whisper", "minicpm-o-2.6", "medium", "MiniCPM-o-2_6"),
    ("llama-3", "minicpm-llama3-v-2.5", "Meta-Llama-3-8B-Instruct", "MiniCPM-Llama3-V-2_5"),
    ("llama-2", "chinese-llama-2", "Llama-2-13b-hf", "chinese-llama-2-13b"),
    ("chinese-llama-2", "chinese-alpaca-2", "chinese-llama-2-7b", "chinese-alpaca-2-7b"),
    ("llama-3", "llama-3-chinese", "Meta-Llama-3-8B", "llama-3-chinese-8b"),
    ("llama-3", "llama-3-chinese", "Meta-Llama-3-8B-Instruct", "llama-3-chinese-8b-instruct-v2"),
]

# Mixture-of-experts checkpoints with the total and active sizes their sources state.
MOE_SIZES = {
    ("glm-4.5", "GLM-4.5"): (355e9, 32e9),
    ("glm-4.5", "GLM-4.5-Air"): (106e9, 12e9),
    ("kimi-k2", "Kimi-K2-Instruct"): (1e12, 32e9),
    ("minimax-01", "MiniMax-Text-01"): (456e9, 45.9e9),
    ("minimax-m2", "MiniMax-M2"): (230e9, 10e9),
    ("hunyuan-large", "Hunyuan-A52B-Instruct"): (389e9, 52e9),
    ("hunyuan-a13b", "Hunyuan-A13B-Instruct"): (80e9, 13e9),
    ("ernie-4.5", "ERNIE-4.5-VL-424B-A47B"): (424e9, 47e9),
    ("step3", "step3"): (321e9, 38e9),
    ("kimi-linear", "Kimi-Linear-48B-A3B-Instruct"): (48e9, 3e9),
    ("glm-5", "GLM-5"): (744e9, 40e9),
    ("moonlight", "Moonlight-16B-A3B"): (16e9, 3e9),
}


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert len(BATCH) == len(set(BATCH)) == 64
    assert not problems, "\n".join(problems)


def test_each_lab_is_an_organization_of_its_models(reg: Registry) -> None:
    wrong = [
        (model_id, org_id)
        for org_id, models in ORGANIZATIONS.items()
        for model_id in models
        if org_id not in reg.get(model_id).organizations
    ]
    assert not wrong, f"models not attributed to their lab: {wrong}"


def test_the_new_organizations_have_a_country_homepage_and_source(reg: Registry) -> None:
    for org_id in NEW_ORGANIZATIONS:
        org = reg.get(org_id)
        assert org.kind == "organization" and org.country == "CN", org_id
        assert org.links.homepage and org.sources, org_id


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    missing = without_sizes_or_licence(open_models)
    assert len(open_models) == len(BATCH) - len(NOT_OPEN)
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_models_without_open_weights_state_no_size(reg: Registry) -> None:
    for model_id, access in NOT_OPEN.items():
        model = reg.get(model_id)
        assert model.access == access, model_id
        assert not model.parameters, f"{model_id} states a size its lab did not"
        assert model.license == "proprietary", model_id


def test_licences_follow_the_labs_terms(reg: Registry) -> None:
    licences = {i: reg.get(i).license for i in BATCH}
    assert licences["kimi-k2"] == licences["kimi-k2-thinking"] == "modified-mit"
    assert licences["minimax-01"] == "minimax"
    assert licences["minimax-m1"] == "Apache-2.0" and licences["minimax-m2"] == "MIT"
    assert licences["hunyuan-large"] == licences["hunyuan-a13b"] == "hunyuan-community"
    assert licences["baichuan-2"] == "baichuan2-community"
    assert licences["glm-4"] == licences["glm-4v-9b"] == "glm-4"
    assert licences["chinese-llama-2"] == licences["chinese-alpaca-2"] == "llama2"
    assert licences["llama-3-chinese"] == "llama3"
    assert {licences[i] for i in ["internlm", "internlm2", "internlm2.5"]} == {"internlm"}
    assert licences["ernie-4.5"] == "Apache-2.0"


@pytest.mark.parametrize(("entry_id", "checkpoint"), MOE_SIZES)
def test_mixture_of_experts_checkpoints_record_total_and_active(
    reg: Registry, entry_id: str, checkpoint: str
) -> None:
    found = reg.get(entry_id).checkpoint(checkpoint)
    assert found is not None and found.size is not None, (entry_id, checkpoint)
    assert (int(found.size), found.size.active) == tuple(
        int(n) for n in MOE_SIZES[(entry_id, checkpoint)]
    )


(
    test_name_or_checkpoint_finds_the_entry,
    test_documented_relations_are_edges_in_the_export,
    test_edges_name_the_checkpoints_their_sources_name,
) = lineage_tests(NAMES, DOCUMENTED_EDGES, CHECKPOINT_EDGES)
