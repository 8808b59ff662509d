"""The link checker against a real, misbehaving HTTP server on 127.0.0.1.

Every path of the server misbehaves in one of the ways real hosts do; each test asserts the
verdict and how many requests the server actually received. An audit hook records every socket
the process connects, so the refusal tests prove that nothing reached 169.254.169.254 or 10.x.
"""

from __future__ import annotations

import json
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from registry.links import AddressGuard, LinkOptions, Source, Target, Verdict, check

CONNECTS: list[tuple] = []
RECORDING = threading.Event()  # the hook stays for the session: record only when asked


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect" and RECORDING.is_set():
        address = args[1]
        if isinstance(address, tuple):
            CONNECTS.append(address)


sys.addaudithook(_audit)


class Misbehaving(BaseHTTPRequestHandler):
    """One path per way a host can misbehave; ``server.hits`` counts (method, path)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _count(self) -> int:
        with self.server.lock:
            self.server.hits[(self.command, self.path)] += 1
            self.server.active += 1
            self.server.peak = max(self.server.peak, self.server.active)
            self.server.starts.append((self.path, time.monotonic()))
            return sum(n for (_, path), n in self.server.hits.items() if path == self.path)

    def _send(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _trickle(self, data: bytes, first: bytes = b"") -> None:
        """Send ``first`` at once, then ``data`` one byte per interval (``?0.5``; default 0.2 s)."""
        query = self.path.partition("?")[2]
        interval = float(query) if query else 0.2
        self.close_connection = True
        try:
            self.wfile.write(first)
            for i in range(len(data)):
                self.wfile.write(data[i : i + 1])
                with self.server.lock:
                    self.server.sent[self.path] += 1
                time.sleep(interval)
        except OSError:  # the checker gave up and closed the connection
            pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        seen = self._count()
        try:
            self._route(seen)
        finally:
            with self.server.lock:
                self.server.active -= 1

    def _route(self, seen: int) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/ok", "/ok2", "/final"):
            self._send(200, body=b"fine")
        elif path.startswith("/busy"):
            time.sleep(0.1)
            self._send(200)
        elif path == "/moved":
            self._send(301, {"Location": "/moved2"})
        elif path == "/moved2":
            self._send(308, {"Location": f"http://127.0.0.1:{self.server.server_port}/final"})
        elif path == "/temporary":
            self._send(302, {"Location": "/ok"})
        elif path == "/loop-a":
            self._send(301, {"Location": "/loop-b"})
        elif path == "/loop-b":
            self._send(301, {"Location": "/loop-a"})
        elif path.startswith("/hop/"):
            self._send(302, {"Location": f"/hop/{int(path.rsplit('/', 1)[1]) + 1}"})
        elif path == "/missing":
            self._send(404, body=b"no")
        elif path == "/gone":
            self._send(410)
        elif path == "/forbidden":
            self._send(403)
        elif path == "/challenge":
            self._send(403, {"cf-mitigated": "challenge"}, b"<title>Just a moment...</title>")
        elif path == "/rate-limited":
            if seen == 1:
                self._send(429, {"Retry-After": "1"})
            else:
                self._send(200)
        elif path == "/rate-limited-long":
            self._send(429, {"Retry-After": "3600"})
        elif path == "/flaky":
            self._send(503 if seen <= 2 else 200)
        elif path == "/down":
            self._send(503)
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200)
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/head-405":
            self._send(405 if self.command == "HEAD" else 200)
        elif path in ("/endless", "/endless-403"):
            self.send_response(200 if path == "/endless" else 403)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.close_connection = True
            if self.command == "HEAD":
                return
            chunk = b"x" * 65536
            deadline = time.monotonic() + 5
            try:
                while time.monotonic() < deadline:  # "endless": longer than any test waits
                    self.wfile.write(chunk)
                    with self.server.lock:
                        self.server.sent[path] += len(chunk)
            except OSError:
                pass
        elif path.startswith("/trickle-headers"):  # ?interval: seconds between two bytes
            self._trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"y" * 400 + b"\r\n\r\n")
        elif path.startswith("/trickle-body"):  # an error page whose body never ends
            body = b"<title>slow</title>" + b"z" * 400
            if self.command == "HEAD":
                self._send(404)
                return
            head = f"HTTP/1.1 404 Not Found\r\nContent-Length: {len(body)}\r\n\r\n"
            self._trickle(body, head.encode())
        elif path.startswith("/slow-hop/"):  # every hop answers, each after 0.3 s
            time.sleep(0.3)
            self._send(302, {"Location": f"/slow-hop/{int(path.rsplit('/', 1)[1]) + 1}"})
        elif path == "/slow-503":
            time.sleep(0.3)
            self._send(503)
        elif path == "/to-metadata":
            self._send(302, {"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/to-mapped":
            self._send(307, {"Location": "http://[::ffff:169.254.169.254]/latest/"})
        elif path == "/to-https-metadata":
            self._send(301, {"Location": "https://169.254.169.254/latest/"})
        elif path == "/to-https-here":
            self._send(302, {"Location": f"https://127.0.0.1:{self.server.server_port}/ok"})
        elif path == "/to-private":
            self._send(301, {"Location": "http://10.0.0.1/admin"})
        elif path == "/to-localhost-name":
            self._send(301, {"Location": f"http://localhost:{self.server.server_port}/ok"})
        else:
            self._send(404)


@pytest.fixture
def connects():
    """Every address this process connects to while the test runs."""
    CONNECTS.clear()
    RECORDING.set()
    yield CONNECTS
    RECORDING.clear()


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    httpd.hits = Counter()
    httpd.sent = Counter()
    httpd.lock = threading.Lock()
    httpd.active = 0
    httpd.peak = 0
    httpd.starts = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_port}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


FAST = LinkOptions(
    workers=8,
    per_host=4,
    interval=0.0,
    timeout=2.0,  # a link's time in all: room for a loaded machine (timeout tests set theirs)
    retries=2,
    backoff=0.02,
    retry_after_cap=5,
    budget=30,
    allow_hosts=frozenset({"127.0.0.1"}),
)


def _targets(*urls: str) -> list[Target]:
    return [Target(url, Source("list", "urls.txt", i, 1)) for i, url in enumerate(urls, 1)]


def _check(server, *paths: str, options: LinkOptions = FAST, **kwargs):
    run = check(_targets(*(server.base + p for p in paths)), options, **kwargs)
    return {r.url.removeprefix(server.base): r for r in run.results}, run


def _hits(server, path: str) -> int:
    return sum(n for (_, p), n in server.hits.items() if p == path)


def test_ok_and_not_found_and_gone(server):
    results, _ = _check(server, "/ok", "/missing", "/gone")
    assert results["/ok"].verdict == Verdict.OK and results["/ok"].status == 200
    assert results["/missing"].verdict == Verdict.BROKEN and results["/missing"].status == 404
    assert results["/gone"].verdict == Verdict.BROKEN and results["/gone"].status == 410
    assert server.hits[("HEAD", "/ok")] == 1 and server.hits[("GET", "/ok")] == 0
    # a HEAD 404 is asked again with GET before the link is called broken
    assert server.hits[("HEAD", "/missing")] == 1 and server.hits[("GET", "/missing")] == 1


def test_permanent_redirect_chain_suggests_the_new_url(server):
    results, _ = _check(server, "/moved", "/temporary")
    moved = results["/moved"]
    assert moved.verdict == Verdict.REDIRECTED
    assert moved.suggestion == server.base + "/final"
    assert moved.final_url == server.base + "/final"
    assert moved.requests == 3
    temporary = results["/temporary"]
    assert temporary.verdict == Verdict.OK and temporary.suggestion is None
    assert temporary.final_url == server.base + "/ok"


def test_redirect_loop_and_too_many_hops_are_broken(server):
    results, _ = _check(server, "/loop-a", "/hop/0")
    assert results["/loop-a"].verdict == Verdict.BROKEN
    assert "loop" in results["/loop-a"].detail
    assert _hits(server, "/loop-a") == 1 and _hits(server, "/loop-b") == 1
    assert results["/hop/0"].verdict == Verdict.BROKEN
    assert "more than 10 redirects" in results["/hop/0"].detail
    assert _hits(server, "/hop/11") == 0 and _hits(server, "/hop/10") == 1


def test_forbidden_and_challenge_are_unverifiable_not_broken(server):
    results, run = _check(server, "/forbidden", "/challenge")
    assert results["/forbidden"].verdict == Verdict.UNVERIFIABLE
    assert results["/challenge"].verdict == Verdict.UNVERIFIABLE
    assert "challenge" in results["/challenge"].detail
    assert server.hits[("GET", "/forbidden")] == 1  # HEAD 403, then GET before concluding
    assert not run.failed() and run.failed(strict=True)


def test_429_with_retry_after_then_200(server):
    started = time.monotonic()
    results, _ = _check(server, "/rate-limited")
    assert results["/rate-limited"].verdict == Verdict.OK
    assert _hits(server, "/rate-limited") == 2
    assert time.monotonic() - started >= 0.95  # Retry-After: 1 was honoured
    starts = [t for p, t in server.starts if p == "/rate-limited"]
    assert starts[1] - starts[0] >= 0.95


def test_retry_after_over_the_cap_gives_up_at_once(server):
    results, _ = _check(server, "/rate-limited-long")
    result = results["/rate-limited-long"]
    assert result.verdict == Verdict.UNVERIFIABLE and "cap" in result.detail
    assert _hits(server, "/rate-limited-long") == 1


def test_503_twice_then_200_and_persistent_503(server):
    results, _ = _check(server, "/flaky", "/down")
    assert results["/flaky"].verdict == Verdict.OK
    assert _hits(server, "/flaky") == 3
    assert results["/down"].verdict == Verdict.UNVERIFIABLE
    assert _hits(server, "/down") == 3  # one try and two retries, then it gives up


def test_slow_response_times_out_as_unverifiable(server):
    """The timeout is the link's time in all: a request that used it up is not retried."""
    options = LinkOptions(**{**FAST.__dict__, "retries": 1, "timeout": 0.4})
    started = time.monotonic()
    results, _ = _check(server, "/slow", options=options)
    assert results["/slow"].verdict == Verdict.UNVERIFIABLE
    assert "timed out: no complete answer within 0.4 s" in results["/slow"].detail
    assert _hits(server, "/slow") == 1
    assert time.monotonic() - started < 1


