"""The GitHub workflows: actionlint and zizmor clean, actions pinned, least privilege, and the
jobs the contributing guide promises."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def _tool(name: str) -> str:
    """A linter's path; missing is a failure under CI (the test tools must be installed there)."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (see the test dependencies)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(reason=message)
    return found


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_the_three_workflows_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "links-weekly.yml", "pages.yml"} <= names


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [_tool("actionlint"), *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_has_no_error_or_high_finding() -> None:
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--format", "json", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr
    findings = json.loads(result.stdout)
    high = [f for f in findings if f["determinations"]["severity"] in ("High", "Error")]
    assert high == [], json.dumps(high, indent=1)[:3000]


def test_every_action_is_pinned_to_a_commit_sha_with_its_version() -> None:
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            match = re.search(r"uses: (.+)$", line)
            if match:
                assert PINNED.match(match.group(1)), f"{path.name}: {line.strip()}"


def test_least_privilege_and_no_fork_code_with_write_tokens() -> None:
    for path in WORKFLOWS:
        workflow = _load(path)
        assert "pull_request_target" not in workflow["on"], path.name
        assert workflow["permissions"] == {"contents": "read"}, path.name
        for step in _steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name
    pages = _load(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in pages["jobs"]["build"]
    weekly = _load(ROOT / ".github" / "workflows" / "links-weekly.yml")
    assert weekly["jobs"]["links"]["permissions"] == {"contents": "read", "issues": "write"}


def test_pull_requests_get_annotations_fmt_tests_and_a_check_of_added_links() -> None:
    pr = _load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in pr["on"]
    runs = "\n".join(step.get("run", "") for step in _steps(pr))
    assert "llm-registry validate --format github" in runs
    assert "llm-registry fmt --check" in runs
    assert "bash .ci/run" in runs  # installs Debian's chromium and runs pytest
    assert pr["jobs"]["tests"]["container"]["image"].startswith("python:3.11-bookworm")
    assert 'check-links --since "origin/$BASE_REF" --format github' in runs
    assert re.search(r'--format markdown \\\s+>> "\$GITHUB_STEP_SUMMARY"', runs)


def test_weekly_check_keeps_one_tracking_issue() -> None:
    weekly = _load(ROOT / ".github" / "workflows" / "links-weekly.yml")
    assert weekly["on"]["schedule"] and "workflow_dispatch" in weekly["on"]
    runs = "\n".join(step.get("run", "") for step in _steps(weekly))
    assert "--history" in runs and "--strict" not in runs  # unverifiable never fails it
    assert "gh issue create" in runs and "gh issue edit" in runs and "gh issue close" in runs


def test_pages_publishes_the_built_site_from_main() -> None:
    pages = _load(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    runs = "\n".join(step.get("run", "") for step in _steps(pages))
    assert "llm-registry build --site-dir site" in runs
    uses = [step.get("uses", "") for step in _steps(pages)]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_issue_form_and_config_match_githubs_schemas() -> None:
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    for schema, files in [
        ("vendor.github-issue-forms", [forms / "suggest-entry.yml"]),
        ("vendor.github-issue-config", [forms / "config.yml"]),
        ("vendor.github-workflows", WORKFLOWS),
    ]:
        result = subprocess.run(
            [_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_contributing_guide_is_on_the_site_and_names_every_rule() -> None:
    from registry.catalog import RULES

    guide = (ROOT / "CONTRIBUTING.md").read_text()
    assert (ROOT / "docs" / "contributing.md").read_text() == guide
    for code in RULES:
        assert f"| {code} |" in guide, code
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text()
    assert template.count("- [ ]") >= 5
