"""Fetch a URL safely: http(s) only, one overall deadline, size caps, few redirects, public hosts only.

One deadline (``timeout``, 15 s by default) covers the name lookup, the connection, the
headers and the body of every hop together: a server that trickles a header line every few
seconds, or its body a byte at a time, is given up when the deadline passes, because a watchdog
shuts the socket rather than waiting for a read to time out.

Only globally reachable addresses are fetched unless the caller allows private ones (tests use
a loopback server). The name is resolved once per hop, every address it gives must be global,
and the connection goes to one of those addresses (the name is not looked up again), whose peer
is checked once more when connected. A compressed answer is unpacked with the same size cap as a
plain one, so a gzip bomb is refused as such.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from corpus.errors import FetchError, FetchTimeout, HostUnreachable, ServerError, UnsafeFileError

MAX_BYTES = 25 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUT = 15.0
USER_AGENT = "policy-compare/0.1 (+research; respects robots by fetching single pages on request)"

Resolver = Callable[[str, int], list[str]]
"""``(host, port) -> addresses``: how a host name becomes IP addresses (injectable for tests)."""

_GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")
_WRAPPED_V4 = (ipaddress.IPv6Network("2002::/16"), ipaddress.IPv6Network("2001::/32"))  # 6to4, Teredo


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str
    charset: str | None
    fetched_at: str


def is_global_address(address: str) -> bool:
    """True only for a globally reachable unicast address.

    Anything else is refused: private, loopback, link-local, shared (100.64.0.0/10), reserved,
    documentation, benchmarking, multicast, unspecified, IPv6 site-local (fec0::/10), and IPv6
    forms that carry or reach an IPv4 address (6to4, Teredo, NAT64, IPv4-compatible); an
    IPv4-mapped address is judged by the IPv4 address inside. Unparseable text is not global.
    """
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_global_address(str(ip.ipv4_mapped))
        if ip not in _GLOBAL_UNICAST_V6 or any(ip in net for net in _WRAPPED_V4):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (raises ``socket.gaierror``)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


class _Deadline:
    """One wall-clock deadline for a whole fetch; a watchdog shuts the socket in use when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
        return max(left, 0.0)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self._timer is None:
                self._timer = threading.Timer(self.remaining(), self._expire)
                self._timer.daemon = True
                self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                with contextlib.suppress(OSError):  # already closed
                    self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to addresses already checked, never looking the name up again."""

    def __init__(self, host: str, port: int, addresses: list[str], deadline: _Deadline, allow_private: bool) -> None:
        super().__init__(host, port, timeout=max(deadline.remaining(), 0.001))
        self._addresses = addresses
        self._deadline = deadline
        self._allow_private = allow_private

    def connect(self) -> None:
        error: OSError | None = None
        for address in self._addresses:
            try:
                sock = socket.create_connection((address, self.port), max(self._deadline.remaining(), 0.001))
            except OSError as exc:
                error = exc
                continue
            self._deadline.watch(sock)
            peer = str(sock.getpeername()[0])
            if not self._allow_private and not is_global_address(peer):
                sock.close()
                raise _Refused(peer)
            self.sock = sock
            return
        raise error or ConnectionError("no address to connect to")


class _PinnedHTTPS(_PinnedHTTP):
    def __init__(self, host: str, port: int, addresses: list[str], deadline: _Deadline, allow_private: bool) -> None:
        super().__init__(host, port, addresses, deadline, allow_private)
        self._context = ssl.create_default_context()

    def connect(self) -> None:
        super().connect()
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)
        self._deadline.watch(self.sock)


class _Refused(Exception):
    """The connected peer is not a global address."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


def _resolve_within(resolve: Resolver, host: str, port: int, deadline: _Deadline) -> list[str]:
    """``resolve(host, port)`` in a daemon thread, abandoned when the deadline passes."""
    outcome: list[list[str] | BaseException] = []

    def run() -> None:
        try:
            outcome.append(resolve(host, port))
        except BaseException as exc:  # noqa: BLE001 (handed to the caller's thread)
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(deadline.remaining())
    if not outcome:
        deadline.expired = True
        raise TimeoutError
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _unpack(data: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """The body without its Content-Encoding, never more than ``max_bytes`` unpacked."""
    if encoding in {"", "identity"}:
        return data
    if encoding not in {"gzip", "x-gzip", "deflate"}:
        raise FetchError(
            url, f"the server sent the page compressed as {encoding!r}, which is not read", "Download the file and add it from disk."
        )
    unpacker = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    try:
        out = unpacker.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(url, f"the server's {encoding} data is broken ({exc})", "Try again later or download the file.") from exc
    if len(out) > max_bytes:
        raise UnsafeFileError(
            url,
            f"the page unpacks to more than {max_bytes // 2**20} MB from {len(data):,} bytes sent (a compression bomb)",
            "Download it and add the part that holds the policy.",
        )
    return out


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    resolve: Resolver = system_resolve,
) -> Fetched:
    """GET ``url`` following at most ``max_redirects`` redirects, all within ``timeout`` seconds
    in total; raise ``FetchError`` (``UnsafeFileError`` for size) for anything but a 2xx answer
    within the limits."""
    deadline = _Deadline(timeout)
    try:
        return _fetch(url, deadline, allow_private, max_bytes, max_redirects, resolve)
    finally:
        deadline.cancel()


