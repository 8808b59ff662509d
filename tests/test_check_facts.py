"""``check-facts`` against the local Hub-like server: each upstream change gets the right finding,
each failure to answer the verdict "unverifiable", and a warm second run asks nothing.

The registry under test is tests/fixtures/facts (its entries link to the recorded repos); an audit
hook refuses any connection beyond loopback while each test runs.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import replace
from pathlib import Path

import hubserver
import pytest

from registry import load
from registry.cli import main
from registry.facts import check_facts
from registry.facts.upstream import FactsCache
from registry.links import History, LinkOptions

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "tests" / "fixtures" / "facts"
TULU = ("model", "allenai/Llama-3.1-Tulu-3-8B-SFT")
QWEN = ("model", "Qwen/Qwen3-30B-A3B")
FAST = LinkOptions(per_host=4, interval=0.0, timeout=2.0, retries=1, backoff=0.05, budget=30)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch):
    state = hubserver.HubState()
    state.github["huggingface/transformers"] = {
        "name": "LICENSE",
        "path": "LICENSE",
        "sha": "reconstructed-license-sha",
        "license": {"key": "apache-2.0", "name": "Apache License 2.0", "spdx_id": "Apache-2.0"},
    }
    server = hubserver.start(state)
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.setenv("GITHUB_API_URL", server.url)
    with hubserver.loopback_only():
        yield server
    server.shutdown()


@pytest.fixture
def registry():
    return load(FACTS)


def _run(registry, cache=None, options=FAST, **kwargs):
    return check_facts(registry, options, cache=cache, **kwargs)


def _codes(run) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for checked in run.checked:
        for f in checked.findings:
            found.setdefault(checked.target.entry_id, []).append(f.code)
    return found


def _verdict(run, entry_id: str) -> str:
    [checked] = [c for c in run.checked if c.target.entry_id == entry_id]
    return checked.verdict


def test_entries_that_agree_with_upstream_have_no_finding(hub, registry) -> None:
    run = _run(registry)
    assert run.findings == []
    assert _verdict(run, "tulu-3") == "ok"
    assert _verdict(run, "qwen3-30b-a3b") == "ok"
    assert _verdict(run, "tulu-3-sft-mixture") == "ok"
    assert _verdict(run, "transformers") == "ok"
    # A repo the Hub does not know (and never answered for) is unverifiable, not "gone".
    assert _verdict(run, "llama-3.1") == "unverifiable"
    assert run.requests == 5 == hub.state.requests()


def test_a_licence_change_upstream(hub, registry) -> None:
    hub.state.repo(*QWEN).info["cardData"]["license"] = "cc-by-nc-4.0"
    run = _run(registry)
    [finding] = run.findings
    assert finding.code == "F001"
    assert finding.path.endswith("qwen3-30b-a3b.yaml")
    assert finding.line == 6  # the license: line
    assert "license: Apache-2.0, but the Hub card says cc-by-nc-4.0" in finding.message
    assert "https://huggingface.co/Qwen/Qwen3-30B-A3B at commit" in finding.message
    assert "acknowledged" in finding.hint


def test_a_base_model_change_upstream(hub, registry) -> None:
    card = hub.state.repo(*TULU).info["cardData"]
    card["base_model"] = ["Qwen/Qwen3-30B-A3B-Base"]
    run = _run(registry)
    [finding] = run.findings
    assert finding.code == "F002"
    assert "Qwen/Qwen3-30B-A3B-Base (= qwen3-30b-a3b-base)" in finding.message
    assert "lineage parents: llama-3.1" in finding.message


def test_a_relation_change_upstream(hub, registry) -> None:
    hub.state.repo(*QWEN).info["cardData"]["base_model_relation"] = "quantized"
    [finding] = _run(registry).findings
    assert finding.code == "F003"
    assert "relation: finetune from qwen3-30b-a3b-base" in finding.message


def test_a_size_mismatch_beyond_two_percent(hub, registry) -> None:
    info = hub.state.repo(*QWEN).info
    info["safetensors"]["total"] = 31_200_000_000  # 2.3% above 30.5B
    [finding] = _run(registry).findings
    assert finding.code == "F004"
    assert "31,200,000,000" in finding.message
    info["safetensors"]["total"] = 30_532_122_624  # the real count: within 2% of 30.5B
    assert _run(registry).findings == []


def test_gated_repos(hub, registry) -> None:
    hub.state.repo(*QWEN).info["gated"] = "manual"
    [finding] = _run(registry).findings
    assert finding.code == "F005"  # the entry says access: open
    # A repo whose very metadata is behind the gate: unverifiable, never a difference.
    hub.state.gated_api.add("Qwen/Qwen3-30B-A3B")
    run = _run(registry)
    assert run.findings == []
    assert _verdict(run, "qwen3-30b-a3b") == "unverifiable"


def test_a_renamed_repo(hub, registry) -> None:
    hub.state.add_copy("model", "allenai/Llama-3.1-Tulu-3-8B-SFT", "allenai/Tulu-3-8B-SFT")
    hub.state.renamed["allenai/Llama-3.1-Tulu-3-8B-SFT"] = "allenai/Tulu-3-8B-SFT"
    [finding] = _run(registry).findings
    assert finding.code == "F007"
    assert finding.line == 10  # the links.weights line
    assert "https://huggingface.co/allenai/Tulu-3-8B-SFT" in finding.message


def test_a_deleted_repo(hub, registry, tmp_path: Path) -> None:
    cache = FactsCache(tmp_path / "facts.json", lifetime=0)  # every run asks again
    assert _run(registry, cache).findings == []
    hub.state.deleted.add("Qwen/Qwen3-30B-A3B")
    [finding] = _run(registry, cache).findings
    assert finding.code == "F008"
    assert "deleted, or made private" in finding.message


def test_a_deleted_repo_counts_after_k_runs_with_history(hub, registry, tmp_path: Path) -> None:
    cache = FactsCache(tmp_path / "facts.json", lifetime=0)
    history = History(tmp_path / "history.json")
    _run(registry, cache, history=history, broken_after=2)
    hub.state.deleted.add("Qwen/Qwen3-30B-A3B")
    first = _run(registry, cache, history=history, broken_after=2)
    assert first.findings == []
    assert _verdict(first, "qwen3-30b-a3b") == "unverifiable"
    second = _run(registry, cache, history=history, broken_after=2)
    assert [f.code for f in second.findings] == ["F008"]


def test_a_429_with_retry_after_is_honoured(hub, registry) -> None:
    hub.state.rate_limited["/api/models/Qwen/"] = 1
    hub.state.retry_after = "1"
    started = time.monotonic()
    run = _run(registry)
    assert run.findings == []
    assert _verdict(run, "qwen3-30b-a3b") == "ok"
    assert hub.state.requests("/api/models/Qwen/") == 2
    assert time.monotonic() - started >= 0.9  # waited as the server asked


def test_a_retry_after_beyond_the_cap_is_unverifiable(hub, registry) -> None:
    hub.state.rate_limited["/api/models/Qwen/"] = 5
    hub.state.retry_after = "3600"
    run = _run(registry)
    assert run.findings == []
    assert _verdict(run, "qwen3-30b-a3b") == "unverifiable"
    assert hub.state.requests("/api/models/Qwen/") == 1


def test_a_slow_server_is_unverifiable_within_the_timeout(hub, registry) -> None:
    hub.state.slow["/api/models/Qwen/"] = 2.0
    options = replace(FAST, timeout=0.3, retries=0)
    started = time.monotonic()
    run = _run(registry, options=options)
    assert time.monotonic() - started < 1.9
    assert _verdict(run, "qwen3-30b-a3b") == "unverifiable"
    assert (
        "timed out"
        in [c for c in run.checked if c.target.entry_id == "qwen3-30b-a3b"][0].upstream.detail
    )
    assert run.findings == []


def test_the_time_budget_ends_the_run_and_defers_the_rest(hub, registry) -> None:
    hub.state.slow["/api/"] = 0.4
    options = replace(FAST, per_host=1, budget=0.2, retries=0)
    started = time.monotonic()
    run = _run(registry, options=options)
    assert time.monotonic() - started < 2.0  # one answer in flight, never five in a row
    details = [c.upstream.detail for c in run.checked if c.verdict == "unverifiable"]
    assert any("deferred: the time budget" in d for d in details)
    assert run.findings == []


def test_no_network_is_unverifiable(monkeypatch, registry) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:9")
    with hubserver.loopback_only():
        run = _run(registry, options=replace(FAST, retries=0))
    assert run.findings == []
    assert {c.verdict for c in run.checked} == {"unverifiable"}


def test_a_second_run_asks_nothing_and_an_expired_cache_one_request_each(
    hub, registry, tmp_path: Path
) -> None:
    path = tmp_path / "facts.json"
    cache = FactsCache.load(path)
    _run(registry, cache)
    cache.save()
    before = hub.state.requests()
    warm = _run(registry, FactsCache.load(path))
    assert hub.state.requests() == before  # not one request
    assert warm.requests == 0
    assert all(c.upstream.cached for c in warm.checked if c.verdict == "ok")
    expired = FactsCache.load(path, lifetime_days=0)
    again = _run(registry, expired)
    ok = [c for c in again.checked if c.verdict == "ok"]
    assert hub.state.requests() - before == 5  # one per repo, the unknown one included
    assert all(c.upstream.detail == "unchanged since the last check" for c in ok)


def test_a_github_licence_change(hub, registry) -> None:
    hub.state.github["huggingface/transformers"]["license"]["spdx_id"] = "MIT"
    [finding] = _run(registry).findings
    assert finding.code == "F009"
    assert "GitHub reports MIT" in finding.message


def test_a_redirect_into_a_private_network_is_refused(hub, registry) -> None:
    hub.state.renamed["Qwen/Qwen3-30B-A3B"] = "http://10.0.0.1/api/models/Qwen/Qwen3-30B-A3B"
    run = _run(registry)  # the audit hook would raise if anything connected to 10.0.0.1
    assert _verdict(run, "qwen3-30b-a3b") == "unverifiable"
    assert run.findings == []


def _registry_copy(tmp_path: Path) -> Path:
    target = tmp_path / "entries"
    shutil.copytree(FACTS, target)
    return target


def test_an_acknowledged_difference_is_not_reported(hub, tmp_path: Path) -> None:
    entries = _registry_copy(tmp_path)
    path = entries / "models" / "qwen3-30b-a3b.yaml"
    path.write_text(
        path.read_text()
        + "acknowledged:\n  - code: F001\n    reason: The LICENSE file says Apache 2.0.\n"
    )
    hub.state.repo(*QWEN).info["cardData"]["license"] = "cc-by-nc-4.0"
    registry = load(entries)  # acknowledging an F code is valid (S003 knows the fact codes)
    run = _run(registry)
    assert run.findings == []
    [checked] = [c for c in run.checked if c.target.entry_id == "qwen3-30b-a3b"]
    assert [f.code for f in checked.acknowledged] == ["F001"]


def test_cli_formats_changed_entries_and_site_report(hub, tmp_path: Path, capsys) -> None:
    entries = _registry_copy(tmp_path)
    hub.state.repo(*QWEN).info["cardData"]["license"] = "mit"
    common = ["check-facts", "--entries", str(entries), "--no-cache", "--interval", "0"]
    assert main([*common, "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::warning file=" in out and "qwen3-30b-a3b.yaml,line=6," in out
    assert "title=F001::" in out
    # --changed: only the entries of those files are asked about.
    before = hub.state.requests()
    changed = str(entries / "datasets" / "tulu-3-sft-mixture.yaml")
    assert main([*common, "--changed", changed, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["entry"] for r in data["results"]] == ["tulu-3-sft-mixture"]
    assert hub.state.requests() - before == 1
    report = tmp_path / "facts-check.json"
    assert main([*common, "--format", "markdown", "--site-report", str(report)]) == 1
    assert "| F001 |" in capsys.readouterr().out
    summary = json.loads(report.read_text())["entries"]
    assert summary["qwen3-30b-a3b"]["differences"][0]["code"] == "F001"
    assert summary["tulu-3"]["checked_at"]


def test_the_site_shows_when_facts_were_checked_and_what_differs(
    hub, tmp_path: Path, monkeypatch
) -> None:
    from site_gen import generate, layout
    from site_gen.factcheck import load_checks
    from site_gen.reference import rules_page

    entries = _registry_copy(tmp_path)
    info = hub.state.repo(*QWEN).info
    info["cardData"]["license"] = "mit"
    info["sha"] = "<b>abc</b>"  # upstream text is escaped on the page
    main(
        ["check-facts", "--entries", str(entries), "--no-cache", "--interval", "0"]
        + ["--site-report", str(tmp_path / "facts-check.json"), "-o", str(tmp_path / "r.txt")]
    )
    checks = load_checks(entries)  # facts-check.json next to the entries folder
    assert set(checks) >= {"qwen3-30b-a3b", "tulu-3"}
    ctx = generate(load(entries), fact_checks=checks)
    qwen = ctx.files[layout.entry_src("model", "qwen3-30b-a3b")]
    tulu = ctx.files[layout.entry_src("model", "tulu-3")]
    assert "Checked upstream" in tulu and ": no difference" in tulu
    assert "Checked upstream" not in ctx.files[layout.entry_src("model", "llama-3.1")]
    assert "<b>abc</b>" not in qwen and "&lt;b&gt;abc&lt;/b&gt;" in qwen
    assert "1 open difference(s): F001" in qwen
    monkeypatch.setenv("LLM_REGISTRY_FACTS_REPORT", str(tmp_path / "missing.json"))
    assert load_checks(entries) == {}
    page = rules_page()
    assert "| [F001](#f001-licence-differs)" in page and "## F009 github-licence-differs" in page
