"""The link checker: URLs of entries and of the built site, checked politely and safely.

>>> from registry.links import LinkOptions, check, from_url_list   # doctest: +SKIP
>>> run = check(from_url_list("urls.txt"), LinkOptions(per_host=2))  # doctest: +SKIP
>>> [(r.url, r.verdict) for r in run.results]                       # doctest: +SKIP

Modules: :mod:`.sources` and :mod:`.site` (where URLs come from), :mod:`.safety` (addresses
refused at every hop), :mod:`.pool` (per-host politeness), :mod:`.fetch` (one request per
step), :mod:`.verdicts`, :mod:`.cache`, :mod:`.history`, :mod:`.report`, :mod:`.config`.
"""

from .cache import Cache
from .checker import Run, check, url_key
from .config import DEFAULT_CACHE, ConfigError, HostPolicy, LinkOptions, load_config
from .history import History
from .report import FORMATS
from .safety import AddressGuard
from .site import SiteLinks, site_links
from .sources import (
    SourceError,
    Target,
    added_urls,
    changed_since,
    from_entry_paths,
    from_registry,
    from_url_list,
)
from .verdicts import Result, Source, Verdict

__all__ = [
    "DEFAULT_CACHE",
    "FORMATS",
    "AddressGuard",
    "Cache",
    "ConfigError",
    "History",
    "HostPolicy",
    "LinkOptions",
    "Result",
    "Run",
    "SiteLinks",
    "Source",
    "SourceError",
    "Target",
    "Verdict",
    "added_urls",
    "changed_since",
    "check",
    "from_entry_paths",
    "from_registry",
    "from_url_list",
    "load_config",
    "site_links",
    "url_key",
]
