"""Content checks over the OpenAI, Anthropic and xAI entries of 2023-2026 (issue 12, batch 1).

The walk proves the promise of the issue for these lines: every model dated, attributed and
sourced; the open-weight models (gpt-oss, gpt-oss-safeguard, Grok-1) with their sizes and licence;
the closed models without sizes their labs never stated and under their lab's terms; every line's
name and its API model ids find the entry; and the successor chains and fine-tuning edges the labs
document are edges in the export, down to the checkpoints they name.
"""

from __future__ import annotations

from content_checks import (
    lineage_tests,
    open_weight_models,
    unsourced_models,
    without_sizes_or_licence,
)

from registry.store import Registry

OPENAI = [
    "gpt-4-turbo", "gpt-4o", "gpt-4o-mini", "o1", "o3-mini", "o3", "o4-mini", "gpt-4.5",
    "gpt-4.1", "gpt-5", "gpt-5.1", "gpt-5.2", "gpt-5.3", "gpt-5.4", "gpt-5.5", "gpt-5.6", "gpt-6",
    "gpt-oss", "gpt-oss-safeguard", "text-embedding-3", "whisper",
]  # fmt: skip
ANTHROPIC = [
    "claude-1", "claude-2", "claude-2.1", "claude-3", "claude-3.5", "claude-3.7", "claude-4",
    "claude-4.1", "claude-4.5", "claude-4.6", "claude-4.7", "claude-4.8", "claude-5",
]  # fmt: skip
XAI = [
    "grok-1", "grok-1.5", "grok-2", "grok-3", "grok-4", "grok-4.1", "grok-4.5", "grok-4.6",
    "grok-4.7",
]  # fmt: skip
BATCH = OPENAI + ANTHROPIC + XAI

OPEN_WEIGHTS = {"gpt-oss", "gpt-oss-safeguard", "grok-1", "whisper"}
TERMS = {"openai": "openai-terms", "anthropic": "anthropic-terms", "xai": "xai-terms"}

# The names issue 12 lists for these labs, and the published API ids people search for.
NAMES = {
    "GPT-4 Turbo": "gpt-4-turbo", "gpt-4-vision-preview": "gpt-4-turbo",
    "gpt-4-turbo-2024-04-09": "gpt-4-turbo", "gpt-4-1106-preview": "gpt-4-turbo",
    "GPT-4V": "gpt-4",
    "GPT-4o": "gpt-4o", "gpt-4o-2024-05-13": "gpt-4o", "gpt-4o-2024-08-06": "gpt-4o",
    "GPT-4o mini": "gpt-4o-mini", "gpt-4o-mini-2024-07-18": "gpt-4o-mini",
    "OpenAI o1": "o1", "o1-preview": "o1", "o1-mini": "o1", "o1-2024-12-17": "o1",
    "OpenAI o3-mini": "o3-mini", "o3-mini-2025-01-31": "o3-mini",
    "OpenAI o3": "o3", "o3-pro": "o3", "o3-2025-04-16": "o3",
    "OpenAI o4-mini": "o4-mini", "o4-mini-2025-04-16": "o4-mini", "codex-mini-latest": "o4-mini",
    "GPT-4.1": "gpt-4.1", "GPT-4.1 mini": "gpt-4.1", "GPT-4.1 nano": "gpt-4.1",
    "gpt-4.1-nano-2025-04-14": "gpt-4.1",
    "GPT-4.5": "gpt-4.5", "gpt-4.5-preview": "gpt-4.5",
    "GPT-5": "gpt-5", "gpt-5-2025-08-07": "gpt-5", "gpt-5-mini-2025-08-07": "gpt-5",
    "gpt-5-codex": "gpt-5",
    "GPT-5.1": "gpt-5.1", "gpt-5.1-codex-max": "gpt-5.1", "GPT-5.2": "gpt-5.2",
    "GPT-5.3-Codex": "gpt-5.3", "GPT-5.4": "gpt-5.4", "gpt-5.4-mini-2026-03-17": "gpt-5.4",
    "GPT-5.5": "gpt-5.5", "gpt-5.5-2026-04-23": "gpt-5.5", "GPT-5.6 Sol": "gpt-5.6",
    "gpt-5.6-luna": "gpt-5.6", "GPT-6 Astra": "gpt-6", "gpt-6-sol": "gpt-6",
    "Whisper": "whisper", "whisper-large-v3": "whisper", "whisper-large-v3-turbo": "whisper",
    "gpt-oss": "gpt-oss", "gpt-oss-120b": "gpt-oss", "gpt-oss-20b": "gpt-oss",
    "gpt-oss-safeguard-20b": "gpt-oss-safeguard",
    "text-embedding-3-large": "text-embedding-3",
    "Claude": "claude-1", "Claude Instant": "claude-1", "claude-instant-1.2": "claude-1",
    "Claude 2": "claude-2", "claude-2.0": "claude-2", "Claude 2.1": "claude-2.1",
    "Claude 3 Opus": "claude-3", "Claude 3 Sonnet": "claude-3", "Claude 3 Haiku": "claude-3",
    "claude-3-opus-20240229": "claude-3", "claude-3-haiku-20240307": "claude-3",
    "Claude 3.5 Sonnet": "claude-3.5", "Claude 3.5 Haiku": "claude-3.5",
    "claude-3-5-sonnet-20240620": "claude-3.5", "claude-3-5-sonnet-20241022": "claude-3.5",
    "Claude 3.7 Sonnet": "claude-3.7", "claude-3-7-sonnet-20250219": "claude-3.7",
    "Claude Opus 4": "claude-4", "Claude Sonnet 4": "claude-4",
    "claude-opus-4-20250514": "claude-4", "Claude Opus 4.1": "claude-4.1",
    "claude-opus-4-1-20250805": "claude-4.1",
    "Claude Sonnet 4.5": "claude-4.5", "Claude Haiku 4.5": "claude-4.5",
    "Claude Opus 4.5": "claude-4.5", "claude-sonnet-4-5-20250929": "claude-4.5",
    "claude-haiku-4-5-20251001": "claude-4.5", "Claude Opus 4.6": "claude-4.6",
    "claude-sonnet-4-6": "claude-4.6", "Claude Opus 4.7": "claude-4.7",
    "Claude Opus 4.8": "claude-4.8", "claude-opus-4-8": "claude-4.8",
    "Claude Fable 5": "claude-5", "Claude Mythos 5": "claude-5", "Claude Sonnet 5": "claude-5",
    "claude-opus-5": "claude-5",
    "Grok-1": "grok-1", "Grok-1.5": "grok-1.5", "Grok-1.5V": "grok-1.5", "Grok-2": "grok-2",
    "Grok-2 mini": "grok-2", "Grok 3": "grok-3", "Grok 3 mini": "grok-3", "Grok 4": "grok-4",
    "Grok 4 Heavy": "grok-4", "grok-4-0709": "grok-4", "Grok 4.1": "grok-4.1",
    "grok-4-1-fast-reasoning": "grok-4.1", "Grok 4.5": "grok-4.5", "Grok 4.6": "grok-4.6",
    "Grok 4.7": "grok-4.7", "SpaceXAI": "xai",
}  # fmt: skip

