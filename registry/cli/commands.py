"""The list of sub-command modules, in the order ``--help`` shows them.

One module per command group; each has ``register(subparsers)``.
"""

from __future__ import annotations

from . import (
    facts_cmd,
    fmt_cmd,
    import_cmd,
    lineage_cmd,
    links_cmd,
    new_cmd,
    site_cmd,
    validate_cmd,
)

MODULES = [
    validate_cmd,
    lineage_cmd,
    links_cmd,
    facts_cmd,
    site_cmd,
    new_cmd,
    fmt_cmd,
    import_cmd,
]
