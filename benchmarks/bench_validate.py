"""Validation speed and memory: `llm-registry validate` on synthetic registries of 1,000, 10,000
and 100,000 entries, and on the same 10,000 files check-jsonschema (with our exported schemas)
and yamllint, in the same run.

    python benchmarks/bench_validate.py [--sizes 1000 10000 100000] [--work /tmp/llmreg-bench]

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from common import calibration, machine, synthetic, timed, today

KIND_FOLDERS = {
    "model": "models",
    "dataset": "datasets",
    "library": "libraries",
    "organization": "organizations",
}


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llmreg-bench")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        reg = synthetic(n, args.work)
        runs = [timed([tool("llm-registry"), "validate", str(reg)]) for _ in range(args.repeat)]
        wall, mem, code = min(runs)
        rows.append((f"llm-registry validate ({n:,} entries)", wall, mem, code))
    if 10000 in args.sizes:
        reg = synthetic(10000, args.work)
        schemas = args.work / "schemas"
        timed([tool("llm-registry"), "schema", "-o", str(schemas)])
        total, peak, worst = 0.0, 0.0, 0
        for kind, folder in KIND_FOLDERS.items():
            files = sorted(str(p) for p in (reg / folder).glob("*.yaml"))
            wall, mem, code = timed(
                [
                    tool("check-jsonschema"),
                    "--schemafile",
                    str(schemas / f"{kind}.schema.json"),
                    *files,
                ]
            )
            total, peak, worst = total + wall, max(peak, mem), max(worst, code)
        rows.append(("check-jsonschema, schema only (10,000 entries)", total, peak, worst))
        wall, mem, code = timed([tool("yamllint"), "-d", "relaxed", "-f", "parsable", str(reg)])
        rows.append(("yamllint -d relaxed (10,000 entries)", wall, mem, code))
    print(f"Measured {today()} on {machine()}; {calibration()}.\n")
    print("| run | wall time | peak memory | exit |")
    print("|---|---:|---:|---:|")
    for label, wall, mem, code in rows:
        print(f"| {label} | {wall:.2f} s | {mem:.0f} MB | {code} |")


if __name__ == "__main__":
    main()
