"""The built site in a real browser: Debian's Chromium driven by Playwright for Python, the site
served by a real HTTP server on 127.0.0.1. Every request that would leave 127.0.0.1 is aborted
and recorded, and so is every console error; each test asserts there were none.

Screenshots of the home page, an entry page and the LLaMA family page go to test-artifacts/.
Without Chromium these tests skip locally and fail when LLM_REGISTRY_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require_browser
from test_site_build import ROOT, built_site

import registry
from registry.lineage import WEIGHT_RELATIONS
from site_gen.families import with_data_inheritance

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 on a free port, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site, built once per session, served on 127.0.0.1 on a free port."""
    require_browser()
    with serve(built_site(tmp_path_factory.getbasetemp() / "real-site")) as url:
        yield url


class Watch:
    """What a page did that it must not: requests off 127.0.0.1, console errors."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []

    def check(self) -> None:
        assert not self.external, f"requests left 127.0.0.1: {self.external}"
        assert not self.errors, f"console errors: {self.errors}"


@contextlib.contextmanager
def guarded_tab(browser, base_url: str):
    """A tab in a fresh context: requests off ``base_url`` are aborted and recorded, console
    errors recorded; both are asserted absent when the block ends."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch()

    def route(r) -> None:
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            watch.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.set_default_timeout(15000)
    tab.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watch.errors.append(str(e)))
    tab.watch = watch
    yield tab
    context.close()
    watch.check()


@pytest.fixture
def page(browser, base_url: str):
    with guarded_tab(browser, base_url) as tab:
        yield tab


def screenshot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name), full_page=True)


def heading(tab) -> str:
    """The page's title, without the permalink sign."""
    return tab.locator("h1").first.inner_text().replace("¶", "").strip()


def search(tab, query: str) -> None:
    """Type into the header's search box, as a reader does."""
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)


def rendered_diagram(tab):
    """Wait for the page's lineage diagram to be drawn by Mermaid; return its SVG."""
    tab.wait_for_selector(".llmr-diagram-rendered[data-rendered]", timeout=20000)
    holder = tab.locator(".llmr-diagram-rendered").first
    assert holder.get_attribute("data-rendered") == "true", holder.inner_text()[:300]
    return holder.locator("svg").first


def test_search_finds_vicuna_and_opens_its_page(page, base_url: str) -> None:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    screenshot(page, "home.png")
    search(page, "vicuna")
    result = page.locator(".md-search-result__link[href*='models/vicuna/']").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_url("**/models/vicuna/**")
    assert heading(page) == "Vicuna"


def test_search_finds_an_alias(page, base_url: str) -> None:
    reg = registry.load(ROOT / "entries")
    entry = next(e for e in reg.models if e.aliases and e.aliases[0].isalnum())
    page.goto(base_url)
    search(page, entry.aliases[0])
    result = page.locator(f".md-search-result__link[href*='models/{entry.id}/']").first
    result.wait_for(timeout=15000)


def test_lineage_diagram_links_llama(page, base_url: str) -> None:
    page.goto(base_url + "models/vicuna/")
    svg = rendered_diagram(page)
    link = svg.locator("a", has_text="LLaMA").first
    href = link.get_attribute("href") or link.get_attribute("xlink:href")
    assert href == "../llama/", href
    screenshot(page, "entry-vicuna.png")
    link.click()
    page.wait_for_url("**/models/llama/")
    assert heading(page) == "LLaMA"


def test_filtering_models_by_organization_narrows_rows(page, base_url: str) -> None:
    page.goto(base_url + "models/")
    rows = page.locator("table[data-llmr-sortable] tbody tr")
    total = rows.count()
    assert total == len(registry.load(ROOT / "entries").models)
    select = page.locator("select[data-filter='Organization']")
    select.select_option(label="Meta AI")
    visible = page.locator("table[data-llmr-sortable] tbody tr:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    for i in range(shown):
        assert "Meta AI" in visible.nth(i).locator("td").nth(1).inner_text()
    assert page.locator(".llmr-status").inner_text() == f"{shown} of {total} shown"
    page.locator("table[data-llmr-sortable] th", has_text="Name").click()
    names = [visible.nth(i).locator("td").first.inner_text() for i in range(shown)]
    assert names == sorted(names, key=str.lower)


def test_llama_family_page_shows_all_its_models(page, base_url: str) -> None:
    reg = registry.load(ROOT / "entries")
    members = reg.lineage.family("llama", relations=WEIGHT_RELATIONS)
    assert len(members) > 10
    page.goto(base_url + "families/llama/")
    svg = rendered_diagram(page)
    drawn = svg.text_content() or ""
    table = page.locator("table").last.inner_text()
    for member in members:
        name = reg.get(member).name
        assert name in table, name
        assert name in drawn, f"{name} is not drawn in the diagram"
    # Each member is a link, and so is each dataset drawn for the survey's data inheritance.
    assert svg.locator("a").count() == len(with_data_inheritance(reg.lineage, members))
    screenshot(page, "family-llama.png")


def test_gpt_series_draws_inferred_edges_dashed(page, base_url: str) -> None:
    page.goto(base_url + "families/gpt/")
    svg = rendered_diagram(page)
    dashed = svg.locator(
        "path[stroke-dasharray], path.edge-pattern-dotted, path.edge-pattern-dashed"
    )
    reg = registry.load(ROOT / "entries")
    root = next(r for r in ("gpt-1", "gpt", "gpt-2", "gpt-3") if r in reg)
    family = reg.lineage.family(root)
    inferred = [d for _, _, d in family.edges(data=True) if d.get("evidence") == "inferred"]
    if inferred:
        assert dashed.count() >= len(inferred)
    screenshot(page, "family-gpt.png")


def test_cli_mermaid_output_renders_with_the_vendored_mermaid(page, base_url: str) -> None:
    """`llm-registry lineage llava --up --format mermaid`, as printed, drawn by our Mermaid."""

    text = subprocess.run(
        [sys.executable, "-m", "registry", "lineage", "llava", "--up", "--format", "mermaid"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert text.startswith("graph TD")
    page.goto(base_url + "assets/llm-registry/vendor/mermaid/")  # a page on the same origin
    page.set_content(
        "<!doctype html><title>mermaid</title><div id='out'></div>"
        f"<script src='{base_url}assets/llm-registry/vendor/mermaid/mermaid.min.js'></script>"
    )
    svg = page.evaluate(
        """async (source) => {
            mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
            const {svg} = await mermaid.render("cli-diagram", source);
            document.getElementById("out").innerHTML = svg;
            return svg;
        }""",
        text,
    )
    assert "<svg" in svg
    labels = page.locator("#out svg").text_content() or ""
    for name in ("Vicuna", "LLaMA", "LLaVA"):
        assert name in labels, name
