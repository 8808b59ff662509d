"""The sane range of every number and date an entry holds, so that absurd values (a 5,000-digit
token count, 10**400 parameters, a model released in 2999) are located errors at validation,
not a crash in the site build or an exporter.

The bounds are generous: each is far beyond any real resource, and only exists so that what
passes validation can be printed, sorted, charted and converted to a float safely. The rule
reference (rules S011 and S012) states them; :data:`COUNT_BOUNDS` is the one place they live.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pydantic_core import PydanticCustomError

from .terminal import shown
from .units import ModelSize, parse_count, parse_model_size

# Longer runs of digits are refused before Python is asked to convert them (it refuses more
# than 4,300 digits itself, with an exception instead of a finding).
MAX_DIGITS = 30

# field kind -> (least, greatest) value; every count is at least 1.
COUNT_BOUNDS: dict[str, tuple[int, int]] = {
    "parameters": (1, 10**15),  # 1,000T: a thousand times the largest model announced
    "count": (1, 10**16),  # tokens, documents, instances: 10,000T
    "bytes": (1, 10**19),  # 10 EB, thousands of times the whole of Common Crawl
    "context_length": (1, 10**9),  # a billion tokens of context
}
COUNT_NAMES = {
    "parameters": "parameter count",
    "count": "count of tokens, documents or instances",
    "bytes": "size in bytes",
    "context_length": "context length",
}

EARLIEST_RELEASE = datetime.date(1940, 1, 1)  # before any electronic computer held a corpus
RELEASE_LEAD = datetime.timedelta(days=366)  # announced releases: up to a year from today

COUNT_CODE = "count_out_of_range"  # pydantic error types, turned into S011 and S012
DATE_CODE = "date_out_of_range"


def bounds_text() -> str:
    """The bounds in words, for the rule reference."""
    parts = [f"{COUNT_NAMES[k]} 10^{len(str(high)) - 1}" for k, (_, high) in COUNT_BOUNDS.items()]
    return "at least 1 and at most: " + "; ".join(parts)


def count_digits(value: Any) -> int:
    """How many digits a number is written with, without converting a huge integer to text
    (Python refuses to for more than 4,300 digits); 0 for what is not a number, and for text
    too short to hold more than :data:`MAX_DIGITS` digits."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return len(str(abs(value))) if value.bit_length() < 13_000 else 4_000
    if isinstance(value, str):
        return sum(ch.isdigit() for ch in value) if len(value) > MAX_DIGITS else 0
    return 0


def bounded(value: int, kind: str) -> int:
    """``value`` if it is within the bounds of ``kind``, else a count-out-of-range error."""
    low, high = COUNT_BOUNDS[kind]
    if value < low:
        raise PydanticCustomError(
            COUNT_CODE, "{value} is not a {what}: it must be at least {low}", _ctx(kind, value)
        )
    if value > high:
        raise PydanticCustomError(
            COUNT_CODE,
            "{value} is more than {high}, beyond any real {what}",
            _ctx(kind, value),
        )
    return value


def _ctx(kind: str, value: int) -> dict[str, Any]:
    low, high = COUNT_BOUNDS[kind]
    return {"value": f"{value:,}", "what": COUNT_NAMES[kind], "low": low, "high": f"{high:,}"}


def count(value: Any, kind: str = "count", parse: Callable[[Any], int] = parse_count) -> int:
    """Parse a count (``7B``, ``1.2T``, an integer; or a byte size with ``parse_bytes``) and
    check it against the bounds of ``kind``."""
    return (_count_text if type(value) is str else _count)(value, kind, parse)


def _count(value: Any, kind: str, parse: Callable[[Any], int]) -> int:
    digits = count_digits(value)
    if digits > MAX_DIGITS:
        raise PydanticCustomError(
            COUNT_CODE,
            "a number of {digits} digits is beyond any real {what} (at most {high})",
            {"digits": f"{digits:,}", "what": COUNT_NAMES[kind], "high": _ctx(kind, 0)["high"]},
        )
    return bounded(parse(value), kind)


def model_size(value: Any) -> ModelSize:
    """Parse a model size (``7B``, ``235B-A22B``, ``{total: 235B, active: 22B}``) and check its
    total and active counts against the parameter bounds."""
    return (_model_size_text if type(value) is str else _model_size)(value)


def _model_size(value: Any) -> ModelSize:
    parts = list(value.values()) if isinstance(value, dict) else [value]
    for part in parts:
        if count_digits(part) > MAX_DIGITS or isinstance(value, dict):
            count(part, "parameters")  # each part of {total, active} within the bounds
    size = parse_model_size(value)
    bounded(int(size), "parameters")
    if size.active is not None:
        bounded(size.active, "parameters")
    return size


# Sizes and counts written as text are parsed once: a registry writes the same few ("7B",
# "1T") thousands of times. The cache keeps only values that passed (an error is raised anew
# each time) and is bounded, so a long-lived process does not grow without end.
_count_text = lru_cache(maxsize=1 << 14)(_count)
_model_size_text = lru_cache(maxsize=1 << 14)(_model_size)


def whole_number(value: Any, kind: str) -> int:
    """A plain integer (no unit suffix) within the bounds of ``kind``."""
    if count_digits(value) > MAX_DIGITS:
        return count(value, kind)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"expected a whole number such as 2048, not {shown(value)}")
    if isinstance(value, str):
        if not value.strip().isdigit():
            raise ValueError(f"{shown(value)} is not a whole number such as 2048")
        value = int(value.strip())
    return bounded(value, kind)


def period(date: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a date of any precision (``2023``, ``2023-03``, ``2023-03-13``)
    can mean; the date must already be well formed."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    if len(parts) == 3:
        day = datetime.date(year, parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        last = calendar.monthrange(year, parts[1])[1]
        return datetime.date(year, parts[1], 1), datetime.date(year, parts[1], last)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def latest_release(today: datetime.date | None = None) -> datetime.date:
    return (today or datetime.date.today()) + RELEASE_LEAD


def check_release(date: str, today: datetime.date | None = None) -> str:
    """``date`` if it lies between :data:`EARLIEST_RELEASE` and a year from today."""
    year = int(date[:4])
    latest = latest_release(today)
    if EARLIEST_RELEASE.year < year < latest.year:
        return date  # the common case: no day of the period can be out of bounds
    if year < EARLIEST_RELEASE.year or period(date)[1] < EARLIEST_RELEASE:
        raise PydanticCustomError(
            DATE_CODE,
            "{date} is before {earliest}, earlier than any resource the registry holds",
            {"date": date, "earliest": EARLIEST_RELEASE.isoformat()},
        )
    if year > latest.year or period(date)[0] > latest:
        raise PydanticCustomError(
            DATE_CODE,
            "{date} is more than a year from today (the latest date accepted is {latest})",
            {"date": date, "latest": latest.isoformat()},
        )
    return date
