"""The site as a reader meets it (issue 10, items 3, 4, 5, 8, 9, 10, 11, 12): sorting index
tables, diagrams readable in both colour schemes, search that puts the name searched first,
entry pages with the chrome of every other page, tables that fit a 1280 px screen, licence
names, labels that neither overlap nor break inside a word, and readable chart axes.

Browser tests drive Debian's Chromium through Playwright on the real site, built once per
session by ``mkdocs build`` (the fixtures of test_site_browser); the repository-link tests build
the mini registry with a configuration of their own.
"""

# ruff: noqa: F811 -- the browser fixtures are imported from test_site_browser, then requested
# by name as the tests' parameters

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from test_site_browser import base_url, page, rendered_diagram, search  # noqa: F401
from test_site_build import MINI, ROOT, hrefs, real_site  # noqa: F401

import registry
from site_gen.build import build
from site_gen.charts import nice_ticks
from site_gen.facts import license_short, size_range
from site_gen.index_pages import date_key
from site_gen.search_names import field_values, own_names

REAL = registry.load(ROOT / "entries")


def names_of(entry_id: str) -> list[str]:
    entry = REAL.get(entry_id)
    return [entry.name, *entry.aliases]


# --- helpers ------------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG relative luminance of a CSS ``rgb()``/``rgba()`` colour (alpha ignored: the
    stylesheet draws labels and fills opaque)."""
    channels = [float(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_wcag() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)


# Every node and edge label of the page's first diagram: its text colour and the colour of what
# it is drawn on (a node's shape; an edge label's background box).
DIAGRAM_COLOURS = """
(svg) => {
  const found = [];
  const paint = (el, prop) => el ? getComputedStyle(el)[prop] : null;
  svg.querySelectorAll("g.node").forEach((node) => {
    const text = node.querySelector(".nodeLabel, text");
    const color = text.matches("text") ? paint(text.querySelector("tspan") || text, "fill")
                                       : paint(text, "color");
    found.push({kind: "node", text: node.textContent.trim(), color,
                background: paint(node.querySelector(".label-container"), "fill")});
  });
  svg.querySelectorAll("g.edgeLabel").forEach((label) => {
    if (!label.textContent.trim()) return;
    const text = label.querySelector("tspan, text, p, span");
    const color = text.matches("tspan, text") ? paint(text, "fill") : paint(text, "color");
    const box = label.querySelector("rect.background, rect");
    const background = box ? paint(box, "fill") : paint(text, "backgroundColor");
    found.push({kind: "edge", text: label.textContent.trim(), color, background});
  });
  return found;
}
"""

# Words of the page's tables and diagrams that a line break cuts. In a table's text a break
# right after a hyphen ("causal-" / "decoder") is ordinary wrapping; any other break is a word
# cut in two ("trained_o" / "n"). Diagram labels, relation names (code) and the cells of dates
# and sizes never break inside a word at all ("(2023-05-" / "05)").
BROKEN_WORDS = """
(root) => {
  const found = [];
  const top = (range) => {
    const r = Array.from(range.getClientRects()).filter((x) => x.width > 0);
    return r.length ? r[0].top : null;
  };
  const places = root.querySelectorAll("table, .llmr-diagram-rendered");
  places.forEach((place) => {
    const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.textContent))) {
        const word = m[0];
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + word.length);
        const lines = new Set(Array.from(range.getClientRects())
          .filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
        if (lines.size < 2) continue;
        let cut = 1;
        for (; cut < word.length; cut++) {
          range.setStart(node, m.index + cut);
          range.setEnd(node, m.index + cut + 1);
          const t = top(range);
          range.setStart(node, m.index);
          range.setEnd(node, m.index + 1);
          if (t !== null && Math.abs(t - top(range)) > 3) break;
        }
        const strict = node.parentElement.closest(".llmr-diagram-rendered, code, .llmr-nowrap");
        if (strict || word[cut - 1] !== "-") found.push(word);
      }
    }
  });
  // Labels Mermaid draws as SVG text, one <tspan class="row"> per line: no row may end and the
  // next begin inside a word.
  root.querySelectorAll(".llmr-diagram-rendered text").forEach((text) => {
    const rows = Array.from(text.querySelectorAll("tspan.row")).map((r) => r.textContent);
    for (let i = 1; i < rows.length; i++) {
      if (/\\w$/.test(rows[i - 1]) && /^\\w/.test(rows[i])) found.push(rows[i - 1] + "|" + rows[i]);
    }
  });
  return found;
}
"""

# Bounding boxes of a diagram's labels: every edge label against every other label.
LABEL_OVERLAPS = """
(svg) => {
  const boxes = [];
  svg.querySelectorAll("g.edgeLabel").forEach((g) => {
    const r = g.getBoundingClientRect();
    if (r.width > 0 && g.textContent.trim()) boxes.push(["edge", g.textContent.trim(), r]);
  });
  svg.querySelectorAll("g.node .label").forEach((g) => {
    boxes.push(["node", g.textContent.trim(), g.getBoundingClientRect()]);
  });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [ka, ta, a] = boxes[i], [kb, tb, b] = boxes[j];
      if (ka === "node" && kb === "node") continue;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 0.5 && y > 0.5) overlaps.push(`${ta} / ${tb}`);
    }
  }
  return {labels: boxes.length, overlaps};
}
"""


def diagram_pages() -> list[str]:
    """Pages whose diagrams the layout tests look at: the families, Vicuna (whose Books1/Books2
    labels overlapped), and the three entries with the most lineage edges (the largest
    diagrams)."""
    degree = {e.id: 0 for e in REAL}
    for edge in REAL.edges:
        for end in (edge.source, edge.target):
            if end in degree:
                degree[end] += 1
    busiest = sorted(degree, key=lambda i: (-degree[i], i))[:3]
    folders = {"model": "models", "dataset": "datasets", "library": "libraries"}
    pages = ["families/llama/", "families/gpt/", "models/vicuna/"]
    pages += [f"{folders[REAL.get(i).kind]}/{i}/" for i in busiest if REAL.get(i).kind in folders]
    return list(dict.fromkeys(pages))


def switch_to_slate(tab) -> None:
    """Click the header's colour-scheme toggle until the page is in the dark (slate) scheme."""
    for _ in range(2):
        if tab.evaluate("document.body.dataset.mdColorScheme") == "slate":
            return
        tab.locator("form[data-md-component='palette'] label:visible").first.click()
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"


