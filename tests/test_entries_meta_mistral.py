"""Content checks over the Meta and Mistral AI entries of 2023-2026 (issue 12, first batch).

The walk proves the promise of the issue for these lines: every model dated, attributed and
sourced, every open-weight model with its sizes and licence; every line's name and its published
checkpoint names find the entry; and the relations the labs document are edges in the export.
"""

from __future__ import annotations

from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.export import to_json
from registry.store import Registry

META_AND_MISTRAL = [
    "llama-2", "llama-2-chat", "code-llama", "llama-guard", "llama-guard-2", "llama-guard-3",
    "llama-guard-4", "llama-3", "llama-3.1", "llama-3.2", "llama-3.2-vision", "llama-3.3",
    "llama-4", "llama-4-behemoth",
    "mixtral-8x7b", "mixtral-8x22b", "mistral-nemo", "mistral-small-1", "mistral-small-2",
    "mistral-small-3", "mistral-small-3.1", "mistral-small-3.2", "mistral-small-4",
    "mistral-medium-1", "mistral-medium-3", "mistral-medium-3.1", "mistral-medium-3.5",
    "mistral-large-1", "mistral-large-2", "mistral-large-3", "codestral", "codestral-25.01",
    "codestral-25.08", "codestral-mamba", "mathstral", "pixtral-12b", "pixtral-large",
    "ministral", "ministral-3", "magistral-small", "magistral-medium", "devstral-small",
    "devstral-medium", "devstral-2", "voxtral", "mistral-saba", "leanstral", "shieldstral",
]  # fmt: skip

# The names issue 12 lists for these labs, and the published checkpoint names people search for.
NAMES = {
    "Llama 2": "llama-2", "Llama 2-Chat": "llama-2-chat", "Code Llama": "code-llama",
    "Llama Guard": "llama-guard", "Llama Guard 2": "llama-guard-2",
    "Llama Guard 3": "llama-guard-3", "Llama Guard 4": "llama-guard-4", "Llama 3": "llama-3",
    "Llama 3.1": "llama-3.1", "Llama 3.2": "llama-3.2", "Llama 3.2 Vision": "llama-3.2-vision",
    "Llama 3.3": "llama-3.3", "Llama 4": "llama-4", "Llama 4 Maverick": "llama-4",
    "Mixtral 8x7B": "mixtral-8x7b", "Mixtral 8x22B": "mixtral-8x22b",
    "Mistral NeMo": "mistral-nemo", "Mistral Small": "mistral-small-1",
    "Mistral Medium": "mistral-medium-1", "Mistral Large": "mistral-large-1",
    "Codestral": "codestral", "Pixtral": "pixtral-12b", "Ministral": "ministral",
    "Magistral": "magistral-small",
    "Llama-2-7b-chat-hf": "llama-2-chat", "Llama-3.1-8B-Instruct": "llama-3.1",
    "Llama-4-Scout-17B-16E-Instruct": "llama-4", "CodeLlama-70b-Instruct-hf": "code-llama",
    "Mixtral-8x7B-Instruct-v0.1": "mixtral-8x7b", "Mistral-Nemo-Instruct-2407": "mistral-nemo",
    "Magistral-Small-2506": "magistral-small", "Ministral-3-14B-Reasoning-2512": "ministral-3",
}  # fmt: skip

# Relations the labs' papers, cards or announcements state: (parent, child, relation).
DOCUMENTED_EDGES = [
    ("llama", "llama-2", "successor"),
    ("llama-2", "llama-2-chat", "alignment"),
    ("llama-2", "code-llama", "continued_pretraining"),
    ("llama-2", "llama-guard", "finetune"),
    ("llama-2", "llama-3", "successor"),
    ("llama-3", "llama-guard-2", "finetune"),
    ("llama-3", "llama-3.1", "successor"),
    ("llama-3.1", "llama-3.2", "distillation"),
    ("llama-3.1", "llama-3.2-vision", "component"),
    ("llama-3.1", "llama-3.3", "successor"),
    ("llama-3.1", "llama-guard-3", "finetune"),
    ("llama-3.2", "llama-guard-3", "finetune"),
    ("llama-3.2-vision", "llama-guard-3", "finetune"),
    ("llama-4", "llama-guard-4", "finetune"),
    ("llama-4-behemoth", "llama-4", "distillation"),
    ("mistral-7b", "mathstral", "finetune"),
    ("mistral-large-2", "pixtral-large", "continued_pretraining"),
    ("mistral-small-3.1", "devstral-small", "finetune"),
    ("mistral-small-3.1", "magistral-small", "finetune"),
    ("magistral-medium", "magistral-small", "distillation"),
    ("mistral-medium-3", "magistral-medium", "alignment"),
    ("mistral-small-3.1", "ministral-3", "distillation"),
    ("mistral-small-3.1", "voxtral", "continued_pretraining"),
    ("ministral", "voxtral", "continued_pretraining"),
]


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, META_AND_MISTRAL)
    assert not problems, "\n".join(problems)


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, META_AND_MISTRAL)
    missing = without_sizes_or_licence(open_models)
    assert len(open_models) > 20
    assert not missing, f"open-weight models without sizes or licence: {missing}"


def test_api_only_models_state_no_size(reg: Registry) -> None:
    """Closed models: no size unless the lab states it (none of these labs did)."""
    sized = [i for i in META_AND_MISTRAL if reg.get(i).access == "api" and reg.get(i).parameters]
    assert not sized, f"API-only models with a size: {sized}"


def test_documented_relations_are_edges_in_the_export(reg: Registry) -> None:
    exported = {(e["source"], e["target"], e["relation"]) for e in to_json(reg)["edges"]}
    missing = [edge for edge in DOCUMENTED_EDGES if edge not in exported]
    assert not missing, f"documented relations missing from the export: {missing}"


(test_name_or_checkpoint_finds_the_entry, _, _) = lineage_tests(NAMES, [])
