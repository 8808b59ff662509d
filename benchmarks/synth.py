"""Synthetic registries of any size, shaped like the real one, for benchmarks.

Entries are about the size of real ones (1-2 KB), reference organizations, datasets and libraries,
and form a lineage DAG (parents are always generated before children, so there is no cycle).

    python benchmarks/synth.py 10000 /tmp/reg10k
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

RELATIONS = ["finetune", "finetune", "adapter", "continued_pretraining", "alignment", "component"]
ARCHITECTURES = ["causal-decoder", "prefix-decoder", "encoder-decoder", "mixture-of-experts"]
LICENSES = ["Apache-2.0", "MIT", "CC-BY-4.0", "llama2", "bigscience-openrail-m", "proprietary"]
DOMAINS = ["general", "law", "medicine", "finance", "education", "math", "code", "chinese"]
WORDS = [
    "model",
    "language",
    "large",
    "open",
    "instruction",
    "tuned",
    "corpus",
    "data",
    "web",
    "code",
    "chat",
    "multilingual",
    "reasoning",
    "efficient",
    "sparse",
    "dense",
    "aligned",
    "preference",
    "benchmark",
    "scientific",
    "medical",
    "legal",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _common(rng: random.Random, i: int, kind: str, orgs: list[str], when: float = 0.5) -> dict:
    # Later entries are younger, so lineage dates stay in order.
    year, month = 2018 + int(when * 8), 1 + int((when * 8) % 1 * 12)
    return {
        "id": f"{kind[:3]}-{i:06d}",
        "kind": kind,
        "name": f"Synthetic {kind} {i}",
        "aliases": [f"Syn{kind[:1].upper()}{i}"],
        "description": _text(rng, rng.randint(25, 45)),
        "organizations": rng.sample(orgs, k=min(len(orgs), rng.randint(1, 2))) if orgs else [],
        "released": f"{year}-{month:02d}",
        "license": rng.choice(LICENSES),
        "access": rng.choice(["open", "limited", "api"]),
        "links": {
            "paper": f"https://arxiv.org/abs/{year % 100:02d}{month:02d}.{i % 99999:05d}",
            "homepage": f"https://example.org/{kind}/{i}",
            "code": f"https://github.com/example/{kind}-{i}",
        },
        "sources": [
            {"url": f"https://arxiv.org/abs/2301.{i % 99999:05d}", "title": f"Paper {i}"},
            f"https://example.org/{kind}/{i}/card",
        ],
    }


def entries(n: int, seed: int = 0) -> list[dict]:
    """n entry dicts: 10% organizations, 5% libraries, 25% datasets, 60% models."""
    rng = random.Random(seed)
    counts = {"organization": max(1, n // 10), "library": max(1, n // 20)}
    counts["dataset"] = max(1, n // 4)
    counts["model"] = max(0, n - sum(counts.values()))
    out: list[dict] = []
    orgs: list[str] = []
    libs: list[str] = []
    datasets: list[str] = []
    models: list[tuple[str, list[str]]] = []
    for i in range(counts["organization"]):
        e = _common(rng, i, "organization", [])
        e.pop("license"), e.pop("access"), e.pop("organizations")
        e.update(type=rng.choice(["company", "academic", "nonprofit"]), country="US")
        out.append(e)
        orgs.append(e["id"])
    for i in range(counts["library"]):
        e = _common(rng, i, "library", orgs)
        e.update(language=["Python"], provides=["distributed training"])
        out.append(e)
        libs.append(e["id"])
    for i in range(counts["dataset"]):
        e = _common(rng, i, "dataset", orgs, when=i / counts["dataset"])
        size = {"bytes": f"{rng.randint(1, 900)} GB", "documents": rng.randint(10**3, 10**8)}
        category = rng.choice(["pretraining", "instruction", "benchmark"])
        e.update(category=category, size=size, languages=["en"])
        if datasets and rng.random() < 0.3:
            e["derived_from"] = [{"dataset": rng.choice(datasets), "note": "filtered"}]
        out.append(e)
        datasets.append(e["id"])
    for i in range(counts["model"]):
        e = _common(rng, i, "model", orgs, when=i / counts["model"])
        sizes = sorted(
            rng.sample(["1B", "3B", "7B", "13B", "30B", "70B"], k=rng.randint(1, 3)),
            key=lambda s: int(s[:-1]),
        )
        e.update(
            parameters=sizes,
            architecture=rng.choice(ARCHITECTURES),
            context_length=rng.choice([2048, 4096, 8192]),
            training_tokens="1T",
            modalities=["text"],
            domains=[rng.choice(DOMAINS)],
        )
        if models and rng.random() < 0.7:
            parent, parent_sizes = models[rng.randrange(max(0, len(models) - 500), len(models))]
            e["lineage"] = [
                {
                    "parent": parent,
                    "relation": rng.choice(RELATIONS),
                    "size": rng.choice(parent_sizes),
                    "note": _text(rng, 5),
                }
            ]
            e["license"] = "proprietary"  # never widens a parent's licence
        if datasets:
            e["trained_on"] = [
                {"dataset": d, "stage": "pretraining"}
                for d in rng.sample(datasets, k=min(len(datasets), 2))
            ]
        if libs and rng.random() < 0.3:
            e["built_with"] = [rng.choice(libs)]
        out.append(e)
        models.append((e["id"], sizes))
    return out


FOLDERS = {
    "model": "models",
    "dataset": "datasets",
    "library": "libraries",
    "organization": "organizations",
}


def generate(n: int, out_dir: Path, seed: int = 0) -> Path:
    """Write a synthetic registry of n entries under ``out_dir`` (its entries folder)."""
    out_dir = Path(out_dir)
    for folder in FOLDERS.values():
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    for entry in entries(n, seed):
        path = out_dir / FOLDERS[entry["kind"]] / f"{entry['id']}.yaml"
        path.write_text(
            yaml.dump(entry, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        )
    return out_dir


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
