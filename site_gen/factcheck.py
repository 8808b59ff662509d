"""The line each entry page's facts table gets from the last ``check-facts`` report.

``llm-registry check-facts --site-report facts-check.json`` writes, per entry, when its facts
were last checked against upstream and the differences still open; the site reads that file
(next to the entries folder, or where ``LLM_REGISTRY_FACTS_REPORT`` says) if it exists. A site
built without it simply has no such line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .text import html_text

REPORT_ENV = "LLM_REGISTRY_FACTS_REPORT"
REPORT_NAME = "facts-check.json"


def load_checks(entries: Path) -> dict[str, dict[str, Any]]:
    """Per entry id, its last check; empty when there is no readable report."""
    path = Path(os.environ.get(REPORT_ENV) or entries.parent / REPORT_NAME)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = data["entries"] if data.get("version") == 1 else {}
    except (OSError, ValueError, KeyError, AttributeError):
        return {}
    return found if isinstance(found, dict) else {}


def facts_row(checks: dict[str, dict[str, Any]], entry_id: str) -> tuple[str, str] | None:
    """("Checked upstream", "2026-12-03: no difference") for the facts table, or None."""
    item = checks.get(entry_id)
    if not isinstance(item, dict) or not item.get("checked_at"):
        return None
    when = html_text(str(item["checked_at"])[:10])
    differences = [d for d in item.get("differences") or [] if isinstance(d, dict)]
    if not differences:
        return "Checked upstream", f"{when}: no difference"
    shown = "; ".join(f"{d.get('code', '')}: {d.get('message', '')}" for d in differences)
    return "Checked upstream", f"{when}: {len(differences)} open difference(s): {html_text(shown)}"
