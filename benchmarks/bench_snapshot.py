"""The data installed with the package: wheel size, and loading its snapshot against the cache.

Builds the snapshot of the landed registry (entries/) and of a synthetic one of 10,000
entries as the wheel build does, then times ``registry.packaged.load`` next to a warm
``registry.load`` of the same folder (the load cache), in this process and, for the landed
registry, in a fresh process with its imports. With ``--build`` it also runs
``python -m build`` and reports the size of the wheel and of the snapshot inside it.

    python benchmarks/bench_snapshot.py [--build] [--work /tmp/llmreg-bench]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from common import calibration, machine, synthetic, timed, today

import registry
from registry import packaged

ROOT = Path(__file__).resolve().parent.parent


def best(fn, runs: int = 5) -> str:
    """Best wall time of ``runs`` calls, with the CPU time of that call (the machine is shared:
    wall time also counts waiting for a core)."""
    times = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(times)
    return f"{wall:.3f} s (CPU {cpu:.3f} s)"


def compare(entries: Path, work: Path, label: str) -> list[tuple[str, str]]:
    snapshot = work / f"{label}-snapshot.json"
    start = time.perf_counter()
    packaged.build_snapshot(entries, snapshot)
    built = f"{time.perf_counter() - start:.2f} s"
    cache_dir = work / f"{label}-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    registry.load(entries, cache_dir=cache_dir)  # warms the cache
    warm = best(lambda: registry.load(entries, cache_dir=cache_dir))
    snap = best(lambda: packaged.load(snapshot))
    graph = best(lambda: packaged.load(snapshot).lineage.graph, 3)
    size = snapshot.stat().st_size / 1024
    return [
        (f"{label}: build the snapshot (validate + write, {size:,.0f} KB)", built),
        (f"{label}: `registry.load(folder)`, warm cache, best of 5", warm),
        (f"{label}: load the snapshot, best of 5", f"**{snap}**"),
        (f"{label}: load the snapshot and build the lineage graph, best of 3", graph),
    ]


def fresh_process(snapshot: Path, cache_dir: Path) -> list[tuple[str, str]]:
    """Whole ``python -c`` runs (start-up and imports included), best of 5."""
    query = ".lineage.path('llama', 'llava')"
    runs = {
        "the snapshot": f"from registry import packaged; packaged.load(Path({str(snapshot)!r}))",
        "entries/, warm cache": "import registry; registry.load("
        f"Path({str(ROOT / 'entries')!r}), cache_dir=Path({str(cache_dir)!r}))",
    }
    rows = []
    for what, code in runs.items():
        command = [sys.executable, "-c", f"from pathlib import Path; {code}{query}"]
        wall = min(timed(command)[0] for _ in range(5))
        rows.append((f"landed: new process, import + load {what} + one query", f"{wall:.2f} s"))
    return rows


def wheel_sizes(work: Path) -> list[tuple[str, str]]:
    out = work / "dist"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    info = zipfile.ZipFile(wheel).getinfo("registry/data/snapshot.json")
    return [
        ("wheel (`python -m build`)", f"{wheel.stat().st_size / 1024:,.0f} KB"),
        (
            "the snapshot inside it (compressed / as file)",
            f"{info.compress_size / 1024:,.0f} KB / {info.file_size / 1024:,.0f} KB",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", action="store_true", help="also build the wheel and size it")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "llmreg-bench-snapshot"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = compare(ROOT / "entries", args.work, "landed")
    rows += fresh_process(args.work / "landed-snapshot.json", args.work / "landed-cache")
    synth = synthetic(10000, args.work)
    rows += compare(synth, args.work, "10,000 synthetic")
    if args.build:
        rows += wheel_sizes(args.work)
    print(f"{today()} on {machine()}; {calibration()}")
    print("| measurement | result |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
