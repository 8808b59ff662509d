"""How lineage diagrams look on the site, in both of its colour schemes (Material's ``default``
and ``slate``): one table of colours, read by the stylesheet generated from it, by the legends
under the diagrams and by the Mermaid text (which names each node's kind as a class and leaves
the colours to this stylesheet).

Mermaid draws with the colours it is given; the reader's scheme can change after a diagram is
drawn (the toggle in the header), so nodes and labels are coloured by CSS variables that follow
``data-md-color-scheme``, not by colours baked into the SVG. Every label colour is chosen to
read on its background: a contrast of at least 4.5:1 (WCAG AA) in both schemes, which the
browser tests measure on the drawn diagrams. Edges keep one colour per relation
(``registry.lineage_format.RELATION_COLORS``) in both schemes.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.lineage_format import GROUP_DASHES, KIND_STYLES, NODE_TEXT

STYLESHEET_SRC = "assets/llm-registry/diagrams.css"  # listed in mkdocs.yml's extra_css


@dataclass(frozen=True)
class Scheme:
    """The colours of one colour scheme."""

    selector: str
    kinds: dict[str, tuple[str, str]]  # kind -> (fill, border)
    node_text: str
    label_background: str
    label_text: str


SCHEMES = (
    Scheme(":root", KIND_STYLES, NODE_TEXT, "#ffffff", "#30343c"),
    Scheme(
        '[data-md-color-scheme="slate"]',
        {
            "model": ("#1e2b47", "#7aa2f7"),
            "dataset": ("#3b2a12", "#e5a455"),
            "library": ("#16331f", "#62c07f"),
            "organization": ("#2e1d45", "#b48cf0"),
            "group": ("#2a2d38", "#9a9caa"),
        },
        "#eceff4",
        "#2b2e3b",
        "#e6e8ee",
    ),
)


def kind_fill(kind: str) -> str:
    """The CSS value of a kind's node fill in the reader's scheme (for legend swatches)."""
    return f"var(--llmr-{kind}-fill, var(--llmr-model-fill))"


def _variables(scheme: Scheme) -> str:
    values = [f"--llmr-node-text:{scheme.node_text}"]
    values += [
        f"--llmr-label-bg:{scheme.label_background}",
        f"--llmr-label-text:{scheme.label_text}",
    ]
    for kind, (fill, border) in scheme.kinds.items():
        values += [f"--llmr-{kind}-fill:{fill}", f"--llmr-{kind}-border:{border}"]
    return f"{scheme.selector}{{{';'.join(values)}}}"


def stylesheet() -> str:
    """The diagrams' CSS. ``!important`` because Mermaid's own stylesheet inside each SVG
    selects by the diagram's id, which outranks any class selector."""
    d = ".llmr-diagram-rendered"
    rules = [_variables(scheme) for scheme in SCHEMES]
    for kind in KIND_STYLES:
        rules.append(
            f"{d} g.node.{kind} .label-container{{fill:var(--llmr-{kind}-fill)!important;"
            f"stroke:var(--llmr-{kind}-border)!important}}"
        )
    rules += [
        f"{d} g.node.group .label-container{{stroke-dasharray:{GROUP_DASHES}!important}}",
        f"{d} g.node.root .label-container{{stroke-width:3px!important}}",
        f"{d} g.node .nodeLabel,{d} g.node .label{{color:var(--llmr-node-text)!important}}",
        f"{d} g.node text,{d} g.node tspan{{fill:var(--llmr-node-text)!important}}",
        f"{d} .edgeLabel rect{{fill:var(--llmr-label-bg)!important;opacity:1!important}}",
        f"{d} .edgeLabel text,{d} .edgeLabel tspan{{fill:var(--llmr-label-text)!important}}",
        f"{d} .edgeLabel,{d} .edgeLabel p,{d} .edgeLabel span{{"
        "color:var(--llmr-label-text)!important;background-color:var(--llmr-label-bg)!important}",
        ".llmr-legend .llmr-node{border-color:var(--llmr-node-text)}",
    ]
    return "\n".join(rules) + "\n"
