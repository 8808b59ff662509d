"""Content checks over Hugging Face, BigCode and AI2 models and the open data of issue 12.

The walk proves the promise of the issue for these lines and datasets: every model dated,
attributed and sourced, every open-weight model with its sizes and licence; every dataset sourced,
with the size and licence its card states and its derived_from and generated_by edges; the names
people search for find the entries; and the relations the labs document are edges in the export,
down to the checkpoints they name, including the training-data edges added to older entries.
"""

from __future__ import annotations

import pytest
from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.licenses import LICENSES
from registry.store import Registry

HUGGING_FACE = [
    "zephyr", "smollm", "smollm2", "smollm3", "smolvlm", "starcoderbase", "starcoder",
    "starcoder2", "idefics2", "idefics3",
]  # fmt: skip
AI2 = ["olmo", "olmo-2", "olmo-3", "olmoe", "tulu-2", "tulu-3", "molmo"]
MODELS = HUGGING_FACE + AI2

DATASETS = [
    "redpajama-v1", "redpajama-v2", "slimpajama", "dolma", "fineweb", "fineweb-edu",
    "dclm-baseline", "the-stack", "the-stack-v2", "cosmopedia", "ultrachat", "ultrafeedback",
    "oasst1", "lmsys-chat-1m", "hh-rlhf", "tulu-v2-sft-mixture", "tulu-3-sft-mixture",
    "openhermes-2.5", "smollm-corpus", "olmo-mix-1124", "dolmino-mix-1124", "obelics", "fineweb-2",
    "dolma-3", "the-cauldron", "pixmo",
]  # fmt: skip
ORGANIZATIONS = ["together", "cerebras", "bigcode"]

# The licence each dataset card states (None: the card gives none or defers to its subsets).
DATASET_LICENSES = {
    "redpajama-v1": None, "redpajama-v2": None, "slimpajama": None, "dolma": "ODC-By-1.0",
    "fineweb": "ODC-By-1.0", "fineweb-edu": "ODC-By-1.0", "dclm-baseline": "CC-BY-4.0",
    "the-stack": None, "the-stack-v2": None, "cosmopedia": None, "ultrachat": "MIT",
    "ultrafeedback": "MIT", "oasst1": "Apache-2.0", "lmsys-chat-1m": None, "hh-rlhf": "MIT",
    "tulu-v2-sft-mixture": "ODC-By-1.0", "tulu-3-sft-mixture": "ODC-By-1.0", "openhermes-2.5": None,
    "smollm-corpus": None, "olmo-mix-1124": "ODC-By-1.0", "dolmino-mix-1124": None,
    "obelics": None, "fineweb-2": "ODC-By-1.0", "dolma-3": "ODC-By-1.0",
    "the-cauldron": None, "pixmo": "ODC-By-1.0",
}  # fmt: skip

# The sizes the sources state: (dataset, field of Size, value).
DATASET_SIZES = [
    ("redpajama-v1", "tokens", 1_200_000_000_000),
    ("redpajama-v2", "tokens", 30_000_000_000_000),
    ("slimpajama", "tokens", 627_000_000_000),
    ("dolma", "tokens", 3_000_000_000_000),
    ("fineweb", "tokens", 15_000_000_000_000),
    ("fineweb-edu", "tokens", 1_300_000_000_000),
    ("dclm-baseline", "tokens", 4_000_000_000_000),
    ("dclm-baseline", "documents", 3_000_000_000),
    ("the-stack", "bytes", 3_100_000_000_000),
    ("cosmopedia", "tokens", 25_000_000_000),
    ("obelics", "documents", 141_000_000),
    ("obelics", "tokens", 115_000_000_000),
    ("fineweb-2", "bytes", 8_000_000_000_000),
    ("the-stack-v2", "bytes", 67_500_000_000_000),
    ("dolma-3", "tokens", 6_000_000_000_000),
    ("the-cauldron", "instances", 30_300_000),
    ("ultrachat", "instances", 1_500_000),
    ("ultrafeedback", "instances", 256_000),
    ("oasst1", "instances", 161_443),
    ("lmsys-chat-1m", "instances", 1_000_000),
    ("tulu-v2-sft-mixture", "instances", 326_154),
    ("tulu-3-sft-mixture", "instances", 939_344),
]

