"""Human-written quantities (``7B``, ``1.2T``, ``806 GB``) turned into plain integers.

Entries are written by people, so sizes are accepted the way papers print them; everything
downstream (exports, sorting, charts) sees integers only.
"""

from __future__ import annotations

import re

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
        raise ValueError(f"{value!r} is not a value such as {example}")
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
