"""Building the site as one step: validate the entries, then run ``mkdocs build --strict`` (whose
hook generates the pages). The CLI's ``build`` and ``serve`` commands are thin layers over this.

MkDocs runs as its own process so its logging, strict mode and exit status are exactly those of
``mkdocs build``; the hook learns where the entries are from the environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from registry.loading import validate_folder
from registry.report import FORMATS

from .mkdocs_hook import ENTRIES_ENV, GENERATED_ENV


def mkdocs_env(entries: Path, generated_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env[ENTRIES_ENV] = str(Path(entries).resolve())
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the notice is in design.md; keep logs readable
    if generated_dir is not None:
        env[GENERATED_ENV] = str(Path(generated_dir).resolve())
    return env


def check_entries(entries: Path) -> bool:
    """Validate; print the findings (path:line:col) and return False if there are errors.

    A clean registry is cached, so the MkDocs hook's ``registry.load`` does not parse it again.
    """
    report = validate_folder(entries)
    if report.findings:
        print(FORMATS["text"](report.findings, report.files), file=sys.stderr)
    return not report.errors


def build(
    entries: Path = Path("entries"),
    site_dir: Path | None = None,
    config_file: Path = Path("mkdocs.yml"),
    generated_dir: Path | None = None,
) -> int:
    """Validate, generate and build; the exit status of the first step that fails."""
    if not Path(entries).is_dir():
        print(f"llm-registry build: no entries folder at {entries}", file=sys.stderr)
        return 2
    if not Path(config_file).is_file():
        print(f"llm-registry build: no MkDocs configuration at {config_file}", file=sys.stderr)
        return 2
    if not check_entries(entries):
        return 1
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    if site_dir is not None:
        command += ["-d", str(Path(site_dir).resolve())]
    done = subprocess.run(command, env=mkdocs_env(entries, generated_dir), check=False)
    return 0 if done.returncode == 0 else 1


def serve(
    entries: Path = Path("entries"),
    config_file: Path = Path("mkdocs.yml"),
    dev_addr: str = "127.0.0.1:8000",
) -> int:
    """``mkdocs serve`` with live reload on entry edits (the hook watches the entries).

    The process becomes ``mkdocs serve`` (exec, not a child), so stopping it stops the server:
    a child would outlive a terminated parent and keep rewriting the generated pages.
    """
    if not check_entries(entries):
        return 1
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", dev_addr]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, mkdocs_env(entries))
