"""Loading a registry: from the load cache when nothing changed, else validated afresh.

This module sits above both :mod:`registry.validation` and :mod:`registry.cache` and is the only
one that uses both: validation knows nothing of the cache, and the cache nothing of validation.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection
from pathlib import Path

from . import cache as registry_cache
from . import packaged
from .store import Registry
from .validation import InvalidRegistryError, Report, validate


def load(
    path: str | Path | None = None, *, cache: bool = True, cache_dir: str | Path | None = None
) -> Registry:
    """Load a registry, raising :class:`InvalidRegistryError` if any entry has an error.

    Without ``path``: ``entries/`` in the working directory if there is one, else the data
    installed with the package (:mod:`registry.packaged`). With ``cache`` (the default), an
    unchanged registry is read from the cache of its last load (see :mod:`registry.cache`)
    instead of being parsed and validated again.
    """
    if path is None:
        if not os.path.isdir("entries"):
            return packaged.load()
        path = "entries"
    if cache:
        cached = registry_cache.read(path, cache_dir)
        if cached is not None:
            return cached
    report = validate_folder(path, cache=cache, cache_dir=cache_dir)
    if report.errors:
        raise InvalidRegistryError(report.findings, report.files)
    return report.registry


def validate_folder(
    path: str | Path,
    *,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    last: Collection[str] = (),
) -> Report:
    """Validate one entries folder; if it has no errors, remember it in the load cache, so the
    next :func:`load` (the site build's, for one) does not parse it again. ``last``: files
    checked after the others (see :func:`registry.validate`)."""
    report = validate([path], last=last)
    if cache and not report.errors:
        with contextlib.suppress(OSError):  # a read-only checkout still loads, uncached
            registry_cache.write(path, report.registry, cache_dir)
    return report
