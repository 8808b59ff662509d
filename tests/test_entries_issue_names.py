"""Every name that issues 12 and 13 list is found by ``reg.find``: a reader searching for any
model line, dataset or library of 2023-2026 the issues name reaches an entry."""

from __future__ import annotations

import pytest

from registry.store import Registry

ISSUE_12 = [
    "Llama 2", "Llama 2 Chat", "Code Llama", "Llama Guard", "Llama 3", "Llama 3.1", "Llama 3.2",
    "Llama 3.2 Vision", "Llama 3.3", "Llama 4", "Mixtral 8x7B", "Mixtral 8x22B", "Mistral NeMo",
    "Mistral Small", "Mistral Medium", "Mistral Large", "Codestral", "Pixtral", "Ministral",
    "Magistral", "PaLM 2", "Gemini 1.0", "Gemini 1.5", "Gemini 2.0", "Gemini 2.5", "Gemma",
    "Gemma 2", "Gemma 3", "CodeGemma", "PaliGemma", "Phi-1", "Phi-1.5", "Phi-2", "Phi-3",
    "Phi-3.5", "Phi-4", "Phi-4-reasoning", "Orca 2", "WizardLM", "GPT-4 Turbo", "GPT-4o",
    "GPT-4o mini", "o1", "o3", "o4-mini", "GPT-4.1", "GPT-4.5", "GPT-5", "gpt-oss", "Claude 1",
    "Claude 2", "Claude 3", "Claude 3.5", "Claude 3.7", "Claude 4", "Grok-1", "Grok-2", "Grok-3",
    "Grok-4", "MPT", "DBRX", "Command R", "Command R+", "Jamba", "Nemotron", "Granite", "OpenELM",
    "Nova", "StableLM", "Falcon 180B", "Falcon 2", "Falcon 3", "Falcon Mamba", "Zephyr",
    "SmolLM", "StarCoder", "StarCoder2", "OLMo", "OLMo 2", "Tülu 2", "Tülu 3", "Molmo", "Mamba",
    "Mamba-2", "RWKV", "RedPajama", "RedPajama v2", "SlimPajama", "Dolma", "FineWeb",
    "FineWeb-Edu", "DCLM", "The Stack", "The Stack v2", "RefinedWeb", "Cosmopedia", "UltraChat",
    "UltraFeedback", "OpenAssistant", "OASST1", "LMSYS-Chat-1M", "HH-RLHF", "OpenHermes 2.5",
]  # fmt: skip
ISSUE_13 = [
    "Qwen", "Qwen1.5", "Qwen2", "Qwen2.5", "Qwen2.5-Coder", "Qwen2.5-Math", "Qwen2.5-VL", "QwQ",
    "Qwen3", "Qwen-VL", "DeepSeek LLM", "DeepSeek-Coder", "DeepSeek-Coder-V2", "DeepSeekMath",
    "DeepSeek-V2", "DeepSeek-V2.5", "DeepSeek-V3", "DeepSeek-R1", "DeepSeek-R1-Distill-Qwen-7B",
    "DeepSeek-R1-Distill-Llama-8B", "Yi", "Baichuan", "Baichuan 2", "ChatGLM3", "GLM-4",
    "Kimi K1.5", "Kimi K2", "InternLM", "InternLM2", "InternLM3", "InternVL", "MiniMax",
    "MiniCPM", "Hunyuan", "ERNIE 4", "ERNIE 4.5", "StepFun", "Chinese-LLaMA-2", "Vicuna v1.5",
    "LLaVA-1.5", "LLaVA-NeXT", "WizardCoder", "OpenHermes", "Nous Hermes", "Dolphin", "OpenChat",
    "Starling", "Orca", "PyTorch", "vLLM", "SGLang", "TensorRT-LLM", "llama.cpp", "GGUF",
    "Ollama", "MLX", "PEFT", "TRL", "bitsandbytes", "FlashAttention", "Axolotl", "Unsloth",
    "LLaMA-Factory", "DeepSpeed-Chat", "Megatron-Core", "Infinity-Instruct", "OpenMathInstruct",
    "Magpie", "WildChat", "ShareGPT4V", "LLaVA-Instruct-150K",
]  # fmt: skip


@pytest.mark.parametrize("name", ISSUE_12 + ISSUE_13)
def test_every_name_the_issues_list_finds_an_entry(reg: Registry, name: str) -> None:
    assert reg.find(name) is not None, f"reg.find({name!r}) finds nothing"


def test_line_names_find_the_first_release_of_the_line(reg: Registry) -> None:
    """A line's bare name is carried by its first release, as "Gemma" and "Qwen" are."""
    expected = {
        "Gemma": "gemma", "Qwen": "qwen", "MPT": "mpt-7b", "StableLM": "stablelm-alpha",
        "Hunyuan": "hunyuan-large", "Orca": "orca", "Command R+": "command-r-plus",
    }  # fmt: skip
    assert {name: reg.find(name).id for name in expected} == expected
