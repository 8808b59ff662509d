"""Human-written quantities (``7B``, ``1.2T``, ``806 GB``) turned into plain integers.

Entries are written by people, so sizes are accepted the way papers print them; everything
downstream (exports, sorting, charts) sees integers only.
"""

from __future__ import annotations

import re

from .terminal import shown

COUNT_SUFFIXES = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
BYTE_SUFFIXES = {
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "PB": 10**15,
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
    "PIB": 2**50,
}

_NUMBER = r"(?P<num>\d+(?:\.\d+)?)"
_COUNT_RE = re.compile(rf"^{_NUMBER}\s*(?P<unit>[KMBT]?)$", re.IGNORECASE)
_BYTES_RE = re.compile(rf"^{_NUMBER}\s*(?P<unit>[KMGTP]?I?B)$", re.IGNORECASE)


def _scaled(num: str, factor: int) -> int:
    # Decimal arithmetic on the digits avoids float artefacts such as 1.2T -> 1199999999999.
    whole, _, frac = num.partition(".")
    value = int(whole + frac) * factor
    scale = 10 ** len(frac)
    if value % scale:
        raise ValueError(f"{num} with this unit is not a whole number")
    return value // scale


def _parse(
    value: int | str, pattern: re.Pattern[str], factors: dict[str, int], example: str
) -> int:
    if isinstance(value, bool):
        raise ValueError(f"expected a value such as {example}, not true/false")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("must not be negative")
        return value
    text = str(value).strip().replace("_", "").replace(",", "")
    match = pattern.match(text)
    if not match:
        raise ValueError(f"{shown(value)} is not a value such as {example}")
    return _scaled(match["num"], factors[match["unit"].upper()])


def parse_count(value: int | str) -> int:
    """Parse a count such as ``7B``, ``175B``, ``1.2T``, ``52K`` or a plain integer.

    >>> parse_count("1.2T")
    1200000000000
    """
    return _parse(value, _COUNT_RE, COUNT_SUFFIXES, "7B, 1.2T, 52K or 7000000000")


def parse_bytes(value: int | str) -> int:
    """Parse a size such as ``806 GB``, ``6TB`` or ``38 TiB`` (decimal GB = 10**9).

    >>> parse_bytes("806 GB")
    806000000000
    """
    return _parse(value, _BYTES_RE, BYTE_SUFFIXES, "806 GB, 6 TB or 120GB")


def format_count(value: int) -> str:
    """Write a count the way papers do: 7000000000 -> ``7B``, 1500000000 -> ``1.5B``."""
    for suffix in ("T", "B", "M", "K"):
        factor = COUNT_SUFFIXES[suffix]
        if value >= factor:
            text = f"{value / factor:.3f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return str(value)


def format_bytes(value: int) -> str:
    """Write a byte size with decimal units: 806000000000 -> ``806 GB``."""
    for suffix in ("PB", "TB", "GB", "MB", "KB"):
        factor = BYTE_SUFFIXES[suffix]
        if value >= factor:
            text = f"{value / factor:.2f}".rstrip("0").rstrip(".")
            return f"{text} {suffix}"
    return f"{value} B"


class ModelSize(int):
    """A model's size: the total parameter count (the int itself) and, for a mixture of
    experts, the parameters active per token.

    It is an ``int`` so that everything written for dense sizes (sorting, comparing with an
    edge's ``size``, formatting) keeps working on totals; ``active`` is None for a dense model.

    >>> size = parse_model_size("235B-A22B")
    >>> int(size), size.active
    (235000000000, 22000000000)
    """

    active: int | None

    def __new__(cls, total: int, active: int | None = None) -> ModelSize:
        if active is not None and active > total:
            raise ValueError(
                f"{format_count(active)} active parameters exceed the total {format_count(total)}"
            )
        size = super().__new__(cls, total)
        size.active = active
        return size

    def __reduce__(self) -> tuple[type[ModelSize], tuple[int, int | None]]:
        return ModelSize, (int(self), self.active)

    @property
    def total(self) -> int:
        return int(self)


_MOE_RE = re.compile(r"^(?P<total>[^-\s]+)\s*-\s*A(?P<active>[^-\s]+)$", re.IGNORECASE)


def parse_model_size(value: object) -> ModelSize:
    """Parse a dense count (``7B``, ``7000000000``) or a mixture-of-experts size: ``235B-A22B``
    or ``{total: 235B, active: 22B}`` (total parameters, and those active per token).

    >>> parse_model_size({"total": "46.7B", "active": "12.9B"}).active
    12900000000
    """
    if isinstance(value, ModelSize):
        return value
    if isinstance(value, dict):
        unknown = set(value) - {"total", "active"}
        if unknown or "total" not in value:
            raise ValueError("a mixture-of-experts size is {total: 235B, active: 22B}")
        active = value.get("active")
        return ModelSize(
            parse_count(value["total"]), None if active is None else parse_count(active)
        )
    if isinstance(value, str):
        match = _MOE_RE.match(value.strip())
        if match:
            return ModelSize(parse_count(match["total"]), parse_count(match["active"]))
        try:
            return ModelSize(parse_count(value))
        except ValueError:
            raise ValueError(
                f"{value!r} is not a size such as 7B, 1.5B or 235B-A22B (total, then A and the "
                "parameters active per token)"
            ) from None
    if isinstance(value, int):
        return ModelSize(parse_count(value))
    raise ValueError("expected a size such as 7B, 235B-A22B or {total: 235B, active: 22B}")


def format_model_size(size: int) -> str:
    """``235B-A22B`` for a mixture of experts, ``7B`` for a dense size."""
    active = getattr(size, "active", None)
    text = format_count(int(size))
    return f"{text}-A{format_count(active)}" if active is not None else text
