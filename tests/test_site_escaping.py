"""The site's escaping without a build: every writer in site_gen against text and URLs that
validation would refuse (a second fence behind it), and the reference pages' own markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
import pytest
from conftest import MINI
from test_site_hostile import URL_PATTERN, Filler, hostile_entries

import registry
from registry.catalog import FACT_RULES, RULES
from registry.edges import declared_edges
from registry.kinds import KINDS
from registry.lineage_format import mermaid_text, to_mermaid
from registry.store import Registry
from site_gen import families, generate, passthrough, reference, text
from site_gen.diagrams import distinct_edges

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition"]  # MkDocs' own, and mkdocs.yml's
UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    " javascript:alert(3)",
    "java\tscript:alert(4)",
    "data:text/html,<script>alert(5)</script>",
    "vbscript:msgbox(6)",
    "//evil.example/7",
    "http://127.0.0.1/8",
]
LINKING = ("href", "src", "action", "formaction", "data", "xlink:href", "srcdoc")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in LINKING or name.startswith("on"):
                self.found.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


def rendered(files: dict[str, str | bytes]) -> dict[str, str]:
    """Every generated page as HTML: Markdown rendered as MkDocs does, blocks put back."""
    pages = {}
    for path, content in files.items():
        if path.endswith(".md"):
            stashed, blocks = passthrough.stash(str(content))
            html = markdown.markdown(stashed, extensions=EXTENSIONS)
            pages[path] = passthrough.restore(html, blocks)
        elif path.endswith(".html"):
            pages[path] = str(content)
    return pages


def url_paths(kind: str) -> list[str]:
    """The dotted paths of every URL field of a kind, from its JSON Schema."""
    filler = Filler(f"x-{kind}", kind, 0)
    found: list[str] = []

    def walk(spec: dict[str, Any], path: str) -> None:
        spec = filler.resolve(spec)
        if spec.get("type") == "object":
            for key, sub in spec.get("properties", {}).items():
                walk(sub, f"{path}.{key}".lstrip("."))
        elif spec.get("type") == "array":
            walk(spec.get("items", {}), path)
        elif spec.get("pattern") == URL_PATTERN:
            found.append(path)

    walk(filler.schema, "")
    return found


def put(obj: Any, path: str, value: str) -> int:
    """Set ``path`` (dotted, through lists) on an entry object; how many values were set."""
    head, _, rest = path.partition(".")
    current = getattr(obj, head, None)
    if isinstance(current, list):
        return sum(put(item, rest, value) for item in current) if rest else 0
    if not rest:
        setattr(obj, head, value)
        return 1
    return put(current, rest, value) if current is not None else 0


def with_urls(reg: Registry, url: str) -> Registry:
    """A copy of the registry with ``url`` in every URL field of every entry, unvalidated."""
    entries = {}
    for entry in reg:
        copy = entry.model_copy(deep=True)
        for path in url_paths(copy.kind):
            put(copy, path, url)
        entries[copy.id] = copy
    edges = [edge for entry in entries.values() for edge in declared_edges(entry)]
    return Registry(entries, reg.files, edges)


def test_url_fields_are_found_in_every_kind() -> None:
    paths = {kind: url_paths(kind) for kind in KINDS}
    assert {"links.homepage", "sources.url"} <= set(paths["organization"])
    assert "lineage.source" in paths["model"]
    assert "repository" in paths["library"]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_no_page_links_to_an_unsafe_url(url: str) -> None:
    pages = rendered(generate(with_urls(registry.load(MINI), url)).files)
    bad = []
    for path, html in pages.items():
        parser = _Links()
        parser.feed(html)
        for tag, name, value in parser.found:
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            scheme = urlsplit(squeezed).scheme
            if (
                name.startswith("on")
                or scheme not in ("", "http", "https")
                or (squeezed.startswith("//") or "127.0.0.1" in squeezed)
            ):
                bad.append((path, tag, name, value))
    assert not bad, bad[:5]
    shown = "".join(pages.values())
    assert text.html_text(url.split(":")[-1]) in shown, "the URL is still shown, as text"


def test_rules_page_renders_the_code_in_hints() -> None:
    """Issue 10 item 13: the hints' `code` spans were shown with their backticks."""
    html = markdown.markdown(reference.rules_page(), extensions=EXTENSIONS)
    fixes = re.findall(r"<p>Fix: (.*?)</p>", html, re.DOTALL)
    rules = [*RULES.values(), *FACT_RULES.values()]  # the page lists check-facts' codes too
    assert len(fixes) == len(rules)
    assert not [f for f in fixes if "`" in f], "a backtick is shown as it is"
    for rule, fix in zip(rules, fixes, strict=True):
        for code in re.findall(r"`([^`]+)`", rule.hint):
            assert f"<code>{text.code_text(code)}</code>" in fix, (rule.code, code)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a\x02b\x03", "a\ufffdb\ufffd"),  # Python-Markdown's own placeholder characters
        ("`a|b`", "<code>a&#124;b</code>"),  # a code span inside a table cell
        ("***", "\\***"),  # not a rule
        ("_ _ _", "\\_ _ _"),
        ('say "hi"', "say &quot;hi&quot;"),
    ],
)
def test_inline_markdown_is_only_text_and_inline_code(source: str, expected: str) -> None:
    assert text.inline(source) == expected