# The names issue 12 lists for this batch, and published checkpoint names people search for.
NAMES = {
    "Zephyr": "zephyr", "zephyr-7b-beta": "zephyr", "Zephyr 7B Alpha": "zephyr",
    "SmolLM": "smollm", "SmolLM-1.7B": "smollm", "SmolLM2": "smollm2",
    "SmolLM2-1.7B-Instruct": "smollm2", "SmolLM3": "smollm3", "SmolLM3-3B": "smollm3",
    "SmolVLM": "smolvlm", "SmolVLM-256M-Instruct": "smolvlm", "StarCoder": "starcoder",
    "StarCoderBase": "starcoderbase", "StarCoder2": "starcoder2", "starcoder2-15b": "starcoder2",
    "Idefics2": "idefics2", "idefics2-8b": "idefics2", "Idefics3": "idefics3",
    "Idefics3-8B-Llama3": "idefics3", "OLMo": "olmo", "OLMo-7B": "olmo", "OLMo-1B": "olmo",
    "OLMo-7B-0424-hf": "olmo",
    "OLMo 2": "olmo-2", "OLMo-2-1124-13B": "olmo-2", "OLMo-2-0325-32B": "olmo-2",
    "Olmo 3": "olmo-3", "Olmo-3-7B-Think": "olmo-3", "OLMoE": "olmoe",
    "OLMoE-1B-7B-0924": "olmoe", "Tulu 2": "tulu-2", "Tülu 2": "tulu-2",
    "tulu-2-dpo-70b": "tulu-2", "Tulu 3": "tulu-3", "Llama-3.1-Tulu-3-8B": "tulu-3",
    "Molmo": "molmo", "Molmo-7B-D-0924": "molmo", "MolmoE-1B-0924": "molmo",
    "RedPajama": "redpajama-v1", "RedPajama-Data-1T": "redpajama-v1",
    "RedPajama-Data-V2": "redpajama-v2", "SlimPajama": "slimpajama",
    "SlimPajama-627B": "slimpajama", "Dolma": "dolma", "FineWeb": "fineweb",
    "FineWeb-Edu": "fineweb-edu", "DCLM-Baseline": "dclm-baseline", "The Stack": "the-stack",
    "The Stack v2": "the-stack-v2", "Cosmopedia": "cosmopedia", "UltraChat": "ultrachat",
    "UltraFeedback": "ultrafeedback", "OASST1": "oasst1", "LMSYS-Chat-1M": "lmsys-chat-1m",
    "HH-RLHF": "hh-rlhf", "Anthropic HH-RLHF": "hh-rlhf", "OpenHermes 2.5": "openhermes-2.5",
    "Tulu V2 mix": "tulu-v2-sft-mixture", "Tulu 3 SFT Mixture": "tulu-3-sft-mixture",
    "SmolLM-Corpus": "smollm-corpus", "OLMo-mix-1124": "olmo-mix-1124",
    "Dolmino-mix-1124": "dolmino-mix-1124", "BigCode": "bigcode", "Together AI": "together",
    "Cerebras": "cerebras", "OBELICS": "obelics", "FineWeb2": "fineweb-2",
    "Dolma 3": "dolma-3", "The Cauldron": "the-cauldron", "PixMo": "pixmo",
    "Olmo-3-1025-7B": "olmo-3",
}  # fmt: skip

# Relations the labs' papers, cards or announcements state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("mistral-7b", "zephyr", "finetune"),
    ("mistral-7b", "zephyr", "alignment"),
    ("starcoderbase", "starcoder", "continued_pretraining"),
    ("starcoderbase", "starcoder2", "successor"),
    ("smollm", "smollm2", "successor"),
    ("smollm2", "smollm3", "successor"),
    ("smollm2", "smolvlm", "component"),
    ("siglip", "smolvlm", "component"),
    ("mistral-7b", "idefics2", "component"),
    ("siglip", "idefics2", "component"),
    ("idefics2", "idefics3", "successor"),
    ("llama-3.1", "idefics3", "component"),
    ("olmo", "olmo-2", "successor"),
    ("olmo-2", "olmo-3", "successor"),
    ("llama-2", "tulu-2", "finetune"),
    ("llama-2", "tulu-2", "alignment"),
    ("llama-3.1", "tulu-3", "finetune"),
    ("llama-3.1", "tulu-3", "alignment"),
    ("clip", "molmo", "component"),
    ("olmoe", "molmo", "component"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("mistral-7b", "zephyr", "Mistral-7B-v0.1", "mistral-7b-sft-beta"),
    ("mistral-7b", "zephyr", "Mistral-7B-v0.1", "zephyr-7b-beta"),
    ("starcoderbase", "starcoder", "starcoderbase", "starcoder"),
    ("smollm2", "smolvlm", "SmolLM2-1.7B", "SmolVLM-Instruct"),
    ("mistral-7b", "idefics2", "Mistral-7B-v0.1", "idefics2-8b-base"),
    ("llama-3.1", "idefics3", "Llama-3.1-8B-Instruct", "Idefics3-8B-Llama3"),
    ("llama-2", "tulu-2", "Llama-2-70b-hf", "tulu-2-dpo-70b"),
    ("llama-3.1", "tulu-3", "Llama-3.1-8B", "Llama-3.1-Tulu-3-8B-SFT"),
    ("llama-3.1", "tulu-3", "Llama-3.1-70B", "Llama-3.1-Tulu-3-70B-SFT"),
    ("olmoe", "molmo", "OLMoE-1B-7B-0924", "MolmoE-1B-0924"),
]

