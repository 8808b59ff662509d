"""The facts of an entry as display strings, shared by entry pages and index tables.

A fact that is not known is left out (never shown as a guess); sizes are written the way papers
print them (7B, 806 GB) from the integers the schema stores.
"""

from __future__ import annotations

import re

from registry.licenses import LICENSES
from registry.schema import AnyEntry, Dataset, Library, Model, Organization
from registry.units import format_bytes, format_count

NOT_DISCLOSED = "not disclosed"


def model_size(size: int) -> str:
    """One size as shown: ``7B``, or ``235B (22B active)`` for a mixture of experts (the
    total first, so a reader or the table script reading the number gets the total)."""
    active = getattr(size, "active", None)
    total = format_count(int(size))
    return f"{total} ({format_count(active)} active)" if active is not None else total


def undisclosed_size(entry: AnyEntry) -> bool:
    """A closed or API-only model whose lab has stated no size: say so, never show a number."""
    return isinstance(entry, Model) and not entry.parameters and entry.access in ("api", "closed")


def size_range(sizes: list[int]) -> str:
    """A model's sizes as one short range, smallest to largest total (``8B–540B``); every size
    is in :func:`sizes`. Spaced when a size is more than a number (``30B – 235B (22B
    active)``)."""
    if not sizes:
        return ""
    low, high = min(sizes, key=int), max(sizes, key=int)
    if len(sizes) == 1 or int(low) == int(high):
        return model_size(high)
    first, last = model_size(low), model_size(high)
    dash = " – " if " " in first + last else "–"
    return f"{first}{dash}{last}"


def largest_size(entry: AnyEntry) -> int | None:
    """The largest total parameter count of a model (what its size is sorted by)."""
    if isinstance(entry, Model) and entry.parameters:
        return max(int(p) for p in entry.parameters)
    return None


def sizes(entry: AnyEntry) -> str:
    """A model's sizes (``7B, 13B``, ``235B (22B active)``), ``not disclosed`` for a closed
    model without one, or a dataset's volume (``806 GB``); empty if unknown."""
    if isinstance(entry, Model):
        if undisclosed_size(entry):
            return NOT_DISCLOSED
        return ", ".join(model_size(p) for p in entry.parameters)
    if isinstance(entry, Dataset) and entry.size is not None:
        return dataset_size(entry)
    return ""


def dataset_size(entry: Dataset) -> str:
    if entry.size is None:
        return ""
    parts = []
    if entry.size.bytes is not None:
        parts.append(format_bytes(entry.size.bytes))
    if entry.size.tokens is not None:
        parts.append(f"{format_count(entry.size.tokens)} tokens")
    if entry.size.documents is not None:
        parts.append(f"{format_count(entry.size.documents)} documents")
    if entry.size.instances is not None:
        parts.append(f"{format_count(entry.size.instances)} instances")
    return ", ".join(parts)


def license_short(license_id: str) -> str:
    """A licence's short name for narrow places such as table cells. SPDX ids (mixed case, by
    the convention of :mod:`registry.licenses`) are themselves what people call the licence
    (``Apache-2.0``); the registry's own lowercase ids get the name before its comment
    (``LLaMA non-commercial research licence`` for ``llama-license``)."""
    known = LICENSES.get(license_id)
    if known is None or license_id != license_id.lower():
        return license_id
    return re.split(r" \(|[:;] ", known.name, maxsplit=1)[0]


def license_text(license_id: str | None) -> str:
    """The licence's name with its id, e.g. ``Apache License 2.0 (Apache-2.0)``."""
    if not license_id:
        return ""
    known = LICENSES.get(license_id)
    return f"{known.name} ({license_id})" if known else license_id


def kind_facts(entry: AnyEntry) -> list[tuple[str, str]]:
    """Label and value (unescaped text) of each known kind-specific fact, in reading order."""
    rows: list[tuple[str, str]] = []
    if isinstance(entry, Model):
        rows += [
            ("Parameters", sizes(entry)),
            ("Architecture", entry.architecture or ""),
            ("Context length", f"{entry.context_length:,}" if entry.context_length else ""),
            (
                "Training tokens",
                format_count(entry.training_tokens) if entry.training_tokens else "",
            ),
        ]
    elif isinstance(entry, Dataset):
        rows += [
            ("Category", entry.category or ""),
            ("Size", dataset_size(entry)),
            ("Languages", ", ".join(entry.languages)),
        ]
    elif isinstance(entry, Library):
        rows += [
            ("Language", ", ".join(entry.language)),
            ("Provides", "; ".join(entry.provides)),
        ]
    elif isinstance(entry, Organization):
        rows += [("Type", entry.type or ""), ("Country", entry.country or "")]
    rows += [
        ("Licence", license_text(entry.license)),
        ("Access", entry.access or ""),
        ("Modalities", ", ".join(entry.modalities)),
        ("Domains", ", ".join(entry.domains)),
    ]
    return [(label, value) for label, value in rows if value]
