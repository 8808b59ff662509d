"""Content checks over the open fine-tuning ecosystem of 2023-2026 (issue 13, fine-tunes batch).

The walk proves the promise of the issue for these lines: every fine-tune, merge and distillation
is dated, attributed and sourced, with its sizes and licence; the names the issue lists and the
published checkpoint names find their entries; each model records the bases its card or paper
names, down to the checkpoints where they are named; and every merge names all of its parents.
"""

from __future__ import annotations

from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.store import Registry

CHAT_AND_VISION = [
    "vicuna-v1.5", "llava-1.5", "llava-next", "nous-hermes", "openhermes-2.5-mistral-7b",
    "nous-hermes-2", "hermes-3", "hermes-4", "dolphin", "openchat-v3", "openchat-3.5",
    "openchat-3.6",
    "starling-7b", "mistral-7b-openorca", "neural-chat", "xwin-lm", "euryale", "llava-onevision",
    "hermes-2-pro", "deephermes-3", "platypus2", "llama-2-70b-instruct-upstage",
    "neuralhermes-2.5-mistral-7b", "orca-mini", "longchat", "yarn-llama-2",
    "openorcaxopenchat-preview2", "nous-capybara",
]  # fmt: skip
WIZARD = ["wizardcoder", "wizardmath", "wizardlm-2"]
MERGES_AND_UPSCALES = [
    "goliath-120b", "platypus2-70b-instruct", "openorca-platypus2-13b", "hermes-2-theta",
    "solar-10.7b",
]  # fmt: skip
REASONING = ["sky-t1", "s1", "openthinker", "bespoke-stratos", "olympiccoder"]
BATCH = CHAT_AND_VISION + WIZARD + MERGES_AND_UPSCALES + REASONING

DATASETS = [
    "nectar", "openorca", "dolphin-data", "s1k", "sky-t1-data-17k", "wizardlm-evol-instruct",
    "open-platypus",
]  # fmt: skip
ORGANIZATIONS = [
    "nous-research", "cognitive-computations", "openchat", "upstage", "open-orca", "intel",
    "open-thoughts", "bespoke-labs", "xwin-lm-team", "sao10k", "alpindale", "lmms-lab",
    "boston-university", "mlabonne", "pankaj-mathur",
]  # fmt: skip

