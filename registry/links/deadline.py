"""A total deadline for everything one request does on its socket.

Socket timeouts count the time between two bytes: a server that sends its headers, its TLS
handshake or its body one byte a second never trips them, and a check could last for ever. So
the checker sets a deadline (:func:`until`) around each request, on the thread that makes it, and
the sockets of its connections (:class:`DeadlineSocket`, :class:`DeadlineSSLSocket`) lower their
timeout before every read and write to the time that is left, and fail with
:class:`DeadlineExceeded` once it is gone. The HTTP client sees an ordinary timeout.

Nothing watches from another thread and nothing is closed behind the client's back: the bound
is kept by the very call that would otherwise wait.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_current = threading.local()


class DeadlineExceeded(TimeoutError):
    """The request's deadline passed (a ``socket.timeout``, so HTTP clients treat it as one)."""


@contextmanager
def until(deadline: float) -> Iterator[None]:
    """Bound every socket operation of this thread by ``deadline`` (a ``time.monotonic()``)."""
    outer = getattr(_current, "deadline", None)
    _current.deadline = deadline
    try:
        yield
    finally:
        _current.deadline = outer


def remaining() -> float | None:
    """Seconds left before this thread's deadline; None when it has none."""
    deadline = getattr(_current, "deadline", None)
    return None if deadline is None else deadline - time.monotonic()


def _bound(sock: socket.socket) -> None:
    """Lower the socket's timeout to the time left (or fail when none is left)."""
    left = remaining()
    if left is None:
        return
    if left <= 0:
        raise DeadlineExceeded("the request's deadline passed")
    timeout = sock.gettimeout()
    if timeout is None or timeout > left:
        sock.settimeout(left)


class DeadlineSocket(socket.socket):
    """A TCP socket whose reads and writes end at the thread's deadline."""

    __slots__ = ()

    def recv(self, *args, **kwargs) -> bytes:
        _bound(self)
        return super().recv(*args, **kwargs)

    def recv_into(self, *args, **kwargs) -> int:
        _bound(self)
        return super().recv_into(*args, **kwargs)

    def send(self, *args, **kwargs) -> int:
        _bound(self)
        return super().send(*args, **kwargs)

    def sendall(self, *args, **kwargs) -> None:
        _bound(self)
        return super().sendall(*args, **kwargs)

    @classmethod
    def adopt(cls, sock: socket.socket) -> DeadlineSocket:
        """The same connected socket (same descriptor, options and timeout) in this class."""
        timeout = sock.gettimeout()
        adopted = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        adopted.settimeout(timeout)
        return adopted


class DeadlineSSLSocket(ssl.SSLSocket):
    """A TLS socket whose handshake, reads and writes end at the thread's deadline.

    CPython bounds one handshake, read or write call by the socket timeout as a whole, so
    lowering the timeout before each call bounds them all.
    """

    def do_handshake(self, *args, **kwargs) -> None:
        _bound(self)
        return super().do_handshake(*args, **kwargs)

    def read(self, *args, **kwargs):
        _bound(self)
        return super().read(*args, **kwargs)

    def write(self, *args, **kwargs) -> int:
        _bound(self)
        return super().write(*args, **kwargs)

    def send(self, *args, **kwargs) -> int:
        _bound(self)
        return super().send(*args, **kwargs)
