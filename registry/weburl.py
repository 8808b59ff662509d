"""Links read the way a browser reads them (the WHATWG URL standard), for http(s) URLs.

Python's ``urlsplit`` and a browser disagree about where a link goes: a browser reads
``http://2130706433/``, ``http://0x7f.1/``, ``http://%31%32%37.0.0.1/``, ``http://127。0。0。1/``
and ``http://example.com\\@127.0.0.1/`` all as 127.0.0.1, while ``urlsplit`` sees names (or
another host). Validation (rule S008), the site and the link checker therefore all read hosts with
this one parser, and the checker requests a link in the form :func:`canonical` writes it, so what
was judged is what is fetched.

Only what decides the host is implemented: the scheme, the authority (user info, host, port),
host parsing (percent-decoding, UTS 46 mapping, IPv4 numbers in every spelling, IPv6), and
backslashes in the path. Paths and queries are kept as written (the HTTP client quotes them).

>>> canonical("HTTP://0x7F.1:80/a#b")
'http://127.0.0.1/a'
>>> parse_host("%31%32%37%2E0.0.1").text
'127.0.0.1'
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urljoin

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
"""The schemes whose links this module reads, with their default ports."""

_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_AUTHORITY_END = re.compile(r"[/\\?#]")
_FORBIDDEN_DOMAIN = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
_IPV4_NUMBER = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
_DIGITS = {10: re.compile(r"[0-9]+"), 8: re.compile(r"[0-7]+"), 16: re.compile(r"[0-9A-Fa-f]+")}


class URLError(ValueError):
    """A link a browser could not open; the message says why, in a few words."""


@dataclass(frozen=True)
class Host:
    """A parsed host: ``text`` as a browser writes it, ``address`` when it is an IP address."""

    text: str
    address: IPAddress | None = None

    @property
    def name(self) -> str:
        """The host without IPv6 brackets (what a resolver or an allow-list compares)."""
        return self.text.strip("[]")


@dataclass(frozen=True)
class WebUrl:
    """An absolute URL split where a browser splits it.

    ``host`` is None for schemes other than http(s) (their links are never fetched); ``rest`` is
    the path and query as written (backslashes made slashes), without the fragment.
    """

    scheme: str
    host: Host | None = None
    port: int | None = None
    rest: str = ""
    userinfo: bool = False

    def href(self) -> str:
        """The URL to request: no user info, no default port, no fragment."""
        if self.host is None:
            return f"{self.scheme}:{self.rest}"
        port = "" if self.port is None else f":{self.port}"
        return f"{self.scheme}://{self.host.text}{port}{self.rest}"


def split(url: str) -> WebUrl:
    """Split an absolute URL as a browser does; raise :class:`URLError` where it would fail.

    >>> parts = split("https://user@Example.COM.:8443\\\\docs?q=1#top")
    >>> parts.host.text, parts.port, parts.rest, parts.userinfo
    ('example.com.', 8443, '/docs?q=1', True)
    """
    url = url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    match = _SCHEME.match(url)
    if match is None:
        raise URLError("no scheme")
    scheme = match[1].lower()
    after = url[match.end() :]
    if scheme not in DEFAULT_PORTS:
        return WebUrl(scheme, rest=after.split("#", 1)[0])
    after = after.lstrip("/\\")  # a browser skips any number of slashes of either kind here
    end = _AUTHORITY_END.search(after)
    authority, tail = (after[: end.start()], after[end.start() :]) if end else (after, "")
    userinfo, at, hostport = authority.rpartition("@")
    if at and not hostport:
        raise URLError("no host after the user info")
    host_text, port = _host_and_port(hostport, scheme)
    path, mark, query = tail.split("#", 1)[0].partition("?")
    return WebUrl(
        scheme,
        parse_host(host_text),
        port,
        path.replace("\\", "/") + mark + query,
        bool(at),
    )


def canonical(url: str) -> str:
    """The URL a browser would request for ``url`` (see :meth:`WebUrl.href`)."""
    return split(url).href()


def join(base: str, reference: str) -> str:
    """Resolve a redirect's ``Location`` against the URL that sent it, as a browser does.

    >>> join("https://a.example/x/y", "\\\\\\\\b.example\\\\z")
    'https://b.example/z'
    """
    reference = reference.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    base_scheme = split(base).scheme
    match = _SCHEME.match(reference)
    if match is not None:
        rest = reference[match.end() :]
        if match[1].lower() != base_scheme or rest[:1] in ("/", "\\"):
            return canonical(reference)
        reference = rest  # "http:path" is relative to an http base
    if reference[:2].replace("\\", "/") == "//":
        return canonical(f"{base_scheme}:{reference}")
    path, mark, rest = reference.partition("?")
    return canonical(urljoin(base, path.replace("\\", "/") + mark + rest))


def _host_and_port(hostport: str, scheme: str) -> tuple[str, int | None]:
    """The host text and the port (None when absent or the scheme's default)."""
    if hostport.startswith("["):
        close = hostport.find("]")
        if close < 0:
            raise URLError("an IPv6 address without its closing ']'")
        host, after = hostport[: close + 1], hostport[close + 1 :]
        if after and not after.startswith(":"):
            raise URLError("text after an IPv6 address")
        digits = after[1:]
    else:
        host, _, digits = hostport.partition(":")
    if not host:
        raise URLError("no host")
    if not digits:
        return host, None
    if not digits.isascii() or not digits.isdigit():
        raise URLError(f"port {digits!r} is not a number")
    port = int(digits.lstrip("0") or "0") if len(digits.lstrip("0")) <= 5 else 1 << 16
    if port > 65535:
        raise URLError(f"port {digits} is over 65535")
    return host, None if port == DEFAULT_PORTS[scheme] else port


def parse_host(text: str) -> Host:
    """A host as a browser parses it for an http(s) URL; :class:`URLError` where it fails.

    Percent-decoded, mapped by UTS 46 (case, full-width forms, the ideographic full stop and
    other dots), then read as an IPv4 address if it ends in a number (``127.1``, ``0x7f.1``,
    ``0177.0.0.1``, ``2130706433``), else kept as an ASCII (Punycode) name.

    >>> [parse_host(h).text for h in ("127.1", "0x7f.0.0.1", "ＬＯＣＡＬＨＯＳＴ", "[0:0::1]")]
    ['127.0.0.1', '127.0.0.1', 'localhost', '[::1]']
    """
    if text.startswith("["):
        if not text.endswith("]") or "%" in text:
            raise URLError(f"{text!r} is not an IPv6 address")
        try:
            address = ipaddress.IPv6Address(text[1:-1])
        except ValueError as exc:
            raise URLError(f"{text!r} is not an IPv6 address") from exc
        return Host(f"[{address.compressed}]", address)
    domain = _domain_to_ascii(unquote_to_bytes(text).decode("utf-8", "replace"))
    if _FORBIDDEN_DOMAIN.search(domain):
        raise URLError(f"host {text!r} holds a character no host may hold")
    if _ends_in_number(domain):
        ipv4 = _parse_ipv4(domain)
        return Host(str(ipv4), ipv4)
    return Host(domain)


def _domain_to_ascii(domain: str) -> str:
    """UTS 46 processing as a browser applies it (no STD3 rules, no hyphen or length checks)."""
    if domain.isascii() and "xn--" not in domain.lower():
        return domain.lower()
    import idna  # only for hosts beyond plain ASCII: its tables take a while to import

    try:
        mapped = idna.uts46_remap(domain, std3_rules=False, transitional=False)
    except idna.IDNAError as exc:
        raise URLError(f"host {domain!r} holds a character no host may hold") from exc
    labels = [_label_to_ascii(label) for label in mapped.split(".")]
    result = ".".join(labels)
    if not result:
        raise URLError("an empty host")
    return result


def _label_to_ascii(label: str) -> str:
    import idna

    if label.startswith("xn--"):
        try:
            decoded = label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError) as exc:
            raise URLError(f"{label!r} is not valid Punycode") from exc
        valid = decoded and not decoded.isascii()
        if not valid or idna.uts46_remap(decoded, std3_rules=False) != decoded:
            raise URLError(f"{label!r} is not a valid international label")
        return label
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")


def _ends_in_number(domain: str) -> bool:
    labels = domain.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    return _IPV4_NUMBER.fullmatch(labels[-1]) is not None


def _parse_ipv4(domain: str) -> ipaddress.IPv4Address:
    """The WHATWG IPv4 parser: one to four parts, each decimal, octal (0…) or hex (0x…)."""
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        raise URLError(f"{domain!r} has more than four IPv4 parts")
    numbers = [_ipv4_number(part, domain) for part in parts]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise URLError(f"{domain!r} is out of the IPv4 range")
    value = numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str, domain: str) -> int:
    if part == "":
        raise URLError(f"{domain!r} has an empty IPv4 part")
    radix = 10
    if part[:2] in ("0x", "0X"):
        radix, part = 16, part[2:]
    elif len(part) > 1 and part[0] == "0":
        radix, part = 8, part[1:]
    if part == "":
        return 0
    if _DIGITS[radix].fullmatch(part) is None:
        raise URLError(f"{domain!r} is neither a name nor an IPv4 address")
    significant = part.lstrip("0") or "0"
    if len(significant) > 12:  # far beyond 2**32 in any radix: no huge integer is built
        raise URLError(f"{domain!r} is out of the IPv4 range")
    return int(significant, radix)
