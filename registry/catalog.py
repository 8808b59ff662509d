"""Every validation rule in one place: its stable code, name, severity, summary, hint and examples.

Codes never change meaning once published: tools and CI annotations rely on them. The rule
reference on the site and ``llm-registry rules`` are generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import bounds
from .findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    hint: str
    bad: str
    good: str


E, W = Severity.ERROR, Severity.WARNING

_RULES = [
    Rule(
        "Y001",
        "yaml-syntax",
        E,
        "The file is not valid YAML.",
        "Fix the syntax at the position shown; quote values that contain ': ' or start with '@'.",
        "name: LLaMA: 65B\n",
        'name: "LLaMA: 65B"\n',
    ),
    Rule(
        "Y002",
        "duplicate-key",
        E,
        "A key appears twice in the same mapping.",
        "Keep one of the two; YAML loaders silently keep the last, so one value would be lost.",
        "name: LLaMA\nname: Llama\n",
        "name: LLaMA\naliases: [Llama]\n",
    ),
    Rule(
        "Y003",
        "alias-expansion",
        E,
        "Anchors and aliases expand to too many nodes.",
        "Write values out instead of nesting aliases; entries are small documents.",
        "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]  # ...and so on\n",
        "aliases: [x]\n",
    ),
    Rule(
        "Y004",
        "unsupported-tag",
        E,
        "The file uses a YAML tag the registry does not accept.",
        "Remove the tag (such as !!python/object); entries hold plain strings, numbers, lists "
        "and mappings.",
        "name: !!python/object/apply:os.system [ls]\n",
        "name: LLaMA\n",
    ),
    Rule(
        "Y005",
        "not-utf8",
        E,
        "The file is not valid UTF-8.",
        "Save the file as UTF-8.",
        "name: caf\\xe9  # Latin-1 byte\n",
        "name: café\n",
    ),
    Rule(
        "Y006",
        "byte-order-mark",
        E,
        "The file starts with a byte-order mark.",
        "Save the file as UTF-8 without BOM.",
        "\\ufeffid: llama\n",
        "id: llama\n",
    ),
    Rule(
        "Y007",
        "tab-indentation",
        E,
        "A tab is used for indentation.",
        "YAML forbids tabs for indentation; indent with two spaces.",
        "links:\n\thomepage: https://example.org\n",
        "links:\n  homepage: https://example.org\n",
    ),
    Rule(
        "Y008",
        "empty-file",
        E,
        "The file holds no entry.",
        "Run `llm-registry new KIND NAME` to write a skeleton, or delete the file.",
        "# nothing here\n",
        "id: llama\nkind: model\nname: LLaMA\n",
    ),
    Rule(
        "Y009",
        "multiple-documents",
        E,
        "The file holds more than one YAML document.",
        "One entry per file: move each document after '---' to its own file.",
        "id: a\n---\nid: b\n",
        "id: a\n",
    ),
    Rule(
        "Y010",
        "not-a-mapping",
        E,
        "The top level of the file is not a mapping.",
        "An entry is a mapping of fields: start with `id:`, `kind:` and `name:`.",
        "- llama\n- alpaca\n",
        "id: llama\nkind: model\nname: LLaMA\n",
    ),
    Rule(
        "Y011",
        "file-too-large",
        E,
        "The file is larger than the 1 MiB an entry may be.",
        "Entries describe a resource; move long text to the resource's own page and link it.",
        "(a 30 MB file)",
        "(a file of a few KB)",
    ),
    Rule(
        "Y012",
        "nesting-too-deep",
        E,
        "Values are nested deeper than 32 levels.",
        "Entries are shallow; flatten the structure.",
        "a: [[[[[[...]]]]]]\n",
        "a: [x]\n",
    ),
    Rule(
        "Y013",
        "misplaced-entry-file",
        E,
        "An entry file is not directly inside a kind folder (entries/<kind>/).",
        "Move it to entries/models/, datasets/, libraries/ or organizations/ (no sub-folders); "
        "a folder may not be named like an entry file.",
        "entries/vicuna.yaml\nentries/models/old/vicuna.yaml\n",
        "entries/models/vicuna.yaml\n",
    ),
    Rule(
        "Y014",
        "not-an-entry-file",
        W,
        "A file in the entries folder is not an entry (.yaml or .yml) and is ignored.",
        "Rename it to .yaml if it is an entry; otherwise move it out of the entries folder.",
        "entries/models/vicuna.json\n",
        "entries/models/vicuna.yaml\n",
    ),
    Rule(
        "Y015",
        "link-leaves-registry",
        E,
        "A symbolic link points outside the registry's folder; it is not followed.",
        "Copy the file into the registry instead of linking to it.",
        "entries/models/x.yaml -> /etc/passwd\n",
        "entries/models/x.yaml (a regular file)\n",
    ),
    Rule(
        "Y016",
        "link-loop",
        E,
        "A symbolic link leads back to itself (directly or through other links or folders).",
        "Replace the link with the file or folder it was meant to point at.",
        "entries/models/a.yaml -> b.yaml, b.yaml -> a.yaml\n",
        "entries/models/a.yaml (a regular file)\n",
    ),
    Rule(
        "Y017",
        "dangling-link",
        E,
        "A symbolic link points at nothing.",
        "Remove the link, or restore the file it pointed at.",
        "entries/models/x.yaml -> gone.yaml\n",
        "entries/models/x.yaml (a regular file)\n",
    ),
    Rule(
        "Y018",
        "unreadable",
        E,
        "A folder or file in the registry cannot be read, or is not a regular file or folder.",
        "Check its permissions (it must be readable by whoever validates), or remove it.",
        "entries/models/ (mode 000)\n",
        "entries/models/ (mode 755)\n",
    ),
    Rule(
        "S001",
        "unknown-field",
        E,
        "A field that the schema of this kind does not have.",
        "Check the spelling (a suggestion is shown when one is close) or see the schema reference.",
        "parameter: [7B]\n",
        "parameters: [7B]\n",
    ),
    Rule(
        "S002",
        "missing-field",
        E,
        "A required field is missing.",
        "Add the field; `id`, `kind` and `name` are required in every entry.",
        "id: llama\nkind: model\n",
        "id: llama\nkind: model\nname: LLaMA\n",
    ),
    Rule(
        "S003",
        "invalid-value",
        E,
        "A value has the wrong type or format.",
        "See the expected form in the message; sizes are written 7B or 7000000000, dates "
        "YYYY, YYYY-MM or YYYY-MM-DD.",
        "released: March 2023\n",
        "released: 2023-03\n",
    ),
    Rule(
        "S004",
        "id-mismatch",
        E,
        "The id is not the file's name, or the name is not a slug.",
        "Name the file <id>.yaml; ids are lowercase letters, digits, '-' and '.'.",
        "# entries/models/LLaMA.yaml\nid: llama\n",
        "# entries/models/llama.yaml\nid: llama\n",
    ),
    Rule(
        "S005",
        "kind-mismatch",
        E,
        "The kind does not match the folder the file is in.",
        "Models go in entries/models/, datasets in entries/datasets/, libraries in "
        "entries/libraries/, organizations in entries/organizations/.",
        "# entries/datasets/llama.yaml\nkind: model\n",
        "# entries/models/llama.yaml\nkind: model\n",
    ),
    Rule(
        "S006",
        "unknown-license",
        E,
        "The licence is not one the registry knows.",
        "Use an SPDX id (Apache-2.0, MIT, CC-BY-NC-4.0, ...) or a named licence such as "
        "llama-license or bigscience-openrail-m; `llm-registry rules --licenses` lists them.",
        "license: Apache 2\n",
        "license: Apache-2.0\n",
    ),
    Rule(
        "S007",
        "unknown-relation",
        E,
        "A lineage edge names a relation outside the vocabulary.",
        "Use one of: continued_pretraining, finetune, adapter, alignment, distillation, "
        "quantized, merge, component, successor.",
        "lineage:\n  - parent: llama\n    relation: fine-tuned\n",
        "lineage:\n  - parent: llama\n    relation: finetune\n",
    ),
    Rule(
        "S008",
        "bad-url",
        E,
        "A link is not http(s), or points at a private, loopback or link-local address "
        "(in any spelling a browser reads as one: 2130706433, 0x7f.1, 127.1, 127。0。0。1).",
        "Link to the public page over https.",
        "homepage: file:///etc/passwd\n",
        "homepage: https://ai.meta.com/\n",
    ),
    Rule(
        "S009",
        "no-sources",
        W,
        "The entry cites no source for its facts.",
        "Add `sources:` with the paper, model card or official page the facts come from.",
        "id: llama\nkind: model\nname: LLaMA\n",
        "id: llama\nkind: model\nname: LLaMA\nsources: [https://arxiv.org/abs/2302.13971]\n",
    ),
    Rule(
        "S010",
        "control-character",
        E,
        "A name, id or text holds a control, bidirectional-override or invisible character.",
        "Type the value again without it: names, ids, aliases, URLs and titles hold no control "
        "or invisible formatting character (ESC, newline, U+202E RIGHT-TO-LEFT OVERRIDE, "
        "U+200B ZERO WIDTH SPACE ...); descriptions and notes may hold line breaks and tabs, "
        "but no other control character and no bidirectional override or isolate.",
        'name: "LLaMA\\u202e"\n',
        "name: LLaMA\n",
    ),
    Rule(
        "S011",
        "count-out-of-range",
        E,
        "A count, size or context length is below 1 or beyond any real resource.",
        "Write the value from the source (7B, 1.2T, 806 GB); counts are "
        + bounds.bounds_text()
        + f". A number may have at most {bounds.MAX_DIGITS} digits.",
        "parameters: [0]\ntraining_tokens: 99999999999999999999999999999999999999\n",
        "parameters: [7B]\ntraining_tokens: 1.4T\n",
    ),
    Rule(
        "S012",
        "date-out-of-range",
        E,
        "A release date is before 1940 or more than a year from today.",
        f"Check the date against the source; release dates lie between "
        f"{bounds.EARLIEST_RELEASE.isoformat()} and a year from the day the entry is validated.",
        "released: 2999-01-01\n",
        "released: 2023-02-24\n",
    ),
    Rule(
        "S013",
        "reserved-id",
        E,
        "The id is the name of a page the site generates (a kind's index page).",
        "Choose another id, such as the name with its organization (`index` is taken by "
        "the list of each kind: models/index.html).",
        "id: index\n",
        "id: index-lm\n",
    ),
    Rule(
        "R001",
        "duplicate-id",
        E,
        "Two files declare the same id.",
        "Ids are unique across all kinds; rename one of them.",
        "(two files with id: llama)",
        "(one file per id)",
    ),
    Rule(
        "R002",
        "duplicate-name",
        E,
        "A name or alias is already used by another entry (ignoring case, spaces and punctuation) "
        "or looks like one (look-alike characters of another script, Unicode TR39 skeletons).",
        "If both are the same resource, merge them; otherwise make the names distinct, typing "
        "each letter in the script of the rest of the name. The clash is reported at the alias "
        "when an alias meets a name, else at the entry released later.",
        "name: LLaMa  # another entry is named LLaMA\n",
        "name: LLaMA 2\n",
    ),
    Rule(
        "R003",
        "dangling-reference",
        E,
        "A reference names an id that no entry has.",
        "Use an existing id (a suggestion is shown when one is close), or add the entry.",
        "organizations: [meta]\n",
        "organizations: [meta-ai]\n",
    ),
    Rule(
        "R004",
        "wrong-kind-reference",
        E,
        "A reference names an entry of the wrong kind.",
        "trained_on and derived_from name datasets; lineage parents and generated_by name "
        "models; built_with names libraries; organizations name organizations.",
        "trained_on: [llama]\n",
        "trained_on: [c4]\n",
    ),
    Rule(
        "R005",
        "self-reference",
        E,
        "An entry names itself as its own parent or source.",
        "Remove the edge; an entry cannot descend from itself.",
        "id: alpaca\nlineage:\n  - parent: alpaca\n    relation: finetune\n",
        "id: alpaca\nlineage:\n  - parent: llama\n    relation: finetune\n",
    ),
    Rule(
        "R006",
        "lineage-cycle",
        E,
        "Lineage edges form a cycle.",
        "Edges point from what was used to what was made; one edge of the cycle is reversed.",
        "a ← b and b ← a",
        "a → b only",
    ),
    Rule(
        "R007",
        "child-before-parent",
        W,
        "An entry is dated before something it was made from.",
        "Check both release dates against their sources; the child may need a later date.",
        "(alpaca released 2022, llama released 2023)",
        "(alpaca 2023-03, llama 2023-02)",
    ),
    Rule(
        "R008",
        "size-not-in-parent",
        W,
        "A lineage edge starts from a size the parent does not list.",
        "Use one of the parent's sizes, or add the size to the parent with a source.",
        "lineage:\n  - parent: llama\n    relation: finetune\n    size: 8B\n",
        "lineage:\n  - parent: llama\n    relation: finetune\n    size: 7B\n",
    ),
    Rule(
        "R020",
        "unknown-checkpoint",
        E,
        "A lineage edge names a checkpoint that the entry it refers to does not list.",
        "`checkpoint:` names one of the parent's `checkpoints`, `into:` one of this entry's, "
        "exactly as published; a suggestion is shown when one is close.",
        "lineage:\n  - parent: llama-3.1\n    relation: finetune\n"
        "    checkpoint: Llama-3.1-8B-Instruc\n",
        "lineage:\n  - parent: llama-3.1\n    relation: finetune\n"
        "    checkpoint: Llama-3.1-8B-Instruct\n",
    ),
    Rule(
        "R021",
        "checkpoint-size-not-listed",
        W,
        "A checkpoint's size is not one of the sizes the entry's `parameters` list.",
        "An entry's `parameters` are the sizes it ships: add the size there, or correct the "
        "checkpoint's `size` (a mixture of experts as 235B-A22B in both places).",
        "parameters: [8B]\ncheckpoints:\n  - name: M-70B\n    size: 70B\n",
        "parameters: [8B, 70B]\ncheckpoints:\n  - name: M-70B\n    size: 70B\n",
    ),
    Rule(
        "R022",
        "duplicate-checkpoint-name",
        W,
        "A checkpoint name is already another entry's name, alias or checkpoint.",
        "Search finds entries by checkpoint name, so a name must lead to one entry: list the "
        "checkpoint under the release that published it, once.",
        "# qwen2.5 lists Qwen2.5-7B-Instruct\ncheckpoints:\n  - name: Qwen2.5-7B-Instruct\n",
        "checkpoints:\n  - name: Qwen2.5-Math-7B-Instruct\n",
    ),
    Rule(
        "R023",
        "secondary-evidence-unexplained",
        W,
        "An edge marked `evidence: secondary` gives no source or no note.",
        "A secondary edge cites the secondary source that states it (`source:`) and says in "
        "`note:` what the primary source says.",
        "lineage:\n  - parent: llama\n    relation: finetune\n    evidence: secondary\n",
        "lineage:\n  - parent: llama\n    relation: finetune\n    evidence: secondary\n"
        "    source: https://arxiv.org/abs/2303.18223\n"
        "    note: The model card names no base model.\n",
    ),
    Rule(
        "L001",
        "license-more-permissive",
        W,
        "A model claims commercial use that a parent's licence forbids.",
        "A derivative cannot widen its parent's licence; check the model card's licence. If the "
        "licence really covers only the part released (an adapter, a delta), say so under "
        "`acknowledged:` with the reason.",
        "# parent llama: llama-license (non-commercial)\nlicense: Apache-2.0\n",
        "license: CC-BY-NC-4.0\n",
    ),
    Rule(
        "L002",
        "commercial-on-noncommercial-data",
        W,
        "A model licensed for commercial use was trained on data licensed non-commercially.",
        "Check the model card's licence and the data's terms.",
        "# alpaca-data: CC-BY-NC-4.0\nlicense: Apache-2.0\n",
        "license: CC-BY-NC-4.0\n",
    ),
    Rule(
        "L003",
        "llama-name-prefix",
        W,
        "A model derived from a Llama 3 or later model has a name that does not begin with "
        "what the Llama licence requires.",
        "The Llama 3 licence requires derived models' names to begin with “Llama 3”, the 3.1, "
        "3.2, 3.3 and 4 licences with “Llama” (models trained on Llama outputs included). Use "
        "the name as published; if the publisher did not follow the clause, say so under "
        "`acknowledged:`. Models by an organization of the parent (the licensor) are not "
        "checked.",
        "# parent llama-3.1: llama3.1\nname: Foo-8B-Instruct\n",
        "# parent llama-3.1: llama3.1\nname: Llama-3.1-Foo-8B-Instruct\n",
    ),
    Rule(
        "L004",
        "gemma-terms-dropped",
        W,
        "A model derived from a Gemma model is licensed under other terms than the Gemma Terms "
        "of Use.",
        "Gemma's terms cover Model Derivatives, distilled models included; check the model "
        "card's licence (usually `gemma`), or explain under `acknowledged:`. Models by an "
        "organization of the parent (the licensor) are not checked.",
        "# parent gemma-2: gemma\nlicense: Apache-2.0\n",
        "# parent gemma-2: gemma\nlicense: gemma\n",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def make_finding(
    code: str, path: str, line: int, col: int, message: str = "", hint: str = ""
) -> Finding:
    """Build a finding for a rule: the message adds detail to the rule's summary."""
    rule = RULES[code]
    return Finding(
        path=path,
        line=line,
        col=col,
        code=code,
        message=message or rule.summary,
        severity=rule.severity,
        hint=hint or rule.hint,
    )


