"""Placeholder: this command is being written (see the issue that owns it)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this command's parser (none yet)."""
