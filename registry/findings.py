"""A finding: one problem in one file, at a line and column, under a stable rule code."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located. Ordered by file, line and column so output reads top to bottom."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    hint: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def display_path(path: str | Path, cwd: str | None = None) -> str:
    """A path as a contributor would type it: relative to the working directory when inside it.

    Pure string work (no ``resolve``): it runs once per file on every validation.
    """
    text = str(path)
    if not os.path.isabs(text):
        return text
    base = (cwd or os.getcwd()).rstrip(os.sep) + os.sep
    return text[len(base) :] if text.startswith(base) else text