# What ``llm-registry check-facts`` compares with upstream (the Hub, GitHub). These are not
# validation rules: they need the network, and an entry can be right while upstream changed.
# An entry that is right anyway says so under ``acknowledged:`` with the reason.
_UPDATE = "Update the entry from the upstream card, or, if the registry is right, add "
_FACT_RULES = [
    Rule(
        "F001",
        "licence-differs",
        W,
        "The entry's licence differs from the licence its Hub repo states.",
        _UPDATE + "`acknowledged: [{code: F001, reason: ...}]` with the source that says so.",
        "license: Apache-2.0  # the card now says cc-by-nc-4.0\n",
        "license: CC-BY-NC-4.0\n",
    ),
    Rule(
        "F002",
        "base-model-differs",
        W,
        "The Hub repo names a base model the entry's lineage does not have.",
        _UPDATE + "an F002 acknowledgement saying why the card's base_model is wrong.",
        "lineage:\n  - parent: llama  # the card's base_model is a Llama 2 checkpoint\n",
        "lineage:\n  - parent: llama-2\n",
    ),
    Rule(
        "F003",
        "relation-differs",
        W,
        "The Hub's base_model_relation differs from the lineage edge's relation.",
        _UPDATE + "an F003 acknowledgement (the card's relation may be the Hub's default).",
        "lineage:\n  - parent: llama\n    relation: finetune  # the card says adapter\n",
        "lineage:\n  - parent: llama\n    relation: adapter\n",
    ),
    Rule(
        "F004",
        "size-differs",
        W,
        "No size the entry lists is within 2% of the parameter count in the repo's safetensors.",
        _UPDATE + "an F004 acknowledgement (a repo holding an adapter or a part of the model).",
        "parameters: [13B]  # the repo's weights hold 6.7B parameters\n",
        "parameters: [7B, 13B]\n",
    ),
    Rule(
        "F005",
        "access-differs",
        W,
        "The entry says `access: open` but its Hub repo is gated.",
        "Write `access: limited` (the terms must be accepted first), or acknowledge F005.",
        "access: open  # the repo asks users to accept its terms\n",
        "access: limited\n",
    ),
    Rule(
        "F006",
        "datasets-differ",
        W,
        "The Hub repo names training datasets (known to the registry) the entry does not list.",
        "Add them under trained_on with their stage, or acknowledge F006 with the reason.",
        "trained_on: [the-pile]  # the card also names c4\n",
        "trained_on: [the-pile, c4]\n",
    ),
    Rule(
        "F007",
        "repo-renamed",
        W,
        "The linked Hub repo was renamed: the Hub answers under another name.",
        "Link the repo under its new name (the old one only redirects).",
        "links:\n  weights: https://huggingface.co/meta-llama/Meta-Llama-3.1-8B\n",
        "links:\n  weights: https://huggingface.co/meta-llama/Llama-3.1-8B\n",
    ),
    Rule(
        "F008",
        "repo-gone",
        W,
        "The linked Hub repo is gone: deleted, or made private.",
        "Link where the weights or data are now, or drop the link and say so in notes.",
        "links:\n  weights: https://huggingface.co/someone/deleted-model\n",
        "notes: The weights were withdrawn in 2024.\n",
    ),
    Rule(
        "F009",
        "github-licence-differs",
        W,
        "The entry's licence differs from the licence GitHub reports for its repository.",
        _UPDATE + "an F009 acknowledgement (a repo whose code and weights are licensed apart).",
        "license: MIT  # GitHub reports Apache-2.0\n",
        "license: Apache-2.0\n",
    ),
]

FACT_RULES: dict[str, Rule] = {rule.code: rule for rule in _FACT_RULES}
"""Findings of ``check-facts`` (codes F001-F049), documented with the validation rules."""


def fact_finding(code: str, path: str, line: int, col: int, message: str) -> Finding:
    """A ``check-facts`` finding: the message gives both values and the upstream source."""
    rule = FACT_RULES[code]
    return Finding(path, line, col, code, message, rule.severity, rule.hint)
