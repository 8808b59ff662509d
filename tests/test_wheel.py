"""The package as a researcher installs it (issue 16): build, install elsewhere, query.

``python -m build`` makes the source distribution and, from it, the wheel (as a release does);
the wheel goes into a brand-new virtual environment outside the checkout, and the queries run
from another working directory, so nothing can come from the clone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = "registry/data/snapshot.json"


def _run(*args: str | Path, cwd: Path, timeout: float = 600) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    return out


@pytest.mark.slow
def test_the_wheel_carries_the_data_and_not_the_entries(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert SNAPSHOT in names
    assert not [n for n in names if n.endswith((".yaml", ".yml"))]
    assert wheel.stat().st_size < 2_000_000  # docs/benchmarks.md states the size
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        assert any(n.endswith(SNAPSHOT) for n in tar.getnames())


@pytest.mark.slow
def test_the_installed_wheel_answers_lineage_from_anywhere(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    query = "import registry; print(registry.load().lineage.path('llama', 'llava'))"
    assert _run(python, "-c", query, cwd=elsewhere).strip() == "['llama', 'vicuna', 'llava']"
    where = _run(python, "-c", "import registry; print(registry.__file__)", cwd=elsewhere)
    assert str(venv) in where and str(ROOT) not in where
    commit = _run("git", "-C", ROOT, "log", "-1", "--format=%H", "--", "entries", cwd=ROOT)
    version = _run(venv / "bin" / "llm-registry", "--version", cwd=elsewhere).splitlines()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert version[0] == f"llm-registry {project['version']}"
    assert version[1].startswith("data of 20") and commit.strip()[:12] in version[1]
    assert version[1].endswith("installed with the package")
