"""Every spelling of a private address is one (issue 15, item 4).

A browser reads ``http://2130706433/``, ``http://0x7f.1/``, ``http://%31%32%37.0.0.1/`` and
``http://127。0。0。1/`` as 127.0.0.1. The validator (rule S008) and the link checker read hosts
with the same parser, so both refuse each spelling below: validation reports it at its line, and
the checker refuses it without a DNS lookup and without a connection (an audit hook records
both, and a server listening on 127.0.0.1 counts what reaches it).
"""

from __future__ import annotations

import json
import socket
import sys
import threading

import pytest

from registry.links import LinkOptions, Source, Target, Verdict, check
from registry.urls import url_problem
from registry.weburl import URLError, parse_host, split

# (host as written in a URL, what a browser reads). PORT is replaced by a listening port.
SPELLINGS = [
    # 127.0.0.1: decimal, hex, octal, short, mixed, trailing dot, padded
    ("2130706433", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"),
    ("0X7F000001", "127.0.0.1"),
    ("0x7f.1", "127.0.0.1"),
    ("0x7f.0.0.1", "127.0.0.1"),
    ("0x7f00000a", "127.0.0.10"),  # ends in a letter: looks like a name to a quick pattern
    ("127.0.0.0x1", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("0177.1", "127.0.0.1"),
    ("00000177.0.0.01", "127.0.0.1"),
    ("017700000001", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("127.0.1", "127.0.0.1"),
    ("127.0.0.1.", "127.0.0.1"),
    ("127.1.", "127.0.0.1"),
    # percent-encoded, full-width and other Unicode forms
    ("%31%32%37.0.0.1", "127.0.0.1"),
    ("%31%32%37%2e%30%2E%30%2e%31", "127.0.0.1"),
    ("127\u30020\u30020\u30021", "127.0.0.1"),  # ideographic full stop
    ("127\uff0e0\uff0e0\uff0e1", "127.0.0.1"),  # full-width full stop
    ("127\uff610\uff610\uff611", "127.0.0.1"),  # half-width ideographic full stop
    ("\uff11\uff12\uff17.\uff10.\uff10.\uff11", "127.0.0.1"),  # full-width digits
    ("\u2460\u2461\u2466.0.0.1", "127.0.0.1"),  # circled digits
    ("%EF%BC%91%EF%BC%92%EF%BC%97.0.0.1", "127.0.0.1"),  # full-width digits, percent-encoded
    # 0.0.0.0
    ("0", "0.0.0.0"),
    ("0x0", "0.0.0.0"),
    ("00", "0.0.0.0"),
    ("0.0", "0.0.0.0"),
    ("0.0.0.0.", "0.0.0.0"),
    ("%30", "0.0.0.0"),
    # 169.254.169.254 (cloud metadata)
    ("2852039166", "169.254.169.254"),
    ("0xa9fea9fe", "169.254.169.254"),
    ("0xA9.0xFE.0xA9.0xFE", "169.254.169.254"),
    ("0251.0376.0251.0376", "169.254.169.254"),
    ("169.254.43518", "169.254.169.254"),
    ("169.16689662", "169.254.169.254"),
    ("%31%36%39.254.169.254", "169.254.169.254"),
    ("169\u3002254\u3002169\u3002254", "169.254.169.254"),
    ("169.254.169.254.", "169.254.169.254"),
    # other private ranges, short
    ("10.1", "10.0.0.1"),
    ("0xa.1", "10.0.0.1"),
    ("192.168.1", "192.168.0.1"),
    ("172.16.1", "172.16.0.1"),
    # local names: case, trailing dot, full-width, percent-encoded, mapped characters
    ("LOCALHOST", "localhost"),
    ("localhost.", "localhost."),
    ("LocalHost\u3002", "localhost."),
    ("\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54", "localhost"),
    ("local%68ost", "localhost"),
    ("\u24dbocalhost", "localhost"),
    ("local\u00adhost", "localhost"),  # a soft hyphen maps to nothing
    ("app.LOCALHOST", "app.localhost"),
    ("metadata.google.internal.", "metadata.google.internal."),
    # IPv6
    ("[::1]", "::1"),
    ("[0:0::1]", "::1"),
    ("[0:0:0:0:0:0:0:1]", "::1"),
    ("[0000:0000:0000:0000:0000:0000:0000:0001]", "::1"),
    ("[::]", "::"),
    ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
    ("[::FFFF:7F00:1]", "::ffff:7f00:1"),
    ("[::ffff:169.254.169.254]", "::ffff:a9fe:a9fe"),
    ("[::ffff:0.0.0.0]", "::ffff:0:0"),
    ("[::127.0.0.1]", "::7f00:1"),
    ("[64:ff9b::127.0.0.1]", "64:ff9b::7f00:1"),
    ("[2002:7f00:1::]", "2002:7f00:1::"),
    ("[fe80::1]", "fe80::1"),
    ("[fc00::1]", "fc00::1"),
]

# Whole URLs whose authority a browser reads differently from Python's urlsplit.
URL_TRICKS = [
    ("http://example.com@127.1:PORT/", "127.0.0.1"),
    ("http://user:pass@0x7f.1:PORT/", "127.0.0.1"),
    ("http://127.1:PORT\\@example.com/", "127.0.0.1"),  # a backslash ends the authority
    ("http:\\\\127.1:PORT\\", "127.0.0.1"),
    ("http:/127.1:PORT/", "127.0.0.1"),
    ("http:127.1:PORT/", "127.0.0.1"),
    ("HTTP://127.1:PORT/", "127.0.0.1"),
    ("  http://127.1:PORT/  ", "127.0.0.1"),
    ("http://12\t7.0.\n0.1:PORT/", "127.0.0.1"),  # tabs and newlines are dropped
]

# Hosts that stay names or public addresses: both tools let them through to the network.
PUBLIC = [
    ("https://example.com/", "example.com"),
    ("https://Example.COM./a", "example.com."),
    ("http://0x7f.example.com/", "0x7f.example.com"),
    ("https://127.0.0.1.nip.io/", "127.0.0.1.nip.io"),  # a name: only its DNS answer tells
    ("https://b\u00fccher.example/", "xn--bcher-kva.example"),
    ("https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
    ("https://1.1.1.1/", "1.1.1.1"),
    ("https://0x01010101/", "1.1.1.1"),
    ("https://[2606:4700:4700::1111]/", "2606:4700:4700::1111"),
]

INVALID = ["1.2.3.4.5", "256.0.0.1", "0x100000000", "1.0x1000000", "%zz", "a%00b", "[::1", "1.08"]


def _urls(port: int) -> list[str]:
    hosts = [f"http://{host}:PORT/" for host, _ in SPELLINGS] + [url for url, _ in URL_TRICKS]
    return [url.replace("PORT", str(port)) for url in hosts]


def _expected() -> list[str]:
    return [address for _, address in SPELLINGS + URL_TRICKS]


@pytest.mark.parametrize(("host", "address"), SPELLINGS)
def test_the_parser_reads_hosts_as_a_browser(host: str, address: str) -> None:
    assert parse_host(host).name == address


@pytest.mark.parametrize(("url", "address"), URL_TRICKS + PUBLIC)
def test_the_parser_finds_the_host_a_browser_finds(url: str, address: str) -> None:
    parts = split(url.replace("PORT", "8080"))
    assert parts.host is not None and parts.host.name == address


@pytest.mark.parametrize("host", INVALID)
def test_hosts_a_browser_refuses_are_invalid(host: str) -> None:
    with pytest.raises(URLError):
        parse_host(host)
    assert "is not a valid URL" in (url_problem(f"http://{host}/") or "")


def test_every_spelling_is_refused_by_the_validator(tmp_path, cli) -> None:
    urls = _urls(8080)
    entry = tmp_path / "entries" / "models" / "m.yaml"
    entry.parent.mkdir(parents=True)
    lines = ["id: m", "kind: model", "name: M", "released: 2023-01", "sources:"]
    lines += [f"  - {json.dumps(url)}" for url in urls]  # JSON strings are YAML strings
    entry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = cli("validate", "--format", "json", str(entry), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    found = {f["line"]: f for f in json.loads(done.stdout) if f["code"] == "S008"}
    for i, (url, address) in enumerate(zip(urls, _expected(), strict=True)):
        finding = found.get(6 + i)
        assert finding is not None, f"not refused: {url!r}"
        assert address.rstrip(".") in finding["message"], (url, finding["message"])
    assert len(found) == len(urls)


def test_public_hosts_pass_the_validator() -> None:
    assert [url for url, _ in PUBLIC if url_problem(url) is not None] == []


@pytest.fixture
def listener():
    """A server on 127.0.0.1 that counts the connections it accepts (there must be none)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    accepted: list[tuple] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, peer = server.accept()
            except TimeoutError:
                continue
            accepted.append(peer)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(5)
    server.close()


EVENTS: list[tuple[str, tuple]] = []
RECORDING = threading.Event()


def _audit(event: str, args: tuple) -> None:
    if RECORDING.is_set() and event in ("socket.connect", "socket.getaddrinfo"):
        EVENTS.append((event, args))


sys.addaudithook(_audit)


def test_every_spelling_is_refused_by_the_checker_without_lookup_or_request(listener) -> None:
    port, accepted = listener
    urls = _urls(port)
    targets = [Target(url, Source("list", "urls.txt", i, 1)) for i, url in enumerate(urls, 1)]
    EVENTS.clear()
    RECORDING.set()
    try:
        run = check(targets, LinkOptions(timeout=2, budget=10, dns_canary=""))
    finally:
        RECORDING.clear()
    assert EVENTS == [] and accepted == [] and run.requests == 0
    by_line = {source.line: r for r in run.results for source in r.sources}
    for i, (url, address) in enumerate(zip(urls, _expected(), strict=True), 1):
        result = by_line[i]
        assert result.verdict == Verdict.SKIPPED, (url, result)
        assert result.detail.startswith("refused:"), (url, result.detail)
        assert address.rstrip(".") in result.detail, (url, result.detail)


def test_the_validator_and_the_checker_agree(listener) -> None:
    """Whatever the validator refuses, the checker refuses without a request, and the reverse."""
    port, accepted = listener
    names = [url for url, _ in PUBLIC if split(url).host.address is None]  # no public request
    urls = _urls(port) + names
    urls += [f"http://{host}/" for host in INVALID]
    targets = [Target(url, Source("list", "urls.txt", i, 1)) for i, url in enumerate(urls, 1)]

    def no_dns(host: str, port: int) -> list[tuple]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    from registry.links import AddressGuard

    run = check(targets, LinkOptions(timeout=2, budget=10), guard=AddressGuard(resolver=no_dns))
    by_line = {source.line: r for r in run.results for source in r.sources}
    for i, url in enumerate(urls, 1):
        refused_statically = by_line[i].verdict == Verdict.SKIPPED or "invalid URL" in (
            by_line[i].detail or ""
        )
        assert refused_statically == (url_problem(url) is not None), (url, by_line[i])
    assert accepted == []
