"""The site, built for real with ``mkdocs build --strict``: on the real entries (once per
session, shared with the browser tests) and on small temporary registries for the cases the
real data does not hold (hostile text, a renamed entry, an invalid entry)."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

import registry
from registry.lineage import WEIGHT_RELATIONS
from registry.links.site import site_links
from registry.links.verdicts import Verdict
from site_gen import chrome, passthrough, text
from site_gen.build import build

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

# Attributes through which a page makes the browser fetch something.
FETCHING = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "image": "href",
}


@functools.cache
def built_site(tmp_root: Path) -> Path:
    """Build the real registry once; the browser tests reuse the same site."""
    site = tmp_root / "site"
    status = build(ROOT / "entries", site, ROOT / "mkdocs.yml", tmp_root / "generated")
    assert status == 0, "llm-registry build failed on the real entries (see the output above)"
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.getbasetemp() / "real-site")


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def hrefs(path: Path) -> set[str]:
    return {a.get("href", "") for tag, a in parse(path).tags if tag == "a"}


# --- the real registry --------------------------------------------------------------------------


def test_real_site_builds_strict_with_every_kind(real_site: Path) -> None:
    reg = registry.load(ROOT / "entries")
    for entry in reg:
        folder = {
            "model": "models",
            "dataset": "datasets",
            "library": "libraries",
            "organization": "organizations",
        }[entry.kind]
        assert (real_site / folder / entry.id / "index.html").is_file(), entry.id
        assert (real_site / "api" / "entries" / f"{entry.id}.json").is_file(), entry.id
    for page in (
        "index.html",
        "models/index.html",
        "families/llama/index.html",
        "families/gpt/index.html",
        "timeline/index.html",
        "parameters/index.html",
        "reference/schema/index.html",
        "reference/relations/index.html",
        "reference/rules/index.html",
        "downloads/index.html",
    ):
        assert (real_site / page).is_file(), page


def test_vicuna_links_to_llama_and_llava(real_site: Path) -> None:
    links = hrefs(real_site / "models" / "vicuna" / "index.html")
    assert "../llama/" in links
    assert "../llava/" in links


def test_home_page_has_counts_and_latest(real_site: Path) -> None:
    page = (real_site / "index.html").read_text(encoding="utf-8")
    reg = registry.load(ROOT / "entries")
    assert "llm-registry:" not in page, "a data marker was left unfilled"
    assert f"<td>{len(reg.models)}</td>" in page
    assert 'href="models/' in page


def test_entry_pages_stay_out_of_the_navigation(real_site: Path) -> None:
    nav = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>', re.DOTALL)
    page = (real_site / "models" / "vicuna" / "index.html").read_text(encoding="utf-8")
    sidebar = nav.search(page)
    assert sidebar is not None
    assert "alpaca" not in sidebar.group(0).lower()
    assert 'href="../"' in sidebar.group(0) or 'href="../index.html"' in sidebar.group(0)


def test_downloads_are_complete_data(real_site: Path) -> None:
    data = json.loads((real_site / "downloads" / "registry.json").read_text(encoding="utf-8"))
    reg = registry.load(ROOT / "entries")
    assert {e["id"] for e in data["entries"]} == set(reg.entries)
    one = json.loads((real_site / "api" / "entries" / "vicuna.json").read_text(encoding="utf-8"))
    assert one["entry"]["name"] == "Vicuna"
    assert any(e["source"] == "llama" and e["target"] == "vicuna" for e in one["edges"])
    assert (real_site / "downloads" / "registry.csv").read_text().startswith("id,kind,name")
    assert b"<graphml" in (real_site / "downloads" / "registry.graphml").read_bytes()


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    offenders = []
    for page in real_site.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            for name in (FETCHING.get(tag), "srcset", "style"):
                value = attrs.get(name or "", "")
                if name == "style":
                    value = " ".join(re.findall(r"url\(([^)]*)\)", value))
                if urlsplit(value.strip(" '\"")).netloc or value.strip().startswith("//"):
                    offenders.append(f"{page.relative_to(real_site)}: <{tag} {name}={value}>")
    for sheet in real_site.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?([^'\")\s]+)", sheet.read_text()):
            if urlsplit(url).netloc:
                offenders.append(f"{sheet.relative_to(real_site)}: {url}")
    assert not offenders, "\n".join(offenders[:20])


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    found = site_links(real_site)
    broken = [
        f"{r.url}: {r.detail} (from {r.sources[0].path})"
        for r in found.internal
        if r.verdict == Verdict.BROKEN
    ]
    assert found.pages > len(registry.load(ROOT / "entries"))
    assert not broken, "\n".join(broken[:20])


def search_records(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_indexes_name_aliases_organizations_and_description(real_site: Path) -> None:
    reg = registry.load(ROOT / "entries")
    vicuna = reg.get("vicuna")
    records = {r["location"]: r for r in search_records(real_site)}
    record = records["models/vicuna/"]
    assert record["title"] == "Vicuna"
    for alias in vicuna.aliases:
        assert alias in record["text"], alias
    for org in vicuna.organizations:
        assert reg.get(org).name in record["text"], org
    assert " ".join(vicuna.description.split()[:6]) in record["text"]
    # Facts, lineage tables, diagrams, notes and the edit line are not indexed.
    for left_out in ("Context length", "trained_on", "graph TD", "Edit this entry", "Fact"):
        assert left_out not in record["text"], left_out
    assert not [loc for loc in records if loc.startswith("models/vicuna/#")]
    # Charts and lists that repeat every name stay out of the index; index tables too.
    for page in ("timeline/", "parameters/", "models/"):
        found = [r for k, r in records.items() if k.split("#")[0] == page]
        assert found, page
        assert "Vicuna" not in json.dumps(found), page


def test_entry_page_chrome_is_slim_but_keeps_search_toggle_navigation_and_contents(
    real_site: Path,
) -> None:
    """The edit and repository links are tested where mkdocs.yml sets repo_url
    (test_site_ux); the real site leaves them out until the project's repository is set."""
    page = (real_site / "models" / "vicuna" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-search__input"' in page
    assert 'data-md-component="palette"' in page, "the colour toggle"
    assert "md-sidebar--secondary" in page and 'href="#lineage-diagram"' in page, "contents"
    assert "md-nav__item--section" in page, "the navigation's section headings"
    assert '<p class="llmr-byline">Model by ' in page
    chrome = re.sub(r"<article.*</article>", "", page, flags=re.DOTALL)
    assert len(chrome.encode()) < 16_000, "the theme around an entry page stays small"


def test_entry_page_navigation_is_right_in_every_folder(real_site: Path) -> None:
    """The navigation is rendered once per folder (site_gen.chrome): each folder's own links."""
    index_links = {
        "models": ('href="../"', 'href="../../datasets/"'),
        "datasets": ('href="../../models/"', 'href="../"'),
        "organizations": ('href="../../models/"', 'href="../../datasets/"'),
    }
    nav = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>', re.DOTALL)
    for folder, (models, datasets) in index_links.items():
        page = next((real_site / folder).glob("*/index.html"))
        sidebar = nav.search(page.read_text(encoding="utf-8"))
        assert sidebar is not None, page
        assert f'{models} class="md-nav__link">Models<' in sidebar.group(0), page
        assert f'{datasets} class="md-nav__link">Datasets<' in sidebar.group(0), page


def test_family_pages_list_every_member(real_site: Path) -> None:
    reg = registry.load(ROOT / "entries")
    page = (real_site / "families" / "llama" / "index.html").read_text(encoding="utf-8")
    for member in reg.lineage.family("llama", relations=WEIGHT_RELATIONS):
        assert f'href="../../models/{member}/"' in page, member
    gpt = (real_site / "families" / "gpt" / "index.html").read_text(encoding="utf-8")
    assert "no entry for its root" not in gpt
    assert "-.->" in gpt or "inferred" in gpt


def test_family_pages_draw_the_surveys_contested_edges(real_site: Path) -> None:
    """The survey's figures, faithfully: its edges that only it states are drawn (as secondary)
    beside the primary sources' own, the LLaMA figure's "data inheritance" included."""
    llama = (real_site / "families" / "llama" / "index.html").read_text(encoding="utf-8")
    gpt = (real_site / "families" / "gpt" / "index.html").read_text(encoding="utf-8")
    data_node = re.search(
        r"click (n\d+) href &quot;\.\./\.\./datasets/llava-instruct-158k/&quot;", llama
    )
    assert data_node, "LLaVA's data is drawn on the LLaMA figure"
    assert re.search(rf"{data_node.group(1)} -\.-&gt;\|trained_on · secondary\| n\d+", llama)
    assert "successor · secondary" in gpt
    members = re.search(r"Members \((\d+)\)", llama)
    reg = registry.load(ROOT / "entries")
    assert members and int(members.group(1)) == len(
        reg.lineage.family("llama", relations=WEIGHT_RELATIONS)
    ), "a dataset drawn for its edge is not counted as a member"


# --- small temporary registries ----------------------------------------------------------------

HOSTILE = """\
id: evil
kind: model
name: "Evil <b onmouseover=alert(9)>model</b>"
aliases: ["<svg onload=alert(8)>"]
description: |-
  Ignore this <script>alert(1)</script> and <img src=x onerror=alert(2)>.
  A [click me](javascript:alert(3)) link, a [data](data:text/html,hi) link,
  an ![image](https://example.org/x.png), an {: onclick="alert(4)" } list and
  a `<code>` span with a [real link](https://example.org/ok).
organizations: [openai]
released: 2023-05
lineage:
  - parent: llama
    relation: finetune
    note: "<iframe src=javascript:alert(5)>"
sources: [https://example.org/evil]
notes: "<a href=javascript:alert(6)>notes</a>"
"""


def renamed_copy(tmp: Path) -> Path:
    """The mini registry with vicuna renamed to vicuna-v1 and a hostile entry added."""
    entries = tmp / "entries"
    shutil.copytree(MINI, entries)
    old = (entries / "models" / "vicuna.yaml").read_text()
    new = old.replace("id: vicuna\n", "id: vicuna-v1\nformer_ids: [vicuna]\n")
    (entries / "models" / "vicuna-v1.yaml").write_text(new)
    (entries / "models" / "vicuna.yaml").unlink()
    llava = entries / "models" / "llava.yaml"
    llava.write_text(llava.read_text().replace("parent: vicuna\n", "parent: vicuna-v1\n"))
    (entries / "models" / "evil.yaml").write_text(HOSTILE)
    return entries


@pytest.fixture(scope="module")
def temp_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("temp-site")
    entries = renamed_copy(tmp)
    assert build(entries, tmp / "site", ROOT / "mkdocs.yml", tmp / "generated") == 0
    return tmp / "site"


def article(path: Path) -> str:
    """The page's content, without the theme's header, navigation and footer."""
    found = re.search(
        r'<article class="md-content__inner[^"]*">(.*)</article>',
        path.read_text(encoding="utf-8"),
        re.DOTALL,
    )
    assert found, path
    return found.group(1)


def test_hostile_text_is_shown_as_text(temp_site: Path) -> None:
    page = temp_site / "models" / "evil" / "index.html"
    parsed = _Tags()
    parsed.feed(article(page))
    assert parsed.tags, "the page has content"
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "iframe", "img", "b", "object"), (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "data"):
            scheme = urlsplit(attrs.get(name, "")).scheme.lower()
            assert scheme in ("", "http", "https"), (tag, attrs)
    raw = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    assert "<img src=x" not in raw
    assert 'src="https://example.org' not in raw, "an image in a description is never loaded"
    shown = "".join(parsed.text)
    for literal in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "[click me](javascript:alert(3))",
        '{: onclick="alert(4)" }',
        "<b onmouseover=alert(9)>",
        "<iframe src=javascript:alert(5)>",
        "<a href=javascript:alert(6)>notes</a>",
    ):
        assert literal in shown, literal
    assert 'href="https://example.org/ok"' in raw, "a safe link in a description stays a link"
    assert "<code>&lt;code&gt;</code>" in raw


