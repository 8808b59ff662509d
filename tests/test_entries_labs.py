"""Content checks over the other labs of issue 12 and the architectures after the Transformer.

Databricks/MosaicML, Cohere, AI21, Nvidia, IBM, Apple, Amazon, Stability AI and TII, with Mamba,
Mamba-2 and the later RWKV lines (Raven, Eagle, Finch, Goose). The walk proves the promise of the
issue for these lines: every model dated, attributed and sourced, every open-weight model with its
sizes and licence, closed models without sizes their lab never stated; every line's name and its
published checkpoint names find the entry; and the relations the labs and papers document are
edges in the export, down to the checkpoints they name.
"""

from __future__ import annotations

from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.store import Registry

DATABRICKS = ["mpt-7b", "mpt-30b", "dbrx", "dolly-2.0"]
COHERE = ["command-r", "command-r-plus", "command-r7b", "command-a", "aya-23", "aya-expanse"]
AI21 = ["jamba", "jamba-1.5"]
NVIDIA = [
    "nemotron-4-340b", "llama-3.1-nemotron-70b", "llama-nemotron", "nemotron-h", "nemotron-nano-2",
]  # fmt: skip
IBM = ["granite-code", "granite-3.0", "granite-3.1", "granite-3.2", "granite-3.3", "granite-4.0"]
APPLE = ["openelm", "dclm-7b", "apple-foundation-models-2024", "apple-foundation-models-2025"]
AMAZON = ["amazon-nova", "amazon-titan-text"]
STABILITY = ["stablelm-alpha", "stablelm-3b-4e1t", "stablelm-2", "stablecode", "stable-beluga-2"]
TII = ["falcon-180b", "falcon-2", "falcon-mamba", "falcon-3", "falcon-h1"]
ARCHITECTURES = ["mamba", "mamba-2", "rwkv-4-raven", "rwkv-5", "rwkv-6", "rwkv-7"]
BATCH = DATABRICKS + COHERE + AI21 + NVIDIA + IBM + APPLE + AMAZON + STABILITY + TII + ARCHITECTURES

ORGANIZATIONS = [
    "databricks", "mosaicml", "cohere", "ibm", "apple", "stability-ai",
    "carnegie-mellon-university", "princeton-university",
]  # fmt: skip

# Closed models with a size: Apple states its on-device foundation models have about 3B parameters.
SIZES_STATED_BY_THE_LAB = {"apple-foundation-models-2024", "apple-foundation-models-2025"}

# The names issue 12 lists for these labs, and the published checkpoint names people search for.
NAMES = {
    "MPT-7B": "mpt-7b", "mpt-7b-instruct": "mpt-7b", "mpt-7b-chat": "mpt-7b",
    "MPT-30B": "mpt-30b", "mpt-30b-chat": "mpt-30b",
    "DBRX": "dbrx", "DBRX Instruct": "dbrx", "dbrx-base": "dbrx",
    "Dolly 2.0": "dolly-2.0", "dolly-v2-12b": "dolly-2.0",
    "Command R": "command-r", "c4ai-command-r-v01": "command-r",
    "c4ai-command-r-08-2024": "command-r",
    "Command R Plus": "command-r-plus", "Command R+": "command-r-plus",
    "c4ai-command-r-plus": "command-r-plus",
    "Command R7B": "command-r7b", "c4ai-command-r7b-12-2024": "command-r7b",
    "Command A": "command-a", "c4ai-command-a-03-2025": "command-a",
    "Aya 23": "aya-23", "aya-23-35B": "aya-23",
    "Aya Expanse": "aya-expanse", "aya-expanse-32b": "aya-expanse",
    "Jamba": "jamba", "Jamba-v0.1": "jamba",
    "Jamba 1.5 Mini": "jamba-1.5", "Jamba 1.5 Large": "jamba-1.5",
    "AI21-Jamba-1.5-Large": "jamba-1.5",
    "Nemotron-4 340B": "nemotron-4-340b", "Nemotron-4-340B-Reward": "nemotron-4-340b",
    "Llama-3.1-Nemotron-70B-Instruct": "llama-3.1-nemotron-70b",
    "Llama-3.1-Nemotron-70B-Instruct-HF": "llama-3.1-nemotron-70b",
    "Nemotron-H": "nemotron-h", "Nemotron-H-56B-Base-8K": "nemotron-h",
    "Llama-Nemotron": "llama-nemotron", "Llama-3_3-Nemotron-Super-49B-v1": "llama-nemotron",
    "Llama-3_1-Nemotron-Ultra-253B-v1": "llama-nemotron",
    "Llama-3.1-Nemotron-Nano-8B-v1": "llama-nemotron",
    "Nemotron Nano 2": "nemotron-nano-2", "NVIDIA-Nemotron-Nano-9B-v2": "nemotron-nano-2",
    "Granite Code": "granite-code", "granite-34b-code-instruct-8k": "granite-code",
    "Granite 3.0": "granite-3.0", "granite-3.0-8b-instruct": "granite-3.0",
    "Granite 3.1": "granite-3.1", "granite-3.1-8b-instruct": "granite-3.1",
    "Granite 3.2": "granite-3.2", "Granite 3.3": "granite-3.3",
    "granite-3.3-8b-instruct": "granite-3.3",
    "Granite 4.0": "granite-4.0", "granite-4.0-h-small": "granite-4.0",
    "OpenELM": "openelm", "OpenELM-3B-Instruct": "openelm",
    "DCLM-7B": "dclm-7b", "DCLM-Baseline-7B": "dclm-7b",
    "Apple Foundation Models 2024": "apple-foundation-models-2024",
    "AFM-on-device": "apple-foundation-models-2024",
    "Apple Foundation Models 2025": "apple-foundation-models-2025",
    "Amazon Nova": "amazon-nova", "Nova Micro": "amazon-nova", "Amazon Nova Lite": "amazon-nova",
    "Nova Pro": "amazon-nova", "Amazon Nova Premier": "amazon-nova",
    "amazon.nova-pro-v1:0": "amazon-nova", "Titan Text Express": "amazon-titan-text",
    "amazon.titan-text-premier-v1:0": "amazon-titan-text",
    "StableLM-Alpha": "stablelm-alpha", "stablelm-tuned-alpha-7b": "stablelm-alpha",
    "StableLM-3B-4E1T": "stablelm-3b-4e1t",
    "Stable LM 2": "stablelm-2", "StableLM 2 1.6B": "stablelm-2", "stablelm-2-12b": "stablelm-2",
    "StableCode": "stablecode", "Stable Beluga 2": "stable-beluga-2",
    "Falcon 180B": "falcon-180b", "falcon-180B-chat": "falcon-180b",
    "Falcon 2": "falcon-2", "falcon-11B-vlm": "falcon-2",
    "Falcon Mamba 7B": "falcon-mamba", "falcon-mamba-7b": "falcon-mamba",
    "Falcon 3": "falcon-3", "Falcon3-10B-Instruct": "falcon-3",
    "Falcon3-Mamba-7B-Base": "falcon-3",
    "Falcon-H1": "falcon-h1", "Falcon-H1-34B-Instruct": "falcon-h1",
    "Mamba": "mamba", "mamba-2.8b": "mamba", "Mamba-2": "mamba-2", "mamba2-2.7b": "mamba-2",
    "RWKV-4 Raven": "rwkv-4-raven", "RWKV-5": "rwkv-5", "Eagle": "rwkv-5",
    "RWKV-6": "rwkv-6", "Finch": "rwkv-6",
    "RWKV-7": "rwkv-7", "Goose": "rwkv-7",
}  # fmt: skip

