"""LLM Registry: typed, validated entries for LLM resources and the lineage between them.

>>> import registry
>>> reg = registry.load()                     # doctest: +SKIP
>>> reg.lineage.path("llama", "llava")        # doctest: +SKIP
['llama', 'vicuna', 'llava']

``load()`` reads ``entries/`` in the working directory, or else the validated snapshot of the
data installed with the package; ``load("path/to/entries")`` reads a folder; ``reg.snapshot``
says which data it holds (version, date, commit).

The names below are imported on first use (PEP 562), so commands that do not need the schema
(``check-links --urls``, ``--help``) start without building it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .findings import Finding, Severity
    from .loading import load
    from .schema import Dataset, Library, Model, Organization
    from .store import Registry, UnknownEntryError
    from .validation import InvalidRegistryError, Report, validate

_WHERE = {
    "Finding": "findings",
    "Severity": "findings",
    "Dataset": "schema",
    "Library": "schema",
    "Model": "schema",
    "Organization": "schema",
    "Registry": "store",
    "UnknownEntryError": "store",
    "InvalidRegistryError": "validation",
    "Report": "validation",
    "load": "loading",
    "validate": "validation",
}

__all__ = [
    "Dataset",
    "Finding",
    "InvalidRegistryError",
    "Library",
    "Model",
    "Organization",
    "Registry",
    "Report",
    "Severity",
    "UnknownEntryError",
    "load",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        try:  # a submodule, reached as an attribute (registry.lineage, ...)
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError:
            raise AttributeError(f"module 'registry' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