def test_hostile_text_in_the_search_index_is_escaped(temp_site: Path) -> None:
    records = [r for r in search_records(temp_site) if r["location"] == "models/evil/"]
    assert len(records) == 1
    text = records[0]["title"] + records[0]["text"]
    assert "&lt;svg onload=alert(8)&gt;" in text, "the alias is indexed, as text"
    assert "&lt;b onmouseover=alert(9)&gt;" in text, "the name is indexed, as text"
    for raw in ("<svg", "<script", "<img", "<b ", "<iframe", "<a "):
        assert raw not in text, raw


def test_hostile_text_in_diagrams_and_tables_is_escaped(temp_site: Path) -> None:
    for page in ("models/llama/index.html", "models/index.html", "families/llama/index.html"):
        raw = (temp_site / page).read_text(encoding="utf-8")
        assert "<b onmouseover" not in raw, page
        assert "onmouseover" in raw, f"{page} should still show the name as text"


def test_former_id_redirects_to_the_renamed_entry(temp_site: Path) -> None:
    redirect = temp_site / "models" / "vicuna" / "index.html"
    raw = redirect.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../vicuna-v1/">' in raw
    assert '<a href="../vicuna-v1/">Vicuna</a>' in raw
    target = (redirect.parent / "../vicuna-v1/index.html").resolve()
    assert target.is_file() and "<h1" in target.read_text(encoding="utf-8")
    old_json = json.loads((temp_site / "api/entries/vicuna.json").read_text(encoding="utf-8"))
    assert old_json["entry"]["id"] == "vicuna-v1"


