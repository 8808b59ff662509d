"""What makes a link acceptable: http(s) only, and never an address inside a network.

Shared by validation (static: literal addresses in any spelling, and local host names) and the
link checker (the same static judgement, then every resolved address at every redirect hop).
Both read hosts with one parser, :mod:`registry.weburl`, so they agree.
"""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING, Any

from .weburl import Host, URLError, split

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
_ORDINARY = re.compile(r"^https?://([A-Za-z0-9.-]*[A-Za-z-])(?:[/?#]|$)")
MAX_PORT = 65535
# Hosts the pattern above lets through that a browser still reads as an IPv4 address (a last
# label in hex: ``0x7f00000a``) or must decode (Punycode labels).
_NOT_PLAIN = re.compile(r"(?:^|\.)0x[0-9a-f]*$|(?:^|\.)xn--")


def _quick_host(url: str) -> str | None:
    """The host of an ordinary http(s) URL without a full parse; None when unusual."""
    match = _ORDINARY.match(url)
    if match is None:
        return None
    host = match[1].lower()
    if ("0x" in host or "xn--" in host) and _NOT_PLAIN.search(host):
        return None  # (the search only where it can match: it is most of the time otherwise)
    return host


def is_local_name(name: str) -> bool:
    """True for ``localhost`` and names under suffixes that only exist inside a network."""
    name = name.rstrip(".")
    return name == "localhost" or name.endswith(_LOCAL_SUFFIXES)


def host_problem(host: Host) -> str | None:
    """Why a link to this (parsed) host is refused without any lookup; None if it may be tried."""
    if host.address is not None:
        if is_forbidden_ip(str(host.address)):
            return f"points at a private, loopback or link-local address ({host.name})"
        return None
    if is_local_name(host.text):
        return f"points at a local host name ({host.text})"
    return None


def url_problem(url: str) -> str | None:
    """Why a URL may not appear in an entry, judged without any network access; None if fine.

    The host is read as a browser reads it (:mod:`registry.weburl`), so every spelling of a
    private address (``2130706433``, ``0x7f.1``, ``127。0。0。1``, ``%31%32%37.0.0.1``) is one.
    """
    host = _quick_host(url)
    if host is not None and not is_local_name(host):
        return None  # a named host: only the link checker, which resolves it, can judge it
    shown = repr(url if len(url) <= 120 else url[:120] + "...")
    try:
        parts = split(url)
    except URLError as exc:
        reason = str(exc) if len(str(exc)) <= 80 else str(exc)[:80] + "..."
        return f"{shown} is not a valid URL ({reason})"
    if parts.port == 0:
        return f"{shown} has the port 0, outside 1-{MAX_PORT}"
    if parts.scheme not in ALLOWED_SCHEMES:
        return f"{shown} is not an http(s) link"
    assert parts.host is not None  # http(s) URLs always have one
    problem = host_problem(parts.host)
    return None if problem is None else f"{shown} {problem}"


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