# Relations the labs' announcements, system cards or cards state: (parent, child, relation),
# including the frameworks the Claude 3 model card and the Grok-1 release name.
DOCUMENTED_EDGES = [
    ("gpt-4", "gpt-4-turbo", "successor"),
    ("gpt-4-turbo", "gpt-4o", "successor"),
    ("gpt-3.5-turbo", "gpt-4o-mini", "successor"),
    ("o1", "o3-mini", "successor"),
    ("o1", "o3", "successor"),
    ("o3-mini", "o4-mini", "successor"),
    ("gpt-4o", "gpt-4.1", "successor"),
    ("gpt-4o", "gpt-5", "successor"),
    ("o3", "gpt-5", "successor"),
    ("o4-mini", "gpt-5", "successor"),
    ("gpt-5", "gpt-5.1", "successor"),
    ("gpt-5.1", "gpt-5.2", "successor"),
    ("gpt-5.2", "gpt-5.3", "successor"),
    ("gpt-5.3", "gpt-5.4", "successor"),
    ("gpt-5.4", "gpt-5.5", "successor"),
    ("gpt-5.5", "gpt-5.6", "successor"),
    ("gpt-5.6", "gpt-6", "successor"),
    ("gpt-oss", "gpt-oss-safeguard", "finetune"),
    ("pytorch", "claude-3", "built_with"),
    ("jax", "claude-3", "built_with"),
    ("jax", "grok-1", "built_with"),
    ("claude-1", "claude-2", "successor"),
    ("claude-2", "claude-2.1", "successor"),
    ("claude-2.1", "claude-3", "successor"),
    ("claude-3", "claude-3.5", "successor"),
    ("claude-3.5", "claude-3.7", "successor"),
    ("claude-3.7", "claude-4", "successor"),
    ("claude-4", "claude-4.1", "successor"),
    ("claude-4", "claude-4.5", "successor"),
    ("claude-4.5", "claude-4.6", "successor"),
    ("claude-4.6", "claude-4.7", "successor"),
    ("claude-4.7", "claude-4.8", "successor"),
    ("claude-4.8", "claude-5", "successor"),
    ("grok-1", "grok-1.5", "successor"),
    ("grok-1.5", "grok-2", "successor"),
    ("grok-2", "grok-3", "successor"),
    ("grok-3", "grok-4", "successor"),
    ("grok-4", "grok-4.1", "successor"),
    ("grok-4.5", "grok-4.6", "successor"),
    ("grok-4.6", "grok-4.7", "successor"),
]

