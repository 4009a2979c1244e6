"""Fetch a URL safely: http(s) only, time limit, size cap, few redirects, public hosts only.

Private, loopback, link-local and reserved addresses are refused unless the caller allows
them (tests use a loopback server). The check is made on the address the socket actually
connected to, so a DNS answer that changes between lookup and connect cannot slip through.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from corpus.errors import FetchError, UnsafeFileError

MAX_BYTES = 25 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUT = 15.0
USER_AGENT = "policy-compare/0.1 (+research; respects robots by fetching single pages on request)"


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str
    charset: str | None
    fetched_at: str


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified)


def _check_host(host: str, port: int, url: str, allow_private: bool) -> None:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(url, f"the host {host!r} could not be resolved ({exc.strerror})", "Check the address and your network.") from exc
    if not allow_private:
        for info in infos:
            address = str(info[4][0])
            if not _is_public(address):
                raise FetchError(
                    url,
                    f"the host {host!r} resolves to a private or local address ({address})",
                    "Fetching intranet addresses is off; download the file and add it from disk.",
                )


class _GuardedHTTP(http.client.HTTPConnection):
    allow_private = False

    def connect(self) -> None:
        super().connect()
        _verify_peer(self.sock, self.host, self.allow_private)


class _GuardedHTTPS(http.client.HTTPSConnection):
    allow_private = False

    def connect(self) -> None:
        super().connect()
        _verify_peer(self.sock, self.host, self.allow_private)


def _verify_peer(sock: socket.socket, host: str, allow_private: bool) -> None:
    peer = sock.getpeername()[0]
    if not allow_private and not _is_public(peer):
        sock.close()
        raise FetchError(host, f"the connection went to a private or local address ({peer})", "Fetching intranet addresses is off.")


def fetch(
    url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT, max_redirects: int = MAX_REDIRECTS
) -> Fetched:
    """GET ``url`` following at most ``max_redirects`` redirects; raise ``FetchError`` for
    anything but a 2xx answer within the limits."""
    deadline = time.monotonic() + 2 * timeout
    current = url
    for _ in range(max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme not in {"http", "https"}:
            raise FetchError(
                url,
                f"only http and https addresses can be fetched, not {parts.scheme or 'a bare path'!r}",
                "Give a full http(s):// address, or a file path.",
            )
        if not parts.hostname:
            raise FetchError(url, "the address has no host", "Give a full http(s):// address.")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        _check_host(parts.hostname, port, url, allow_private)
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            conn = _GuardedHTTPS(parts.hostname, port, timeout=timeout, context=ssl.create_default_context())
        else:
            conn = _GuardedHTTP(parts.hostname, port, timeout=timeout)
        conn.allow_private = allow_private  # type: ignore[attr-defined]
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain;q=0.9,*/*;q=0.5",
                },
            )
            response = conn.getresponse()
            if response.status in {301, 302, 303, 307, 308}:
                location = response.getheader("Location")
                conn.close()
                if not location:
                    raise FetchError(url, f"the server answered {response.status} without a Location", "Try the final address directly.")
                current = urljoin(current, location)
                continue
            if not 200 <= response.status < 300:
                raise FetchError(
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
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(
                        url,
                        f"the download took longer than {2 * timeout:.0f} s",
                        "Try again later or download the file and add it from disk.",
                    )
                chunk = response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise UnsafeFileError(
                        url, f"the page is larger than {max_bytes // 2**20} MB", "Download it and add the part that holds the policy."
                    )
                chunks.append(chunk)
            content_type = response.getheader("Content-Type", "") or ""
        except TimeoutError as exc:
            raise FetchError(url, f"no answer within {timeout:.0f} s", "The site may be down; try again later.") from exc
        except ssl.SSLError as exc:
            raise FetchError(
                url, f"the secure connection failed ({exc.reason})", "Check the address; the site's certificate may be invalid."
            ) from exc
        except ConnectionError as exc:
            raise FetchError(
                url, f"the connection failed ({exc.strerror or type(exc).__name__})", "The site may be down or the address wrong."
            ) from exc
        except http.client.HTTPException as exc:
            raise FetchError(url, f"the server sent a broken answer ({type(exc).__name__})", "Try again later.") from exc
        except OSError as exc:
            raise FetchError(url, f"the connection failed ({exc.strerror or exc})", "The site may be down or the address wrong.") from exc
        finally:
            conn.close()
        media, _, params = content_type.partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip('"') or None
        return Fetched(current, b"".join(chunks), media.strip().lower(), charset, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    raise FetchError(url, f"more than {max_redirects} redirects", "Give the final address of the document.")