# Training data the sources name: (dataset, model). The last two are older entries' new edges.
TRAINED_ON = [
    ("ultrachat", "zephyr"), ("ultrafeedback", "zephyr"), ("dolma", "olmo"),
    ("olmo-mix-1124", "olmo-2"), ("dolmino-mix-1124", "olmo-2"), ("dclm-baseline", "olmoe"),
    ("tulu-v2-sft-mixture", "tulu-2"), ("ultrafeedback", "tulu-2"),
    ("tulu-3-sft-mixture", "tulu-3"), ("tulu-3-sft-mixture", "olmo-2"),
    ("the-stack", "starcoderbase"), ("the-stack-v2", "starcoder2"), ("smollm-corpus", "smollm"),
    ("fineweb-edu", "smollm2"), ("dclm-baseline", "smollm2"), ("ultrafeedback", "smollm2"),
    ("openhermes-2.5", "idefics2"), ("obelics", "idefics2"), ("obelics", "idefics3"),
    ("the-cauldron", "idefics2"), ("the-cauldron", "idefics3"), ("dolma-3", "olmo-3"),
    ("pixmo", "molmo"), ("hh-rlhf", "llama-guard"), ("oasst1", "guanaco"),
]  # fmt: skip

# Datasets made from other datasets: (source dataset, derived dataset).
DERIVED_FROM = [
    ("redpajama-v1", "slimpajama"), ("commoncrawl", "redpajama-v1"), ("c4", "redpajama-v1"),
    ("commoncrawl", "redpajama-v2"), ("commoncrawl", "fineweb"), ("fineweb", "fineweb-edu"),
    ("commoncrawl", "dclm-baseline"), ("commoncrawl", "dolma"), ("the-stack", "dolma"),
    ("refinedweb", "dolma"), ("pushshift-reddit", "dolma"), ("redpajama-v1", "dolma"),
    ("refinedweb", "cosmopedia"), ("redpajama-v1", "cosmopedia"), ("ultrachat", "ultrafeedback"),
    ("sharegpt", "ultrafeedback"), ("oasst1", "tulu-v2-sft-mixture"),
    ("oasst1", "tulu-3-sft-mixture"), ("fineweb-edu", "smollm-corpus"),
    ("cosmopedia", "smollm-corpus"), ("dclm-baseline", "olmo-mix-1124"),
    ("commoncrawl", "obelics"), ("fineweb", "fineweb-2"),
    ("commoncrawl", "dolma-3"), ("dolma", "dolma-3"), ("redpajama-v1", "dolma-3"),
]  # fmt: skip

# Datasets written or annotated by models: (model, dataset).
GENERATED_BY = [
    ("llama-3", "fineweb-edu"), ("mixtral-8x7b", "cosmopedia"), ("mixtral-8x7b", "smollm-corpus"),
    ("gpt-3.5-turbo", "ultrachat"), ("gpt-4", "ultrafeedback"), ("gpt-4", "openhermes-2.5"),
    ("anthropic-lm-52b", "hh-rlhf"), ("vicuna", "lmsys-chat-1m"),
]  # fmt: skip


def edge_set(exported: list[dict]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["relation"]) for e in exported}


def test_every_model_of_the_batch_is_dated_attributed_and_sourced(reg: Registry) -> None:
    problems = unsourced_models(reg, MODELS)
    assert not problems, "\n".join(problems)


