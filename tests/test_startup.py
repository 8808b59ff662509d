"""What `llm-registry validate` loads to start: the pre-commit hook runs it on every commit, so
the sub-commands it does not run must not cost it their imports (issue 10)."""

from __future__ import annotations

import subprocess
import sys

from registry.cli import build_parser
from registry.cli.links_cmd import DEFAULT_CACHE_TEXT
from registry.links.config import DEFAULT_CACHE


def test_the_help_names_the_link_caches_default() -> None:
    assert str(DEFAULT_CACHE) == DEFAULT_CACHE_TEXT
    help_text = build_parser()._subparsers._group_actions[0].choices["check-links"].format_help()
    assert DEFAULT_CACHE_TEXT in help_text


def test_the_cli_starts_without_the_link_checkers_settings() -> None:
    code = (
        "import sys; from registry.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('registry.links.config', "
        "'registry.links.sources', 'tomllib'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_help_lists_every_command() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in ("validate", "rules", "schema", "check-links", "check-facts", "fmt", "new"):
        assert name in commands