# The names issue 13 lists for this batch, and published checkpoint names people search for.
NAMES = {
    "Vicuna v1.5": "vicuna-v1.5", "vicuna-13b-v1.5-16k": "vicuna-v1.5",
    "LLaVA-1.5": "llava-1.5", "llava-v1.5-13b": "llava-1.5",
    "LLaVA-NeXT": "llava-next", "LLaVA-1.6": "llava-next", "llava-v1.6-34b": "llava-next",
    "WizardCoder": "wizardcoder", "WizardCoder-Python-34B-V1.0": "wizardcoder",
    "WizardMath": "wizardmath", "WizardMath-7B-V1.1": "wizardmath",
    "WizardLM-2": "wizardlm-2", "WizardLM-2-8x22B": "wizardlm-2",
    "Nous-Hermes": "nous-hermes", "Nous-Hermes-Llama2-13b": "nous-hermes",
    "OpenHermes 2.5 Mistral 7B": "openhermes-2.5-mistral-7b",
    "OpenHermes-2.5-Mistral-7B": "openhermes-2.5-mistral-7b",
    "Nous Hermes 2": "nous-hermes-2", "Nous-Hermes-2-Mixtral-8x7B-DPO": "nous-hermes-2",
    "Nous-Hermes-2-Yi-34B": "nous-hermes-2",
    "Hermes 3": "hermes-3", "Hermes-3-Llama-3.1-405B": "hermes-3",
    "Hermes 4": "hermes-4", "Hermes-4-405B": "hermes-4",
    "Dolphin": "dolphin", "dolphin-2.5-mixtral-8x7b": "dolphin", "dolphin-2.9-llama3-8b": "dolphin",
    "OpenChat 3.5": "openchat-3.5", "openchat-3.5-0106": "openchat-3.5",
    "OpenChat 3.6": "openchat-3.6", "openchat_v3.2_super": "openchat-v3",
    "Starling-7B": "starling-7b", "Starling-LM-7B-alpha": "starling-7b",
    "Starling-LM-7B-beta": "starling-7b",
    "Mistral-7B-OpenOrca": "mistral-7b-openorca", "OpenOrca": "openorca",
    "Neural-Chat": "neural-chat", "neural-chat-7b-v3-1": "neural-chat",
    "Goliath 120B": "goliath-120b", "Xwin-LM-70B-V0.1": "xwin-lm",
    "Euryale-1.3-L2-70B": "euryale",
    "SOLAR 10.7B": "solar-10.7b", "SOLAR-10.7B-Instruct-v1.0": "solar-10.7b",
    "Sky-T1-32B-Preview": "sky-t1", "s1-32B": "s1", "s1.1-32B": "s1", "s1K": "s1k",
    "OpenThinker-32B": "openthinker", "Bespoke-Stratos-32B": "bespoke-stratos",
    "Nectar": "nectar", "Nous Research": "nous-research", "Upstage": "upstage",
    "Cognitive Computations": "cognitive-computations",
    "LLaVA-OneVision": "llava-onevision", "llava-onevision-qwen2-7b-ov": "llava-onevision",
    "Hermes 2 Pro": "hermes-2-pro", "Hermes-2-Pro-Mistral-7B": "hermes-2-pro",
    "DeepHermes 3": "deephermes-3", "DeepHermes-3-Mistral-24B-Preview": "deephermes-3",
    "OlympicCoder-7B": "olympiccoder", "WizardLM_evol_instruct_70k": "wizardlm-evol-instruct",
    "Platypus2-70B-instruct": "platypus2-70b-instruct", "Platypus2-13B": "platypus2",
    "Llama-2-70b-instruct-v2": "llama-2-70b-instruct-upstage", "Open-Platypus": "open-platypus",
    "NeuralHermes-2.5-Mistral-7B": "neuralhermes-2.5-mistral-7b", "Orca Mini": "orca-mini",
    "orca_mini_v3_13b": "orca-mini", "LongChat v1.5": "longchat",
    "Yarn-Mistral-7b-128k": "yarn-llama-2", "Yarn-Llama-2-13b-128k": "yarn-llama-2",
    "OpenOrca-Platypus2-13B": "openorca-platypus2-13b", "Hermes 2 Theta": "hermes-2-theta",
    "Nous-Capybara-34B": "nous-capybara",
    "OpenOrcaxOpenChat-Preview2-13B": "openorcaxopenchat-preview2",
}  # fmt: skip

