"""Benchmark: build the site from synthetic registries and measure time and sizes.

For each size n it writes a synthetic registry (``benchmarks/synth.py``), then runs the same
steps as ``llm-registry build`` (validate, then ``mkdocs build --strict`` whose hook generates the
pages), and reports wall time, total site size, search index size, and the size per entry beyond
the fixed assets (theme, vendored Mermaid, search worker), which is what grows with the registry.

    python benchmarks/bench_site.py 1000 10000          # writes under benchmarks/out/
    python benchmarks/bench_site.py 1000 --markdown     # a table row per size for results/

Goals (issue 6): 1,000 entries <= 15 s, 10,000 <= 90 s, <= 25 KB per entry beyond fixed assets.
"""

from __future__ import annotations

import argparse
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

    @property
    def per_entry(self) -> float:
        return (self.total_bytes - self.fixed_bytes) / self.entries


def measure(n: int, work: Path) -> Result:
    entries = work / f"entries-{n}"
    site = work / f"site-{n}"
    generated = work / f"generated-{n}"
    for folder in (entries, site, generated):
        shutil.rmtree(folder, ignore_errors=True)
    generate(n, entries)
    start = time.perf_counter()
    status = build(entries, site, ROOT / "mkdocs.yml", generated)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build of {n} entries failed with status {status}")
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    fixed = sum(p.stat().st_size for p in files if p.relative_to(site).as_posix().startswith(FIXED))
    pages = list((site / "models").glob("*/index.html"))
    page_bytes = sum(p.stat().st_size for p in pages) / max(len(pages), 1)
    search = (site / "search" / "search_index.json").stat().st_size
    return Result(n, seconds, total, fixed, search, page_bytes, len(files))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = [measure(n, args.work) for n in args.sizes]
    if args.markdown:
        print(
            "| entries | build (s) | site total | fixed assets | search index | "
            "per entry beyond fixed | model page (avg) | files |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        mib = 1024 * 1024
        if args.markdown:
            print(
                f"| {r.entries:,} | {r.seconds:.1f} | {r.total_bytes / mib:.1f} MiB | "
                f"{r.fixed_bytes / mib:.1f} MiB | {r.search_bytes / mib:.1f} MiB | "
                f"{r.per_entry / 1024:.1f} KiB | {r.entry_page_bytes / 1024:.1f} KiB | "
                f"{r.files:,} |"
            )
        else:
            print(
                f"{r.entries} entries: {r.seconds:.1f} s, total {r.total_bytes / mib:.1f} MiB, "
                f"fixed {r.fixed_bytes / mib:.1f} MiB, search index {r.search_bytes / mib:.1f} "
                f"MiB, {r.per_entry / 1024:.1f} KiB per entry beyond fixed, model page "
                f"{r.entry_page_bytes / 1024:.1f} KiB, {r.files} files"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
