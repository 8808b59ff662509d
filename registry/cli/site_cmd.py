"""``build`` and ``serve``: the static site (validate, generate, ``mkdocs build --strict``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_entries_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="validate the entries and build the static site")
    p.add_argument("--site-dir", type=Path, help="where to write the site (default: site/)")
    add_entries_option(p)
    p.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    p.set_defaults(func=run_build)

    p = sub.add_parser("serve", help="preview the site; editing an entry reloads its page")
    add_entries_option(p)
    p.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    p.set_defaults(func=run_serve)


def run_build(args: argparse.Namespace) -> int:
    from site_gen.build import build

    return build(args.entries, args.site_dir, args.config_file)


def run_serve(args: argparse.Namespace) -> int:
    from site_gen.build import serve

    return serve(args.entries, args.config_file, args.dev_addr)
