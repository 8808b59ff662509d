"""Helpers shared by the benchmark scripts: timing a command, its peak memory, the machine."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from synth import generate


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, "
        f"Python {platform.python_version()}"
    )


def calibration() -> str:
    """How fast this machine is right now: the VM's speed varies by a third over a day."""
    start = time.process_time()
    total = 0
    for i in range(10**7):
        total += i
    return f"a 10-million-step Python loop took {time.process_time() - start:.2f} s of CPU"


def today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak resident memory (MB) and exit status of a command run alone.

    Peak memory comes from wait4's rusage for that one child, so earlier runs do not count.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def synthetic(n: int, root: Path) -> Path:
    """A synthetic registry of n entries under root (made once, reused by later runs)."""
    target = root / f"reg{n}"
    if not (target / "models").exists():
        generate(n, target)
    return target


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
