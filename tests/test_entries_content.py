"""Content checks over the real registry in ``entries/``: the facts every entry must carry.

Schema validation proves each file is well formed; these tests prove the landed data is what the
project promises its readers: every model dated and sourced, every edge typed with the relation
vocabulary, every link canonical, every name from the survey findable, and the documented
lineage of the survey's figures present in the exported graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest

from registry.relations import MODEL_RELATIONS, RELATIONS
from registry.schema import AnyEntry, Library, Model
from registry.store import Registry

ARXIV_ABS = re.compile(r"^/abs/(?P<id>\d{4}\.\d{4,5})$")
TRACKING_KEYS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src"}

# Every name the issue lists (survey text, its LLM table, the LLaMA family figure, the GPT series).
ISSUE_NAMES = [
    # models named in the survey text
    "ELMo", "BERT", "word2vec", "GPT-1", "GPT-2", "GPT-3", "Codex", "InstructGPT", "GPT-3.5",
    "ChatGPT", "GPT-4", "T5", "Flan-T5", "CodeGen", "mT0", "PanGu-α", "LLaMA", "Falcon", "OPT",
    "OPT-IML", "BLOOM", "BLOOMZ", "GLM-130B", "ChatGLM-6B", "ChatGLM2-6B", "Alpaca",
    "Alpaca-LoRA", "Koala", "BELLE", "Vicuna", "LLaVA", "MiniGPT-4", "InstructBLIP", "PandaGPT",
    "MT-NLG", "GPT-J", "PaLM", "U-PaLM", "LaMDA", "Galactica", "ColossalChat",
    # architectures
    "S4", "GSS", "H3", "Hyena", "RWKV", "RetNet",
    # corpora and data
    "BookCorpus", "Project Gutenberg", "Books1", "Books2", "CommonCrawl", "C4", "CC-Stories",
    "CC-Stories-R", "REALNEWS", "CC-News", "WebText", "OpenWebText", "Pushshift.io", "Wikipedia",
    "BigQuery", "The Pile", "ROOTS", "Alpaca 52K data", "Alpaca-52K", "ShareGPT", "MTPB",
    # libraries
    "Transformers", "DeepSpeed", "Megatron-LM", "JAX", "Colossal-AI", "BMTrain", "FastMoE",
    # the survey's table of LLMs
    "mT5", "CPM-2", "T0", "GPT-NeoX-20B", "Tk-Instruct", "UL2", "YaLM", "NLLB", "GLM",
    "Pythia", "ChatGLM", "CodeGeeX", "Mistral", "GShard", "HyperCLOVA", "ERNIE 3.0", "Jurassic-1",
    "FLAN", "Yuan 1.0", "WebGPT", "Gopher", "ERNIE 3.0 Titan", "GLaM", "AlphaCode", "Chinchilla",
    "AlexaTM", "Luminous", "Sparrow", "WeLM", "Flan-PaLM", "Flan-U-PaLM", "PanGu-Σ",
    # the LLaMA family figure
    "Open-Chinese-LLaMA", "Linly-Chinese-LLaMA", "Panda", "Chinese LLaMA", "Chinese Alpaca",
    "Cornucopia", "Lawyer LLaMA", "QiZhenGPT", "TaoLi", "BenTsao", "LAWGPT", "ChatMed",
    "Chinese Vicuna", "BiLLa", "Baize", "Ziya", "Guanaco", "LLaMA-Adapter", "VisionLLM",
    "PKU-Beaver", "Goat", "OpenFlamingo", "Yulan-Chat", "Chatbridge",
    # the GPT series figure
    "code-davinci-002", "text-davinci-002", "text-davinci-003", "gpt-3.5-turbo",
]  # fmt: skip

# Documented edges (by name, resolved with ``reg.find``); ``None`` accepts any model relation.
DOCUMENTED_EDGES = [
    ("LLaMA", "Alpaca", None),
    ("LLaMA", "Vicuna", None),
    ("Vicuna", "LLaVA", None),
    ("Vicuna", "MiniGPT-4", None),
    ("Vicuna", "InstructBLIP", None),
    ("Vicuna", "PandaGPT", None),
    ("OPT", "OPT-IML", None),
    ("BLOOM", "BLOOMZ", None),
    ("T5", "Flan-T5", None),
    ("mT5", "mT0", None),
    ("PaLM", "U-PaLM", None),
    ("GPT-3", "Codex", None),
    ("GPT-3", "InstructGPT", None),
    ("ChatGLM-6B", "ChatGLM2-6B", None),
    ("Books1", "GPT-3", "trained_on"),
    ("Books2", "GPT-3", "trained_on"),
    ("Wikipedia", "GPT-3", "trained_on"),
    ("ROOTS", "BLOOM", "trained_on"),
    ("The Pile", "GPT-J", "trained_on"),
    ("The Pile", "CodeGen", "trained_on"),
    ("The Pile", "MT-NLG", "trained_on"),
    ("Alpaca 52K data", "Alpaca", "trained_on"),
    ("ShareGPT", "Vicuna", "trained_on"),
    ("CommonCrawl", "C4", "derived_from"),
    ("CommonCrawl", "CC-Stories", "derived_from"),
    ("WebText", "OpenWebText", "derived_from"),
    ("text-davinci-003", "Alpaca 52K data", "generated_by"),
    ("DeepSpeed", "MT-NLG", "built_with"),
    ("DeepSpeed", "BLOOM", "built_with"),
    ("Colossal-AI", "ColossalChat", "built_with"),
]


@pytest.fixture(scope="module")
def exported_edges(exported: list[dict]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["relation"]) for e in exported}


def entry_urls(entry: AnyEntry) -> Iterator[tuple[str, str]]:
    """Every URL an entry states, with the field it sits in (for the failure message)."""
    for field, value in entry.links.model_dump(exclude_none=True).items():
        if field != "arxiv":
            yield f"links.{field}", value
    for i, source in enumerate(entry.sources):
        yield f"sources[{i}]", source.url
    if isinstance(entry, Library) and entry.repository:
        yield "repository", entry.repository
    if isinstance(entry, Model):
        for i, edge in enumerate(entry.lineage):
            if edge.source:
                yield f"lineage[{i}].source", edge.source


def url_defects(url: str) -> list[str]:
    """Why a URL is not a canonical https link free of tracking parameters (empty if fine)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    defects = []
    if parts.scheme != "https":
        defects.append("not https")
    arxiv = host.endswith("arxiv.org")
    if arxiv and (host != "arxiv.org" or not ARXIV_ABS.match(parts.path) or parts.query):
        defects.append("arXiv links must be https://arxiv.org/abs/<id> without version or pdf")
    for key, _ in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower().startswith("utm_") or key.lower() in TRACKING_KEYS:
            defects.append(f"tracking parameter {key!r}")
    return defects


def test_url_defects_catches_what_the_rules_forbid() -> None:
    """The URL check itself: canonical links pass, each forbidden form is caught."""
    assert url_defects("https://arxiv.org/abs/2302.13971") == []
    assert url_defects("https://github.com/huggingface/transformers") == []
    assert url_defects("http://arxiv.org/abs/2302.13971")
    assert url_defects("https://arxiv.org/abs/2302.13971v2")
    assert url_defects("https://arxiv.org/pdf/2302.13971")
    assert url_defects("https://www.arxiv.org/abs/2302.13971")
    assert url_defects("https://example.org/page?utm_source=x")
    assert url_defects("https://example.org/page?fbclid=abc")
    assert url_defects("https://example.org/page?gclid=abc")
    assert url_defects("https://github.com/a/b?ref=producthunt")


def test_every_model_has_a_release_date_and_a_source(reg: Registry) -> None:
    missing = [
        f"{reg.path_of(m.id)}: {'no released date' if not m.released else 'no source'}"
        for m in reg.models
        if not m.released or not m.sources
    ]
    assert reg.models, "no model entries were loaded"
    assert not missing, "\n".join(missing)


def test_every_edge_names_a_relation_of_the_vocabulary(reg: Registry) -> None:
    bad = []
    for edge in reg.edges:
        if edge.relation not in RELATIONS:
            bad.append(f"{edge.source} -> {edge.target}: unknown relation {edge.relation!r}")
        kinds = {reg.get(end).kind for end in (edge.source, edge.target) if end in reg}
        if kinds == {"model"} and edge.relation not in MODEL_RELATIONS:
            bad.append(f"{edge.source} -> {edge.target}: {edge.relation!r} is not model-to-model")
    assert reg.edges, "no edges were loaded"
    assert not bad, "\n".join(bad)


def test_every_url_is_https_canonical_and_untracked(reg: Registry) -> None:
    bad = [
        f"{reg.path_of(entry.id)}: {field} {url}: {', '.join(defects)}"
        for entry in reg
        for field, url in entry_urls(entry)
        if (defects := url_defects(url))
    ]
    assert not bad, "\n".join(bad)


def test_arxiv_ids_match_the_paper_links(reg: Registry) -> None:
    """``links.arxiv`` and an arXiv ``links.paper`` must name the same paper."""
    bad = []
    for entry in reg:
        paper, arxiv_id = entry.links.paper, entry.links.arxiv
        match = ARXIV_ABS.match(urlsplit(paper).path) if paper and "arxiv.org" in paper else None
        if match and arxiv_id and match["id"] != arxiv_id:
            bad.append(f"{reg.path_of(entry.id)}: paper {paper} but arxiv {arxiv_id!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", ISSUE_NAMES)
def test_issue_name_is_found(reg: Registry, name: str) -> None:
    assert reg.find(name) is not None, f"no entry is named or aliased {name!r}"


@pytest.mark.parametrize(
    ("source", "target", "relation"),
    DOCUMENTED_EDGES,
    ids=[f"{s}->{t}" for s, t, _ in DOCUMENTED_EDGES],
)
def test_documented_edge_is_exported(
    reg: Registry,
    exported_edges: set[tuple[str, str, str]],
    source: str,
    target: str,
    relation: str | None,
) -> None:
    upstream, downstream = reg.find(source), reg.find(target)
    assert upstream is not None, f"no entry is named {source!r}"
    assert downstream is not None, f"no entry is named {target!r}"
    found = {r for s, t, r in exported_edges if (s, t) == (upstream.id, downstream.id)}
    wanted = {relation} if relation else set(MODEL_RELATIONS)
    assert found & wanted, (
        f"no {relation or 'model'} edge {upstream.id} -> {downstream.id} in the JSON export"
        + (f" (found {sorted(found)})" if found else "")
    )
