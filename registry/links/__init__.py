"""The link checker: URLs of entries and of the built site, checked politely and safely.

>>> from registry.links import LinkOptions, check, from_url_list   # doctest: +SKIP
>>> run = check(from_url_list("urls.txt"), LinkOptions(per_host=2))  # doctest: +SKIP
>>> [(r.url, r.verdict) for r in run.results]                       # doctest: +SKIP

Modules: :mod:`.sources` and :mod:`.site` (where URLs come from), :mod:`.safety` (addresses
refused at every hop), :mod:`.pool` (per-host politeness), :mod:`.fetch` (one request per
step), :mod:`.checker` (the whole run), :mod:`.verdicts`, :mod:`.cache`, :mod:`.history`,
:mod:`.report`, :mod:`.config`.

Names are imported on first use: ``requests`` and the network code load only when a check
runs, so every other ``llm-registry`` command starts without them.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Cache": "cache",
    "Run": "checker",
    "check": "checker",
    "fetch_jobs": "checker",
    "Job": "fetch",
    "url_key": "checker",
    "DEFAULT_CACHE": "config",
    "ConfigError": "config",
    "HostPolicy": "config",
    "LinkOptions": "config",
    "load_config": "config",
    "History": "history",
    "FORMATS": "report",
    "AddressGuard": "safety",
    "SiteLinks": "site",
    "site_links": "site",
    "SourceError": "sources",
    "Target": "sources",
    "added_urls": "sources",
    "changed_since": "sources",
    "from_entry_paths": "sources",
    "from_registry": "sources",
    "from_url_list": "sources",
    "Result": "verdicts",
    "Source": "verdicts",
    "Verdict": "verdicts",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