# Relations the labs' papers, cards or announcements state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("pythia", "dolly-2.0", "finetune"),
    ("llama-3.1", "llama-3.1-nemotron-70b", "alignment"),
    ("llama-3.3", "llama-nemotron", "distillation"),
    ("llama-3.1", "llama-nemotron", "distillation"),
    ("mamba", "jamba", "component"),
    ("mamba", "jamba-1.5", "component"),
    ("jamba", "jamba-1.5", "successor"),
    ("s4", "mamba", "successor"),
    ("mamba", "mamba-2", "successor"),
    ("mamba-2", "codestral-mamba", "component"),
    ("mamba-2", "nemotron-h", "component"),
    ("mamba-2", "nemotron-nano-2", "component"),
    ("mamba-2", "granite-4.0", "component"),
    ("mamba-2", "falcon-h1", "component"),
    ("mamba", "falcon-mamba", "component"),
    ("granite-3.0", "granite-3.1", "successor"),
    ("granite-3.1", "granite-3.2", "finetune"),
    ("granite-3.2", "granite-3.3", "successor"),
    ("falcon-mamba", "falcon-3", "successor"),
    ("llama-2", "stable-beluga-2", "finetune"),
    ("apple-foundation-models-2024", "apple-foundation-models-2025", "successor"),
    ("rwkv", "rwkv-4-raven", "finetune"),
    ("rwkv", "rwkv-5", "successor"),
    ("rwkv-5", "rwkv-6", "successor"),
    ("rwkv-6", "rwkv-7", "successor"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("llama-3.1", "llama-3.1-nemotron-70b", "Llama-3.1-70B-Instruct",
     "Llama-3.1-Nemotron-70B-Instruct"),
    ("llama-3.3", "llama-nemotron", "Llama-3.3-70B-Instruct", "Llama-3_3-Nemotron-Super-49B-v1"),
    ("llama-3.1", "llama-nemotron", "Llama-3.1-8B-Instruct", "Llama-3.1-Nemotron-Nano-8B-v1"),
    ("llama-3.1", "llama-nemotron", "Llama-3.1-405B-Instruct",
     "Llama-3_1-Nemotron-Ultra-253B-v1"),
    ("granite-3.1", "granite-3.2", "granite-3.1-8b-instruct", "granite-3.2-8b-instruct"),
    ("falcon-mamba", "falcon-3", "falcon-mamba-7b", "Falcon3-Mamba-7B-Base"),
]  # fmt: skip

