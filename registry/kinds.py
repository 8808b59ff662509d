"""The four kinds of entry and their folders: constants the CLI needs without the schema."""

from __future__ import annotations

ENTRY_SUFFIXES = (".yaml", ".yml")
KINDS = ("model", "dataset", "library", "organization")
FOLDERS = {
    "model": "models",
    "dataset": "datasets",
    "library": "libraries",
    "organization": "organizations",
}
