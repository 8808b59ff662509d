"""Never let a link make the checker fetch an address inside a network.

A pull request could add ``http://metadata.internal/`` or a public URL that redirects to
``169.254.169.254``: a checker in CI would then fetch cloud credentials or an intranet page.
So every connection, the first and the one at each redirect hop, goes through
:class:`AddressGuard`: the host is resolved, every address is judged with
:func:`registry.urls.is_forbidden_ip`, and the socket is opened to the address that was judged
(never to a second, possibly different, DNS answer: no DNS rebinding).

The guard sits inside urllib3's connection class, so no code path of ``requests`` can open a
socket around it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.ssl_ import create_urllib3_context

from ..urls import is_forbidden_ip, is_local_name
from ..weburl import Host, URLError, parse_host
from .deadline import DeadlineSocket, DeadlineSSLSocket

RESERVED_SUFFIXES = (".invalid", ".test", ".example")
"""RFC 2606/6761 names that can never resolve: broken without asking DNS."""

_NO_SUCH_NAME = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}

Resolver = Callable[[str, int], list[tuple]]


class Refused(Exception):
    """The host is, or resolves to, an address the checker must not reach."""

    def __init__(self, host: str, address: str) -> None:
        self.host = host
        self.address = address
        what = host if host == address else f"{host} resolves to {address}"
        super().__init__(f"refused: {what}, a private, loopback or link-local address")


class DnsFailure(Exception):
    """The host name did not resolve. ``nonexistent`` only when DNS itself is known to work."""

    def __init__(self, host: str, message: str, nonexistent: bool) -> None:
        self.host = host
        self.nonexistent = nonexistent
        super().__init__(message)


def _parse(host: str) -> Host:
    """A host as a URL holds it, or as urllib3 and resolvers name it (IPv6 without brackets)."""
    bare = host.strip().strip("[]")
    return parse_host(f"[{bare}]" if ":" in bare else bare)


def _allow_key(host: str) -> str:
    """An allowed host as the parser writes it, so ``--allow-host 127.1`` means 127.0.0.1."""
    try:
        return _parse(host).name.rstrip(".")
    except URLError:
        return host.strip().strip("[]").lower().rstrip(".")


def _system_resolver(host: str, port: int) -> list[tuple]:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


class AddressGuard:
    """Resolves host names and refuses forbidden addresses; ``allow`` lists exceptions (tests).

    ``canary`` is a name that always exists (``example.com``): when a lookup says "no such
    name", the canary is resolved once per run, and if it fails too, DNS is down (a sandbox, an
    offline runner) and the link is only unverifiable, never broken.
    """

    def __init__(
        self,
        allow: Iterable[str] = (),
        canary: str | None = "example.com",
        resolver: Resolver = _system_resolver,
    ) -> None:
        self.allow = {_allow_key(host) for host in allow}
        self.canary = canary
        self.resolver = resolver
        self._dns_works: bool | None = None
        self._lock = threading.Lock()

    def is_allowed(self, host: str) -> bool:
        return _allow_key(host) in self.allow

    def dns_works(self) -> bool:
        """Whether DNS answers at all (checked once, on the first "no such name")."""
        with self._lock:
            if self._dns_works is None:
                if not self.canary:
                    self._dns_works = True
                else:
                    try:
                        self.resolver(self.canary, 443)
                        self._dns_works = True
                    except OSError:
                        self._dns_works = False
            return self._dns_works

    def resolve(self, host: str, port: int) -> str:
        """The one address to connect to; raises :class:`Refused` or :class:`DnsFailure`."""
        try:
            parsed = _parse(host)
        except URLError as exc:
            raise DnsFailure(host, f"not a valid host: {exc}", True) from exc
        name = parsed.name.rstrip(".")
        if parsed.address is not None:  # an address is judged as it is, never looked up
            if is_forbidden_ip(name) and not self.is_allowed(name):
                raise Refused(name, name)
            return name
        if is_local_name(name) and not self.is_allowed(name):
            raise Refused(name, name)
        if name.endswith(RESERVED_SUFFIXES):
            raise DnsFailure(name, f"DNS: {name} is a reserved name that never resolves", True)
        try:
            infos = self.resolver(name, port)
        except socket.gaierror as exc:
            if exc.errno in _NO_SUCH_NAME:
                if self.dns_works():
                    raise DnsFailure(name, f"DNS: {name} does not exist", True) from exc
                raise DnsFailure(
                    name,
                    f"DNS: {name} did not resolve, and neither did the canary "
                    f"{self.canary} (no DNS here?)",
                    False,
                ) from exc
            raise DnsFailure(name, f"DNS: lookup of {name} failed ({exc})", False) from exc
        addresses = [str(info[4][0]) for info in infos]
        if not addresses:
            raise DnsFailure(name, f"DNS: {name} has no address", False)
        if not self.is_allowed(name):
            for address in addresses:
                if is_forbidden_ip(address) and not self.is_allowed(address):
                    raise Refused(name, address)
        return addresses[0]


class _Guarded:
    """Opens the socket to the address the guard approved, not to a fresh DNS answer.

    A mixin for urllib3's HTTP and HTTPS connections: ``super()`` is the connection class.
    """

    guard: AddressGuard
    _dns_host: str
    port: int | None

    def _new_conn(self) -> socket.socket:
        address = self.guard.resolve(self._dns_host, self.port or 80)
        # urllib3 uses _dns_host only to open the socket; TLS (SNI, certificate) keeps the name.
        name, self._dns_host = self._dns_host, address
        try:
            sock = super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = name
        return DeadlineSocket.adopt(sock)


class _GuardedConnection(_Guarded, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_Guarded, HTTPSConnection):
    pass


class GuardedAdapter(HTTPAdapter):
    """A ``requests`` adapter whose every connection goes through an :class:`AddressGuard`."""

    def __init__(self, guard: AddressGuard, **kwargs) -> None:
        self.guard = guard
        super().__init__(**kwargs)

    def request_url(self, request: requests.PreparedRequest, proxies) -> str:
        """The request target: always the path, as no proxy is ever used."""
        return request.path_url

    def build_response(self, req: requests.PreparedRequest, resp) -> requests.Response:
        """Like requests' own, without collecting cookies (no check sends any)."""
        response = requests.Response()
        response.status_code = resp.status
        response.headers = CaseInsensitiveDict(resp.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url or ""
        response.request = req
        response.connection = self
        return response

    def init_poolmanager(self, *args, **kwargs) -> None:
        context = create_urllib3_context()
        context.sslsocket_class = DeadlineSSLSocket  # TLS reads end at the deadline too
        kwargs.setdefault("ssl_context", context)
        super().init_poolmanager(*args, **kwargs)
        guard = self.guard
        http_conn = type("GuardedConnection", (_GuardedConnection,), {"guard": guard})
        https_conn = type("GuardedHTTPSConnection", (_GuardedHTTPSConnection,), {"guard": guard})
        http_pool = type("GuardedPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
        https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}


def guarded_adapter(guard: AddressGuard, pool_size: int) -> GuardedAdapter:
    """The transport for every check: guarded connections, kept alive per host.

    Requests go straight to the adapter (``adapter.send``), not through a ``Session``: the
    session's extras are all unwanted here (proxies from the environment would hide where we
    connect, cookies would make one check depend on another, redirects are followed one hop at a
    time by the checker) and they cost more CPU than the request itself.
    """
    return GuardedAdapter(guard, pool_connections=64, pool_maxsize=max(pool_size, 1))