def test_every_model_is_open_weight_with_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, MODELS)
    assert {m.id for m in open_models} == set(MODELS)
    missing = without_sizes_or_licence(open_models)
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_licences_are_the_ones_the_cards_state(reg: Registry) -> None:
    licences = {i: reg.get(i).license for i in MODELS}
    assert licences["zephyr"] == "MIT"
    assert {licences[i] for i in ("starcoderbase", "starcoder", "starcoder2")} == {
        "bigcode-openrail-m"
    }
    assert licences["tulu-2"] == "ai2-impact-lr"
    assert licences["tulu-3"] == "llama3.1"
    apache = {"smollm", "smollm2", "smollm3", "smolvlm", "idefics2", "idefics3"}
    apache |= {"olmo", "olmo-2", "olmo-3", "olmoe", "molmo"}
    assert {i for i, lic in licences.items() if lic == "Apache-2.0"} == apache


def test_the_impact_low_risk_licence_records_no_terms_it_was_not_read_for() -> None:
    impact = LICENSES["ai2-impact-lr"]
    assert impact.commercial is None
    assert impact.url == "https://allenai.org/licenses/impact-lr"


def test_mixture_of_experts_sizes_keep_their_active_parameters(reg: Registry) -> None:
    olmoe = reg.get("olmoe").checkpoint("OLMoE-1B-7B-0924")
    assert olmoe is not None and olmoe.size is not None
    assert (int(olmoe.size), olmoe.size.active) == (7_000_000_000, 1_000_000_000)


def test_every_dataset_and_organization_exists_and_is_sourced(reg: Registry) -> None:
    for entry_id, kind in [(i, "dataset") for i in DATASETS] + [
        (i, "organization") for i in ORGANIZATIONS
    ]:
        entry = reg.get(entry_id)
        assert entry.kind == kind, entry_id
        assert entry.sources, f"{entry_id} cites no source"


def test_datasets_state_the_licence_their_cards_give(reg: Registry) -> None:
    assert set(DATASET_LICENSES) == set(DATASETS)
    wrong = {
        i: reg.get(i).license for i, lic in DATASET_LICENSES.items() if reg.get(i).license != lic
    }
    assert not wrong, f"datasets with another licence than their card's: {wrong}"


@pytest.mark.parametrize(("dataset", "field", "value"), DATASET_SIZES)
def test_datasets_state_their_sizes(reg: Registry, dataset: str, field: str, value: int) -> None:
    size = reg.get(dataset).size
    assert size is not None and getattr(size, field) == value


def test_documented_relations_are_edges_in_the_export(exported: list[dict]) -> None:
    missing = [edge for edge in DOCUMENTED_EDGES if edge not in edge_set(exported)]
    assert not missing, f"documented relations missing from the export: {missing}"


@pytest.mark.parametrize(
    ("relation", "pairs"),
    [("trained_on", TRAINED_ON), ("derived_from", DERIVED_FROM), ("generated_by", GENERATED_BY)],
)
def test_data_edges_are_in_the_export(
    exported: list[dict], relation: str, pairs: list[tuple[str, str]]
) -> None:
    edges = edge_set(exported)
    missing = [(s, t) for s, t in pairs if (s, t, relation) not in edges]
    assert not missing, f"{relation} edges missing from the export: {missing}"


BUILT_WITH = [
    ("alignment-handbook", "zephyr"), ("open-instruct", "tulu-2"), ("open-instruct", "tulu-3"),
    ("open-instruct", "olmo"), ("open-instruct", "olmo-2"),
]  # fmt: skip


def test_training_libraries_are_edges_in_the_export(exported: list[dict]) -> None:
    missing = [(s, t) for s, t in BUILT_WITH if (s, t, "built_with") not in edge_set(exported)]
    assert not missing, f"built_with edges missing from the export: {missing}"


def test_inferred_edges_are_the_few_this_batch_explains(exported: list[dict]) -> None:
    ours = set(MODELS) | set(DATASETS)
    inferred = {
        (e["source"], e["target"])
        for e in exported
        if e["evidence"] == "inferred" and e["target"] in ours
    }
    assert inferred == {("the-stack", "the-stack-v2"), ("dolma", "olmo-mix-1124")}


test_name_or_checkpoint_finds_the_entry, _, test_edges_name_the_checkpoints_their_sources_name = (
    lineage_tests(NAMES, [], CHECKPOINT_EDGES)
)
