"""Family pages from data: every root with at least eight descendants gets one, a family of 200
is folded into a readable diagram (no label overlaps, counted by bounding boxes in Chromium)
with every member in the tables below; and the schema v2 fixture (MoE sizes, checkpoints, a
two-parent distilled model) on the built site."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest
from family_synth import write_family
from test_site_browser import (
    guarded_tab,
    rendered_diagram,
    screenshot,
    serve,
)

import registry
from site_gen import family_fold
from site_gen.build import build

ROOT = Path(__file__).resolve().parent.parent
V2 = ROOT / "tests" / "fixtures" / "v2"


@pytest.fixture(scope="module")
def synth_entries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = tmp_path_factory.mktemp("family") / "entries"
    shutil.copytree(V2, entries)
    write_family(entries / "models")
    return entries


@pytest.fixture(scope="module")
def synth_site(synth_entries: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("family-site")
    status = build(synth_entries, out / "site", ROOT / "mkdocs.yml", out / "generated")
    assert status == 0
    return out / "site"


def test_fold_keeps_a_small_family_whole(synth_entries: Path) -> None:
    reg = registry.load(synth_entries)
    family = reg.lineage.family("base-line")
    folded = family_fold.fold(family, "base-line")
    assert folded.groups == {} and set(folded.graph) == set(family)


def test_fold_draws_a_large_family_small_and_loses_no_member(synth_entries: Path) -> None:
    reg = registry.load(synth_entries)
    family = reg.lineage.family("synth-root")
    assert len(family) == 201
    folded = family_fold.fold(family, "synth-root")
    assert len(folded.graph) <= family_fold.MAX_NODES
    drawn = {n for n in folded.graph if n not in folded.groups}
    grouped = [m for members in folded.groups.values() for m in members]
    assert len(grouped) == len(set(grouped)), "a member is folded twice"
    assert drawn | set(grouped) == set(family) and not drawn & set(grouped)
    for node in folded.groups:  # each group hangs under a drawn member
        (parent,) = folded.graph.pred[node]
        assert parent in drawn


def test_every_root_with_eight_descendants_has_a_page(synth_site: Path) -> None:
    families = synth_site / "families"
    index = (families / "index.html").read_text(encoding="utf-8")
    assert "The Synth Root family" in index and "200 models" in index
    assert (families / "synth-root" / "index.html").is_file()
    # Baseline 2 has two descendants: no page of its own.
    assert not (families / "base-line").exists()
    page = (families / "synth-root" / "index.html").read_text(encoding="utf-8")
    reg = registry.load(ROOT / "tests" / "fixtures" / "v2")  # unrelated entries stay off it
    assert reg.get("big-moe").name not in page
    for i in (0, 57, 199 - 12):
        assert f"Synth Grandchild {i:03d} with a longer name" in page
    root_page = (synth_site / "models" / "synth-root" / "index.html").read_text("utf-8")
    assert '<a href="../../families/synth-root/">family page</a>' in root_page


def test_moe_sizes_and_checkpoints_on_the_site(synth_site: Path) -> None:
    page = (synth_site / "models" / "big-moe" / "index.html").read_text(encoding="utf-8")
    assert "30B (3B active), 235B (22B active)" in page
    assert "BigMoE-1-30B-A3B" in page and "Checkpoints (2)" in page
    assert "<th>Licence</th>" in page and "Apache License 2.0 (Apache-2.0)" in page
    dense = (synth_site / "models" / "base-line" / "index.html").read_text(encoding="utf-8")
    checkpoints = dense[dense.index('id="checkpoints"') :].split("</table>", 1)[0]
    assert "<th>Weights</th>" in checkpoints and "<th>Released</th>" not in checkpoints
    chart = (synth_site / "parameters" / "index.html").read_text(encoding="utf-8")
    assert "BigMoE 1: 235B total, 22B active" in chart and "22B active of 235B" in chart
    data = json.loads((synth_site / "api" / "entries" / "big-moe.json").read_text())
    assert data["entry"]["active_parameters"] == [3 * 10**9, 22 * 10**9]
    whole = json.loads((synth_site / "downloads" / "registry.json").read_text("utf-8"))
    (moe,) = [e for e in whole["entries"] if e["id"] == "big-moe"]
    assert moe["parameters"] == [30 * 10**9, 235 * 10**9]


def test_a_closed_model_shows_no_size_it_does_not_have(synth_site: Path) -> None:
    page = (synth_site / "models" / "closed-api" / "index.html").read_text(encoding="utf-8")
    assert "<td>Parameters</td> <td>not disclosed</td>" in page
    assert "128,000" in page and "system card" in page
    chart = (synth_site / "parameters" / "index.html").read_text(encoding="utf-8")
    assert "Closed API Model" not in chart
    table = (synth_site / "models" / "index.html").read_text(encoding="utf-8")
    row = table[table.index("Closed API Model") :].split("</tr>", 1)[0]
    assert "not disclosed" in row and ">0<" not in row


def test_both_parents_of_a_distilled_model_are_drawn(synth_site: Path) -> None:
    page = (synth_site / "models" / "distilled-student" / "index.html").read_text("utf-8")
    diagram = page[page.index('class="llmr-diagram"') :]
    assert "Baseline 2" in diagram and "BigMoE 1" in diagram
    assert "|finetune|" in diagram and "==&gt;|distillation|" in diagram
    assert "teacher → student" in page and "(teacher)" in page


def test_search_finds_an_entry_by_its_checkpoint_name(synth_site: Path) -> None:
    index = json.loads((synth_site / "search" / "search_index.json").read_text("utf-8"))
    hits = [d["location"] for d in index["docs"] if "Baseline-2-7B-Instruct" in d["text"]]
    assert any(loc.startswith("models/base-line/") for loc in hits)


@pytest.fixture
def browser_for_site(browser):
    """Open a page of a site built here, served and guarded like the real site's pages."""
    with contextlib.ExitStack() as stack:

        def open_page(site: Path, path: str):
            url = stack.enter_context(serve(site))
            tab = stack.enter_context(guarded_tab(browser, url))
            tab.goto(url + path)
            return tab

        yield open_page


