"""Hostile entry text on the built site, in a real browser: a registry whose every text field, of
every kind, holds markup, script, Mermaid syntax and links to other schemes, built with the real
``mkdocs build --strict`` and visited page by page in Debian's Chromium.

The hostile entries are made from the schema itself (:func:`registry.schema.json_schema`), so a
field added to the schema later carries hostile text here without anyone editing this file; a
field with a format of its own (an id, a date, a licence) takes a valid value from ``FORMATTED``
and the test says so when one is missing.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINI, ROOT, require_browser
from test_site_browser import page, rendered_diagram, search, serve  # noqa: F401  (page: a fixture)

import registry
from registry.catalog import RULES, Severity
from registry.export import FORMULA_START
from registry.kinds import FOLDERS, KINDS
from registry.schema import json_schema
from site_gen.build import build

# Text that would be markup somewhere: HTML, script, the theme's <title>, attributes, Markdown
# links, images and raw HTML blocks, Mermaid directives, comments, clicks, classes and labels,
# JSON in a script, pre-escaped entities, Jinja, and the generator's own markers.
PAYLOADS = [
    "T </title><img src=x onerror=alert(1)>",
    '"><script>alert(2)</script>',
    "</script><script>alert(3)</script><!--",
    "' onmouseover='alert(4)' x='",
    '" onfocus="alert(5)" autofocus x="',
    "[x](javascript:alert(6)) ![i](javascript:alert(7))",
    "<a href=javascript:alert(8)>a</a> <a href='data:text/html,<script>alert(9)</script>'>d</a>",
    '%%{init: {"htmlLabels": true}}%%',
    '"] --> x["y"] click n0 href "javascript:alert(14)"',
    "%% c ]:::root classDef x fill:#f00 <br> <b>b</b> #60;i#62; \\n",
    "<svg onload=alert(10)> <details open ontoggle=alert(11)>",
    '{: onclick="alert(12)" } <iframe srcdoc="<script>alert(13)</script>">',
    "&lt;img src=x onerror=alert(16)&gt; &#60;script&#62;alert(17)&#60;/script&#62;",
    "`code</code><img src=x onerror=alert(18)>` {{ 7 * 7 }} ${alert(19)}",
    "<!-- llmr:html --> <!--llmr:0--> <!-- llmr:search-end --> javascript:alert(20)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(21)>",
    "| a | b | |---|---| | c | d |",
]
# Every text field starts with one of these: a spreadsheet would run it (CSV downloads). A tab
# or carriage return is refused by validation (S010); csv_cell's own test covers them.
FORMULAS = ['=HYPERLINK("https://example.org","x")', "+1+1", "-2+3", "@SUM(1)"]
# Raw HTML in Markdown, across lines: a block that Python-Markdown would pass through as it is.
BLOCK = (
    "<div onclick=alert(22)>\n\n*md* <img src=x onerror=alert(23)>\n\n</div>\n\n"
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(24)> | d |"
)
URLS = [
    'https://example.org/"><img/src=x/onerror=alert(31)>',
    "https://example.org/'onmouseover='alert(32)'",
    "https://example.org/</script><script>alert(33)</script>",
    "https://example.org/?q=javascript:alert(34)#%%{init:{}}%%",
]
URL_PATTERN = r"^\S+$"
PER_KIND = 3


def warning_code() -> str:
    return next(code for code, rule in RULES.items() if rule.severity == Severity.WARNING)


def formatted(entry_id: str, kind: str, n: int) -> dict[str, Any]:
    """Valid values for the fields that have a format of their own, by dotted path (or by
    the last part of it: a licence or date anywhere)."""
    return {
        "id": entry_id,
        "former_ids": [f"{entry_id}-old"],
        "organizations": ["meta-ai"] if kind == "organization" else ["hostile-organization-0"],
        "released": "2023-05",
        "license": "llama-license" if kind == "model" else "MIT",
        "parameters": [7_000_000_000],
        "context_length": 2048,
        "lineage.parent": "llama",
        "lineage.size": 7_000_000_000,
        "checkpoints.size": 7_000_000_000,
        "trained_on.dataset": f"hostile-dataset-{n}",
        "built_with": [f"hostile-library-{n}"],
        "derived_from.dataset": "c4",
        "generated_by.model": "text-davinci-003",
        "links.arxiv": "2302.13971",
        "country": "US",
        "acknowledged.code": warning_code(),
    }


class Filler:
    """Walks one kind's JSON Schema and writes a hostile value into every field."""

    def __init__(self, entry_id: str, kind: str, n: int) -> None:
        self.schema = json_schema(kind)
        self.defs = self.schema.get("$defs", {})
        self.special = formatted(entry_id, kind, n)
        self.tag = entry_id
        self.counter = itertools.count(n * 7)
        self.text_fields: list[str] = []

    def resolve(self, spec: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in spec:
            return self.resolve(self.defs[spec["$ref"].rsplit("/", 1)[-1]])
        options = [s for s in spec.get("anyOf", []) if s.get("type") != "null"]
        if options:
            rank = {"array": 0, "object": 1, "integer": 2, "string": 3}  # the richest form
            return self.resolve(
                min(options, key=lambda s: 1 if "$ref" in s else rank.get(s.get("type"), 9))
            )
        return spec

    def text(self, path: str, longest: int) -> str:
        """Hostile text that fits the field, tagged with where it was written."""
        i = next(self.counter)
        self.text_fields.append(path)
        start = f"{FORMULAS[i % len(FORMULAS)]} {self.tag} {path} {i}"
        if longest >= 2000:
            rotated = PAYLOADS[i % len(PAYLOADS) :] + PAYLOADS[: i % len(PAYLOADS)]
            return "\n\n".join([start, *rotated, BLOCK])
        out = start
        for payload in itertools.islice(itertools.cycle(PAYLOADS), i, i + len(PAYLOADS)):
            if len(out) + 1 + len(payload) > longest:
                break
            out += " " + payload
        return out

    def value(self, spec: dict[str, Any], path: str) -> Any:
        for key in (path, path.rsplit(".", 1)[-1]):  # "checkpoints.license" is a licence too
            if key in self.special:
                return self.special[key]
        spec = self.resolve(spec)
        if "const" in spec:
            return spec["const"]
        if "enum" in spec:
            return spec["enum"][0]
        kind = spec.get("type")
        if kind == "object":
            return {
                key: self.value(sub, f"{path}.{key}".lstrip("."))
                for key, sub in spec.get("properties", {}).items()
            }
        if kind == "array":
            item = self.resolve(spec.get("items", {}))
            count = 2 if item.get("type") == "string" and "enum" not in item else 1
            if item.get("type") == "string":  # a list item is one line (S010)
                item = {**item, "maxLength": min(item.get("maxLength", 200), 200)}
            return [self.value(item, path) for _ in range(count)]
        if kind == "integer":
            return 4096
        assert kind == "string", f"{path}: a field of type {kind}; teach Filler to fill it"
        if spec.get("pattern") == URL_PATTERN:
            return URLS[next(self.counter) % len(URLS)]
        assert "pattern" not in spec, f"{path} has a format of its own: add it to formatted()"
        return self.text(path, spec.get("maxLength", 5000))

    def entry(self) -> dict[str, Any]:
        return self.value(self.schema, "")


def link_checkpoints(models: list[dict[str, Any]]) -> None:
    """Checkpoint names in edges must name real checkpoints: each hostile model is made from
    the previous one's first checkpoint (the first from LLaMA) into its own first checkpoint."""
    for n, data in enumerate(models):
        for edge in data.get("lineage", []):
            if "into" in edge:
                edge["into"] = data["checkpoints"][0]["name"]
            if n and "checkpoint" in edge:
                edge["parent"] = models[n - 1]["id"]
                edge["checkpoint"] = models[n - 1]["checkpoints"][0]["name"]
            else:
                edge.pop("checkpoint", None)


def hostile_entries(folder: Path) -> dict[str, list[str]]:
    """The mini registry plus PER_KIND hostile entries of every kind; the text fields of each."""
    shutil.copytree(MINI, folder)
    fields: dict[str, list[str]] = {}
    made: dict[str, list[dict[str, Any]]] = {}
    for kind, n in itertools.product(KINDS, range(PER_KIND)):
        filler = Filler(f"hostile-{kind}-{n}", kind, n)
        made.setdefault(kind, []).append(filler.entry())
        fields[kind] = sorted(set(filler.text_fields))
    link_checkpoints(made["model"])
    for kind, entries in made.items():
        for data in entries:
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
            (folder / FOLDERS[kind] / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    return fields


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """The hostile registry built for real; the site's folder and the text fields filled."""
    tmp = tmp_path_factory.mktemp("hostile")
    fields = hostile_entries(tmp / "entries")
    assert build(tmp / "entries", tmp / "site", ROOT / "mkdocs.yml", tmp / "generated") == 0
    return tmp / "site", fields


def test_every_text_field_of_every_kind_is_hostile(hostile) -> None:
    _, fields = hostile
    assert set(fields) == set(KINDS)
    for kind, names in fields.items():
        for expected in ("name", "aliases", "description", "notes", "sources.title"):
            assert expected in names, (kind, expected)
    assert {"lineage.note", "trained_on.note", "checkpoints.name"} <= set(fields["model"])
    assert {"variants.name", "variants.description", "derived_from.note"} <= set(fields["dataset"])
    assert "provides" in fields["library"]


# --- CSV downloads ------------------------------------------------------------------------------


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV file that a spreadsheet would read as a formula."""
    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if cell.startswith(FORMULA_START)
    ]


def test_site_csv_downloads_hold_no_formula(hostile) -> None:
    site, _ = hostile
    for name in ("registry.csv", "edges.csv"):
        text = (site / "downloads" / name).read_text(encoding="utf-8")
        assert re.search(r"(^|,)\"?'[=+@-]", text, re.MULTILINE), f"{name} has hostile cells"
        assert formula_cells(text) == [], name
    rows = list(csv.DictReader(io.StringIO((site / "downloads/registry.csv").read_text())))
    llama = next(r for r in rows if r["id"] == "llama")
    assert llama["parameters"].split(";")[0].isdigit(), "numbers are left as they are"


# --- every page in Chromium ---------------------------------------------------------------------

FIND_LIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`${el.tagName} ${name}=${attr.value}`);
      if (/^(javascript|data|vbscript):/.test(value) &&
          ["href", "src", "xlink:href", "action", "formaction", "data", "srcdoc"].includes(name))
        found.push(`${el.tagName} ${name}=${attr.value}`);
    }
    if (["SCRIPT", "IFRAME", "OBJECT", "EMBED"].includes(el.tagName) && el.closest("article"))
      found.push(`${el.tagName} in the page's content`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def base_url(hostile) -> Iterator[str]:
    """The hostile site served on 127.0.0.1 (the browser tests' ``page`` fixture uses it)."""
    require_browser()
    with serve(hostile[0]) as url:
        yield url


def site_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if "assets/" not in p.relative_to(site).as_posix()
    )


def test_no_hostile_text_runs_on_any_page(page, base_url: str, hostile) -> None:  # noqa: F811
    site, _ = hostile
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    pages = site_pages(site)
    assert len(pages) > 4 * PER_KIND * 2, pages  # entry pages and their redirects at least
    live: list[str] = []
    drawn = 0
    here = {"url": ""}

    def stay(route) -> None:
        """Keep a redirect page open so that it is checked too: its meta refresh is answered
        with 204 No Content, which leaves the browser on the page."""
        request = route.request
        if request.is_navigation_request() and request.url != here["url"]:
            route.fulfill(status=204)
        else:
            route.fallback()

    page.route("**/*", stay)
    for path in pages:
        here["url"] = base_url + path
        page.goto(here["url"])
        if page.locator(".llmr-diagram-rendered").count():
            rendered_diagram(page)
            drawn += 1
        page.mouse.move(300, 300)
        live += [f"{path}: {item}" for item in page.evaluate(FIND_LIVE)]
    assert drawn >= 4 * PER_KIND, "the hostile entries' diagrams are drawn"
    assert not dialogs, dialogs
    assert not live, live


def squeeze(text: str) -> str:
    """Text as a diagram draws it, for comparing: no spaces or zero-width ones (labels wrap),
    and a double quote as the closing quotation mark that labels draw instead."""
    return "".join(text.split()).replace("\u200b", "").replace('"', "\u201d")


def test_llama_family_diagram_draws_hostile_names_as_text(page, base_url: str, hostile) -> None:  # noqa: F811
    """Hostile models in the LLaMA family: the diagram still renders, each name is drawn as the
    text it is (no directive, comment, class, click or <br> of it took effect), and the labels
    stay SVG text (htmlLabels off: no foreignObject)."""
    site, _ = hostile
    reg = registry.load(site.parent / "entries")
    members = reg.lineage.family("llama")
    hostile_members = [m for m in members if m.startswith("hostile-")]
    assert len(hostile_members) == PER_KIND
    page.goto(base_url + "families/llama/")
    svg = rendered_diagram(page)
    assert svg.locator("foreignObject").count() == 0
    assert svg.locator("a").count() == len(members)
    drawn = squeeze(svg.text_content() or "")
    for member in members:
        assert squeeze(reg.get(member).name) in drawn, member
    hrefs = [
        a.get_attribute("href") or a.get_attribute("xlink:href") for a in svg.locator("a").all()
    ]
    assert all(h and h.startswith("../../models/") for h in hrefs), hrefs


DIRECTIVE = """%%{init: {"htmlLabels": true, "flowchart": {"htmlLabels": true},
 "securityLevel": "loose", "secure": [], "theme": "forest"}}%%
graph TD
  a["<b>bold</b> label"] --> b["plain"]
"""


def test_a_directive_cannot_switch_html_labels_on(page, base_url: str) -> None:  # noqa: F811
    """A second fence behind the generator's encoding: the site's script locks Mermaid's
    configuration, so even a directive written into a diagram changes nothing."""
    page.goto(base_url + "assets/llm-registry/")  # any page of the site's origin
    page.set_content(
        "<!doctype html><title>diagram</title>"
        f"<pre class='llmr-diagram'>{html.escape(DIRECTIVE)}</pre>"
        f"<script src='{base_url}assets/llm-registry/registry.js'></script>"
    )
    svg = rendered_diagram(page)
    assert "bold" in (svg.text_content() or "")
    assert svg.locator("foreignObject").count() == 0, "htmlLabels was switched on"
    assert svg.locator("b").count() == 0


def test_search_results_show_hostile_text_as_text(page, base_url: str) -> None:  # noqa: F811
    """Search renders its results from the index as HTML: hostile names and descriptions there
    are text too."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url)
    search(page, "onerror")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 2
    shown = page.locator(".md-search-result").inner_text()
    assert "onerror=alert(" in shown, "the hostile text is found and shown as text"
    page.mouse.move(400, 200)
    assert page.evaluate(FIND_LIVE) == []
    assert not dialogs, dialogs
