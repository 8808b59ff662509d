"""Validating one changed file of a synthetic 10,000-entry registry with a warm load cache:
`llm-registry validate FILE` (the pre-commit hook's command), which checks the file against
every entry without parsing the others.

    python benchmarks/bench_validate_file.py [--n 10000] [--work /tmp/llmreg-bench] [--repeat 5]

Prints a Markdown table for docs/benchmarks.md. Goal: at most 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import calibration, machine, synthetic, timed, today

import registry
from registry.context import check_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llmreg-bench")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is kept")
    args = parser.parse_args()
    source = synthetic(args.n, args.work)
    reg = args.work / f"edit{args.n}" / "entries"
    shutil.rmtree(reg.parent, ignore_errors=True)
    shutil.copytree(source, reg)
    cache_dir = args.work / f"edit{args.n}" / "cache"
    os.environ["LLM_REGISTRY_CACHE_DIR"] = str(cache_dir)
    start = time.perf_counter()
    registry.load(reg)
    cold = time.perf_counter() - start
    time.sleep(2.1)  # past the racy window: the stamps now prove the files unchanged
    registry.load(reg)  # re-stamps the files copied just before the cold load

    changed = sorted((reg / "models").glob("*.yaml"))[args.n // 4]
    changed.write_text(changed.read_text().replace("name: ", "name: Renamed ", 1))
    in_process = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = check_paths([str(changed)])
        in_process.append(time.perf_counter() - start)
        assert report.files == 1 and not report.errors, report.findings
    exe = shutil.which("llm-registry") or str(Path(sys.executable).parent / "llm-registry")
    runs = [timed([exe, "validate", str(changed)]) for _ in range(args.repeat)]
    wall, mem, code = min(runs)
    full = timed([exe, "validate", str(reg)])
    print(f"Measured {today()} on {machine()}; {calibration()}.\n")
    print("| run | wall time | peak memory | exit |")
    print("|---|---:|---:|---:|")
    print(f"| `registry.load()`, {args.n:,} entries, cold (writes the cache) | {cold:.2f} s | | |")
    print(f"| `llm-registry validate FILE`, one changed file, warm cache | {wall:.2f} s | ", end="")
    print(f"{mem:.0f} MB | {code} |")
    print(f"| the same check in-process (no start-up), best of {args.repeat} | ", end="")
    print(f"{min(in_process):.2f} s | | |")
    print(f"| for scale: `llm-registry validate` of all {args.n:,} files ", end="")
    print(f"| {full[0]:.2f} s | {full[1]:.0f} MB | {full[2]} |")


if __name__ == "__main__":
    main()