# Training data the cards name and the registry has: (model, dataset).
TRAINED_ON = [
    ("mpt-7b", "mc4"), ("mpt-7b", "c4"), ("mpt-7b", "databricks-dolly-15k"), ("mpt-30b", "c4"),
    ("dolly-2.0", "databricks-dolly-15k"),
    ("stablelm-alpha", "databricks-dolly-15k"), ("stablelm-alpha", "the-pile"),
    ("stablelm-3b-4e1t", "refinedweb"), ("stablelm-2", "refinedweb"), ("openelm", "refinedweb"),
    ("openelm", "the-pile"), ("falcon-180b", "refinedweb"), ("falcon-2", "refinedweb"),
    ("mamba", "the-pile"), ("mamba-2", "the-pile"), ("rwkv-4-raven", "alpaca-data"),
]  # fmt: skip


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert not problems, "\n".join(problems)


def test_the_batch_organizations_exist_with_country_homepage_and_source(reg: Registry) -> None:
    for org_id in ORGANIZATIONS:
        org = reg.get(org_id)
        assert org.kind == "organization", org_id
        assert org.country and org.links.homepage and org.sources, org_id


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    missing = without_sizes_or_licence(open_models)
    assert len(open_models) == 41
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_closed_models_state_no_size_the_lab_did_not(reg: Registry) -> None:
    closed = [reg.get(i) for i in BATCH if reg.get(i).access in ("api", "closed")]
    sized = {m.id for m in closed if m.parameters}
    assert {m.id for m in closed} == {*AMAZON, *SIZES_STATED_BY_THE_LAB}
    assert sized == SIZES_STATED_BY_THE_LAB, f"closed models with a size: {sized}"
    assert {reg.get(i).license for i in AMAZON} == {"amazon-terms"}


def test_mixtures_of_experts_record_their_active_parameters(reg: Registry) -> None:
    expected = {
        ("dbrx", "dbrx-instruct"): (132_000_000_000, 36_000_000_000),
        ("jamba", "Jamba-v0.1"): (52_000_000_000, 12_000_000_000),
        ("jamba-1.5", "AI21-Jamba-1.5-Large"): (398_000_000_000, 94_000_000_000),
        ("granite-4.0", "granite-4.0-h-small"): (32_000_000_000, 9_000_000_000),
    }
    for (entry_id, name), sizes in expected.items():
        checkpoint = reg.get(entry_id).checkpoint(name)
        assert checkpoint is not None and checkpoint.size is not None, name
        assert (int(checkpoint.size), checkpoint.size.active) == sizes, name


def test_licences_follow_the_cards(reg: Registry) -> None:
    """Cohere's open weights are non-commercial; MPT and StableLM chat licences differ from base."""
    assert {reg.get(i).license for i in COHERE} == {"CC-BY-NC-4.0"}
    assert reg.get("mpt-7b").license == "Apache-2.0"
    assert reg.get("mpt-7b").checkpoint("mpt-7b-chat").license == "CC-BY-NC-SA-4.0"
    assert reg.get("stablelm-alpha").checkpoint("stablelm-tuned-alpha-7b").license == (
        "CC-BY-NC-SA-4.0"
    )
    assert reg.get("falcon-180b").license == "falcon-180b-license"
    assert reg.get("falcon-mamba").license == "falcon-mamba-7b-license"
    assert reg.get("nemotron-h").license == "nvidia-internal-research-license"
    assert reg.get("llama-3.1-nemotron-70b").license == "llama3.1"
    assert {reg.get(i).license for i in IBM} == {"Apache-2.0"}


def test_documented_relations_are_edges_in_the_export(exported: list[dict]) -> None:
    edges = {(e["source"], e["target"], e["relation"]): e["evidence"] for e in exported}
    missing = [edge for edge in DOCUMENTED_EDGES if edge not in edges]
    assert not missing, f"documented relations missing from the export: {missing}"
    weaker = [edge for edge in DOCUMENTED_EDGES if edges[edge] != "documented"]
    assert not weaker, f"documented relations exported with weaker evidence: {weaker}"


def test_named_training_data_are_edges_in_the_export(exported: list[dict]) -> None:
    edges = {(e["source"], e["target"]) for e in exported if e["relation"] == "trained_on"}
    missing = [(model, data) for model, data in TRAINED_ON if (data, model) not in edges]
    assert not missing, f"trained_on edges missing from the export: {missing}"


def test_edges_nobody_primary_states_are_not_marked_documented(exported: list[dict]) -> None:
    """Line-to-line successions the labs do not state stay inferred."""
    levels = {(e["source"], e["target"]): e["evidence"] for e in exported}
    for edge in [
        ("mpt-7b", "mpt-30b"),
        ("mpt-30b", "dbrx"),
        ("command-r", "aya-23"),
        ("falcon", "falcon-180b"),
        ("granite-3.3", "granite-4.0"),
        ("nemotron-h", "nemotron-nano-2"),
    ]:
        assert levels[edge] == "inferred", edge


test_name_or_checkpoint_finds_the_entry, _, test_edges_name_the_checkpoints_their_sources_name = (
    lineage_tests(NAMES, [], CHECKPOINT_EDGES)
)
