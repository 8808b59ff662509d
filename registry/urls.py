"""What makes a link acceptable: http(s) only, and never an address inside a network.

Shared by validation (static: literal addresses and local host names) and the link checker
(dynamic: every resolved address at every redirect hop).
"""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .loader import Loc

ALLOWED_SCHEMES = ("http", "https")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan")


def is_forbidden_ip(address: str) -> bool:
    """True for loopback, private, link-local, multicast, reserved and unspecified addresses.

    IPv4-mapped and 6to4/NAT64-embedded IPv4 addresses are judged by the IPv4 address inside.

    >>> [is_forbidden_ip(a) for a in ("169.254.169.254", "::ffff:10.0.0.1", "1.1.1.1")]
    [True, True, False]
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in ipaddress.IPv6Network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_forbidden_ip(str(embedded))
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


# An ordinary http(s) URL with a named host (no user info, no IP literal, digits-only port).
_ORDINARY = re.compile(r"^https?://([A-Za-z0-9.-]*[A-Za-z-])(?::(\d+))?(?:[/?#]|$)")
MAX_PORT = 65535


def url_problem(url: str) -> str | None:
    """Why a URL may not appear in an entry, judged without any network access; None if fine."""
    match = _ORDINARY.match(url)
    if match and match[2] is not None and _port_problem(url, match[2]):
        return _port_problem(url, match[2])
    host = match[1].lower() if match else None
    if host is not None and host != "localhost" and not host.endswith(_LOCAL_SUFFIXES):
        return None  # a named host: only the link checker, which resolves it, can judge it
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.netloc.rpartition("]")[2].rpartition("@")[2].partition(":")[2]
    except ValueError as exc:
        return f"{url!r} is not a valid URL ({exc})"
    if port and _port_problem(url, port):
        return _port_problem(url, port)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"{url!r} is not an http(s) link"
    if not host:
        return f"{url!r} has no host"
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return f"{url!r} points at a local host name"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    if is_forbidden_ip(host):
        return f"{url!r} points at a private, loopback or link-local address"
    return None


def _port_problem(url: str, port: str) -> str | None:
    """A port outside 1-65535 (or not a number) makes a URL no browser can open."""
    if not port.isdigit() or len(port) > 5 or not 1 <= int(port) <= MAX_PORT:
        shown = port if len(port) <= 12 else port[:12] + "..."
        return f"{url[:200]!r} has the port {shown}, outside 1-{MAX_PORT}"
    return None


def url_fields(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Every URL in an entry's raw data with where it stands, for validation and link checks.

    Reads only the fields that hold URLs (raw data may be malformed, so every step is checked).
    """
    found: list[tuple[Loc, str]] = []
    links = data.get("links")
    if isinstance(links, dict):
        found += [
            (("links", k), v) for k, v in links.items() if k != "arxiv" and isinstance(v, str)
        ]
    if isinstance(data.get("repository"), str):
        found.append((("repository",), data["repository"]))
    for field, key in (("sources", "url"), ("lineage", "source")):
        items = data.get(field)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, str) and field == "sources":
                found.append(((field, i), item))
            elif isinstance(item, dict) and isinstance(item.get(key), str):
                found.append(((field, i, key), item[key]))
    return found
