"""The list of sub-command modules, in the order ``--help`` shows them."""

from __future__ import annotations

from . import validate_cmd

MODULES = [validate_cmd]
