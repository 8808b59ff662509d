"""``check-facts``: do the entries still agree with their Hub repos and GitHub repositories?

Exit 0 when nothing differs (unverifiable repos never fail a run), 1 when something does, 2 for a
usage error. Politeness settings are the link checker's (``[tool.llm-registry.links]`` and the
same flags); so are the address guard, the time budget and the history of scheduled runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..kinds import ENTRY_SUFFIXES
from .common import load_history, load_or_report, progress_for
from .links_cmd import _TUNING, _options, _positive, _save  # the link checker's own flags

EXIT_OK, EXIT_DIFFERS, EXIT_USAGE = 0, 1, 2
FORMATS = ("github", "json", "markdown", "text")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-facts",
        help="compare entries with their Hugging Face and GitHub repos",
        description="Compare each entry whose links name a Hugging Face repo (weights, model "
        "card, data) with the Hub's metadata: licence, base model and relation, parameter count "
        "(within 2%%), gated access, datasets, renamed or deleted repos; and libraries with the "
        "licence GitHub reports. HF_ENDPOINT and GITHUB_API_URL are honoured. No network, a "
        "gated or an unknown repo is 'unverifiable', never a difference.",
    )
    what = p.add_argument_group("what to check")
    what.add_argument("--entries", type=Path, default=Path("entries"), metavar="DIR")
    what.add_argument(
        "--changed", nargs="+", metavar="FILE", help="only the entries in these files"
    )
    what.add_argument("--since", metavar="GIT_REF", help="only entries changed since GIT_REF")
    how = p.add_argument_group("how to ask (the link checker's settings)")
    how.add_argument("--config", type=Path, metavar="PYPROJECT")
    how.add_argument("--allow-host", action="append", default=[], metavar="HOST")
    how.add_argument("--exclude", action="append", default=[], help=argparse.SUPPRESS)
    for flag, kind, metavar, help_text in _TUNING:
        how.add_argument(flag, type=_positive(kind), metavar=metavar, help=help_text)
    store = p.add_argument_group("memory between runs")
    store.add_argument(
        "--cache", type=Path, metavar="PATH", help="default .cache/llm-registry/facts.json"
    )
    store.add_argument("--no-cache", action="store_true")
    store.add_argument(
        "--cache-days",
        type=_positive(float),
        default=3.0,
        metavar="D",
        help="ask a repo again after about D days (default 3)",
    )
    store.add_argument("--history", type=Path, metavar="PATH", help="count gone-repo streaks here")
    store.add_argument("--broken-after", type=_positive(int), default=2, metavar="K")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text")
    out.add_argument("-o", "--output", type=Path, metavar="FILE")
    out.add_argument(
        "--site-report",
        type=Path,
        metavar="FILE",
        help="also write the per-entry summary the site shows (facts-check.json)",
    )
    out.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    p.set_defaults(func=run_check_facts)


def _only(args: argparse.Namespace, registry) -> set[str] | None:
    """The entry ids of the changed files, or None for all."""
    from ..links.sources import changed_since

    if not (args.changed or args.since):
        return None
    files = [Path(f) for f in args.changed] if args.changed else changed_since(args.since)
    wanted = {f.resolve() for f in files if str(f).endswith(ENTRY_SUFFIXES)}
    return {
        entry_id
        for entry_id in registry.entries
        if Path(registry.path_of(entry_id)).resolve() in wanted
    }


def run_check_facts(args: argparse.Namespace) -> int:
    from ..links.config import ConfigError
    from ..links.sources import SourceError

    registry = load_or_report(args.entries)
    if registry is None:
        return EXIT_USAGE
    try:
        options, _ = _options(args)
        only = _only(args, registry)
    except (ConfigError, SourceError) as exc:
        print(f"llm-registry check-facts: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from ..facts import check_facts
    from ..facts.report import FORMATS as WRITERS
    from ..facts.report import site_summary
    from ..facts.upstream import DEFAULT_FACTS_CACHE, FactsCache

    notes: list[str] = []
    cache = (
        None
        if args.no_cache
        else FactsCache.load(args.cache or DEFAULT_FACTS_CACHE, args.cache_days)
    )
    if cache is not None and cache.problem:
        notes.append(cache.problem)
    history = load_history(args.history, notes)
    for note in notes:
        print(f"llm-registry check-facts: warning: {note}", file=sys.stderr)
    run = check_facts(
        registry,
        options,
        only=only,
        cache=cache,
        history=history,
        broken_after=args.broken_after,
        progress=progress_for(args.progress),
    )
    if cache is not None:
        _save(cache.save, "facts cache", notes)
    if history is not None:
        _save(history.save, "history", notes)
    report = WRITERS[args.format](run)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")
    else:
        print(report)
    if args.site_report:
        args.site_report.write_text(
            json.dumps(site_summary(run), indent=1) + "\n", encoding="utf-8"
        )
    return EXIT_DIFFERS if run.findings else EXIT_OK
