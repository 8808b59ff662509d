"""Shared fixtures: paths to the test registries and a runner for the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini() -> Path:
    """A small, valid registry: LLaMA, Alpaca, Vicuna, LLaVA, The Pile, GPT-J, C4, ..."""
    return MINI


def run_cli(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``python -m registry`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "registry", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli
