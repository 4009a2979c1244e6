"""URL fetching against a loopback server: redirects, limits, deadline, dead hosts, private addresses.

No test sends traffic beyond loopback: the address rule is checked as a table on the
classification function, and host names are turned into addresses by a stub resolver.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from corpus.errors import FetchError, UnsafeFileError
from corpus.library import prepare
from corpus.readers import read_url
from corpus.readers.fetch import fetch, is_global_address
from tests.corpus import builders
from tests.corpus.test_readers import PAGE_LINES, PDF_LINES

PAGE = builders.government_page(PAGE_LINES, title="云梦泽市元宇宙产业发展行动方案")
GBK_PAGE = builders.government_page(PAGE_LINES, title="云梦泽市元宇宙产业发展行动方案", charset="gb18030", meta=False)
PDF = builders.text_pdf(PDF_LINES)
DOCX = builders.numbered_docx()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path
        if path == "/plan.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/gbk":
            self._send(200, GBK_PAGE, "text/html; charset=GBK")
        elif path == "/download?id=7":
            self._send(200, PDF, "application/pdf")
        elif path == "/plan.docx":
            self._send(200, DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif path == "/moved":
            self._send(302, b"", "text/plain", {"Location": "/plan.html"})
        elif path.startswith("/loop/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, b"", "text/plain", {"Location": f"/loop/{n + 1}"})
        elif path == "/no-location":
            self._send(302, b"", "text/plain")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE, "text/html")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 65536)
        elif path == "/trickle-headers":
            self.send_response(200)
            for i in range(40):  # 40 header lines, one every 0.3 s: complete after 12 s
                self.send_header(f"X-Line-{i}", "x")
                self.flush_headers()
                time.sleep(0.3)
            self._send(200, PAGE, "text/html")
        elif path in {"/trickle-body", "/trickle-body-unsized"}:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            if path == "/trickle-body":
                self.send_header("Content-Length", "60")
            self.end_headers()
            for _ in range(60):  # one byte every 0.2 s: complete after 12 s
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif path in {"/gzip-page", "/gzip-bomb", "/brotli"}:
            body = gzip.compress(PAGE if path == "/gzip-page" else b"\0" * (3 * 2**20))
            self._send(200, body, "text/html; charset=utf-8", {"Content-Encoding": "br" if path == "/brotli" else "gzip"})
        elif path == "/to-named-host":
            self._send(302, b"", "text/plain", {"Location": f"http://second.example:{self.server.server_address[1]}/plan.html"})
        elif path == "/to-file":
            self._send(302, b"", "text/plain", {"Location": "file:///etc/passwd"})
        elif path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(10**10))
            self.end_headers()
        else:
            self._send(404, b"not found", "text/plain")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hang up on purpose (size and time limits)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_html_page(server):
    read = read_url(f"{server}/plan.html", allow_private=True)
    assert read.source == f"{server}/plan.html"
    seg = prepare(read)
    assert seg.title == "云梦泽市元宇宙产业发展行动方案" and len(seg.clauses) == 4


def test_fetch_uses_declared_charset(server):
    read = read_url(f"{server}/gbk", allow_private=True)
    assert "为推动云梦泽市元宇宙产业发展" in read.text


@pytest.mark.parametrize(
    ("path", "media"),
    [("/download?id=7", "application/pdf"), ("/plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")],
)
def test_fetch_binary_documents_by_content_type(server, path, media):
    read = read_url(f"{server}{path}", allow_private=True)
    assert read.media_type == media
    assert prepare(read).clauses


def test_follows_a_redirect_and_reports_the_final_url(server):
    read = read_url(f"{server}/moved", allow_private=True)
    assert read.source == f"{server}/plan.html"


@pytest.mark.parametrize(
    ("path", "kwargs", "error", "says"),
    [
        ("/loop/0", {}, FetchError, "more than 3 redirects"),
        ("/no-location", {}, FetchError, "without a Location"),
        ("/missing", {}, FetchError, "HTTP 404"),
        ("/slow", {"timeout": 0.5}, FetchError, "no complete answer within 0.5 s"),
        ("/trickle-headers", {"timeout": 1.5}, FetchError, "no complete answer within 1.5 s"),
        ("/trickle-body", {"timeout": 1.5}, FetchError, "no complete answer within 1.5 s"),
        ("/trickle-body-unsized", {"timeout": 1.5}, FetchError, "no complete answer within 1.5 s"),
        ("/gzip-bomb", {"max_bytes": 2**20}, UnsafeFileError, "unpacks to more than 1 MB"),
        ("/brotli", {}, FetchError, "compressed as 'br'"),
        ("/to-file", {}, FetchError, "only http and https"),
        ("/huge", {"max_bytes": 1024 * 1024}, UnsafeFileError, "larger than 1 MB"),
        ("/declared-huge", {}, UnsafeFileError, "limit"),
    ],
)
def test_fetch_limits(server, path, kwargs, error, says):
    with pytest.raises(error) as info:
        fetch(f"{server}{path}", allow_private=True, **kwargs)
    assert says in str(info.value)


def test_a_gzipped_page_is_unpacked(server):
    read = read_url(f"{server}/gzip-page", allow_private=True)
    assert "为推动云梦泽市元宇宙产业发展" in read.text


@pytest.mark.parametrize(
    ("address", "is_global"),
    [
        ("8.8.8.8", True),
        ("223.5.5.5", True),
        ("2400:3200::1", True),
        ("2606:4700::1111", True),
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # shared address space (carrier-grade NAT)
        ("169.254.169.254", False),  # link-local, cloud metadata
        ("0.0.0.0", False),
        ("192.0.2.1", False),  # documentation
        ("198.18.0.1", False),  # benchmarking
        ("224.0.0.1", False),  # multicast
        ("233.252.0.1", False),  # multicast that ipaddress calls global
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("fec0::1", False),  # site-local, which Python 3.11 calls global
        ("2002:7f00:1::1", False),  # 6to4 wrapping 127.0.0.1
        ("2002:808:808::1", False),  # 6to4 wraps IPv4 whatever it is
        ("2001::1", False),  # Teredo
        ("2001:db8::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:100.64.0.1", False),
        ("::127.0.0.1", False),  # IPv4-compatible
        ("64:ff9b::7f00:1", False),  # NAT64 to 127.0.0.1
        ("ff0e::1", False),
        ("not an address", False),
    ],
)
def test_only_global_addresses_count_as_public(address, is_global):
    assert is_global_address(address) is is_global


class StubResolver:
    """Answers from a table and records what was asked; sends nothing anywhere."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.table[host]


