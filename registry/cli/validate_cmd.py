"""``validate``, ``rules`` and ``schema``: checking entries and describing what is checked."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..catalog import RULES
from ..kinds import KINDS
from ..licenses import LICENSES
from ..report import FORMATS
from .common import add_paths_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check entries against the schema and every rule")
    add_paths_argument(p)
    p.add_argument("--format", choices=sorted(FORMATS), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail the run too")
    p.add_argument(
        "--entries",
        type=Path,
        metavar="DIR",
        help="the registry named files belong to (default: the entries/ folder above them)",
    )
    p.set_defaults(func=run_validate)

    p = sub.add_parser("rules", help="list every validation rule with its code")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--licenses", action="store_true", help="list the known licence ids instead")
    p.set_defaults(func=run_rules)

    p = sub.add_parser("schema", help="write the JSON Schema of each kind")
    p.add_argument("--kind", choices=KINDS, help="print one kind's schema to stdout")
    p.add_argument("-o", "--output-dir", type=Path, help="write <kind>.schema.json files here")
    p.set_defaults(func=run_schema)


def run_validate(args: argparse.Namespace) -> int:
    from ..bulk import paused_gc

    with paused_gc():  # the schema's classes: a tenth of the start-up went to collections
        from ..context import check_paths

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        print(
            f"llm-registry validate: no such file or folder: {', '.join(missing)}", file=sys.stderr
        )
        return 2
    report = check_paths(args.paths, args.entries)
    print(FORMATS[args.format](report.findings, report.files))
    return 1 if report.failed(strict=args.strict) else 0


def run_rules(args: argparse.Namespace) -> int:
    if args.licenses:
        if args.format == "json":
            rows = [
                {
                    "id": lic.id,
                    "name": lic.name,
                    "url": lic.url,
                    "hf_tag": lic.hf_tag,
                    "hf_names": list(lic.hf_names),
                    "terms": dict(lic.terms),
                }
                for lic in LICENSES.values()
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False))
            return 0
        for lic in LICENSES.values():
            use = {True: "commercial use", False: "non-commercial", None: "n/a"}[lic.commercial]
            tag = lic.hf_tag + (f" ({lic.hf_names[0]})" if lic.hf_names else "")
            print(f"{lic.id:28} {use:15} {tag:32} {lic.name}")
        return 0
    if args.format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "summary": r.summary,
                "hint": r.hint,
                "bad": r.bad,
                "good": r.good,
            }
            for r in RULES.values()
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for rule in RULES.values():
        print(f"{rule.code}  {rule.severity:7}  {rule.name:34} {rule.summary}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from ..schema import json_schema

    if args.kind:
        print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
        return 0
    out = args.output_dir or Path("schemas")
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        target = out / f"{kind}.schema.json"
        target.write_text(json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n")
        print(target)
    return 0
