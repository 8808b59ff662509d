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

# Ids that would collide with what the site writes in a kind's folder: its index page
# (models/index.md, built as models/index.html). site_gen's tests keep this list complete.
RESERVED_IDS = frozenset({"index", "index.html"})
