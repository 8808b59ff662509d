"""Shared fixtures: paths to the test registries and a runner for the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import registry
from registry.store import Registry

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


@pytest.fixture(scope="session")
def reg() -> Registry:
    """The real registry in ``entries/``; loading raises (failing every test) on any entry error."""
    return registry.load(ROOT / "entries")


@pytest.fixture(scope="session")
def exported(reg: Registry) -> list[dict]:
    """The real registry's exported edges (JSON export), computed once for every test."""
    from registry.export import to_json

    return to_json(reg)["edges"]


@pytest.fixture
def cli():
    return run_cli


CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def require_browser() -> None:
    """Skip without Chromium and Playwright, or fail when LLM_REGISTRY_REQUIRE_BROWSER=1."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright for Python is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("LLM_REGISTRY_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here: {reason}")
        pytest.skip(reason=reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (every browser test module shares it)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