# Relations the cards, papers and READMEs state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("llama-2", "vicuna-v1.5", "finetune"),
    ("vicuna", "vicuna-v1.5", "successor"),
    ("vicuna-v1.5", "llava-1.5", "finetune"),
    ("clip", "llava-1.5", "component"),
    ("llava", "llava-1.5", "successor"),
    ("llava-1.5", "llava-next", "successor"),
    ("vicuna-v1.5", "llava-next", "finetune"),
    ("mistral-7b", "llava-next", "finetune"),
    ("nous-hermes-2", "llava-next", "finetune"),
    ("llama", "nous-hermes", "finetune"),
    ("llama-2", "nous-hermes", "finetune"),
    ("mistral-7b", "openhermes-2.5-mistral-7b", "finetune"),
    ("mixtral-8x7b", "nous-hermes-2", "finetune"),
    ("mixtral-8x7b", "nous-hermes-2", "alignment"),
    ("llama-3.1", "hermes-3", "finetune"),
    ("nous-hermes-2", "hermes-3", "successor"),
    ("llama-3.1", "hermes-4", "finetune"),
    ("hermes-3", "hermes-4", "successor"),
    ("mistral-7b", "dolphin", "finetune"),
    ("mixtral-8x7b", "dolphin", "adapter"),
    ("llama-3", "dolphin", "finetune"),
    ("mistral-7b", "openchat-3.5", "finetune"),
    ("llama-2", "openchat-v3", "finetune"),
    ("openchat-v3", "openchat-3.5", "successor"),
    ("llama-3", "openchat-3.6", "finetune"),
    ("openchat-3.5", "openchat-3.6", "successor"),
    ("openchat-3.5", "starling-7b", "alignment"),
    ("mistral-7b", "mistral-7b-openorca", "finetune"),
    ("mistral-7b", "neural-chat", "finetune"),
    ("llama-2", "xwin-lm", "alignment"),
    ("llama-2", "euryale", "finetune"),
    ("code-llama", "wizardcoder", "finetune"),
    ("wizardlm", "wizardcoder", "successor"),
    ("llama-2", "wizardmath", "finetune"),
    ("mistral-7b", "wizardmath", "finetune"),
    ("mixtral-8x22b", "wizardlm-2", "finetune"),
    ("mistral-7b", "wizardlm-2", "finetune"),
    ("wizardlm", "wizardlm-2", "successor"),
    ("mistral-7b", "solar-10.7b", "continued_pretraining"),
    ("gemini-2.0", "s1", "distillation"),
    ("gpt-4", "nous-hermes", "distillation"),
    ("gpt-4", "openhermes-2.5-mistral-7b", "distillation"),
    ("gpt-4", "mistral-7b-openorca", "distillation"),
    ("siglip", "llava-onevision", "component"),
    ("llava-next", "llava-onevision", "successor"),
    ("mistral-7b", "hermes-2-pro", "finetune"),
    ("nous-hermes-2", "hermes-2-pro", "successor"),
    ("llama-3.1", "deephermes-3", "finetune"),
    ("hermes-3", "deephermes-3", "successor"),
    ("llama-2", "platypus2", "adapter"),
    ("llama-2", "llama-2-70b-instruct-upstage", "finetune"),
    ("openhermes-2.5-mistral-7b", "neuralhermes-2.5-mistral-7b", "alignment"),
    ("llama-2", "orca-mini", "finetune"),
    ("llama-2", "longchat", "finetune"),
    ("deepspeed", "sky-t1", "built_with"),
    ("deepspeed", "llama-2-70b-instruct-upstage", "built_with"),
    ("llama-2", "yarn-llama-2", "continued_pretraining"),
    ("mistral-7b", "yarn-llama-2", "continued_pretraining"),
    ("solar-10.7b", "yarn-llama-2", "continued_pretraining"),
    ("llama-factory", "sky-t1", "built_with"),
    ("llama-factory", "openthinker", "built_with"),
    ("axolotl", "dolphin", "built_with"),
    ("axolotl", "mistral-7b-openorca", "built_with"),
    ("peft", "platypus2", "built_with"),
    ("mergekit", "goliath-120b", "built_with"),
    ("qwen2.5", "sky-t1", "finetune"),
    ("qwq-32b-preview", "sky-t1", "distillation"),
    ("qwen2.5", "openthinker", "finetune"),
    ("deepseek-r1", "openthinker", "distillation"),
    ("qwen2.5", "bespoke-stratos", "finetune"),
    ("deepseek-r1", "bespoke-stratos", "distillation"),
    ("qwen2.5", "s1", "finetune"),
    ("deepseek-r1", "s1", "distillation"),
    ("qwen2.5-coder", "olympiccoder", "finetune"),
    ("deepseek-r1", "olympiccoder", "distillation"),
    ("deepseek-r1", "deephermes-3", "distillation"),
    ("qwen2", "llava-onevision", "finetune"),
    ("yi", "nous-hermes-2", "finetune"),
    ("yi", "nous-capybara", "finetune"),
    ("starcoder", "wizardcoder", "finetune"),
    ("deepseek-coder", "wizardcoder", "finetune"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("vicuna-v1.5", "llava-1.5", "vicuna-13b-v1.5", "llava-v1.5-13b"),
    ("nous-hermes-2", "llava-next", "Nous-Hermes-2-Yi-34B", "llava-v1.6-34b"),
    ("mistral-7b", "openhermes-2.5-mistral-7b", "Mistral-7B-v0.1", "OpenHermes-2-Mistral-7B"),
    ("mixtral-8x7b", "nous-hermes-2", "Mixtral-8x7B-v0.1", "Nous-Hermes-2-Mixtral-8x7B-DPO"),
    ("llama-3.1", "hermes-3", "Llama-3.1-405B", "Hermes-3-Llama-3.1-405B"),
    ("llama-3.1", "hermes-4", "Llama-3.1-405B", "Hermes-4-405B"),
    ("openchat-3.5", "starling-7b", "openchat_3.5", "Starling-LM-7B-alpha"),
    ("openchat-3.5", "starling-7b", "openchat-3.5-0106", "Starling-LM-7B-beta"),
    ("code-llama", "wizardcoder", "CodeLlama-34b-Python-hf", "WizardCoder-Python-34B-V1.0"),
    ("mixtral-8x22b", "wizardlm-2", "Mixtral-8x22B-v0.1", "WizardLM-2-8x22B"),
    ("mistral-7b", "solar-10.7b", "Mistral-7B-v0.1", "SOLAR-10.7B-v1.0"),
    ("xwin-lm", "goliath-120b", "Xwin-LM-70B-V0.1", "goliath-120b"),
    ("euryale", "goliath-120b", "Euryale-1.3-L2-70B", "goliath-120b"),
    ("llama-3", "hermes-2-theta", "Meta-Llama-3-8B-Instruct", "Hermes-2-Theta-Llama-3-8B"),
    ("qwen2.5", "sky-t1", "Qwen2.5-32B-Instruct", "Sky-T1-32B-Preview"),
    ("qwen2.5", "openthinker", "Qwen2.5-7B-Instruct", "OpenThinker-7B"),
    ("qwen2.5", "openthinker", "Qwen2.5-32B-Instruct", "OpenThinker-32B"),
    ("qwen2.5", "bespoke-stratos", "Qwen2.5-32B-Instruct", "Bespoke-Stratos-32B"),
    ("qwen2.5", "s1", "Qwen2.5-32B-Instruct", "s1-32B"),
    ("deepseek-r1", "s1", None, "s1.1-32B"),
    ("qwen2.5-coder", "olympiccoder", "Qwen2.5-Coder-7B-Instruct", "OlympicCoder-7B"),
    ("yi", "nous-hermes-2", "Yi-34B", "Nous-Hermes-2-Yi-34B"),
    ("yi", "nous-capybara", "Yi-34B-200K", "Nous-Capybara-34B"),
    ("starcoder", "wizardcoder", "starcoder", "WizardCoder-15B-V1.0"),
    ("siglip", "llava-onevision", "siglip-so400m-patch14-384", None),
    ("platypus2", "platypus2-70b-instruct", "Platypus2-70B", "Platypus2-70B-instruct"),
    (
        "llama-2-70b-instruct-upstage",
        "platypus2-70b-instruct",
        "SOLAR-0-70b-16bit",
        "Platypus2-70B-instruct",
    ),
]

# Every merge in the batch, with all the parents its card names.
MERGE_PARENTS = {
    "goliath-120b": {"xwin-lm", "euryale"},
    "platypus2-70b-instruct": {"platypus2", "llama-2-70b-instruct-upstage"},
    "openorca-platypus2-13b": {"platypus2", "openorcaxopenchat-preview2"},
    "hermes-2-theta": {"hermes-2-pro", "llama-3"},
}

# Training data the cards name: (dataset, model, stage).
TRAINED_ON = [
    ("sharegpt", "vicuna-v1.5", "instruction_tuning"),
    ("nectar", "starling-7b", "alignment"),
    ("openorca", "mistral-7b-openorca", "instruction_tuning"),
    ("openorca", "neural-chat", "instruction_tuning"),
    ("dolphin-data", "dolphin", "instruction_tuning"),
    ("s1k", "s1", "finetuning"),
    ("sky-t1-data-17k", "sky-t1", "finetuning"),
    ("wizardlm-evol-instruct", "wizardlm", "instruction_tuning"),
    ("open-platypus", "platypus2", "instruction_tuning"),
    ("dolphin-data", "orca-mini", "instruction_tuning"),
    ("openthoughts-114k", "openthinker", "finetuning"),
    ("bespoke-stratos-17k", "bespoke-stratos", "finetuning"),
    ("openorca", "openorcaxopenchat-preview2", "instruction_tuning"),
    ("openhermes-2.5", "openhermes-2.5-mistral-7b", "instruction_tuning"),
    ("openhermes-2.5", "nous-hermes-2", "instruction_tuning"),
    ("openhermes-2.5", "hermes-2-pro", "instruction_tuning"),
]


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert not problems, "\n".join(problems)


def test_every_model_of_the_batch_is_open_with_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    missing = without_sizes_or_licence(open_models)
    assert len(open_models) == len(BATCH), "every fine-tune of the batch has open weights"
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_the_batch_datasets_and_organizations_are_sourced(reg: Registry) -> None:
    for entry_id in DATASETS + ORGANIZATIONS:
        entry = reg.get(entry_id)
        assert entry.sources, f"{entry_id} cites no source"
    for entry_id in DATASETS:
        assert reg.get(entry_id).kind == "dataset" and reg.get(entry_id).released
    for entry_id in ORGANIZATIONS:
        org = reg.get(entry_id)
        assert org.kind == "organization" and org.type and org.links.homepage


