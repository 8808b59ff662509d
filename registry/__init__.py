"""LLM Registry: typed, validated entries for LLM resources and the lineage between them.

>>> import registry
>>> reg = registry.load("entries")            # doctest: +SKIP
>>> reg.lineage.path("llama", "llava")        # doctest: +SKIP
['llama', 'vicuna', 'llava']
"""

from .findings import Finding, Severity
from .schema import Dataset, Library, Model, Organization
from .store import Registry, UnknownEntryError
from .validate import InvalidRegistryError, Report, load, validate

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