def _fetch(url: str, deadline: _Deadline, allow_private: bool, max_bytes: int, max_redirects: int, resolve: Resolver) -> Fetched:
    late = FetchTimeout(url, f"no complete answer within {deadline.seconds:g} s", "The site may be down or slow; try again later.")
    current = url
    for _ in range(max_redirects + 1):
        try:
            parts = urlsplit(current)
            host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise FetchError(url, f"the address is malformed ({exc})", "Give a full http(s):// address.") from exc
        if parts.scheme not in {"http", "https"}:
            raise FetchError(
                url,
                f"only http and https addresses can be fetched, not {parts.scheme or 'a bare path'!r}",
                "Give a full http(s):// address, or a file path.",
            )
        if not host:
            raise FetchError(url, "the address has no host", "Give a full http(s):// address.")
        try:
            addresses = _resolve_within(resolve, host, port, deadline)
        except TimeoutError as exc:
            raise late from exc
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise HostUnreachable(
                url, f"the host {host!r} could not be resolved ({reason})", "Check the address and your network."
            ) from exc
        blocked = [a for a in addresses if not is_global_address(a)]
        if not addresses or (blocked and not allow_private):
            raise FetchError(
                url,
                f"the host {host!r} resolves to a private or local address ({blocked[0] if blocked else 'none'})",
                "Only public addresses are fetched; use --allow-private for an intranet, or download the file and add it from disk.",
            )
        conn: _PinnedHTTP = (_PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP)(host, port, addresses, deadline, allow_private)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "gzip, identity",
                },
            )
            response = conn.getresponse()
            if response.status in {301, 302, 303, 307, 308}:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(url, f"the server answered {response.status} without a Location", "Try the final address directly.")
                current = urljoin(current, location)
                continue
            if not 200 <= response.status < 300:
                raise (ServerError if response.status >= 500 else FetchError)(
                    url, f"the server answered HTTP {response.status} {response.reason}", "Check that the address still works in a browser."
                )
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise UnsafeFileError(
                    url,
                    f"the page is {int(declared) // 2**20} MB (limit {max_bytes // 2**20} MB)",
                    "Download it and add the part that holds the policy.",
                )
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise UnsafeFileError(
                        url, f"the page is larger than {max_bytes // 2**20} MB", "Download it and add the part that holds the policy."
                    )
                chunks.append(chunk)
                if deadline.remaining() == 0:
                    raise late
            if deadline.expired:
                raise late  # the watchdog shut the socket: what was read is incomplete
            content_type = response.getheader("Content-Type", "") or ""
            encoding = (response.getheader("Content-Encoding", "") or "").strip().lower()
        except _Refused as exc:
            raise FetchError(
                url,
                f"the connection went to a private or local address ({exc.address})",
                "Only public addresses are fetched; use --allow-private for an intranet.",
            ) from exc
        except (TimeoutError, http.client.HTTPException, OSError) as exc:
            if deadline.expired or isinstance(exc, TimeoutError):
                raise late from exc
            if isinstance(exc, ssl.SSLError):
                raise FetchError(
                    url, f"the secure connection failed ({exc.reason})", "Check the address; the site's certificate may be invalid."
                ) from exc
            if isinstance(exc, http.client.HTTPException):
                raise FetchError(url, f"the server sent a broken answer ({type(exc).__name__})", "Try again later.") from exc
            raise HostUnreachable(
                url, f"the connection failed ({exc.strerror or type(exc).__name__})", "The site may be down or the address wrong."
            ) from exc
        finally:
            conn.close()
        media, _, params = content_type.partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip('"') or None
        data = _unpack(b"".join(chunks), encoding, url, max_bytes)
        return Fetched(current, data, media.strip().lower(), charset, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    raise FetchError(url, f"more than {max_redirects} redirects", "Give the final address of the document.")
