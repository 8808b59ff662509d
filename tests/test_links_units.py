"""The link checker's parts that need no network: sources, config, cache, history, reports."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

import registry
from registry.links import (
    Cache,
    ConfigError,
    History,
    LinkOptions,
    Result,
    Run,
    Source,
    Verdict,
    added_urls,
    from_entry_paths,
    from_registry,
    from_url_list,
    load_config,
    url_key,
)
from registry.links.cache import stagger
from registry.links.fetch import retry_after_seconds
from registry.links.report import FORMATS
from registry.urls import is_forbidden_ip


def test_entry_urls_carry_file_entry_field_and_line():
    reg = registry.validate(["entries"]).registry  # entries with errors elsewhere still count
    targets = from_registry(reg)
    assert len(targets) > 20
    for target in targets:
        source = target.source
        lines = Path(reg.path_of(source.entry)).read_text().splitlines()
        assert target.url in lines[source.line - 1], (target.url, source)
        assert source.origin == "entry" and source.field and source.col
    paper = [
        t.source for t in targets if t.source.entry == "llama" and t.source.field == "links.paper"
    ]
    assert paper and paper[0].file.endswith("entries/models/llama.yaml")
    assert any(t.source.field.startswith("sources.") for t in targets)


def test_entry_paths_read_the_same_urls_as_the_registry(mini):
    reg = registry.load(mini)
    same, unreadable = from_entry_paths([mini])
    assert unreadable == []

    def located(targets):
        return sorted((t.url, t.source.file, t.source.line, t.source.entry) for t in targets)

    assert located(same) == located(from_registry(reg))


def test_entry_with_errors_still_has_its_links_checked(tmp_path):
    bad = tmp_path / "models" / "broken-entry.yaml"
    bad.parent.mkdir()
    bad.write_text("id: broken-entry\nkind: model\nlinks:\n  code: https://example.org/x\n")
    (tmp_path / "models" / "not-yaml.yaml").write_text("id: [unclosed\n")
    targets, unreadable = from_entry_paths([tmp_path])
    assert [(t.url, t.source.line, t.source.entry) for t in targets] == [
        ("https://example.org/x", 4, "broken-entry")
    ]
    assert unreadable and unreadable[0].endswith("not-yaml.yaml")


def test_url_list_skips_blanks_and_comments(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# papers\nhttps://a.example.org/1\n\n  https://b.example.org/2  \n")
    targets = from_url_list(str(listing))
    assert [(t.url, t.source.line) for t in targets] == [
        ("https://a.example.org/1", 2),
        ("https://b.example.org/2", 4),
    ]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_files_check_only_the_urls_they_add(tmp_path, monkeypatch):
    entry = tmp_path / "entries" / "models" / "demo.yaml"
    entry.parent.mkdir(parents=True)
    entry.write_text("id: demo\nlinks:\n  code: https://old.example.org/repo\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    entry.write_text(
        "id: demo\nlinks:\n  code: https://old.example.org/repo\n"
        "  paper: https://new.example.org/paper\n"
    )
    monkeypatch.chdir(tmp_path)
    from registry.links import changed_since

    files = changed_since("HEAD")
    assert files == [Path("entries/models/demo.yaml")]
    targets, _ = added_urls(files, "HEAD")
    assert [(t.url, t.source.line) for t in targets] == [("https://new.example.org/paper", 4)]
    everything, _ = added_urls(files, None)
    assert len(everything) == 2


def test_config_from_pyproject(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[tool.llm-registry.links]\nexclude = ['^https://example[.]org/']\ntimeout = 5\n"
        "accept = [200, 403]\ncache = '.cache/links.json'\n"
        "[tool.llm-registry.links.hosts]\n'arxiv.org' = { limit = 1, interval = 3 }\n"
    )
    options, cache = load_config(pyproject)
    assert options.timeout == 5.0 and options.accept == frozenset({200, 403})
    assert cache == Path(".cache/links.json")
    assert options.policy("export.arxiv.org").limit == 1
    assert options.policy("arxiv.org").interval == 3
    assert options.policy("github.com").limit == LinkOptions().per_host
    assert options.excluded("https://example.org/a") and not options.excluded("https://x.org")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.llm-registry.links]\ntimout = 5\n", "did you mean 'timeout'"),
        ("[tool.llm-registry.links]\nexclude = ['(']\n", "not a regular expression"),
        ("[tool.llm-registry.links]\nper_host = -1\n", "non-negative"),
        ("[tool.llm-registry.links\n", "not valid TOML"),
    ],
)
def test_config_errors_name_the_setting(tmp_path, text, message):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(pyproject)


def test_cli_bad_config_and_usage_exit_2(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text("[tool.llm-registry.links]\nbudjet = 3\n")
    done = cli("check-links", "--urls", "-", cwd=tmp_path)
    assert done.returncode == 2 and "did you mean 'budget'" in done.stderr
    assert "Traceback" not in done.stderr
    done = cli("check-links", "no/such/dir", cwd=tmp_path)
    assert done.returncode == 2 and "no such file or folder" in done.stderr
    done = cli("check-links", "--cache", "x.json", "--no-cache", "--urls", "-", cwd=tmp_path)
    assert done.returncode == 2


def _result(url: str, verdict: Verdict, requests: int = 1) -> Result:
    return Result(
        url, verdict, status=200, checked_at="2026-01-01T00:00:00+00:00", requests=requests
    )


def test_cache_keeps_successes_longer_and_staggers_expiry(tmp_path):
    cache = Cache.load(tmp_path / "links.json")
    now = time.time()
    cache.put(_result("https://a.example.org/", Verdict.OK), now=now)
    cache.put(_result("https://b.example.org/", Verdict.BROKEN), now=now)
    cache.put(_result("https://c.example.org/", Verdict.UNVERIFIABLE, requests=0), now=now)
    cache.save(now=now)
    again = Cache.load(tmp_path / "links.json")
    assert again.problem is None and set(again.entries) == {
        "https://a.example.org/",
        "https://b.example.org/",
    }
    assert again.get("https://a.example.org/", now=now + 5 * 86400).verdict == Verdict.OK
    assert again.get("https://b.example.org/", now=now + 2 * 86400) is None
    factors = [stagger(f"https://example.org/{i}") for i in range(200)]
    assert 0.5 <= min(factors) < 0.6 and 1.4 < max(factors) < 1.5


def test_corrupt_cache_is_reported_and_replaced(tmp_path):
    path = tmp_path / "links.json"
    path.write_text("{not json")
    cache = Cache.load(path)
    assert cache.problem and "corrupt" in cache.problem and cache.entries == {}
    cache.put(_result("https://a.example.org/", Verdict.OK))
    cache.save()
    assert json.loads(path.read_text())["urls"]["https://a.example.org/"]["verdict"] == "ok"
    assert [p.name for p in tmp_path.iterdir()] == ["links.json"]  # no temporary file left


def test_history_needs_k_broken_runs_in_a_row(tmp_path):
    path = tmp_path / "history.json"
    for run in range(1, 4):
        history = History.load(path)
        results = [_result("https://gone.example.org/", Verdict.BROKEN)]
        history.record(results, required=3)
        history.save()
        expected = Verdict.BROKEN if run == 3 else Verdict.UNVERIFIABLE
        assert results[0].verdict == expected, run
    history = History.load(path)
    history.record([_result("https://gone.example.org/", Verdict.OK)], required=3)
    assert history.streaks == {} and history.runs == 4


def test_retry_after_as_seconds_or_http_date():
    assert retry_after_seconds("120") == 120.0
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert retry_after_seconds(date, now=1445412480 - 30) == pytest.approx(30)
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_url_key_and_forbidden_addresses():
    assert url_key("HTTPS://GitHub.com/Org/Repo#readme") == "https://github.com/Org/Repo"
    for address in (
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "::ffff:192.168.0.1",
        "224.0.0.1",
        "0.0.0.0",
    ):
        assert is_forbidden_ip(address), address


def _run() -> Run:
    entry = Source("entry", "entries/models/llama.yaml", 23, 9, "llama", "links.paper")
    listed = Source("list", "<stdin>", 2, 1)
    return Run(
        results=[
            Result("https://ok.example.org/", Verdict.OK, 200, sources=[listed]),
            Result(
                "https://moved.example.org/",
                Verdict.REDIRECTED,
                200,
                suggestion="https://new.example.org/",
                detail="moved permanently",
                sources=[entry],
            ),
            Result(
                "https://gone.example.org/",
                Verdict.BROKEN,
                404,
                detail="HTTP 404: not found",
                sources=[entry, listed],
            ),
            Result(
                "https://wall.example.org/",
                Verdict.UNVERIFIABLE,
                403,
                detail="HTTP 403",
                sources=[entry],
            ),
        ],
        requests=4,
        elapsed=0.5,
    )


def test_text_report_lists_broken_first_with_file_and_line():
    text = FORMATS["text"](_run(), False)
    assert text.index("broken (1)") < text.index("unverifiable (1)") < text.index("redirected (1)")
    assert "entries/models/llama.yaml:23:9  (llama, links.paper)" in text
    assert "use https://new.example.org/" in text
    assert "https://ok.example.org/" not in text  # working links are only counted
    assert text.rstrip().endswith("FAILED: 1 broken link(s).")


def test_json_report_shape():
    data = json.loads(FORMATS["json"](_run(), False))
    first = data["results"][0]
    assert set(first) >= {"url", "verdict", "status", "final_url", "sources"}
    assert first["verdict"] == "broken" and first["sources"][0]["line"] == 23
    assert data["summary"]["verdicts"]["broken"] == 1 and data["summary"]["failed"] is True


def test_github_annotations_land_on_the_entry_line():
    lines = FORMATS["github"](_run(), False).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors[0].startswith("::error file=entries/models/llama.yaml,line=23,col=9,")
    assert "https%3A//gone" not in errors[0] and "https://gone.example.org/" in errors[0]
    assert not any(line.startswith("::warning") for line in lines)  # not without --strict
    strict = FORMATS["github"](_run(), True)
    assert "::warning file=entries/models/llama.yaml,line=23" in strict
    assert any(line.startswith("::notice ") and "new.example.org" in line for line in lines)


def test_markdown_report_for_a_job_summary():
    text = FORMATS["markdown"](_run(), False)
    assert text.startswith("## Link check: 1 broken")
    assert "| <https://gone.example.org/> | HTTP 404: not found |" in text
    assert "`entries/models/llama.yaml:23:9  (llama, links.paper)`" in text


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, cli):
    listing = tmp_path / "urls.txt"
    listing.write_text("https://nothing-here.invalid/\n")
    shown = cli("check-links", "--urls", str(listing), "--no-cache", "--progress", cwd=tmp_path)
    assert "checked 1/1" in shown.stderr and shown.returncode == 1
    hidden = cli("check-links", "--urls", str(listing), "--no-cache", cwd=tmp_path)
    assert "checked" not in hidden.stderr and hidden.returncode == 1


def test_addresses_in_the_url_itself_are_refused_without_a_request():
    from registry.links import Target, check

    urls = [
        "http://[::1]:8080/",
        "http://[::ffff:10.0.0.1]/",
        "http://169.254.169.254/latest/",
        "http://192.168.1.1/",
        "http://printer.local/",
        "ftp://example.org/file",
    ]
    run = check(
        [Target(u, Source("list", "urls.txt", i, 1)) for i, u in enumerate(urls, 1)], LinkOptions()
    )
    assert run.requests == 0
    assert [r.verdict for r in run.results] == [Verdict.SKIPPED] * len(urls)
    assert all("refused" in r.detail for r in run.results[:-1])
    assert "not an http(s) link" in run.results[-1].detail


def test_cli_since_checks_only_added_urls(tmp_path, cli):
    entry = tmp_path / "entries" / "models" / "demo.yaml"
    entry.parent.mkdir(parents=True)
    entry.write_text("id: demo\nlinks:\n  code: https://kept.invalid/repo\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    entry.write_text(
        "id: demo\nlinks:\n  code: https://kept.invalid/repo\n"
        "  paper: https://added.invalid/paper\n"
    )
    done = cli("check-links", "--since", "HEAD", "--no-cache", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [r["url"] for r in results] == ["https://added.invalid/paper"]
    assert results[0]["sources"][0]["line"] == 4
    done = cli(
        "check-links",
        "--changed",
        "entries/models/demo.yaml",
        "README.md",
        "gone.yaml",
        "--no-cache",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr  # a deleted or non-entry file adds nothing
    assert len(json.loads(done.stdout)["results"]) == 2
    done = cli("check-links", "--since", "no-such-ref", "--no-cache", cwd=tmp_path)
    assert done.returncode == 2 and "no-such-ref" in done.stderr


def test_cli_since_reads_only_the_entries_folders(tmp_path, cli):
    """A hook or workflow YAML changed beside entries/ is not an entry file; naming a folder
    limits --since to it instead of checking every entry of it as well."""
    for folder in ("models", "datasets"):
        (tmp_path / "entries" / folder).mkdir(parents=True)
    _git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text("x\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    (tmp_path / ".pre-commit-hooks.yaml").write_text("- id: x\n  entry: https://hook.invalid/\n")
    (tmp_path / "entries" / "models" / "m.yaml").write_text(
        "id: m\nlinks:\n  code: https://m.invalid/\n"
    )
    (tmp_path / "entries" / "datasets" / "d.yaml").write_text(
        "id: d\nlinks:\n  code: https://d.invalid/\n"
    )
    done = cli("check-links", "--since", "HEAD", "--no-cache", "--format", "json", cwd=tmp_path)
    assert "pre-commit-hooks" not in done.stderr, done.stderr
    urls = sorted(r["url"] for r in json.loads(done.stdout)["results"])
    assert urls == ["https://d.invalid/", "https://m.invalid/"]
    done = cli(
        "check-links", "--since", "HEAD", "entries/models", "--no-cache", "--format", "json",
        cwd=tmp_path,
    )  # fmt: skip
    assert [r["url"] for r in json.loads(done.stdout)["results"]] == ["https://m.invalid/"]