def test_every_model_names_an_organization_of_the_registry(reg: Registry) -> None:
    for entry_id in BATCH:
        for org in reg.get(entry_id).organizations:
            assert reg.get(org).kind == "organization", f"{entry_id}: {org}"


def test_every_merge_names_every_parent(reg: Registry, exported: list[dict]) -> None:
    merges = {m for m in BATCH if any(e.relation == "merge" for e in reg.get(m).lineage)}
    assert merges == set(MERGE_PARENTS), f"merges in the batch: {merges}"
    for child, parents in MERGE_PARENTS.items():
        found = {e["source"] for e in exported if e["target"] == child and e["relation"] == "merge"}
        assert found == parents, f"{child} merges {found}, its card names {parents}"
        assert all(e["evidence"] == "documented" for e in exported if e["target"] == child)


def test_training_data_the_cards_name_are_edges(exported: list[dict]) -> None:
    edges = {(e["source"], e["target"], e.get("stage")) for e in exported}
    missing = [edge for edge in TRAINED_ON if edge not in edges]
    assert not missing, f"trained_on edges missing from the export: {missing}"


def test_synthetic_datasets_name_their_generators(exported: list[dict]) -> None:
    generated = {(e["source"], e["target"]) for e in exported if e["relation"] == "generated_by"}
    assert {("gpt-4", "nectar"), ("gpt-4", "openorca"), ("gpt-3.5-turbo", "openorca")} <= generated
    assert {("gpt-4", "dolphin-data"), ("gemini-2.0", "s1k"), ("deepseek-r1", "s1k")} <= generated
    assert ("qwq-32b-preview", "sky-t1-data-17k") in generated
    derived = {(e["source"], e["target"]) for e in exported if e["relation"] == "derived_from"}
    assert {("flan-collection", "openorca"), ("flan-collection", "dolphin-data")} <= derived


def test_licences_follow_the_cards(reg: Registry) -> None:
    """Llama-based lines keep Meta's terms; checkpoints under other terms say so."""
    assert reg.get("vicuna-v1.5").license == "llama2"
    assert reg.get("hermes-3").license == "llama3"
    assert reg.get("openchat-3.6").license == "llama3"
    assert reg.get("solar-10.7b").license == "Apache-2.0"
    assert reg.get("solar-10.7b").checkpoint("SOLAR-10.7B-Instruct-v1.0").license == "CC-BY-NC-4.0"
    assert reg.get("dolphin").checkpoint("dolphin-2.9-llama3-8b").license == "llama3"
    assert reg.get("starling-7b").checkpoint("Starling-RM-7B-alpha").license == "CC-BY-NC-4.0"


def test_moe_fine_tunes_keep_their_base_sizes(reg: Registry) -> None:
    mixtral = reg.get("nous-hermes-2").checkpoint("Nous-Hermes-2-Mixtral-8x7B-DPO")
    assert mixtral is not None and mixtral.size is not None
    assert (int(mixtral.size), mixtral.size.active) == (46_700_000_000, 12_900_000_000)
    wizard = reg.get("wizardlm-2").checkpoint("WizardLM-2-8x22B")
    assert wizard is not None and wizard.size is not None
    assert (int(wizard.size), wizard.size.active) == (141_000_000_000, 39_000_000_000)


def test_edges_nobody_primary_states_are_not_marked_documented(exported: list[dict]) -> None:
    """LLaVA-NeXT's CLIP encoder is inferred from the reused connector, not stated; DeepHermes 3's
    Mistral Small base and Hermes 4 14B's Qwen3 base are stated only by secondary sources."""
    levels = {(e["source"], e["target"], e["relation"]): e["evidence"] for e in exported}
    assert levels[("clip", "llava-next", "component")] == "inferred"
    assert levels[("mistral-small-3", "deephermes-3", "finetune")] == "secondary"
    assert levels[("llama-2", "openorcaxopenchat-preview2", "finetune")] == "inferred"
    assert levels[("qwen3", "hermes-4", "finetune")] == "secondary"


(
    test_name_or_checkpoint_finds_the_entry,
    test_documented_relations_are_edges_in_the_export,
    test_edges_name_the_checkpoints_their_sources_name,
) = lineage_tests(NAMES, DOCUMENTED_EDGES, CHECKPOINT_EDGES)
