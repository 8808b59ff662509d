"""Site mode: internal links and #anchors judged on disk, external links checked once.

One test builds a real tiny MkDocs site; the others use hand-written HTML to pin each rule.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from registry.links import LinkOptions, Source, Target, Verdict, check, site_links


class _Counting(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.server.hits[self.path] += 1
        self.send_response(200 if self.path == "/paper" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    httpd.daemon_threads = True
    httpd.hits = Counter()
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


OPTIONS = LinkOptions(interval=0.0, timeout=2, retries=0, allow_hosts=frozenset({"127.0.0.1"}))


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_real_mkdocs_build_broken_page_and_missing_anchor(tmp_path, server):
    base = f"http://127.0.0.1:{server.server_port}"
    _write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: Tiny\nuse_directory_urls: true\n",
            "docs/index.md": (
                "# Home\n\n"
                "[good page](models/llama.md) and [good anchor](models/llama.md#training-data)\n\n"
                "[missing page](models/alpaca.md) and [missing anchor](models/llama.md#weights)\n\n"
                f"[paper]({base}/paper) and [the same paper]({base}/paper#abstract)\n"
            ),
            "docs/models/llama.md": f"# LLaMA\n\n## Training data\n\n[paper]({base}/paper)\n"
            "[home](../index.md#home)\n",
        },
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    site = site_links(tmp_path / "site", "site")
    entry = Target(
        f"{base}/paper",
        Source("entry", "entries/models/llama.yaml", 12, 10, "llama", "links.paper"),
    )
    run = check([entry, *site.external], OPTIONS, internal=site.internal)
    broken = {r.url: r for r in run.results if r.verdict == Verdict.BROKEN}
    assert set(broken) == {"models/alpaca.md", "models/llama/index.html#weights"}
    assert "no such page" in broken["models/alpaca.md"].detail
    assert "no anchor #weights" in broken["models/llama/index.html#weights"].detail
    where = broken["models/llama/index.html#weights"].sources[0]
    assert where.file == "site/index.html" and where.line is not None
    ok = {r.url for r in run.results if r.verdict == Verdict.OK}
    assert "models/llama/index.html#training-data" in ok
    assert "index.html#home" in ok
    # the entry's URL and the pages' three links to it cost one request
    paper = next(r for r in run.results if r.url == f"{base}/paper")
    assert paper.verdict == Verdict.OK and len(paper.sources) == 4
    assert server.hits["/paper"] == 1
    assert run.failed()


def test_hand_written_site_rules(tmp_path):
    _write(
        tmp_path,
        {
            "index.html": (
                '<a href="docs/">dir</a>\n<a href="/docs/#top">abs</a>\n<a name="legacy"></a>\n'
                '<a href="#legacy">named</a>\n<a href="#nowhere">self</a>\n'
                '<a href="../../etc/passwd">outside</a>\n<img src="img/logo.png">\n'
                '<a href="mailto:x@example.org">mail</a>\n<a href="javascript:void(0)">js</a>\n'
                '<link rel="canonical" href="https://registry.example.org/">\n'
                '<a href="docs/page%20two.html?x=1#b">encoded</a>\n'
                '<script src="//cdn.example.org/lib.js"></script>\n'
            ),
            "docs/index.html": '<h1 id="top">Docs</h1>',
            "docs/page two.html": '<p id="b">b</p>',
        },
    )
    site = site_links(tmp_path, "site")
    verdicts = {r.url: r.verdict for r in site.internal}
    assert verdicts["docs/index.html"] == Verdict.OK
    assert verdicts["docs/index.html#top"] == Verdict.OK
    assert verdicts["index.html#legacy"] == Verdict.OK
    assert verdicts["index.html#nowhere"] == Verdict.BROKEN
    assert verdicts["../../etc/passwd"] == Verdict.BROKEN
    assert verdicts["img/logo.png"] == Verdict.BROKEN
    assert verdicts["docs/page two.html#b"] == Verdict.OK
    assert [t.url for t in site.external] == ["https://cdn.example.org/lib.js"]
    assert site.pages == 3


def test_cli_site_mode_exit_status(tmp_path):
    _write(tmp_path, {"site/index.html": '<a href="gone.html">x</a><a href="#a" id="a">y</a>'})
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry",
            "check-links",
            "--site",
            str(tmp_path / "site"),
            "--no-cache",
            "--format",
            "text",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "gone.html" in done.stdout and "index.html:1:1" in done.stdout