def test_connection_reset_is_unverifiable(server):
    results, _ = _check(server, "/reset")
    assert results["/reset"].verdict == Verdict.UNVERIFIABLE
    assert "connection" in results["/reset"].detail
    assert _hits(server, "/reset") == 3


def test_head_405_falls_back_to_get(server):
    results, _ = _check(server, "/head-405")
    assert results["/head-405"].verdict == Verdict.OK
    assert server.hits[("HEAD", "/head-405")] == 1 and server.hits[("GET", "/head-405")] == 1


def test_endless_bodies_do_not_hang(server):
    started = time.monotonic()
    results, _ = _check(server, "/endless", "/endless-403")
    assert time.monotonic() - started < 2
    assert results["/endless"].verdict == Verdict.OK
    assert results["/endless-403"].verdict == Verdict.UNVERIFIABLE
    assert server.hits[("GET", "/endless")] == 0  # a 200 HEAD needs no body at all


def test_redirects_to_metadata_and_private_addresses_are_refused(server, connects):
    paths = ("/to-metadata", "/to-private", "/to-localhost-name", "/to-mapped")
    results, run = _check(server, *paths)
    for path in paths:
        assert results[path].verdict == Verdict.SKIPPED, path
        assert "refused" in results[path].detail
    assert "169.254.169.254" in results["/to-metadata"].detail
    assert "10.0.0.1" in results["/to-private"].detail
    hosts = {address[0] for address in CONNECTS}
    assert hosts == {"127.0.0.1"}
    assert not any(h.startswith(("10.", "169.254.")) for h in hosts)
    assert not run.failed()


def test_dns_answer_pointing_inside_is_refused_and_the_checked_address_is_used(server, connects):
    """A resolver (not DNS: there is none here) maps names; the socket goes to its answer."""
    names = {"inside.registry-test.net": "10.1.2.3", "outside.registry-test.net": "127.0.0.1"}
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[tuple]:
        lookups.append(host)
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], port))]

    guard = AddressGuard(allow={"127.0.0.1"}, canary=None, resolver=resolver)
    port = server.server_port
    run = check(
        _targets(
            f"http://inside.registry-test.net:{port}/ok",
            f"http://outside.registry-test.net:{port}/ok",
            f"http://nowhere.registry-test.net:{port}/ok",
        ),
        FAST,
        guard=guard,
    )
    verdicts = {r.url.split("/")[2].split(".")[0]: r for r in run.results}
    assert verdicts["inside"].verdict == Verdict.SKIPPED
    assert verdicts["outside"].verdict == Verdict.OK
    assert verdicts["nowhere"].verdict == Verdict.BROKEN  # DNS works (canary off): no such name
    assert [a for a in CONNECTS if a[0] != "127.0.0.1"] == []
    assert server.hits[("HEAD", "/ok")] == 1


def test_invalid_host_is_broken_without_any_request(connects):
    run = check(_targets("https://registry-link.invalid/page"), FAST)
    assert run.results[0].verdict == Verdict.BROKEN
    assert run.requests == 0 and CONNECTS == []


