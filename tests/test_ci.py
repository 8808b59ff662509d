"""CI's script and the declared dependencies: a fresh machine gets what the tests need.

`.ci/run` is run for real on a tiny project of its own: it must build a new virtual environment
(so a package the machine happens to have cannot stand in for one the project forgot to declare)
and fail when pytest collects nothing. Only Debian's package tool is replaced, by a recorder, so
the test neither needs root nor installs Chromium again.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "tiny"
version = "0"
dependencies = []

[project.optional-dependencies]
test = ["pytest>=8"]

[tool.setuptools]
py-modules = []
"""
# Chromium's absence must not be what fails the tiny project's run.
needs_chromium = pytest.mark.skipif(
    not os.access("/usr/bin/chromium", os.X_OK), reason="Debian's chromium is not installed"
)


def _run_ci(tmp_path: Path, test_text: str | None) -> tuple[subprocess.CompletedProcess, str]:
    project = tmp_path / "tiny"
    (project / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", project / ".ci" / "run")
    (project / "pyproject.toml").write_text(PROJECT)
    if test_text is not None:
        (project / "tests").mkdir()
        (project / "tests" / "test_tiny.py").write_text(test_text)
    shims = tmp_path / "bin"
    shims.mkdir()
    calls = tmp_path / "apt-calls"
    (shims / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    (shims / "apt-get").chmod(0o755)
    env = {**os.environ, "PATH": f"{shims}:{Path(sys.executable).parent}:/usr/bin:/bin"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        ["bash", ".ci/run"], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    return result, calls.read_text() if calls.exists() else ""


@pytest.mark.slow
@needs_chromium
def test_ci_installs_into_a_new_environment_so_an_undeclared_package_fails(
    tmp_path: Path,
) -> None:
    import yaml  # present here: the old script ran the tests with this environment's packages

    assert yaml
    test = "import yaml\n\ndef test_it():\n    assert yaml.safe_load('a: 1') == {'a': 1}\n"
    result, apt = _run_ci(tmp_path, test)
    assert result.returncode in (1, 2), result.stdout + result.stderr  # failed or not collected
    assert "No module named 'yaml'" in result.stdout
    assert apt.splitlines() == ["update", "install -y chromium"]


@pytest.mark.slow
@needs_chromium
def test_ci_fails_when_pytest_collects_no_test(tmp_path: Path) -> None:
    result, _ = _run_ci(tmp_path, None)
    assert result.returncode == 5, result.stdout + result.stderr
    assert "pytest collected no tests" in result.stderr


def test_ci_runs_the_readmes_test_command_with_the_browser_required() -> None:
    readme = (ROOT / "README.md").read_text()
    script = (ROOT / ".ci" / "run").read_text()
    command = "pip install -e '.[test]' && pytest"
    assert command in readme
    assert command in script
    assert "export LLM_REGISTRY_REQUIRE_BROWSER=1" in script


def _requirements() -> list[str]:
    """Every requirement of the project and its extras (an extra naming another is left out)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [spec for group in project["optional-dependencies"].values() for spec in group]
    own = project["name"]
    return [s for s in project["dependencies"] + extras if not s.startswith(f"{own}[")]


def test_every_dependency_has_a_lower_bound_and_only_known_breaks_an_upper_one() -> None:
    known_breaks = {"mkdocs": "<2"}  # MkDocs 2 drops the plugin and theme API the site uses
    for spec in _requirements():
        name = re.match(r"[A-Za-z0-9_.\-]+", spec)[0].lower()
        assert re.search(r">=\s*\d", spec), f"{spec}: no lower bound"
        assert "==" not in spec, f"{spec}: a pin is an upper bound"
        uppers = re.findall(r"<=?\s*[\d.]+", spec)
        assert uppers == ([known_breaks[name]] if name in known_breaks else []), spec


def test_the_code_imports_only_what_is_declared() -> None:
    """Every third-party module the library and the site import is declared (jinja2 and
    markupsafe came through mkdocs until they were)."""
    declared = {re.match(r"[A-Za-z0-9_.\-]+", s)[0].lower() for s in _requirements()}
    # modules named unlike their distribution; pydantic_core is pinned by pydantic itself
    module_of = {"yaml": "pyyaml", "ruamel": "ruamel.yaml", "pydantic_core": "pydantic"}
    found: set[str] = set()
    for path in [*ROOT.glob("registry/**/*.py"), *ROOT.glob("site_gen/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    third_party = {m for m in found - {"registry", "site_gen"} if m not in sys.stdlib_module_names}
    assert {module_of.get(m, m) for m in third_party} <= declared
