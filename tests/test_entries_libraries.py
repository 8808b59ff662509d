"""Content checks over the libraries, runtimes and data of issue 13 (batch c-libs).

The walk proves the promise of the issue for these entries: every library is attributed, licensed,
sourced and linked to its repository on GitHub; PyTorch is complete; every name people search for
finds its entry; every dataset is attributed and sourced; and the relations the sources state (the
models that generated the data, the libraries models were built with) are edges in the export.
"""

from __future__ import annotations

import pytest
from content_checks import lineage_tests

from registry.store import Registry

LIBRARIES = [
    "vllm", "sglang", "tensorrt-llm", "llama.cpp", "ggml", "ollama", "mlx", "peft", "trl",
    "bitsandbytes", "flash-attention", "axolotl", "unsloth", "llama-factory", "deepspeed-chat",
    "megatron-core", "mergekit", "pytorch", "gpt-neox",
    "alignment-handbook", "open-instruct",
]  # fmt: skip
DATASETS = [
    "infinity-instruct", "openmathinstruct-1", "openmathinstruct-2", "openthoughts-114k",
    "bespoke-stratos-17k", "openr1-math-220k", "mixture-of-thoughts", "magpie", "wildchat",
    "sharegpt4v", "llava-instruct-158k", "gsm8k", "math",
]  # fmt: skip
ORGANIZATIONS = [
    "ggml-org", "ollama-org", "apple", "bitsandbytes-foundation", "axolotl-ai", "unsloth-ai",
    "arcee-ai", "beihang-university", "pytorch-foundation", "bespoke-labs", "open-thoughts", "ustc",
]  # fmt: skip

# Data distilled from DeepSeek-R1, whose entry another batch adds.
R1_DATA = ["openthoughts-114k", "bespoke-stratos-17k", "openr1-math-220k", "mixture-of-thoughts"]

# Each library's licence as its LICENSE file (or README licence section) gives it.
LICENCES = {
    "vllm": "Apache-2.0", "sglang": "Apache-2.0", "tensorrt-llm": "Apache-2.0", "llama.cpp": "MIT",
    "ggml": "MIT", "ollama": "MIT", "mlx": "MIT", "peft": "Apache-2.0", "trl": "Apache-2.0",
    "bitsandbytes": "MIT", "flash-attention": "BSD-3-Clause", "axolotl": "Apache-2.0",
    "unsloth": "Apache-2.0", "llama-factory": "Apache-2.0", "deepspeed-chat": "Apache-2.0",
    "megatron-core": "BSD-3-Clause", "mergekit": "LGPL-3.0-only", "pytorch": "BSD-3-Clause",
    "gpt-neox": "Apache-2.0", "alignment-handbook": "Apache-2.0", "open-instruct": "Apache-2.0",
}  # fmt: skip

# The names the issue lists, and the repository or package names people search for.
NAMES = {
    "vLLM": "vllm", "SGLang": "sglang", "TensorRT-LLM": "tensorrt-llm", "TRT-LLM": "tensorrt-llm",
    "llama.cpp": "llama.cpp", "GGUF": "ggml", "ggml": "ggml", "Ollama": "ollama", "MLX": "mlx",
    "PEFT": "peft", "TRL": "trl", "bitsandbytes": "bitsandbytes",
    "FlashAttention": "flash-attention", "FlashAttention-2": "flash-attention",
    "FlashAttention-3": "flash-attention",
    "flash-attn": "flash-attention", "Axolotl": "axolotl", "Unsloth": "unsloth",
    "LLaMA-Factory": "llama-factory", "LlamaFactory": "llama-factory",
    "DeepSpeed-Chat": "deepspeed-chat", "Megatron-Core": "megatron-core",
    "Megatron Core": "megatron-core", "MergeKit": "mergekit", "PyTorch": "pytorch",
    "Infinity-Instruct": "infinity-instruct", "OpenMathInstruct-1": "openmathinstruct-1",
    "OpenMathInstruct-2": "openmathinstruct-2", "OpenThoughts-114k": "openthoughts-114k",
    "Bespoke-Stratos-17k": "bespoke-stratos-17k", "OpenR1-Math-220k": "openr1-math-220k",
    "Mixture-of-Thoughts": "mixture-of-thoughts", "Magpie": "magpie",
    "Magpie-Pro-300K-Filtered": "magpie", "WildChat": "wildchat", "WildChat-1M": "wildchat",
    "ShareGPT4V": "sharegpt4v", "LLaVA-Instruct-150K": "llava-instruct-158k", "GSM8K": "gsm8k",
    "MATH": "math", "GPT-NeoX library": "gpt-neox",
    "alignment-handbook": "alignment-handbook", "Open Instruct": "open-instruct",
}  # fmt: skip

