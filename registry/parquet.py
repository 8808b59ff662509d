"""The registry as two Parquet files that DuckDB, Polars and Spark read directly.

``entries.parquet`` has one row per entry with typed columns (ids and kinds as strings, the
release as written plus its first day as a date and its precision, sizes as 64-bit integers,
lists as lists) and ``record``, the entry's full JSON export, so no field is lost when the schema
grows. ``edges.parquet`` has one row per lineage edge, pointing downstream. Both carry the
package version and the data snapshot in their schema metadata (key ``llm-registry``).

Needs pyarrow: ``pip install 'llm-registry[parquet]'``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .export import edge_records, entry_record
from .store import Registry

METADATA_KEY = b"llm-registry"


class ParquetUnavailableError(ImportError):
    """pyarrow is not installed; the message says which extra brings it."""


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ParquetUnavailableError(
            "the Parquet export needs pyarrow: pip install 'llm-registry[parquet]'"
        ) from exc
    return pa, pq


def _release(released: str | None) -> tuple[dt.date | None, str | None]:
    """The first day of a release written as ``2023``, ``2023-03`` or ``2023-03-13``, and its
    precision (the day is not claimed where only the year or month is known)."""
    if not released:
        return None, None
    parts = [int(p) for p in released.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return dt.date(*parts, *[1] * (3 - len(parts))), precision


def _entry_columns(pa: Any) -> list[tuple[str, Any]]:
    strings = pa.list_(pa.string())
    return [
        ("id", pa.string()),
        ("kind", pa.string()),
        ("name", pa.string()),
        ("aliases", strings),
        ("organizations", strings),
        ("released", pa.string()),
        ("released_date", pa.date32()),
        ("released_precision", pa.string()),
        ("parameters", pa.list_(pa.int64())),
        ("active_parameters", pa.list_(pa.int64())),
        ("training_tokens", pa.int64()),
        ("context_length", pa.int64()),
        ("architecture", pa.string()),
        ("category", pa.string()),
        ("license", pa.string()),
        ("access", pa.string()),
        ("modalities", strings),
        ("domains", strings),
        ("paper", pa.string()),
        ("homepage", pa.string()),
        ("code", pa.string()),
        ("description", pa.string()),
        ("record", pa.string()),
    ]


def _entry_row(record: dict[str, Any]) -> dict[str, Any]:
    links = record.get("links") or {}
    date, precision = _release(record.get("released"))
    return {
        **record,
        "released_date": date,
        "released_precision": precision,
        "paper": links.get("paper"),
        "homepage": links.get("homepage"),
        "code": links.get("code"),
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
    }


def _edge_columns(pa: Any) -> list[tuple[str, Any]]:
    return [
        ("source", pa.string()),
        ("target", pa.string()),
        ("source_kind", pa.string()),
        ("target_kind", pa.string()),
        ("relation", pa.string()),
        ("evidence", pa.string()),
        ("stage", pa.string()),
        ("size", pa.int64()),
        ("note", pa.string()),
        ("url", pa.string()),
        ("from_checkpoint", pa.string()),  # "checkpoint" and "into" in the JSON export:
        ("into_checkpoint", pa.string()),  # INTO is a keyword in SQL
    ]


_REQUIRED = {"id", "kind", "name", "record", "source", "target", "relation", "evidence"}
_REQUIRED |= {"source_kind", "target_kind"}


def _table(pa: Any, columns: list[tuple[str, Any]], rows: list[dict[str, Any]], meta: bytes):
    schema = pa.schema([pa.field(n, kind, nullable=n not in _REQUIRED) for n, kind in columns])
    data = {name: [row.get(name) for row in rows] for name, _ in columns}
    return pa.Table.from_pydict(data, schema=schema).replace_schema_metadata({METADATA_KEY: meta})


def write(registry: Registry, folder: str | Path) -> list[Path]:
    """Write ``entries.parquet`` and ``edges.parquet`` into ``folder``; return their paths."""
    pa, pq = _pyarrow()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    meta = json.dumps(registry.snapshot.as_dict()).encode()
    entries = [_entry_row(entry_record(registry.get(i))) for i in sorted(registry.entries)]
    edges = [
        {
            **e,
            "source_kind": registry.kind_of(e["source"]),
            "target_kind": registry.kind_of(e["target"]),
            "from_checkpoint": e.get("checkpoint"),
            "into_checkpoint": e.get("into"),
        }
        for e in edge_records(registry)
    ]
    written = []
    for name, columns, rows in (
        ("entries.parquet", _entry_columns(pa), entries),
        ("edges.parquet", _edge_columns(pa), edges),
    ):
        path = folder / name
        pq.write_table(_table(pa, columns, rows, meta), path)
        written.append(path)
    return written