def column(tab, header: str) -> list:
    """The cells of one column of the page's sortable table, in the order shown."""
    return tab.evaluate(
        """(header) => {
            const table = document.querySelector("table[data-llmr-sortable]");
            const heads = Array.from(table.tHead.rows[0].cells).map((th) => th.textContent.trim());
            const i = heads.findIndex((h) => h.replace(/[▲▼]/g, "").trim() === header);
            return Array.from(table.tBodies[0].rows).map((row) => ({
                text: row.cells[i].textContent.trim(),
                name: row.cells[0].textContent.trim(),
            }));
        }""",
        header,
    )


def sort_by(tab, header: str, times: int = 1) -> None:
    for _ in range(times):
        tab.locator("table[data-llmr-sortable] th", has_text=header).first.click()


def chronological(released: str) -> tuple[int, int, int]:
    parts = [int(p) for p in released.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


# --- item 3: sorting by release date and by size -----------------------------------------------


@pytest.mark.parametrize("folder", ["models", "datasets"])
def test_sorting_by_released_is_chronological(page, base_url: str, folder: str) -> None:
    page.goto(base_url + f"{folder}/")
    sort_by(page, "Released")
    cells = [c for c in column(page, "Released") if c["text"]]
    dates = [chronological(c["text"]) for c in cells]
    assert dates == sorted(dates), [c["text"] for c in cells]
    years_only = [c for c in cells if re.fullmatch(r"\d{4}", c["text"])]
    assert years_only, "the data has year-only dates: the case that sorted wrong"
    if folder == "models":
        order = [c["name"] for c in cells]
        assert order.index("code-davinci-002") < order.index("Mistral 7B")
    texts = [c["text"] for c in column(page, "Released")]
    assert texts[: len(cells)] == [c["text"] for c in cells], "entries without a date sort last"


def test_sorting_by_parameters_uses_the_largest_size(page, base_url: str) -> None:
    page.goto(base_url + "models/")
    sort_by(page, "Parameters", times=2)  # descending
    by_name = {m.name: m for m in REAL.models}
    # Closed models say "not disclosed": only the sized ones have an order to check.
    cells = [c for c in column(page, "Parameters") if c["text"] and by_name[c["name"]].parameters]
    largest = [max(int(p) for p in by_name[c["name"]].parameters) for c in cells]
    assert largest == sorted(largest, reverse=True)
    palm = next(c for c in cells if c["name"] == "PaLM")
    assert palm["text"] == "8B–540B"
    assert [c["name"] for c in cells].index("PaLM") < [c["name"] for c in cells].index("GPT-3")


def test_size_filter_still_sees_every_size_of_a_range(page, base_url: str) -> None:
    page.goto(base_url + "models/")
    page.locator("select[data-filter='Parameters']").select_option(label="1B to 10B")
    shown = page.locator("table[data-llmr-sortable] tbody tr:not([hidden]) td:first-child")
    names = set(shown.all_inner_texts())
    assert "PaLM" in names, "PaLM's 8B is between 1B and 10B although its range ends at 540B"


def test_size_cells_and_keys_are_ready_for_mixture_of_experts() -> None:
    class Size(int):  # the shape of a size that carries its active parameters
        active: int | None = None

    moe = Size(235_000_000_000)
    moe.active = 22_000_000_000
    assert size_range([30_000_000_000, moe]) == "30B – 235B (22B active)"
    assert size_range([8_000_000_000, 62_000_000_000, 540_000_000_000]) == "8B–540B"
    assert size_range([7_000_000_000]) == "7B"
    assert date_key("2022") < date_key("2022-04") < date_key("2022-04-05") < date_key("2023")


# --- item 10: licences by short name ---------------------------------------------------------


def test_licence_column_shows_short_names_with_the_id_on_hover(real_site: Path) -> None:
    html = (real_site / "models" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<td title="([^"]*)">([^<]*)</td>', html)
    licences = {text: title for title, text in cells if "(" in title}
    assert ">llama-license<" not in html, "a raw licence id is shown"
    assert licences["LLaMA non-commercial research licence"].endswith("(llama-license)")
    assert licences["Apache-2.0"] == "Apache License 2.0 (Apache-2.0)"
    assert license_short("proprietary") == "Proprietary"