def test_no_dns_at_all_is_unverifiable_not_broken():
    def resolver(host: str, port: int) -> list[tuple]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    guard = AddressGuard(canary="example.com", resolver=resolver)
    run = check(_targets("https://huggingface.co/meta-llama"), FAST, guard=guard)
    assert run.results[0].verdict == Verdict.UNVERIFIABLE
    assert "canary" in run.results[0].detail


def test_duplicates_and_fragments_cost_one_request(server):
    urls = [
        server.base + "/ok",
        server.base + "/ok#intro",
        server.base + "/ok#usage",
        server.base.upper().replace("HTTP", "http") + "/ok",
    ]
    targets = [
        Target(u, Source("entry", f"entries/models/m{i}.yaml", 3 + i, 5, f"m{i}", "links.code"))
        for i, u in enumerate(urls)
    ]
    run = check(targets, FAST)
    assert len(run.results) == 1
    assert len(run.results[0].sources) == 4
    assert server.hits[("HEAD", "/ok")] == 1 and run.requests == 1


def test_per_host_limit_and_interval_are_kept(server):
    options = LinkOptions(**{**FAST.__dict__, "per_host": 2, "interval": 0.0, "workers": 8})
    _check(server, *(f"/busy{i}" for i in range(8)), options=options)
    assert server.peak == 2
    server.peak = 0
    server.starts.clear()
    options = LinkOptions(**{**FAST.__dict__, "per_host": 4, "interval": 0.05, "workers": 8})
    _check(server, *(f"/busy-b{i}" for i in range(5)), options=options)
    starts = sorted(t for _, t in server.starts)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 5 and min(gaps) >= 0.04


def test_budget_defers_the_rest(server):
    options = LinkOptions(**{**FAST.__dict__, "per_host": 1, "budget": 0.25})
    results, run = _check(server, *(f"/busy{i}" for i in range(10)), options=options)
    deferred = [r for r in results.values() if "deferred" in r.detail]
    assert deferred and all(r.verdict == Verdict.UNVERIFIABLE for r in deferred)
    assert sum(1 for (_, p) in server.hits if p.startswith("/busy")) < 10
    assert run.elapsed < 1.0


def test_warm_cache_makes_no_request(server, tmp_path):
    from registry.links import Cache

    path = tmp_path / "links.json"
    paths = ("/ok", "/missing", "/moved", "/forbidden")
    cache = Cache.load(path)
    first, _ = _check(server, *paths, cache=cache)
    cache.save()
    before = sum(server.hits.values())
    assert before > 0
    cache = Cache.load(path)
    second, run = _check(server, *paths, cache=cache)
    assert sum(server.hits.values()) == before and run.requests == 0
    assert all(r.cached for r in second.values())
    assert {p: r.verdict for p, r in second.items()} == {p: r.verdict for p, r in first.items()}
    assert second["/moved"].suggestion == server.base + "/final"


def test_history_counts_broken_only_after_k_runs(server, tmp_path):
    from registry.links import History

    path = tmp_path / "history.json"
    verdicts = []
    for _ in range(2):
        history = History.load(path)
        results, _ = _check(server, "/missing", history=history, broken_after=2)
        history.save()
        verdicts.append(results["/missing"].verdict)
    assert verdicts == [Verdict.UNVERIFIABLE, Verdict.BROKEN]
    assert server.hits[("GET", "/missing")] == 2  # each scheduled run looked again


def _entry(tmp_path, base: str) -> None:
    entry = tmp_path / "entries" / "models" / "demo.yaml"
    entry.parent.mkdir(parents=True)
    entry.write_text(
        "id: demo\nkind: model\nname: Demo\nlinks:\n"
        f"  code: {base}/ok\n  paper: {base}/missing\n  blog: {base}/forbidden\n"
        f"sources:\n  - url: {base}/ok#readme\n"
    )


def test_cli_entries_exit_status_and_annotations(server, tmp_path, cli):
    _entry(tmp_path, server.base)
    args = [
        "check-links",
        "--allow-host",
        "127.0.0.1",
        "--interval",
        "0",
        "--backoff",
        "0.01",
        "--timeout",
        "2",
        "--cache",
        str(tmp_path / "cache.json"),
    ]
    done = cli(*args, "--format", "github", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "::error file=entries/models/demo.yaml,line=6,col=10,title=broken link::" in done.stdout
    assert "\r[" not in done.stderr  # no progress bar outside a terminal
    hits = sum(server.hits.values())
    done = cli(*args, "--format", "json", cwd=tmp_path)
    data = json.loads(done.stdout)
    assert {r["verdict"] for r in data["results"]} == {"ok", "broken", "unverifiable"}
    ok = next(r for r in data["results"] if r["verdict"] == "ok")
    assert len(ok["sources"]) == 2 and ok["sources"][0]["entry"] == "demo"
    assert sum(server.hits.values()) == hits  # answered from the cache
    done = cli(*args, "--exclude", "/missing$", "--strict", cwd=tmp_path)
    assert done.returncode == 1 and "excluded by config" in done.stdout
    done = cli(*args, "--exclude", "/missing$", cwd=tmp_path)
    assert done.returncode == 0, done.stdout


def test_cli_reports_a_corrupt_cache_and_replaces_it(server, tmp_path):
    cache = tmp_path / "cache.json"
    cache.write_text('{"version": 1, "urls": {"x": {"verdict": "maybe"}}}')
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry",
            "check-links",
            "--urls",
            "-",
            "--allow-host",
            "127.0.0.1",
            "--cache",
            str(cache),
        ],
        cwd=tmp_path,
        input=f"{server.base}/ok\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "corrupt" in done.stderr and "Traceback" not in done.stderr
    assert json.loads(cache.read_text())["urls"][server.base + "/ok"]["verdict"] == "ok"


def test_a_host_that_refuses_head_is_asked_with_get_from_then_on(server):
    options = LinkOptions(**{**FAST.__dict__, "per_host": 1})
    _check(server, "/head-405", "/ok", "/ok2", options=options)
    assert server.hits[("HEAD", "/head-405")] == 1
    assert server.hits[("GET", "/ok")] == 1 and server.hits[("GET", "/ok2")] == 1
    assert server.hits[("HEAD", "/ok")] == 0


