"""The relation vocabulary: every typed edge the registry knows, always pointing downstream.

An edge is declared in the file of the entry that was *made* (the child), naming what it was made
from; the graph then points from what was used to what was made.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    name: str
    source_kind: str
    target_kind: str
    meaning: str
    example: str


RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in [
        Relation(
            "continued_pretraining",
            "model",
            "model",
            "more pre-training on new data",
            "LLaMA → Chinese LLaMA",
        ),
        Relation(
            "finetune",
            "model",
            "model",
            "full-parameter supervised, instruction or chat tuning",
            "LLaMA → Alpaca",
        ),
        Relation(
            "adapter",
            "model",
            "model",
            "parameter-efficient tuning: LoRA, adapters, prefix tuning",
            "LLaMA → Alpaca-LoRA",
        ),
        Relation(
            "alignment",
            "model",
            "model",
            "preference or RL tuning: RLHF, DPO",
            "text-davinci-002 → text-davinci-003",
        ),
        Relation(
            "distillation",
            "model",
            "model",
            "a student trained on a teacher's outputs or to imitate it; the parent is the "
            "teacher and may stand beside a weight parent",
            "BERT → DistilBERT",
        ),
        Relation("quantized", "model", "model", "same model, lower precision", "—"),
        Relation("merge", "model", "model", "weights of several parents merged", "—"),
        Relation(
            "component",
            "model",
            "model",
            "a part built into another model (a vision encoder, a frozen LLM)",
            "Vicuna → LLaVA",
        ),
        Relation(
            "successor",
            "model",
            "model",
            "next version of a line, no weight inheritance claimed",
            "GPT-2 → GPT-3",
        ),
        Relation(
            "trained_on",
            "dataset",
            "model",
            "data used to train or tune the model, with its stage",
            "Alpaca data → Alpaca",
        ),
        Relation(
            "derived_from",
            "dataset",
            "dataset",
            "filtered, subset, translated or reproduced data",
            "CommonCrawl → C4",
        ),
        Relation(
            "generated_by",
            "model",
            "dataset",
            "synthetic data made by a model",
            "text-davinci-003 → Alpaca data",
        ),
        Relation(
            "built_with",
            "library",
            "model",
            "software used to train the model",
            "DeepSpeed → BLOOM",
        ),
    ]
}

MODEL_RELATIONS: tuple[str, ...] = tuple(
    name for name, r in RELATIONS.items() if r.source_kind == "model" and r.target_kind == "model"
)

# documented: a primary source states it; secondary: only a secondary source (a survey) does;
# inferred: nobody states it, it is plausible.
EVIDENCE = ("documented", "secondary", "inferred")

# Hugging Face model-card `base_model_relation` values and what they mean here.
HF_BASE_MODEL_RELATIONS = {
    "adapter": "adapter",
    "merge": "merge",
    "quantized": "quantized",
    "finetune": "finetune",
}
