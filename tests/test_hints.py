"""Hints that fit the field at hand: per-field S003 hints, ids explained in words, valid file
names in S004, "did you mean" across spelling variants, no weak guesses, and references
located at their values."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from registry import validate
from registry.catalog import RULES
from registry.schema import ID_PATTERN

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
HEAD = "id: m\nkind: model\nname: M\nsources: [https://example.org/m]\n"
GENERIC = RULES["S003"].hint


def findings(root: Path, text: str, stem: str = "m", folder: str = "models"):
    path = root / folder / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return validate([root]).findings


# field as written -> words its hint must hold (and no hint may be about sizes and dates
# unless the field is a size or a date)
FIELDS = [
    ("access: opne", "'open', 'limited', 'api' or 'closed'"),
    ("architecture: decoder", "'causal-decoder'"),
    ("context_length: lots", "context window"),
    ("released: March 2023", "2023-03-13"),
    ("parameters: [seven]", "every size"),
    ("training_tokens: many", "training tokens"),
    ("modalities: [txt]", "'text'"),
    ("domains: [medical]", "'medicine'"),
    ("aliases: [[nested]]", "other names"),
    ("name2: x", None),  # S001, not S003
    ("links:\n  arxiv: abc", "arXiv id"),
    ("links:\n  code: not a url", "https://"),
    ("organizations: [Meta AI]", "organization ids"),
    ("lineage:\n  - parent: Not An Id\n    relation: finetune", "made from"),
    ("lineage:\n  - parent: p\n    relation: finetune\n    evidence: guessed", "'inferred'"),
    ("trained_on:\n  - dataset: d\n    stage: pretrain", "'pretraining'"),
    ("acknowledged:\n  - code: X1\n    reason: r", "rule code"),
]


@pytest.mark.parametrize(("text", "words"), FIELDS, ids=[f[0].split(":")[0] for f in FIELDS])
def test_each_invalid_field_gets_its_own_hint(tmp_path: Path, text: str, words: str | None):
    found = [f for f in findings(tmp_path, HEAD + text + "\n") if f.code == "S003"]
    if words is None:
        assert found == []
        return
    assert found, "no S003"
    for finding in found:
        assert words in finding.hint, finding
        assert finding.hint != GENERIC
        if not re.search(r"released|parameters|tokens|context", text):
            assert "YYYY" not in finding.hint and "7B or" not in finding.hint


def test_dataset_and_organization_fields_have_their_own_hints(tmp_path: Path) -> None:
    ds = "id: d\nkind: dataset\nname: D\nsources: [https://example.org/d]\n"
    found = findings(tmp_path, ds + "category: pretrain\nsize:\n  bytes: lots\n", "d", "datasets")
    hints = {f.message.split(":")[0]: f.hint for f in found if f.code == "S003"}
    assert "'pretraining'" in hints["category"]
    assert "806 GB" in hints["size.bytes"]
    org = "id: o\nkind: organization\nname: O\nsources: [https://example.org/o]\n"
    found = findings(tmp_path, org + "country: usa\ntype: firm\n", "o", "organizations")
    hints = {f.message.split(":")[0]: f.hint for f in found if f.code == "S003"}
    assert "alpha-2" in hints["country"] and "'company'" in hints["type"]


def test_invalid_id_is_explained_in_words(tmp_path: Path) -> None:
    found = findings(tmp_path, HEAD.replace("id: m", "id: Test_Model"), "Test_Model")
    (s003,) = [f for f in found if f.code == "S003"]
    assert "lowercase letters, digits, '-' and '.'" in s003.message
    assert "did you mean 'test-model'" in s003.message
    assert ID_PATTERN not in s003.message + s003.hint and "(?:" not in s003.message


def suggested_files(hint: str) -> list[str]:
    return re.findall(r"([^\s`:]+)\.yaml", hint)


@pytest.mark.parametrize(
    ("stem", "entry_id", "want"),
    [
        ("Test_Model", "Test_Model", "test-model"),
        ("Test_Model", "test-model", "test-model"),
        ("test-model", "Test_Model", None),  # the file name is right: set the id to it
        ("llama", "alpaca", "alpaca"),
    ],
)
def test_s004_suggests_only_valid_names(tmp_path, stem: str, entry_id: str, want) -> None:
    found = findings(tmp_path, HEAD.replace("id: m", f"id: {entry_id}"), stem)
    hints = " ".join(f.hint for f in found if f.code == "S004")
    names = suggested_files(hints)
    assert all(re.match(ID_PATTERN, n) for n in names), hints
    if want:
        assert f"{want}.yaml" in hints
    else:
        assert f"`id: {stem}`" in hints and not names


SPELLINGS = [
    ("lineage:\n  - parent: p\n    relation: fine-tune", "S007", "'finetune'"),
    ("lineage:\n  - parent: p\n    relation: Fine Tune", "S007", "'finetune'"),
    (
        "lineage:\n  - parent: p\n    relation: continued-pretraining",
        "S007",
        "'continued_pretraining'",
    ),
    ("license: Apache 2", "S006", "'Apache-2.0'"),
    ("license: apache license 2.0", "S006", "'Apache-2.0'"),
    ("license: CC BY-NC 4.0", "S006", "'CC-BY-NC-4.0'"),
]


@pytest.mark.parametrize(("text", "code", "guess"), SPELLINGS, ids=[s[0][-20:] for s in SPELLINGS])
def test_spelling_variants_get_did_you_mean(tmp_path: Path, text: str, code: str, guess: str):
    (finding,) = [f for f in findings(tmp_path, HEAD + text + "\n") if f.code == code]
    assert f"did you mean {guess}" in finding.message


def test_weak_guesses_are_dropped(tmp_path: Path) -> None:
    found = findings(tmp_path, HEAD + "architecture: decoder\n")
    (finding,) = [f for f in found if f.code == "S003"]
    assert "'encoder'?" not in finding.message and "'causal-decoder'" in finding.message
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    (entries / "datasets" / "infiniset.yaml").write_text(
        "id: infiniset\nkind: dataset\nname: Infiniset\nsources: [https://example.org/i]\n"
    )
    found = findings(entries, HEAD + "trained_on: [nonexistent]\n", "aaa")
    (r003,) = [f for f in found if f.code == "R003"]
    assert "infiniset" not in r003.hint and "Did you mean" not in r003.hint


def test_references_are_located_at_their_values(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    shutil.copytree(MINI, entries)
    text = HEAD + (
        "lineage:\n  - relation: finetune\n    parent: nowhere-a\n"
        "trained_on:\n  - stage: pretraining\n    dataset: nowhere-b\n  - nowhere-c\n"
    )
    found = {f.message.split("'")[1]: (f.line, f.col) for f in findings(entries, text, "aaa")}
    assert found["nowhere-a"] == (7, 13)
    assert found["nowhere-b"] == (10, 14)
    assert found["nowhere-c"] == (11, 5)


def test_count_hints_say_the_field_and_its_bound(tmp_path: Path) -> None:
    found = findings(tmp_path, HEAD + "context_length: 0\nparameters: [0]\n")
    hints = {f.message.split(":")[0]: f.hint for f in found if f.code == "S011"}
    assert "context window" in hints["context_length"] and "10^9" in hints["context_length"]
    assert "every size" in hints["parameters.0"] and "10^15" in hints["parameters.0"]