@pytest.mark.parametrize(
    "addresses",
    [["100.64.0.1"], ["2002:7f00:1::1"], ["fec0::1"], ["::ffff:10.0.0.1"], ["8.8.8.8", "192.168.0.1"], []],
)
def test_a_host_resolving_to_any_non_global_address_is_refused_before_connecting(addresses):
    resolve = StubResolver({"policy.example": addresses})
    with pytest.raises(FetchError, match="private or local address"):
        fetch("http://policy.example/plan.html", resolve=resolve)
    assert resolve.asked == ["policy.example"]


def test_every_redirect_hop_is_resolved_again(server):
    # The refusal of each non-global answer is shown above; here, that each hop asks anew.
    resolve = StubResolver({"first.example": ["127.0.0.1"], "second.example": ["127.0.0.1"]})
    port = server.rsplit(":", 1)[1]
    fetched = fetch(f"http://first.example:{port}/to-named-host", allow_private=True, resolve=resolve)
    assert resolve.asked == ["first.example", "second.example"]
    assert fetched.url == f"http://second.example:{port}/plan.html"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_private_and_loopback_addresses_are_refused_by_default(server, host):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="private or local address"):
        fetch(f"http://{host}:{port}/plan.html")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.invalid/plan.txt", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http:///nohost", "no host"),
        ("http://[::1/plan.html", "malformed"),
    ],
)
def test_bad_urls(url, says):
    with pytest.raises(FetchError, match=says):
        fetch(url)


def test_an_unknown_host_is_a_clear_error():
    with pytest.raises(FetchError, match="'nowhere.example' could not be resolved"):
        fetch("http://nowhere.example/plan.html", resolve=StubResolver({}))


def test_dead_port_is_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="connection failed"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)