def test_build_refuses_invalid_entries_with_located_findings(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    llava = entries / "models" / "llava.yaml"
    llava.write_text(llava.read_text().replace("parent: vicuna\n", "parent: vicunaa\n"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry",
            "build",
            "--entries",
            str(entries),
            "--site-dir",
            str(tmp_path / "site"),
            "-f",
            str(ROOT / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert re.search(r"llava\.yaml:\d+:\d+: error\[R003\]", done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


# --- escaping, without a build ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<script>", "&lt;script&gt;"),
        ("a | b", "a &#124; b"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("- 1. not a list", "\\- 1. not a list"),
        ("{: onclick=x}", "\\{: onclick=x\\}"),
        ("*bold*", "\\*bold\\*"),
    ],
)
def test_plain_escapes_markup(source: str, expected: str) -> None:
    assert text.plain(source) == expected


def test_description_keeps_formatting_and_safe_links_only() -> None:
    out = text.description("*Fast* [ok](https://example.org/a) [no](javascript:x) `<b>`")
    assert out.startswith("*Fast* [ok](<https://example.org/a>) ")
    assert "\\[no\\](javascript:x)" in out
    assert out.endswith("<code>&lt;b&gt;</code>")
    assert text.description("1. not a list") == "1\\. not a list"
    assert text.description("a\n\nb") == "a\n\nb"
    assert "[lan](" not in text.description("[lan](http://192.168.1.1/)")
    assert text.description("![x](https://example.org/a.png)").startswith("\\![x](<https:")


# --- raw HTML blocks passed through the build, without a build ---------------------------------


def test_passthrough_keeps_blocks_byte_for_byte_and_only_marked_ones() -> None:
    block = "<table>\n<tr><td>*not emphasis* [not](a-link)</td></tr>\n</table>"
    marked = passthrough.wrap("<p>b</p>")
    page = f"# T\n\n{passthrough.wrap(block)}\n\ntext\n\n<div>unmarked</div>\n\n{marked}\n"
    stashed, blocks = passthrough.stash(page)
    assert blocks == [block, "<p>b</p>"]
    assert "<table>" not in stashed and "<div>unmarked</div>" in stashed
    rendered = markdown.markdown(stashed)
    assert passthrough.restore(rendered, blocks) == (
        f"<h1>T</h1>\n{block}\n\n<p>text</p>\n<div>unmarked</div>\n\n<p>b</p>"
    )
    # Without the hook, the same Markdown renders the block as ordinary raw HTML.
    assert block in markdown.markdown(page)


def test_chrome_is_shared_only_between_pages_of_one_folder() -> None:
    assert chrome.folder("models/llama/") == chrome.folder("models/vicuna/")
    assert chrome.folder("models/llama/") != chrome.folder("datasets/c4/")
    assert chrome.folder("models/llama.html") != chrome.folder("models/llama/")