# Relations the sources state: (source, target, relation) as the export draws them.
DOCUMENTED_EDGES = [
    ("mixtral-8x7b", "openmathinstruct-1", "generated_by"),
    ("llama-3.1", "openmathinstruct-2", "generated_by"),
    ("llama-3", "magpie", "generated_by"),
    ("gpt-3.5-turbo", "wildchat", "generated_by"),
    ("gpt-4", "wildchat", "generated_by"),
    ("gpt-4", "sharegpt4v", "generated_by"),
    ("gpt-4", "llava-instruct-158k", "generated_by"),
    ("gsm8k", "openmathinstruct-1", "derived_from"),
    ("math", "openmathinstruct-1", "derived_from"),
    ("gsm8k", "openmathinstruct-2", "derived_from"),
    ("math", "openmathinstruct-2", "derived_from"),
    ("peft", "alpaca-lora", "built_with"),
    ("bitsandbytes", "alpaca-lora", "built_with"),
    ("bitsandbytes", "guanaco", "built_with"),
    ("peft", "guanaco", "built_with"),
    ("transformers", "guanaco", "built_with"),
    ("peft", "chinese-llama", "built_with"),
    ("peft", "chinese-alpaca", "built_with"),
    ("peft", "baize", "built_with"),
    ("transformers", "alpaca", "built_with"),
    ("gpt-neox", "gpt-neox-20b", "built_with"),
    ("gpt-neox", "pythia", "built_with"),
]


def test_every_library_is_licensed_attributed_sourced_and_on_github(reg: Registry) -> None:
    problems = []
    for entry_id in LIBRARIES:
        lib = reg.get(entry_id)
        gaps = [
            what
            for what, present in [
                ("a licence", lib.license),
                ("a repository", lib.repository),
                ("an organization", lib.organizations),
                ("a source", lib.sources),
                ("a description", lib.description),
                ("what it provides", lib.provides),
                ("a language", lib.language),
            ]
            if not present
        ]
        if lib.kind != "library" or gaps:
            problems.append(f"{entry_id}: {lib.kind}, missing {', '.join(gaps) or 'nothing'}")
        elif not lib.repository.startswith("https://github.com/"):
            problems.append(f"{entry_id}: repository {lib.repository} is not a GitHub link")
    assert not problems, "\n".join(problems)


def test_library_licences_are_those_of_their_licence_files(reg: Registry) -> None:
    wrong = {i: reg.get(i).license for i in LIBRARIES if reg.get(i).license != LICENCES[i]}
    assert not wrong, f"licences differing from the LICENSE files: {wrong}"


def test_pytorch_is_complete(reg: Registry) -> None:
    torch = reg.get("pytorch")
    assert {"meta-ai", "pytorch-foundation"} <= set(torch.organizations)
    assert str(torch.released) == "2016"
    assert torch.links.arxiv == "1912.01703"


def test_every_organization_of_the_batch_has_type_homepage_and_source(reg: Registry) -> None:
    problems = []
    for entry_id in ORGANIZATIONS:
        org = reg.get(entry_id)
        if org.kind != "organization" or not (org.type and org.links.homepage and org.sources):
            problems.append(entry_id)
    assert not problems, f"organizations without type, homepage or source: {problems}"


def test_every_dataset_of_the_batch_is_sourced_and_attributed(reg: Registry) -> None:
    # MATH's authors' affiliations were not checked, so it alone has no organization.
    problems = [
        i
        for i in DATASETS
        if reg.get(i).kind != "dataset"
        or not reg.get(i).sources
        or not (reg.get(i).organizations or i == "math")
    ]
    assert not problems, f"datasets without organization or source: {problems}"


def test_synthetic_data_waiting_for_deepseek_r1_says_so(reg: Registry) -> None:
    """R1-distilled data names its generator in notes until a deepseek-r1 entry exists."""
    for entry_id in R1_DATA:
        data = reg.get(entry_id)
        if "deepseek-r1" in reg:
            continue
        assert not data.generated_by and "DeepSeek-R1" in (data.notes or ""), entry_id


@pytest.mark.parametrize(("name", "entry_id"), NAMES.items())
def test_name_finds_the_entry(reg: Registry, name: str, entry_id: str) -> None:
    found = reg.find(name)
    assert found is not None and found.id == entry_id, f"{name!r} finds {found and found.id}"


(_, test_documented_relations_are_edges_in_the_export, _) = lineage_tests({}, DOCUMENTED_EDGES)
