"""Lineage speed: building the graph from already-loaded entries and each query, on a synthetic
registry of 100,000 entries; and `registry.load()` cold and warm (cache) on 10,000 entries.

    python benchmarks/bench_lineage.py [--n 100000] [--work /tmp/llmreg-bench]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from common import calibration, machine, synthetic, today

import registry
from registry import cache
from registry.lineage import Lineage


def per_call_ms(fn: Callable[[str], object], ids: list[str]) -> float:
    start = time.perf_counter()
    for entry_id in ids:
        fn(entry_id)
    return (time.perf_counter() - start) / len(ids) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llmreg-bench")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []

    small = synthetic(10000, args.work)
    cache_dir = args.work / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    start = time.perf_counter()
    registry.load(small, cache_dir=cache_dir)
    rows.append(
        (
            "registry.load(), 10,000 entries, cold (parse, validate, write cache)",
            f"{time.perf_counter() - start:.2f} s",
        )
    )
    warm = []
    for _ in range(5):
        start = time.perf_counter()
        reg = registry.load(small, cache_dir=cache_dir)
        warm.append(time.perf_counter() - start)
    assert all(isinstance(f, cache.CachedFile) for f in reg.files.values())
    rows.append(
        (
            "registry.load(), 10,000 entries, warm (cache, no YAML parsed), best of 5",
            f"{min(warm):.2f} s",
        )
    )

    big = synthetic(args.n, args.work)
    reg = registry.load(big, cache=False)
    list(reg.entries.values())  # entries are built: time the graph alone
    start = time.perf_counter()
    lineage = Lineage(reg)
    rows.append(
        (f"build the graph from {args.n:,} loaded entries", f"{time.perf_counter() - start:.2f} s")
    )
    rng = random.Random(1)
    models = [e.id for e in reg.models]
    datasets = [e.id for e in reg.datasets]
    sample = rng.sample(models, 200)
    pairs = [(a, b) for b in sample[:100] for a in list(lineage.ancestors(b))[:1]] or [
        (sample[0], sample[1])
    ]
    queries: dict[str, Callable[[str], object]] = {
        "parents(id)": lineage.parents,
        "children(id)": lineage.children,
        "ancestors(id)": lineage.ancestors,
        "descendants(id)": lineage.descendants,
        "ancestors(id, relations={finetune})": lambda i: lineage.ancestors(i, {"finetune"}),
        "descendants(id, depth=2)": lambda i: lineage.descendants(i, depth=2),
        "family(id)": lineage.family,
        "upstream_data(id)": lineage.upstream_data,
    }
    for label, fn in queries.items():
        rows.append((f"{label}, mean over 200 models", f"{per_call_ms(fn, sample):.3f} ms"))
    rows.append(
        (
            "descendants(dataset), mean over 200 datasets",
            f"{per_call_ms(lineage.descendants, rng.sample(datasets, 200)):.3f} ms",
        )
    )
    start = time.perf_counter()
    for a, b in pairs:
        lineage.path(a, b)
    rows.append(
        (
            "path(a, b), mean over ancestor pairs",
            f"{(time.perf_counter() - start) / len(pairs) * 1000:.3f} ms",
        )
    )
    start = time.perf_counter()
    lineage.roots()
    rows.append(("roots() over the whole graph", f"{(time.perf_counter() - start) * 1000:.1f} ms"))
    start = time.perf_counter()
    for entry_id in sample:
        nx.ancestors(lineage.graph, entry_id)
    rows.append(
        (
            "for scale: networkx.ancestors, mean over 200 models",
            f"{(time.perf_counter() - start) / len(sample) * 1000:.3f} ms",
        )
    )

    print(f"Measured {today()} on {machine()}; {calibration()}.\n")
    print("| measurement | result |")
    print("|---|---:|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
