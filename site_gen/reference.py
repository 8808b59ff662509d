"""Reference pages generated from the code that enforces them, so they cannot drift: the
schema of each kind (``registry.schema.json_schema``), the relation vocabulary
(``registry.relations.RELATIONS``), every validation rule (``registry.catalog.RULES``) and the
licences with their terms and Hugging Face tags (``registry.licenses.LICENSES``)."""

from __future__ import annotations

import json
import re
from typing import Any

from registry.catalog import FACT_RULES, RULES, Rule
from registry.licenses import LICENSES
from registry.relations import EVIDENCE, RELATIONS
from registry.schema import KINDS, json_schema

from . import layout
from .context import SiteContext
from .text import inline, plain

SCHEMA_SRC = "reference/schema.md"


def schema_file(kind: str) -> str:
    return f"schemas/{kind}.schema.json"


def _type(spec: dict[str, Any]) -> str:
    """A short human reading of a JSON Schema type."""
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "enum" in spec:
        return "one of: " + ", ".join(map(str, spec["enum"]))
    if "const" in spec:
        return str(spec["const"])
    if "anyOf" in spec:
        options = [_type(s) for s in spec["anyOf"] if s.get("type") != "null"]
        return " or ".join(dict.fromkeys(options))
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if "pattern" in spec:
        return f"{kind} matching {spec['pattern']}"
    return str(kind)


def _fields(schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    lines = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for name, spec in schema.get("properties", {}).items():
        lines.append(
            f"| `{name}` | {plain(_type(spec))} | {'yes' if name in required else ''} | "
            f"{inline(spec.get('description', ''))} |"
        )
    return lines


def schema_page(ctx: SiteContext) -> str:
    lines = [
        "# Entry schema",
        "",
        "Each kind of entry and its fields, generated from the validator's own models. Unknown "
        "fields are an error; every factual field may be left out when it is not known.",
        "",
    ]
    for kind in KINDS:
        schema = json_schema(kind)
        ctx.add(schema_file(kind), json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        lines += [
            f"## {kind.capitalize()}",
            "",
            f"JSON Schema: [{kind}.schema.json]({layout.md_link(SCHEMA_SRC, schema_file(kind))})",
            "",
            *_fields(schema),
            "",
        ]
        for name, sub in schema.get("$defs", {}).items():
            if "properties" in sub:
                lines += [f"### {kind.capitalize()}: {plain(name)}", "", *_fields(sub), ""]
    return "\n".join(lines)


def relations_page() -> str:
    lines = [
        "# Relation vocabulary",
        "",
        "Edges point downstream, from what was used to what was made. Each is written in the file "
        "of the entry that was made. Edges also carry evidence: "
        + ", ".join(f"`{e}`" for e in EVIDENCE)
        + ": `documented` when a primary source states it, `secondary` when only a secondary "
        "source (such as a survey) does (its `source` cites it, its `note` says what the "
        "primary source says; dotted in diagrams), `inferred` when nobody states it and it is "
        "plausible (dashed). A `distillation` edge runs from the teacher to the student and may "
        "stand beside a weight parent; diagrams draw it thick. A lineage edge may name the "
        "parent's `checkpoint` it started from and the `into` checkpoint of the entry it leads "
        "to.",
        "",
        "| Relation | From → to | Meaning | Example |",
        "|---|---|---|---|",
    ]
    for r in RELATIONS.values():
        lines.append(
            f"| `{r.name}` | {r.source_kind} → {r.target_kind} | {plain(r.meaning)} | "
            f"{plain(r.example)} |"
        )
    return "\n".join(lines) + "\n"


def _fence(text: str) -> list[str]:
    """A fenced YAML block longer than any backtick run inside, so examples cannot escape."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 4)
    return [f"{ticks}yaml", text.rstrip("\n"), ticks]


def _rule_table(rules: list[Rule]) -> list[str]:
    lines = ["| Code | Name | Severity | Message |", "|---|---|---|---|"]
    for rule in rules:
        anchor = f"{rule.code.lower()}-{rule.name}"
        lines.append(
            f"| [{rule.code}](#{anchor}) | {plain(rule.name)} | {rule.severity} | "
            f"{inline(rule.summary)} |"
        )
    return [*lines, ""]


def _rule_sections(rules: list[Rule]) -> list[str]:
    lines: list[str] = []
    for rule in rules:
        lines += [
            f"## {rule.code} {plain(rule.name)}",
            "",
            f"**{rule.severity}**: {inline(rule.summary)}",
            "",
            f"Fix: {inline(rule.hint)}",
            "",
            "Fails:",
            "",
            *_fence(rule.bad),
            "",
            "Passes:",
            "",
            *_fence(rule.good),
            "",
        ]
    return lines


def rules_page() -> str:
    lines = [
        "# Validation rules",
        "",
        "Every check `llm-registry validate` runs, with its stable code. Errors fail validation; "
        "warnings fail only with `--strict`.",
        "",
        *_rule_table(list(RULES.values())),
        "Differences `llm-registry check-facts` finds between an entry and its upstream repos "
        "(the Hugging Face Hub, GitHub). Each can be acknowledged like a warning when the "
        "registry is right.",
        "",
        *_rule_table(list(FACT_RULES.values())),
        *_rule_sections([*RULES.values(), *FACT_RULES.values()]),
    ]
    return "\n".join(lines)


LICENSES_SRC = "reference/licenses.md"


def licenses_page() -> str:
    """Every licence id, what it allows and requires, and the tag Hugging Face cards use."""
    lines = [
        "# Licences",
        "",
        "The licence ids an entry's `license:` may name (matched without regard to case). "
        "*HF tag* is the `license:` value of a Hugging Face model card; where it is `other`, "
        "the card names the licence in `license_name:` (the names listed). The terms are read "
        "from each licence's text, linked; the lineage rules L001, L003 and L004 use them.",
        "",
        "| Id | Licence | HF tag | Commercial use | Terms |",
        "|---|---|---|---|---|",
    ]
    for lic in LICENSES.values():
        name = f"[{plain(lic.name)}]({lic.url})" if lic.url else plain(lic.name)
        tag = f"`{lic.hf_tag}`" if lic.hf_tag else ""
        if lic.hf_names:
            tag += " (" + ", ".join(f"`{n}`" for n in lic.hf_names) + ")"
        terms = "; ".join(f"{label}: {plain(text)}" for label, text in lic.terms[1:])
        use = lic.terms[0][1]
        lines.append(f"| `{lic.id}` | {name} | {tag} | {use} | {terms} |")
    return "\n".join(lines) + "\n"