# Edges whose source names the parent's checkpoint: (parent, child, parent checkpoint, child's).
CHECKPOINT_EDGES = [
    ("gpt-oss", "gpt-oss-safeguard", "gpt-oss-120b", "gpt-oss-safeguard-120b"),
    ("gpt-oss", "gpt-oss-safeguard", "gpt-oss-20b", "gpt-oss-safeguard-20b"),
]


def test_every_entry_of_the_batch_is_a_dated_attributed_sourced_model(reg: Registry) -> None:
    problems = unsourced_models(reg, BATCH)
    assert not problems, "\n".join(problems)


def test_each_lab_is_an_organization_and_owns_its_line(reg: Registry) -> None:
    for org, ids in [("openai", OPENAI), ("anthropic", ANTHROPIC), ("xai", XAI)]:
        assert reg.get(org).kind == "organization"
        strays = [i for i in ids if org not in reg.get(i).organizations]
        assert not strays, f"not attributed to {org}: {strays}"


def test_every_open_weight_model_states_its_sizes_and_licence(reg: Registry) -> None:
    open_models = open_weight_models(reg, BATCH)
    assert {m.id for m in open_models} == OPEN_WEIGHTS
    assert not without_sizes_or_licence(open_models)
    licences = {m.id: m.license for m in open_models}
    assert licences == {
        "gpt-oss": "Apache-2.0", "gpt-oss-safeguard": "Apache-2.0", "grok-1": "Apache-2.0",
        "whisper": "MIT",
    }  # fmt: skip


def test_closed_models_state_no_size_and_carry_their_labs_terms(reg: Registry) -> None:
    closed = [reg.get(i) for i in BATCH if i not in OPEN_WEIGHTS]
    assert len(closed) == len(BATCH) - len(OPEN_WEIGHTS)
    sized = [m.id for m in closed if m.parameters]
    assert not sized, f"closed models with a size no lab stated: {sized}"
    assert all(m.access == "api" for m in closed)
    wrong = [m.id for m in closed if m.license != TERMS[m.organizations[0]]]
    assert not wrong, f"closed models not under their lab's terms: {wrong}"


def test_gpt_oss_sizes_are_the_published_moe_totals_and_active_counts(reg: Registry) -> None:
    for entry_id in ("gpt-oss", "gpt-oss-safeguard"):
        model = reg.get(entry_id)
        sizes = {c.name.rsplit("-", 1)[-1]: c.size for c in model.checkpoints}
        assert (int(sizes["120b"]), sizes["120b"].active) == (117_000_000_000, 5_100_000_000)
        assert (int(sizes["20b"]), sizes["20b"].active) == (21_000_000_000, 3_600_000_000)


def test_grok_1_is_the_314b_apache_release_and_grok_2_weights_keep_their_own_licence(
    reg: Registry,
) -> None:
    grok1 = reg.get("grok-1")
    assert [int(p) for p in grok1.parameters] == [314_000_000_000]
    assert (grok1.architecture, grok1.context_length) == ("mixture-of-experts", 8192)
    grok2 = reg.get("grok-2").checkpoint("grok-2")
    assert grok2 is not None and grok2.license == "grok-2-community"
    assert grok2.weights == "https://huggingface.co/xai-org/grok-2"


def test_edges_nobody_states_are_not_marked_documented(exported: list[dict]) -> None:
    """OpenAI never names GPT-4.5 the successor of GPT-4o, and xAI's Grok 4.5 announcement names no
    predecessor (Grok 4.20 and 4.3 came between, without entries): those edges stay inferred."""
    levels = {(e["source"], e["target"]): e["evidence"] for e in exported}
    assert levels[("gpt-4o", "gpt-4.5")] == "inferred"
    assert levels[("grok-4.1", "grok-4.5")] == "inferred"
    assert ("gpt-4o", "gpt-4o-mini") not in levels


(
    test_name_or_checkpoint_finds_the_entry,
    test_documented_relations_are_edges_in_the_export,
    test_edges_name_the_checkpoints_their_sources_name,
) = lineage_tests(NAMES, DOCUMENTED_EDGES, CHECKPOINT_EDGES)