@pytest.mark.browser
def test_a_family_of_200_stays_readable(synth_site: Path, browser_for_site) -> None:
    tab = browser_for_site(synth_site, "families/synth-root/")
    svg = rendered_diagram(tab)
    boxes = svg.evaluate(
        """svg => [...svg.querySelectorAll('g.node, g.edgeLabel')]
            .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([_, r]) => r.width > 0 && r.height > 0)
            .map(([t, r]) => [t, r.x, r.y, r.width, r.height])"""
    )
    assert len(boxes) > 20
    overlaps = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]
    ]
    assert overlaps == []
    font = svg.evaluate("s => getComputedStyle(s.querySelector('g.node .label')).fontSize")
    assert font
    screenshot(tab, "family-200.png")


@pytest.mark.browser
def test_a_checkpoint_name_is_found_by_the_site_search(synth_site: Path, browser_for_site) -> None:
    tab = browser_for_site(synth_site, "")
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Baseline-2-7B-Instruct", delay=20)
    # Results update as each key arrives: wait for the list of the whole query, not the first one.
    tab.wait_for_function(
        """() => {
            const a = document.querySelector('.md-search-result__item a');
            return a && a.href.includes('/models/base-line/');
        }""",
        timeout=15000,
    )


@pytest.mark.browser
def test_a_distilled_model_draws_its_teacher_and_its_weight_parent(
    synth_site: Path, browser_for_site
) -> None:
    tab = browser_for_site(synth_site, "models/distilled-student/")
    drawn = rendered_diagram(tab).text_content() or ""
    assert "Baseline 2" in drawn and "BigMoE 1" in drawn
    assert "finetune" in drawn and "distillation" in drawn
    screenshot(tab, "distilled-two-parents.png")


def test_a_successor_line_gets_its_own_page_not_the_survey_figure(tmp_path: Path) -> None:
    from site_gen import families
    from site_gen.context import SiteContext

    models = tmp_path / "entries" / "models"
    models.mkdir(parents=True)
    (models / "llama.yaml").write_text("id: llama\nkind: model\nname: LLaMA\n")
    (models / "llama-2.yaml").write_text(
        "id: llama-2\nkind: model\nname: Llama 2\n"
        "lineage:\n  - parent: llama\n    relation: successor\n"
    )
    write_family(models, root="llama-2", size=8)
    ctx = SiteContext(registry.load(str(tmp_path / "entries")))
    assert families.lines_of(ctx) == ["llama-2"]
    survey = families.render(ctx, families.FAMILIES[0])
    assert "Synth Child 00" not in survey and "Members (1)" in survey
    line = families.render_line(ctx, "llama-2")
    assert "# The Llama 2 family" in line and "Synth Child 00" in line


def test_the_survey_figure_marks_an_edge_only_the_survey_states(tmp_path: Path) -> None:
    from site_gen import families
    from site_gen.context import SiteContext

    models = tmp_path / "entries" / "models"
    models.mkdir(parents=True)
    (models / "llama.yaml").write_text("id: llama\nkind: model\nname: LLaMA\n")
    (models / "billa.yaml").write_text(
        "id: billa\nkind: model\nname: BiLLa\nlineage:\n"
        "  - parent: llama\n    relation: continued_pretraining\n"
        "  - parent: llama\n    relation: finetune\n    evidence: secondary\n"
        "    source: https://arxiv.org/abs/2303.18223\n"
        "    note: BiLLa's README describes continued pre-training, not fine-tuning.\n"
    )
    page = families.render(
        SiteContext(registry.load(str(tmp_path / "entries"))), families.FAMILIES[0]
    )
    assert "finetune · secondary" in page  # the diagram's edge label
    assert "stroke-dasharray:2 4" in page  # drawn dotted
    assert "(secondary)" in page  # and marked in the members table
    assert "only a secondary source" in page  # with its legend


@pytest.mark.parametrize("shape", ["chain", "fan"])
def test_fold_keeps_a_deep_chain_and_a_wide_fan_small(shape: str) -> None:
    import networkx as nx

    family = nx.MultiDiGraph()
    family.add_node("root", kind="model", name="Root")
    for i in range(300):
        parent = f"m{i - 1}" if shape == "chain" and i else "root"
        family.add_node(f"m{i}", kind="model", name=f"M{i}")
        family.add_edge(parent, f"m{i}", relation=("finetune", "adapter")[i % 2])
    folded = family_fold.fold(family, "root")
    assert len(folded.graph) <= family_fold.MAX_NODES
    members = {m for group in folded.groups.values() for m in group}
    assert members | (set(folded.graph) - set(folded.groups)) == set(family)
