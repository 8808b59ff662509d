"""``check-links``: are the links of the entries and of the built site still alive?

Exit 0 when no link is broken, 1 when one is (or, with ``--strict``, unverifiable), 2 for a usage
error. Settings come from ``[tool.llm-registry.links]`` in pyproject.toml; flags override them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import display_path
from ..kinds import ENTRY_SUFFIXES
from ..links.report import FORMATS
from .common import load_history, progress_for

if TYPE_CHECKING:
    from ..links.config import LinkOptions
    from ..links.sources import Target

# The default of --cache, for the help (links.config, read by the run only, holds the value;
# a test keeps them equal): `validate` need not import the link checker's settings to start.
DEFAULT_CACHE_TEXT = ".cache/llm-registry/links.json"

EXIT_OK, EXIT_BROKEN, EXIT_USAGE = 0, 1, 2


# Numeric settings that override pyproject.toml: flag, type, metavar, help.
_TUNING = [
    ("--per-host", int, "N", "concurrent requests per host (default 2)"),
    ("--interval", float, "S", "seconds between two requests to one host (default 0.25)"),
    ("--workers", int, "N", "requests in flight at once over all hosts (default 16)"),
    (
        "--processes",
        int,
        "N",
        "share the hosts among N processes, for long lists of fast hosts (default 1)",
    ),
    (
        "--timeout",
        float,
        "S",
        "seconds a link may take in all: connect, TLS, headers and body, over its retries "
        "and redirect hops (default 10)",
    ),
    ("--retries", int, "N", "retries after 429, 5xx, timeouts and resets (default 2)"),
    ("--backoff", float, "S", "first retry delay, doubled each time (default 1)"),
    ("--retry-after-cap", float, "S", "longest Retry-After honoured (default 60)"),
    (
        "--budget",
        float,
        "S",
        "total seconds; it ends the requests in flight, and what is left is "
        "'unverifiable (deferred)' (default 600)",
    ),
]


def _positive(kind: type):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text!r} is negative")
        return value

    return parse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-links",
        help="check the links of the entries and of the built site",
        description="Check the URLs of entries (default: entries/), of a built site, of a list, "
        "or only those a change adds. Only broken links (404, 410, a name that does not "
        "exist, a redirect loop) fail the run; bot walls, rate limits and timeouts are "
        "'unverifiable' and fail it only with --strict.",
    )
    what = p.add_argument_group("what to check")
    what.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="entry files or folders (default: entries/, unless another source is given); "
        "with --since, the folders whose changed files count",
    )
    what.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="a built site: internal links and #anchors checked on disk",
    )
    what.add_argument("--urls", metavar="FILE", help="a list of URLs, one a line ('-': stdin)")
    what.add_argument(
        "--changed",
        nargs="+",
        metavar="FILE",
        help="only these entry files (with --since: only the URLs they add)",
    )
    what.add_argument(
        "--since",
        metavar="GIT_REF",
        help="only the URLs that entry files changed since GIT_REF add",
    )
    how = p.add_argument_group("how to check (override pyproject.toml)")
    how.add_argument(
        "--config",
        type=Path,
        metavar="PYPROJECT",
        help="read [tool.llm-registry.links] here (default: ./pyproject.toml)",
    )
    how.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="let this host (or address) through the private-address refusal",
    )
    how.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="REGEX",
        help="skip URLs matching this regular expression",
    )
    for flag, kind, metavar, help_text in _TUNING:
        how.add_argument(flag, type=_positive(kind), metavar=metavar, help=help_text)
    store = p.add_argument_group("memory between runs")
    store.add_argument(
        "--cache", type=Path, metavar="PATH", help=f"verdict cache (default {DEFAULT_CACHE_TEXT})"
    )
    store.add_argument("--no-cache", action="store_true", help="neither read nor write a cache")
    store.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help="for scheduled runs: count broken streaks in this file",
    )
    store.add_argument(
        "--broken-after",
        type=_positive(int),
        default=3,
        metavar="K",
        help="with --history: broken only after K runs in a row (default 3)",
    )
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=sorted(FORMATS), default="text")
    out.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the report here instead of stdout"
    )
    out.add_argument("--strict", action="store_true", help="unverifiable links fail the run too")
    out.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on a terminal, never under CI)",
    )
    p.set_defaults(func=run_check_links)


def _options(args: argparse.Namespace) -> tuple[LinkOptions, Path | None]:
    from ..links.config import ConfigError, load_config

    options, configured_cache = load_config(args.config)
    flags = {
        "per_host": args.per_host,
        "interval": args.interval,
        "workers": args.workers,
        "processes": args.processes,
        "timeout": args.timeout,
        "retries": args.retries,
        "backoff": args.backoff,
        "retry_after_cap": args.retry_after_cap,
        "budget": args.budget,
    }
    changes = {k: v for k, v in flags.items() if v is not None}
    if args.exclude:
        changes["exclude"] = options.exclude + tuple(args.exclude)
    if args.allow_host:
        changes["allow_hosts"] = frozenset(h.lower() for h in args.allow_host)
    if 0 in (changes.get("per_host"), changes.get("workers"), changes.get("processes")):
        raise ConfigError("--per-host, --workers and --processes must be at least 1")
    return replace(options, **changes), configured_cache


def _targets(args: argparse.Namespace) -> tuple[list[Target], list[str]]:
    from ..links.sources import added_urls, changed_since, from_entry_paths, from_url_list

    targets: list[Target] = []
    problems: list[str] = []
    if args.changed or args.since:
        if args.changed:  # a deleted file or a non-entry file adds no URL: not an error
            files = [f for f in args.changed if f.endswith(ENTRY_SUFFIXES) and Path(f).is_file()]
        else:
            files = changed_since(args.since, args.paths or ["entries"])
        found, unreadable = added_urls(files, args.since)
        targets += found
        problems += unreadable
    if args.urls:
        targets += from_url_list(args.urls)
    default = not (args.changed or args.since or args.urls or args.site)
    if default or (args.paths and not (args.changed or args.since)):  # else they limit --since
        found, unreadable = from_entry_paths(args.paths or ["entries"])
        targets += found
        problems += unreadable
    return targets, [
        f"{p}: not a readable entry file (see llm-registry validate)" for p in problems
    ]


def run_check_links(args: argparse.Namespace) -> int:
    from ..links.config import DEFAULT_CACHE, ConfigError
    from ..links.sources import SourceError

    usage = _usage_problem(args)
    if usage:
        print(f"llm-registry check-links: {usage}", file=sys.stderr)
        return EXIT_USAGE
    try:
        options, configured_cache = _options(args)
        targets, notes = _targets(args)
    except (ConfigError, SourceError) as exc:
        print(f"llm-registry check-links: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # The network code (requests, urllib3) loads only here: other commands start faster.
    from ..links.cache import Cache
    from ..links.checker import check
    from ..links.site import site_links

    internal = []
    if args.site:
        site = site_links(args.site, display_path(args.site))
        targets += site.external
        internal = site.internal
    cache = None
    if not args.no_cache:
        cache = Cache.load(
            args.cache or configured_cache or DEFAULT_CACHE,
            options.cache_days,
            options.cache_failure_hours,
        )
        if cache.problem:
            notes.append(cache.problem)
    history = load_history(args.history, notes)
    for note in notes:
        print(f"llm-registry check-links: warning: {note}", file=sys.stderr)
    run = check(
        targets,
        options,
        cache=cache,
        history=history,
        broken_after=args.broken_after,
        internal=internal,
        progress=progress_for(args.progress),
    )
    run.notes = notes
    if cache is not None:
        _save(cache.save, "cache", notes)
    if history is not None:
        _save(history.save, "history", notes)
    report = FORMATS[args.format](run, args.strict)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")
    else:
        print(report)
    return EXIT_BROKEN if run.failed(args.strict) else EXIT_OK


def _save(save, what: str, notes: list[str]) -> None:
    """A cache or history that cannot be written is a warning; the verdicts still stand."""
    try:
        save()
    except OSError as exc:
        message = f"cannot write the link {what}: {exc}"
        notes.append(message)
        print(f"llm-registry check-links: warning: {message}", file=sys.stderr)


def _usage_problem(args: argparse.Namespace) -> str | None:
    for path in args.paths:
        if not Path(path).exists():
            return f"no such file or folder: {path}"
    if args.site is not None and not args.site.is_dir():
        return f"--site {args.site}: not a folder (build the site first: llm-registry build)"
    if args.urls and args.urls != "-" and not Path(args.urls).is_file():
        return f"--urls {args.urls}: no such file"
    if args.cache and args.no_cache:
        return "--cache and --no-cache contradict each other"
    if args.broken_after < 1:
        return "--broken-after must be at least 1"
    return None
