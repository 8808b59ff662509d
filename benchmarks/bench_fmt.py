"""Formatter speed: `llm-registry fmt --check` and `fmt` on synthetic registries, and on the real
entries. ruamel.yaml's round-trip parser is pure Python, so this is the slow path of a PR check.

    python benchmarks/bench_fmt.py [--sizes 1000 5000] [--work /tmp/llmreg-bench-fmt]

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from common import machine, synthetic, timed, today

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llmreg-fmt")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "registry"]
    rows = []
    real = sorted((ROOT / "entries").rglob("*.yaml"))
    copy = args.work / "real"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ROOT / "entries", copy)
    wall, mem, _ = timed([*cli, "fmt", "--check", str(copy)])
    rows.append((f"real entries ({len(real)})", "fmt --check", wall, mem))
    for n in args.sizes:
        entries = synthetic(n, args.work / str(n))
        wall, mem, _ = timed([*cli, "fmt", "--check", str(entries)])
        rows.append((f"synthetic {n:,}", "fmt --check", wall, mem))
        wall, mem, _ = timed([*cli, "fmt", str(entries)])
        rows.append((f"synthetic {n:,}", "fmt (rewrite)", wall, mem))
        wall, mem, _ = timed([*cli, "fmt", "--check", str(entries)])
        rows.append((f"synthetic {n:,}", "fmt --check after fmt", wall, mem))
    print(f"Measured {today()} on {machine()}.\n")
    print("| registry | command | wall s | peak MB |")
    print("|---|---|---:|---:|")
    for name, cmd, wall, mem in rows:
        print(f"| {name} | `{cmd}` | {wall:.1f} | {mem:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
