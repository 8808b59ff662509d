"""The checker's settings: defaults, ``[tool.llm-registry.links]`` in pyproject.toml, flags.

Defaults are polite to the hosts a registry links to most (GitHub, arXiv, Hugging Face): two
requests at a time per host with a pause between them, a few retries that honour Retry-After, and
a total budget so a scheduled run always ends.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..names import did_you_mean
from ..snapshot import package_version

DEFAULT_CACHE = Path(".cache/llm-registry/links.json")


USER_AGENT = (
    f"llm-registry-check-links/{package_version()} "
    "(link checker of an LLM registry; one request per URL, HEAD first)"
)


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class HostPolicy:
    """How hard one host may be asked: concurrent requests and seconds between two starts."""

    limit: int
    interval: float


@dataclass(frozen=True)
class LinkOptions:
    """Everything that changes how links are checked (not how they are reported)."""

    workers: int = 16
    processes: int = 1
    per_host: int = 2
    interval: float = 0.25
    hosts: dict[str, HostPolicy] = field(default_factory=dict)
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    retry_after_cap: float = 60.0
    budget: float = 600.0
    accept: frozenset[int] = frozenset()
    exclude: tuple[str, ...] = ()
    allow_hosts: frozenset[str] = frozenset()
    body_limit: int = 16 * 1024
    dns_canary: str = "example.com"
    user_agent: str = USER_AGENT
    cache_days: float = 14.0
    cache_failure_hours: float = 6.0

    def policy(self, host: str) -> HostPolicy:
        """The policy for ``host``: its own, else its closest parent domain's, else the default."""
        labels = host.lower().split(".")
        for i in range(len(labels)):
            found = self.hosts.get(".".join(labels[i:]))
            if found is not None:
                return found
        return HostPolicy(self.per_host, self.interval)

    def excluded(self, url: str) -> str | None:
        """The exclude pattern that matches ``url``, if any."""
        for pattern in self.exclude:
            if re.search(pattern, url):
                return pattern
        return None


_NUMBERS = {
    "workers": int,
    "processes": int,
    "per_host": int,
    "interval": float,
    "timeout": float,
    "retries": int,
    "backoff": float,
    "retry_after_cap": float,
    "budget": float,
    "body_limit": int,
    "cache_days": float,
    "cache_failure_hours": float,
}
_KEYS = sorted([*_NUMBERS, "hosts", "accept", "exclude", "dns_canary", "user_agent", "cache"])


def _number(where: str, value: Any, kind: type) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{where} must be a non-negative number, not {value!r}")
    if kind is int and not isinstance(value, int):
        raise ConfigError(f"{where} must be a whole number, not {value!r}")
    return kind(value)


def _regex_list(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of regular expressions")
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: {pattern!r} is not a regular expression ({exc})") from exc
    return tuple(value)


def options_from_table(table: dict[str, Any], where: str) -> tuple[dict[str, Any], Path | None]:
    """Checked option values from a ``[tool.llm-registry.links]`` table, and its cache path."""
    values: dict[str, Any] = {}
    cache: Path | None = None
    for key, value in table.items():
        at = f"{where}: {key}"
        if key in _NUMBERS:
            values[key] = _number(at, value, _NUMBERS[key])
        elif key == "exclude":
            values[key] = _regex_list(at, value)
        elif key == "accept":
            if not isinstance(value, list) or not all(
                isinstance(v, int) and 100 <= v <= 999 for v in value
            ):
                raise ConfigError(f"{at} must be a list of HTTP status codes")
            values[key] = frozenset(value)
        elif key in ("dns_canary", "user_agent", "cache"):
            if not isinstance(value, str):
                raise ConfigError(f"{at} must be a string")
            if key == "cache":
                cache = Path(value)
            else:
                values[key] = value
        elif key == "hosts":
            values[key] = _hosts(at, value, table)
        else:
            raise ConfigError(f"{at}: unknown setting{did_you_mean(key, _KEYS)}")
    return values, cache


def _hosts(where: str, value: Any, table: dict[str, Any]) -> dict[str, HostPolicy]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of host = {{ limit = N, interval = S }}")
    default_limit = table.get("per_host", LinkOptions.per_host)
    default_interval = table.get("interval", LinkOptions.interval)
    hosts = {}
    for host, policy in value.items():
        at = f"{where}.{host}"
        if not isinstance(policy, dict) or set(policy) - {"limit", "interval"}:
            raise ConfigError(f"{at} must be a table with 'limit' and/or 'interval'")
        limit = _number(f"{at}.limit", policy.get("limit", default_limit), int)
        if limit < 1:
            raise ConfigError(f"{at}.limit must be at least 1")
        interval = _number(f"{at}.interval", policy.get("interval", default_interval), float)
        hosts[host.lower()] = HostPolicy(limit, interval)
    return hosts


def load_config(path: Path | None = None) -> tuple[LinkOptions, Path | None]:
    """Options from ``path`` (default: ./pyproject.toml if it exists) and the configured cache.

    Raises :class:`ConfigError` for a file that is not TOML or a setting that is wrong.
    """
    if path is None:
        path = Path("pyproject.toml")
        if not path.is_file():
            return LinkOptions(), None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    table = data.get("tool", {}).get("llm-registry", {}).get("links", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.llm-registry.links] must be a table")
    values, cache = options_from_table(table, f"{path} [tool.llm-registry.links]")
    return replace(LinkOptions(), **values), cache


OPTION_NAMES = tuple(f.name for f in fields(LinkOptions))
