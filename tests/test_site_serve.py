"""`llm-registry serve`: a real MkDocs dev server on 127.0.0.1, rebuilt when an entry changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_editing_an_entry_rebuilds_its_page(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", entries)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "registry",
            "serve",
            "--entries",
            str(entries),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = f"http://127.0.0.1:{port}/models/vicuna/"
        assert _wait_for(page, "<h1"), "the dev server never served Vicuna's page"
        assert "Vicuna, edited" not in _fetch(page)
        vicuna = entries / "models" / "vicuna.yaml"
        vicuna.write_text(vicuna.read_text().replace("name: Vicuna\n", "name: Vicuna, edited\n"))
        assert _wait_for(page, "Vicuna, edited"), "the page was not rebuilt after the edit"
    finally:
        server.terminate()
        server.wait(timeout=20)
    time.sleep(0.5)
    assert _fetch(page) == "", "stopping `serve` left a server behind"