def test_html_text_is_safe_in_attributes_too() -> None:
    assert text.html_text("\" onclick='x' <b>\x07") == (
        "&quot; onclick=&#39;x&#39; &lt;b&gt;\ufffd"
    )
    assert text.preformatted("a\n  <b>") == "a\n  &lt;b&gt;"


MERMAID_SYNTAX = [
    '%%{init: {"htmlLabels": true}}%%',
    "%% a comment",
    'x"] --> y["z',
    "a\nclick n0 call alert(1)\n",
    "classDef x fill:#f00;",
    "style n0 fill:#f00;",
    "]:::root",
    "<br><b>b</b>",
    "#60;img#62; #quot;",
    "`**markdown**`",
    "a \\n b",
]


@pytest.mark.parametrize("name", MERMAID_SYNTAX)
def test_entry_text_never_forms_mermaid_syntax(name: str) -> None:
    """`lineage --format mermaid` and the site's diagrams: one line per node, the label's quotes
    are the generator's only, and nothing Mermaid reads as syntax survives in a label."""
    reg = registry.load(MINI)
    llama = reg.get("llama").model_copy(update={"name": name})
    entries = {e.id: (llama if e.id == "llama" else e) for e in reg}
    graph = distinct_edges(Registry(entries, reg.files, reg.edges).lineage.family("llama"))
    out = to_mermaid(graph, root="llama", href=lambda i: f"../{i}/")
    label = mermaid_text(name)
    node = next(line for line in out.splitlines() if label in line)
    assert re.fullmatch(r'  n\d+\["[^"]*"\]', node), node
    for syntax in ("%%", "<", ">", "\n", "\\n", '"'):
        assert syntax not in label, syntax
    assert not re.search(r"#\w+;", label), "an entity code of the entry's own"
    assert not re.search("style|classDef", label)
    assert not label.startswith("`")


FORBIDDEN = {"script", "iframe", "img", "object", "embed", "style", "details", "math", "b", "form"}
FORBIDDEN |= {"input", "base", "mglyph", "mtext", "svg"}  # svg: only the charts draw one


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def test_hostile_text_makes_no_markup_in_any_generated_page(tmp_path) -> None:
    """Every writer, without a build: the hostile registry of the browser test, plus a family
    page for each hostile model as if it were a root with enough descendants."""
    hostile_entries(tmp_path / "entries")
    reg = registry.load(tmp_path / "entries", cache=False)
    ctx = generate(reg)
    for entry in reg.models:
        if entry.id.startswith("hostile-"):
            ctx.add(families.line_src(entry.id), families.render_line(ctx, entry.id))
    found = []
    for path, html in rendered(ctx.files).items():
        parser = _Tags()
        parser.feed(html)
        charts = path in ("timeline.md", "parameters.md")
        for tag, attrs in parser.tags:
            if tag in FORBIDDEN and not (charts and tag == "svg"):
                found.append((path, tag, attrs))
            found += [(path, tag, name) for name in attrs if name.startswith("on")]
    assert not found, found[:5]


def test_reference_pages_show_no_literal_backticks() -> None:
    """The schema's field descriptions have `code` spans too (the same class as the hints)."""
    files = generate(registry.load(MINI)).files
    for path in ("reference/schema.md", "reference/relations.md", "reference/rules.md"):
        html = markdown.markdown(str(files[path]), extensions=EXTENSIONS)
        outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.DOTALL)
        assert "`" not in re.sub(r"<pre>.*?</pre>", "", outside_code, flags=re.DOTALL), path
