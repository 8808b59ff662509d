"""The pre-commit hooks: valid manifests, and `pre-commit try-repo` running them on a sample."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
UNFORMATTED = (
    "name: Example Org\nkind: organization\nid: example-org\nsources: [https://example.org/]\n"
)


def _pre_commit() -> str:
    found = shutil.which("pre-commit")
    if found is None:
        pytest.fail("pre-commit is not installed (it is a test dependency)")
    return found


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_manifest_and_config_are_valid() -> None:
    assert (
        subprocess.run(
            [_pre_commit(), "validate-manifest", ".pre-commit-hooks.yaml"], cwd=ROOT
        ).returncode
        == 0
    )
    assert (
        subprocess.run(
            [_pre_commit(), "validate-config", ".pre-commit-config.yaml"], cwd=ROOT
        ).returncode
        == 0
    )


@pytest.mark.slow
def test_try_repo_runs_validate_and_fmt_on_a_sample_repo(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.fail("try-repo needs this repository as a git checkout")
    sample = tmp_path / "sample"
    shutil.copytree(MINI, sample / "entries")
    (sample / "entries" / "organizations" / "example-org.yaml").write_text(UNFORMATTED)
    _git(sample, "init", "-q")
    _git(sample, "add", ".")
    _git(sample, "commit", "-q", "-m", "sample")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run(
            [_pre_commit(), "try-repo", str(ROOT), "--all-files"],
            cwd=sample,
            env=env,
            capture_output=True,
            text=True,
            timeout=540,
        )

    first = try_repo()
    out = first.stdout + first.stderr
    assert first.returncode == 1, out  # fmt rewrote a file: pre-commit reports a failure
    assert "validate LLM Registry entries" in out and "Passed" in out
    assert "files were modified by this hook" in out
    assert "reformatted: entries/organizations/example-org.yaml" in out
    fixed = (sample / "entries" / "organizations" / "example-org.yaml").read_text()
    assert fixed.startswith("# yaml-language-server: $schema=")
    assert fixed.index("id: example-org") < fixed.index("name: Example Org")

    (sample / "entries" / "models" / "alpaca.yaml").write_text(
        (sample / "entries" / "models" / "alpaca.yaml")
        .read_text()
        .replace("parent: llama", "parent: llama-typo")
    )
    second = try_repo()
    out = second.stdout + second.stderr
    assert second.returncode == 1
    assert "R003" in out and "llama-typo" in out
