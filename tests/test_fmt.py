"""``llm-registry fmt``: one canonical form, data and comments kept, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.cli import main
from registry.fmt import FormatError, field_order, format_text
from registry.loader import parse_text
from registry.schema import KINDS, MODELS_BY_KIND

ROOT = Path(__file__).resolve().parent.parent

SHUFFLED = """\
# Notes for reviewers: sizes from the paper's table 2.
sources:
  - title: "LLaMA: Open and Efficient Foundation Language Models"
    url: https://arxiv.org/abs/2302.13971
parameters:
  - 7B
  - 13B
name: Shuffled Model   # as the paper spells it
links:
  code: https://github.com/example/shuffled
  # the abstract page, not the PDF
  paper: https://arxiv.org/abs/2302.13971
  arxiv: '2302.13971'
# the id must match the file name
id: shuffled-model
access: 'no'
lineage:
  - relation: finetune
    note: 'yes'
    parent: llama
kind: model
description: A model whose keys are in no particular order, with a description long enough \
to need folding onto a second line.
"""


def _data(text: str) -> dict:
    loaded = parse_text(text, "x.yaml")
    assert loaded.findings == []
    return loaded.data


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1].strip() for line in text.splitlines() if "# " in line]


def test_shuffled_keys_come_out_in_schema_order_with_values_and_comments_kept() -> None:
    out = format_text(SHUFFLED)
    assert _data(out) == _data(SHUFFLED)  # every value, exactly as the registry reads it
    keys = [line.split(":")[0] for line in out.splitlines() if line[:1].isalpha()]
    assert keys == [
        "id",
        "kind",
        "name",
        "description",
        "parameters",
        "access",
        "links",
        "lineage",
        "sources",
    ]
    for comment in _comments(SHUFFLED):
        assert comment in out
    lines = out.splitlines()
    # A comment above a key moves with the key; an end-of-line comment stays on its line.
    assert lines[lines.index("id: shuffled-model") - 1] == "# the id must match the file name"
    assert "name: Shuffled Model   # as the paper spells it" in lines
    paper = lines.index("  paper: https://arxiv.org/abs/2302.13971")
    assert lines[paper - 1] == "  # the abstract page, not the PDF"
    assert lines[0].startswith("# yaml-language-server: $schema=../../schemas/model.schema.json")
    assert lines[1] == "# Notes for reviewers: sizes from the paper's table 2."
    # Quoting: only where the loader would otherwise read something else; double quotes.
    assert 'access: "no"' in lines and '  arxiv: "2302.13971"' in lines
    assert '    note: "yes"' in lines
    # Lists of plain values on one line; nested keys in their model's order.
    assert "parameters: [7B, 13B]" in lines
    assert lines[lines.index("lineage:") + 1 :][:3] == [
        "  - parent: llama",
        "    relation: finetune",
        '    note: "yes"',
    ]
    assert lines[lines.index("sources:") + 1] == "  - url: https://arxiv.org/abs/2302.13971"
    assert lines[lines.index("description: >-") + 1].startswith("  A model whose keys")
    assert max(len(line) for line in lines) <= 100


def test_formatting_is_idempotent() -> None:
    once = format_text(SHUFFLED)
    assert format_text(once) == once


def test_every_landed_entry_keeps_its_data_and_formats_stably() -> None:
    files = sorted((ROOT / "entries").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text()
        out = format_text(text, str(path))
        assert parse_text(out, str(path)).data == parse_text(text, str(path)).data, path
        assert format_text(out, str(path)) == out, path


def test_field_order_covers_every_schema_field() -> None:
    for kind in KINDS:
        order = field_order(kind)
        assert sorted(order) == sorted(MODELS_BY_KIND[kind].model_fields), kind
        assert order[:3] == ["id", "kind", "name"]
        assert order[-2:] == ["sources", "notes"]


def test_check_names_the_file_and_changes_nothing_then_fmt_fixes_it(tmp_path, capsys) -> None:
    entry = tmp_path / "entries" / "models" / "shuffled-model.yaml"
    entry.parent.mkdir(parents=True)
    entry.write_text(SHUFFLED)
    assert main(["fmt", "--check", str(tmp_path / "entries")]) == 1
    assert str(entry) in capsys.readouterr().out
    assert entry.read_text() == SHUFFLED
    assert main(["fmt", str(entry)]) == 0
    assert entry.read_text() != SHUFFLED
    assert main(["fmt", "--check", str(entry)]) == 0


def test_diff_shows_the_change(tmp_path, capsys) -> None:
    entry = tmp_path / "x.yaml"
    entry.write_text("name: X\nid: x\nkind: model\n")
    assert main(["fmt", "--diff", str(entry)]) == 1
    out = capsys.readouterr().out
    assert "-name: X" in out and "+name: X" in out
    assert entry.read_text() == "name: X\nid: x\nkind: model\n"


@pytest.mark.parametrize(
    "text,code",
    [
        ("id: a\nid: b\n", "Y002"),
        ("id: [a\n", "Y001"),
        ("- a\n- b\n", "Y010"),
    ],
)
def test_files_that_do_not_load_are_left_alone_with_a_located_error(tmp_path, capsys, text, code):
    entry = tmp_path / "bad.yaml"
    entry.write_text(text)
    assert main(["fmt", str(entry)]) == 1
    err = capsys.readouterr().err
    assert code in err and str(entry) in err and "Traceback" not in err
    assert entry.read_text() == text
    with pytest.raises(FormatError):
        format_text(text)


def test_multiline_text_keeps_its_line_breaks() -> None:
    text = 'id: m\nkind: model\nname: M\nnotes: "line one\\nline two\\n"\n'
    out = format_text(text)
    assert "notes: |" in out
    assert _data(out) == _data(text)
    assert format_text(out) == out


def test_landed_entries_are_in_canonical_form(capsys) -> None:
    assert main(["fmt", "--check", str(ROOT / "entries")]) == 0, capsys.readouterr().out


HASH_IN_TEXT = """\
id: demo
kind: model
name: Demo # the name
description: A demo model.
released: 2024-01-01
sources:
  - url: https://example.org/demo
    title: "Open R1: Update #4 (a long title that runs on and on past the fold width of the file, \\
      and on and on)"
notes: |-
  A literal note with a # sign inside
  # and a line that starts with one.
"""


def test_a_hash_inside_text_is_not_taken_for_a_comment() -> None:
    """Folding a long title with " #4" in it, or a block of text with "#" lines, keeps them
    as text; the real comment stays a comment."""
    out = format_text(HASH_IN_TEXT, "demo.yaml")
    assert _data(out) == _data(HASH_IN_TEXT)
    assert "title: >-\n      Open R1: Update #4" in out
    assert "name: Demo # the name" in out


def test_comments_are_told_from_hashes_in_text() -> None:
    from registry.fmt import _comment_texts

    assert _comment_texts(HASH_IN_TEXT) == {"# the name": 1}
    folded = HASH_IN_TEXT.replace('    title: "Open', "    title: >-\n      Open").replace(
        'and on and on)"', "and on and on)"
    )
    assert _comment_texts(folded + "# closing\n") == {"# the name": 1, "# closing": 1}
