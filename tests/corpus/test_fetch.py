"""URL fetching against a loopback server: redirects, limits, dead hosts, private addresses."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from corpus.errors import FetchError, UnsafeFileError
from corpus.library import prepare
from corpus.readers import read_url
from corpus.readers.fetch import fetch
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
        ("/slow", {"timeout": 0.5}, FetchError, "no answer within"),
        ("/huge", {"max_bytes": 1024 * 1024}, UnsafeFileError, "larger than 1 MB"),
        ("/declared-huge", {}, UnsafeFileError, "limit"),
    ],
)
def test_fetch_limits(server, path, kwargs, error, says):
    with pytest.raises(error) as info:
        fetch(f"{server}{path}", allow_private=True, **kwargs)
    assert says in str(info.value)


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
        ("http://nonexistent.invalid/plan.html", "could not be resolved"),
    ],
)
def test_bad_urls(url, says):
    with pytest.raises(FetchError, match=says):
        fetch(url)


def test_dead_port_is_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="connection failed"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)
