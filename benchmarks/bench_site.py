"""Benchmark: build the site from synthetic registries and measure time and sizes.

For each size n it writes a synthetic registry (``benchmarks/synth.py``), then runs the same
steps as ``llm-registry build`` (validate, then ``mkdocs build --strict`` whose hook generates the
pages), and reports wall time, total site size, search index size, and the size per entry beyond
the fixed assets (theme, vendored Mermaid, search worker), which is what grows with the registry.
The machine is shared: each run also reports the CPU time the build used (user + system, which
other work on the machine barely changes) and the load average before and after it.

    python benchmarks/bench_site.py 1000 10000              # writes under benchmarks/out/
    python benchmarks/bench_site.py 1000 --repeat 3 --markdown  # table rows for results/

Goals (issue 6): 1,000 entries <= 15 s, 10,000 <= 90 s, <= 25 KB per entry beyond fixed assets.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import generate  # noqa: E402

from site_gen.build import build  # noqa: E402

FIXED = ("assets/", "search/worker", "search/lunr", "sitemap.xml")


@dataclass
class Result:
    entries: int
    seconds: float
    total_bytes: int
    fixed_bytes: int
    search_bytes: int
    entry_page_bytes: float
    files: int
    cpu_seconds: float
    load_before: float
    load_after: float

    @property
    def per_entry(self) -> float:
        return (self.total_bytes - self.fixed_bytes) / self.entries


def cpu_used() -> float:
    """CPU seconds (user + system) used so far by this process (validation) and its finished
    children (``mkdocs build``)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(n: int, work: Path) -> Result:
    entries = work / f"entries-{n}"
    site = work / f"site-{n}"
    generated = work / f"generated-{n}"
    for folder in (entries, site, generated):
        shutil.rmtree(folder, ignore_errors=True)
    generate(n, entries)
    load_before = os.getloadavg()[0]
    cpu = cpu_used()
    start = time.perf_counter()
    status = build(entries, site, ROOT / "mkdocs.yml", generated)
    seconds = time.perf_counter() - start
    cpu = cpu_used() - cpu
    load_after = os.getloadavg()[0]
    if status != 0:
        raise SystemExit(f"build of {n} entries failed with status {status}")
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    fixed = sum(p.stat().st_size for p in files if p.relative_to(site).as_posix().startswith(FIXED))
    pages = list((site / "models").glob("*/index.html"))
    page_bytes = sum(p.stat().st_size for p in pages) / max(len(pages), 1)
    search = (site / "search" / "search_index.json").stat().st_size
    return Result(
        n, seconds, total, fixed, search, page_bytes, len(files), cpu, load_before, load_after
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size (default 1)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.markdown:
        print(
            "| entries | build (s) | CPU (s) | load before/after | site total | fixed assets | "
            "search index | per entry beyond fixed | model page (avg) | files |"
        )
        print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    mib = 1024 * 1024
    for n in args.sizes:
        for _ in range(args.repeat):
            r = measure(n, args.work)
            if args.markdown:
                print(
                    f"| {r.entries:,} | {r.seconds:.1f} | {r.cpu_seconds:.1f} | "
                    f"{r.load_before:.1f} / {r.load_after:.1f} | {r.total_bytes / mib:.1f} MiB | "
                    f"{r.fixed_bytes / mib:.1f} MiB | {r.search_bytes / mib:.1f} MiB | "
                    f"{r.per_entry / 1024:.1f} KiB ({r.per_entry:,.0f} B) | "
                    f"{r.entry_page_bytes / 1024:.1f} KiB | {r.files:,} |",
                    flush=True,
                )
            else:
                print(
                    f"{r.entries} entries: {r.seconds:.1f} s ({r.cpu_seconds:.1f} s CPU, load "
                    f"{r.load_before:.1f} -> {r.load_after:.1f}), total "
                    f"{r.total_bytes / mib:.1f} MiB, fixed {r.fixed_bytes / mib:.1f} MiB, search "
                    f"index {r.search_bytes / mib:.1f} MiB, {r.per_entry:,.0f} B per entry beyond "
                    f"fixed, model page {r.entry_page_bytes / 1024:.1f} KiB, {r.files} files",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
