"""``llm-registry new``: skeletons that validate, at the right path, refusing names already used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry import validate
from registry.cli import main
from registry.fmt import format_text
from registry.scaffold import slugify

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's entries and schemas, as a contributor's checkout would be."""
    shutil.copytree(ROOT / "entries", tmp_path / "entries")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _errors_in(path: Path) -> list:
    report = validate(["entries"])
    return [f for f in report.errors if Path(f.path).resolve() == path.resolve()]


def test_new_model_without_a_terminal_writes_a_valid_skeleton(repo: Path, capsys) -> None:
    assert main(["new", "model", "Test Model"]) == 0
    path = repo / "entries" / "models" / "test-model.yaml"
    assert capsys.readouterr().out.strip() == str(Path("entries/models/test-model.yaml"))
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/model.schema.json\n")
    assert "id: test-model\nkind: model\nname: Test Model\n" in text
    assert "# lineage:" in text and "# sources:" in text  # optional fields, commented
    assert _errors_in(path) == []
    assert format_text(text, str(path)) == text  # already in canonical form


def test_flags_become_fields(repo: Path) -> None:
    args = [
        "new",
        "dataset",
        "Example Corpus",
        "--alias",
        "ExCorp",
        "--released",
        "2023-03",
        "--organization",
        "meta-ai",
        "--license",
        "cc-by-4.0",
        "--source",
        "https://example.org/corpus",
        "--description",
        "A corpus for tests.",
    ]
    assert main(args) == 0
    path = repo / "entries" / "datasets" / "example-corpus.yaml"
    data = validate([path]).registry.get("example-corpus")
    assert data.aliases == ["ExCorp"] and data.released == "2023-03"
    assert data.license == "CC-BY-4.0"  # the licence's canonical spelling
    assert data.organizations == ["meta-ai"]
    assert _errors_in(path) == []


@pytest.mark.parametrize(
    "argv", [["new", "model", "LLaMa"], ["new", "model", "X", "--alias", "llama 1"]]
)
def test_refuses_a_name_or_alias_in_use_and_names_the_entry(repo: Path, capsys, argv) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "'llama'" in err and "llama.yaml" in err
    assert not (repo / "entries" / "models" / "x.yaml").exists()


def test_bad_values_are_reported_with_their_line_and_nothing_is_written(repo: Path, capsys) -> None:
    assert (
        main(["new", "model", "Some Model", "--released", "March 2023", "--organization", "nobody"])
        == 1
    )
    err = capsys.readouterr().err
    assert "error[S003] released: 'March 2023'" in err
    assert "error[R003]" in err and "'nobody'" in err
    assert not (repo / "entries" / "models" / "some-model.yaml").exists()


def test_asks_for_fields_on_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["A model used by a test.", "meta-ai", "2024", "", "https://example.org/m"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["new", "model", "Prompted Model"]) == 0
    entry = validate(["entries"]).registry.get("prompted-model")
    assert entry.description == "A model used by a test."
    assert entry.released == "2024" and entry.organizations == ["meta-ai"]
    assert entry.license is None
    assert [s.url for s in entry.sources] == ["https://example.org/m"]


def test_no_entries_folder_is_a_usage_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "model", "Anything"]) == 2
    assert "no entries folder" in capsys.readouterr().err


def test_slugs() -> None:
    assert slugify("Alpaca-LoRA") == "alpaca-lora"
    assert slugify("GPT-3.5 Turbo") == "gpt-3.5-turbo"
    assert slugify("  Chinese  LLaMA_2 ") == "chinese-llama-2"