def test_processes_share_hosts_and_keep_per_host_limits(server):
    second = ThreadingHTTPServer(("127.0.0.2", 0), Misbehaving)
    second.daemon_threads = True
    second.hits, second.sent, second.lock = Counter(), Counter(), threading.Lock()
    second.active, second.peak, second.starts = 0, 0, []
    threading.Thread(target=second.serve_forever, args=(0.05,), daemon=True).start()
    try:
        base2 = f"http://127.0.0.2:{second.server_port}"
        urls = [f"{base}/ok?{i}" for i in range(150) for base in (server.base, base2)]
        options = LinkOptions(
            **{
                **FAST.__dict__,
                "processes": 2,
                "per_host": 2,
                "allow_hosts": frozenset({"127.0.0.1", "127.0.0.2"}),
            }
        )
        run = check(_targets(*urls), options)
        assert len(run.results) == 300 and run.count(Verdict.OK) == 300
        assert run.requests == 300
        assert sum(second.hits.values()) == 150 and sum(server.hits.values()) == 150
        assert server.peak <= 2 and second.peak <= 2
    finally:
        second.shutdown()
        second.server_close()


def test_a_host_that_refuses_connections_is_given_up_after_three_failures():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens on this port now
    urls = [f"http://127.0.0.1:{port}/{i}" for i in range(12)]
    options = LinkOptions(**{**FAST.__dict__, "per_host": 1, "retries": 1, "backoff": 0.01})
    started = time.monotonic()
    run = check(_targets(*urls), options)
    assert time.monotonic() - started < 2
    assert run.count(Verdict.UNVERIFIABLE) == 12 and not run.failed()
    given_up = [r for r in run.results if r.detail.startswith("given up: the host is down")]
    assert len(given_up) >= 12 - 3
    assert run.requests == 3  # three failed connections in a row, then no more


def test_processes_with_a_single_host_stay_in_one_process(server):
    options = LinkOptions(**{**FAST.__dict__, "processes": 2})
    run = check(_targets(*(f"{server.base}/ok?{i}" for i in range(210))), options)
    assert run.count(Verdict.OK) == 210 and sum(server.hits.values()) == 210


def test_dns_rebinding_between_check_and_connect_is_refused(server, connects):
    """The name first resolves to an allowed address, then (at connect time) inside: refused."""
    answers = iter(["127.0.0.1", "10.9.8.7", "10.9.8.7", "10.9.8.7"])

    def resolver(host: str, port: int) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    guard = AddressGuard(allow={"127.0.0.1"}, canary=None, resolver=resolver)
    url = f"http://rebind.registry-test.net:{server.server_port}/ok"
    run = check(_targets(url), FAST, guard=guard)
    assert run.results[0].verdict == Verdict.SKIPPED
    assert "10.9.8.7" in run.results[0].detail
    assert connects == [] and sum(server.hits.values()) == 0


def test_https_hops_go_through_the_guard_too(server, connects):
    results, _ = _check(server, "/to-https-metadata", "/to-https-here")
    refused = results["/to-https-metadata"]
    assert refused.verdict == Verdict.SKIPPED and "169.254.169.254" in refused.detail
    tls = results["/to-https-here"]  # the server speaks plain HTTP: the handshake fails
    assert tls.verdict == Verdict.UNVERIFIABLE and "TLS" in tls.detail
    assert {address[0] for address in connects} == {"127.0.0.1"}


# -- total deadlines: nothing a server does makes a check last longer than its time ----------