# --- item 4: diagrams readable in both colour schemes ----------------------------------------


@pytest.mark.parametrize("path", ["models/vicuna/", "families/gpt/"])
def test_diagram_labels_are_readable_in_both_schemes(page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    svg = rendered_diagram(page)
    for scheme in ("default", "slate"):
        if scheme == "slate":
            switch_to_slate(page)
        labels = svg.evaluate(DIAGRAM_COLOURS)
        assert any(label["kind"] == "node" for label in labels)
        assert any(label["kind"] == "edge" for label in labels)
        poor = [
            (scheme, label["text"], label["color"], label["background"])
            for label in labels
            if contrast(label["color"], label["background"]) < 4.5
        ]
        assert not poor, poor[:5]
    page.reload()  # the scheme is remembered: a diagram drawn in slate is readable too
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    labels = rendered_diagram(page).evaluate(DIAGRAM_COLOURS)
    assert all(contrast(label["color"], label["background"]) >= 4.5 for label in labels)


# --- item 5: search --------------------------------------------------------------------------


def first_result(tab) -> str:
    link = tab.locator(".md-search-result__item > .md-search-result__link").first
    link.wait_for(timeout=15000)
    return (link.get_attribute("href") or "").split("?")[0]


@pytest.mark.parametrize(
    ("query", "entry"),
    [("vicuna", "models/vicuna/"), ("LLaMa", "models/llama/"), ("pile", "datasets/the-pile/")],
)
def test_search_lists_the_exact_name_first(page, base_url: str, query: str, entry: str) -> None:
    page.goto(base_url)
    search(page, query)
    page.wait_for_timeout(500)
    assert first_result(page) == base_url + entry


def test_search_enter_opens_the_exact_match(page, base_url: str) -> None:
    page.goto(base_url)
    search(page, "vicuna")
    first_result(page)
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url("**/models/vicuna/**")
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == "Vicuna"


def test_search_ranks_every_single_word_name_first_in_the_index() -> None:
    """The guarantee behind the browser test, for every entry of the registry: counting, as
    Lunr does, one unit per token of the names field that begins with the query word, an
    entry's own one-word name or alias scores more than any other entry."""
    names = {e.id: own_names([e.name, *e.aliases]) for e in REAL}
    tokens = {i: v.split() for i, v in field_values(names).items()}
    checked = 0
    for entry in REAL:
        for name in [entry.name, *entry.aliases]:
            if not re.fullmatch(r"[^\W_][^\W_.]*(\.[^\W_]+)*", name):
                continue
            word = name.casefold()
            scores = {i: sum(t.startswith(word) for t in ts) for i, ts in tokens.items()}
            same = {i for i in scores if word in {n.casefold() for n in names_of(i)}}
            assert all(scores[entry.id] > scores[i] for i in set(scores) - same), (name, entry.id)
            checked += 1
    assert checked > 100


def all_results(tab) -> set[str]:
    """Every result of the current query (Material shows ten more each time the reader scrolls
    to the end of the list)."""
    links = tab.locator(".md-search-result__list > li > a")
    scrollwrap = tab.locator(".md-search__scrollwrap")
    shown, steady = -1, 0
    while steady < 2:
        scrollwrap.evaluate("e => e.scrollTo(0, e.scrollHeight)")
        tab.mouse.wheel(0, 4000)
        tab.wait_for_timeout(500)
        steady = steady + 1 if links.count() == shown else 0
        shown = links.count()
    return {h.split("?")[0] for h in links.evaluate_all("l => l.map(a => a.href)")}


def test_search_finds_models_by_the_data_upstream_of_them(
    page, base_url: str, real_site: Path
) -> None:
    # The models whose weights go back to The Pile (a successor that claims no weights does not)
    downstream = [
        m
        for m in REAL.lineage.descendants("the-pile")
        if REAL.get(m).kind == "model" and "the-pile" in REAL.lineage.upstream_data(m)
    ]
    assert len(downstream) >= 17
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    records = {d["location"]: d["text"] for d in index["docs"]}
    missing = [m for m in downstream if "The Pile" not in records.get(f"models/{m}/", "")]
    assert not missing, "each downstream model's search record names The Pile"
    # Material lists the matches ten or so at a time, so the box is judged by its count.
    page.goto(base_url)
    search(page, "pile")
    first_result(page)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert int(meta.split()[0]) >= len(downstream), meta
    found = all_results(page)
    assert any(f"{base_url}models/{m}/" in found for m in downstream)


def test_entry_page_names_what_it_was_made_from(real_site: Path) -> None:
    html = (real_site / "models" / "vicuna" / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="llmr-upstream">(.*?)</p>', html)
    assert line is not None
    text = re.sub(r"<[^>]+>", "", line.group(1))
    assert text == "Made from LLaMA · trained on ShareGPT · built with PyTorch"


# --- item 8: entry pages keep the chrome of every other page ---------------------------------


def test_entry_pages_have_the_toggle_navigation_headings_and_contents(
    page,
    base_url: str,
) -> None:
    page.goto(base_url + "models/vicuna/")
    for section in ("Lineage", "Reference"):
        heading = page.locator("nav.md-nav--primary .md-nav__item--section", has_text=section)
        assert heading.count() >= 1, section
    toc = page.locator("nav.md-nav--secondary a.md-nav__link")
    assert {"#links", "#training-data", "#lineage-diagram", "#sources"} <= {
        toc.nth(i).get_attribute("href") for i in range(toc.count())
    }
    switch_to_slate(page)
    page.goto(base_url + "models/")  # the choice made on an entry page holds everywhere
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


def mkdocs_config(tmp: Path, **settings: object) -> Path:
    """A copy of mkdocs.yml with ``settings`` changed (paths made absolute)."""
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    data.update(settings)
    data["docs_dir"] = str(ROOT / "docs")
    data["theme"]["custom_dir"] = str(ROOT / "site_gen" / "templates")
    data["hooks"] = [str(ROOT / "site_gen" / "mkdocs_hook.py")]
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_repository_link_comes_from_repo_url_alone(tmp_path: Path) -> None:
    repo = "https://github.com/example-owner/example-repository"
    config = mkdocs_config(tmp_path, repo_url=repo, edit_uri="edit/main/docs/")
    assert build(MINI, tmp_path / "site", config, tmp_path / "generated") == 0
    for path in ("index.html", "models/index.html", "models/vicuna/index.html"):
        html = (tmp_path / "site" / path).read_text(encoding="utf-8")
        assert f'<a href="{repo}" title="Go to repository" class="md-source"' in html, path
        assert "llm-registry/llm-registry" not in html, path
    links = hrefs(tmp_path / "site" / "models" / "vicuna" / "index.html")
    assert f"{repo}/edit/main/entries/models/vicuna.yaml" in links


def test_no_repository_link_without_repo_url(real_site: Path) -> None:
    assert "repo_url" not in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for path in ("index.html", "models/index.html", "models/vicuna/index.html"):
        html = (real_site / path).read_text(encoding="utf-8")
        assert "md-source" not in html, path
        assert "llm-registry/llm-registry" not in html, path
        assert 'rel="edit"' not in html and "Edit this entry" not in html, path


# --- item 9: tables fit at 1280 px -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["models/", "datasets/", "libraries/", "organizations/", "families/llama/", "models/llama/"],
)
def test_tables_fit_a_1280_px_screen(page, base_url: str, path: str) -> None:
    assert page.viewport_size["width"] == 1280
    page.goto(base_url + path)
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            "article table, article .md-typeset__scrollwrap, article .md-typeset__table"))
            .filter((t) => t.scrollWidth > t.clientWidth)
            .map((t) => `${t.tagName} ${t.scrollWidth} > ${t.clientWidth}`)"""
    )
    assert not wide


# --- item 11: no overlapping labels, no word broken across lines -----------------------------


@pytest.mark.parametrize("path", diagram_pages())
def test_labels_do_not_overlap_or_break_inside_words(page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    svg = rendered_diagram(page)
    layout = svg.evaluate(LABEL_OVERLAPS)
    assert layout["labels"] > 3
    assert not layout["overlaps"], layout["overlaps"]
    broken = page.locator("article").first.evaluate(BROKEN_WORDS)
    assert not broken, broken


# --- item 12: chart axes ---------------------------------------------------------------------


def test_count_axis_ticks_are_round_and_start_at_zero() -> None:
    assert nice_ticks(28) == [0, 10, 20, 30]
    assert nice_ticks(1) == [0, 1]
    assert nice_ticks(143) == [0, 50, 100, 150]
    assert all(len(nice_ticks(n)) <= 6 and nice_ticks(n)[-1] >= n for n in range(1, 2000))


@pytest.mark.parametrize("path", ["timeline/", "parameters/"])
def test_chart_labels_are_at_least_11_px(page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll(".llmr-chart text.llmr-label")).map(
            (t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)"""
    )
    assert sizes
    assert min(sizes) >= 11, min(sizes)


def test_timeline_has_a_count_axis_with_zero_ticks_and_grid(page, base_url: str) -> None:
    page.goto(base_url + "timeline/")
    axis = page.evaluate(
        """() => {
            const svg = document.querySelector(".llmr-chart svg");
            const left = Array.from(svg.querySelectorAll("text.llmr-label"))
                .filter((t) => t.getAttribute("text-anchor") === "end");
            const grid = Array.from(svg.querySelectorAll("line.llmr-grid"))
                .filter((l) => l.getAttribute("y1") === l.getAttribute("y2"))
                .map((l) => parseFloat(l.getAttribute("y1")));
            return {labels: left.map((t) => [t.textContent, parseFloat(t.getAttribute("y"))]),
                    grid};
        }"""
    )
    values = [int(text) for text, _ in axis["labels"]]
    assert len(values) >= 3 and values[0] == 0, values
    steps = {b - a for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1, values
    assert len(axis["grid"]) >= len(values)
    for _, y in axis["labels"]:
        assert any(abs(y - 5 - g) < 1 for g in axis["grid"]), y
