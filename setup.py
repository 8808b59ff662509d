"""The wheel carries a validated snapshot of entries/ (see registry/packaged.py).

setuptools reads everything else from pyproject.toml; this file adds only the step that writes
the snapshot: into the build tree of a wheel, and into the tree of a source distribution (which
carries the snapshot instead of the entries, and has no git history to date the data with).
A development install (``pip install -e .``) reads entries/ and carries no snapshot.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
SNAPSHOT = Path("registry", "data", "snapshot.json")


def write_snapshot(target: Path) -> None:
    """Validate entries/ with this tree's own code and write the snapshot; errors fail the build."""
    sys.path.insert(0, str(ROOT))
    from registry.packaged import build_snapshot

    snapshot = build_snapshot(ROOT / "entries", target)
    print(f"llm-registry: {snapshot.describe()} -> {target}")


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / SNAPSHOT
        if (ROOT / "entries").is_dir():
            write_snapshot(target)
        elif not target.is_file():
            raise SystemExit("llm-registry: neither entries/ nor a data snapshot to package")


class Sdist(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        write_snapshot(Path(base_dir) / SNAPSHOT)


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