def _check_list(server, tmp_path, paths, *flags: str) -> tuple[list[dict], float, float]:
    """Run ``check-links --urls -`` as a user would: its results, wall time and own time."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "registry", "check-links", "--urls", "-", "--no-cache"]
        + ["--allow-host", "127.0.0.1", "--format", "json", *flags],
        cwd=tmp_path,
        input="".join(f"{server.base}{p}\n" for p in paths),
        capture_output=True,
        text=True,
        timeout=120,
    )
    wall = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    return data["results"], wall, data["summary"]["seconds"]


def test_headers_sent_one_byte_a_second_end_at_the_timeout(server, tmp_path):
    """The tester's case: before, `--timeout 3` was between bytes and this ran for minutes."""
    results, wall, own = _check_list(
        server, tmp_path, ["/trickle-headers?1"], "--timeout", "3", "--budget", "20"
    )
    (result,) = results
    assert result["verdict"] == "unverifiable"
    assert result["detail"].startswith("timed out: no complete answer within 3 s")
    assert 2.9 <= own < 3.5 and wall < 8, (own, wall)
    assert _hits(server, "/trickle-headers?1") == 1  # no retry: the link's 3 s are used up


def test_the_budget_ends_requests_in_flight(server, tmp_path):
    paths = [f"/trickle-headers/{i}?1" for i in range(6)]
    results, wall, own = _check_list(
        server, tmp_path, paths, "--timeout", "30", "--budget", "3", "--per-host", "2"
    )
    assert own < 3.5 and wall < 8, (own, wall)
    assert {r["verdict"] for r in results} == {"unverifiable"}
    details = Counter(r["detail"] for r in results)
    in_flight = "the time budget of 3 s ran out while the request was in flight"
    assert details[in_flight] == 2  # the two requests the host allowed at once
    assert details["deferred: the time budget of 3 s ran out"] == 4


def _check_within(server, path: str, seconds: float, **changes):
    """The result for one path, checked with FAST changed by ``changes``; the check must end
    within ``seconds``."""
    options = LinkOptions(**{**FAST.__dict__, **changes})
    started = time.monotonic()
    results, _ = _check(server, path, options=options)
    assert time.monotonic() - started < seconds
    return results[path]


def test_a_trickling_error_page_ends_at_the_timeout_with_its_status(server):
    # before: its body was drained to the end, 21 s
    result = _check_within(server, "/trickle-body?0.05", 1.6, timeout=1.0)
    assert result.verdict == Verdict.BROKEN and result.status == 404
    assert 0 < server.sent["/trickle-body?0.05"] < 30


def test_many_slow_hops_share_one_deadline(server):
    result = _check_within(server, "/slow-hop/0", 1.6, timeout=1.0)  # before: 10 hops of 0.3 s
    assert result.verdict == Verdict.UNVERIFIABLE
    assert result.detail.startswith("timed out: no complete answer within 1 s over 4 requests")
    assert _hits(server, "/slow-hop/4") == 0


def test_slow_answers_share_the_deadline_across_retries(server):
    # before: six tries of 0.3 s each
    result = _check_within(server, "/slow-503", 1.2, timeout=0.5, retries=5, backoff=0.01)
    assert result.verdict == Verdict.UNVERIFIABLE
    # the first 503 came after 0.3 s; the retry had 0.2 s left, and was cut there
    assert result.detail.startswith("timed out: no complete answer within 0.5 s over 2 requests")
    assert _hits(server, "/slow-503") == 2


@pytest.fixture
def tls_trickler():
    """A TCP server that answers a TLS ClientHello with a record header, then one byte at a time."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    conn.sendall(b"\x16\x03\x03\x40\x00")  # a 16 KB handshake record follows...
                    while not stop.wait(0.05):
                        conn.sendall(b"\x02")  # ...one byte at a time
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    listener.close()


def test_a_trickling_tls_handshake_ends_at_the_timeout(tls_trickler):
    options = LinkOptions(**{**FAST.__dict__, "timeout": 1.0})
    started = time.monotonic()
    run = check(_targets(f"https://127.0.0.1:{tls_trickler}/"), options)
    assert time.monotonic() - started < 1.6
    assert run.results[0].verdict == Verdict.UNVERIFIABLE, run.results[0]
