"""A fictional government web site served on 127.0.0.1 for the fetch tests.

Everything here is invented (云溪市, 青岚区 do not exist): a covering notice in GB2312 whose
policy is a .docx next to an interpretation, notices with PDF, .doc, .wps and .ofd
attachments, a news reprint, a redirect chain, a 404, a slow page, a flaky (503) page, an
attachment that is really an HTML error page and one that is too large. The server runs in a
daemon thread and stops when the ``serve`` context ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.corpus import builders

TITLE = "云溪市元宇宙产业创新发展行动方案（2023—2025年）"
POLICY_LINES = [
    TITLE,
    "为加快云溪市元宇宙产业创新发展，培育数字经济新动能，结合本市实际，制定本方案。",
    "一、总体要求",
    "到2025年，全市元宇宙产业规模突破300亿元，培育骨干企业20家以上。",
    "二、重点任务",
    "（一）突破关键技术。支持企业开展近眼显示、实时渲染等技术攻关。（责任单位：市科技局）",
    "（二）建设创新平台。建设市级元宇宙创新中心5个以上。（责任单位：市发展改革委）",
    "（三）拓展应用场景。在文旅、教育、制造等领域打造示范应用场景50个。（责任单位：市文广旅局）",
    "三、保障措施",
    "（一）加强组织领导。建立全市元宇宙产业发展工作推进机制。",
    "（二）加大资金支持。对列入市级示范的项目给予最高200万元补助。",
]
# Sentences that belong to the notice or to the interpretation, never to the policy.
NOTICE_LINES = [
    "各县（市、区）人民政府，市政府各部门、各直属单位：",
    f"现将《{TITLE}》印发给你们，请结合实际认真贯彻执行。",
    "云溪市人民政府办公室",
    "2022年11月8日",
]
INTERPRETATION_LINES = [
    f"关于《{TITLE}》的政策解读",
    "一、起草背景",
    "近年来，元宇宙成为数字经济发展的重要方向，市经信局牵头起草了本方案。",
    "二、主要内容",
    "方案共分三个部分，明确了发展目标、重点任务和保障措施。",
    "三、解读机关",
    "云溪市经济和信息化局负责解读，联系电话见门户网站。",
]
NEWS_BEFORE = [
    "云溪日报讯 近日，云溪市政府办公室印发元宇宙产业创新发展行动方案，提出到2025年产业规模突破300亿元。",
    "记者从市经信局了解到，方案围绕关键技术、创新平台和应用场景三方面部署重点任务。",
    "全文如下：",
]
OTHER_TITLE = "青岚区促进数字文旅发展的若干措施"


def notice_page(attachments: list[tuple[str, str]], *, charset: str = "utf-8", title: str = TITLE) -> bytes:
    """A covering notice page whose text is only the notice, with links to ``(href, text)``."""
    links = "".join(f'<p><a href="{href}">{text}</a></p>' for href, text in attachments)
    notice = f"云溪市人民政府办公室关于印发《{title}》的通知"
    body = "".join(f"<p>{line}</p>" for line in NOTICE_LINES)
    page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{notice}_云溪市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<div class="article"><h1>{notice}</h1><div class="info">发布时间：2022-11-08 来源：市政府办公室</div>
<div id="zoom">{body}<p>附件：</p>{links}</div></div>
<div class="footer">主办单位：云溪市人民政府办公室（虚构）</div></body></html>"""
    return page.encode(charset, errors="xmlcharrefreplace")


def reprint_page() -> bytes:
    """A news article that carries the policy inline after 全文如下：."""
    return builders.government_page([*NEWS_BEFORE, *POLICY_LINES], title="云溪市出台元宇宙产业创新发展行动方案")


@dataclass
class Site:
    """The pages by path, and what the server saw (path and time of each request)."""

    pages: dict[str, tuple[int, bytes, str, dict[str, str]]] = field(default_factory=dict)
    requests: list[tuple[str, float, str]] = field(default_factory=list)
    flaky_left: int = 1
    base: str = ""

    def add(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, **headers: str) -> None:
        self.pages[path] = (status, body, content_type, headers)

    def url(self, path: str) -> str:
        return self.base + path


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def build_site(legacy: dict[str, bytes] | None = None) -> Site:
    """The fictional site; ``legacy`` adds .doc/.wps bytes (made by LibreOffice in the tests)."""
    site = Site()
    policy_docx = builders.plain_docx(POLICY_LINES)
    interpretation_docx = builders.plain_docx(INTERPRETATION_LINES)
    site.add("/files/P020221108512345678901.docx", policy_docx, DOCX_TYPE)
    site.add("/files/P020221108512345678902.docx", interpretation_docx, DOCX_TYPE)
    site.add("/files/P020221108512345678903.pdf", builders.text_pdf(POLICY_LINES), "application/pdf")
    # The done-when case: GB2312, the interpretation listed first, the policy behind an opaque name.
    site.add(
        "/gb2312/notice.html",
        notice_page(
            [
                ("/files/P020221108512345678902.docx", f"《{TITLE}》政策解读.docx"),
                ("/files/P020221108512345678901.docx", f"{TITLE}.docx"),
            ],
            charset="gb2312",
        ),
        "text/html",
    )
    site.add("/pdf/notice.html", notice_page([("/files/P020221108512345678903.pdf", "P020221108512345678903.pdf")]))
    site.add("/reprint.html", reprint_page())
    site.add("/old/notice.html", b"", status=301, Location="/older/notice.html")
    site.add("/older/notice.html", b"", status=302, Location="/gb2312/notice.html")
    site.add("/slow.html", reprint_page())
    site.add("/flaky.html", reprint_page())
    site.add("/html-attachment/notice.html", notice_page([("/files/missing.docx", f"{TITLE}.docx")]))
    site.add("/files/missing.docx", "<html><body><h1>文件不存在或已被删除</h1><p>请返回首页。</p></body></html>".encode())
    site.add("/huge/notice.html", notice_page([("/files/huge.pdf", f"{TITLE}.pdf")]))
    site.add("/ofd/notice.html", notice_page([("/files/P020221108512345678904.ofd", f"{TITLE}.ofd")]))
    site.add("/files/P020221108512345678904.ofd", builders.rewrite_zip(policy_docx, add={"OFD.xml": b"<ofd:OFD/>"}), "application/ofd")
    site.add("/other/notice.html", notice_page([("/files/other.pdf", f"{OTHER_TITLE}.pdf")], title=OTHER_TITLE))
    site.add("/files/other.pdf", builders.text_pdf([OTHER_TITLE, *POLICY_LINES[1:]]), "application/pdf")
    for suffix, data in (legacy or {}).items():
        site.add(f"/files/P020221108512345678905{suffix}", data, "application/msword")
        site.add(f"/legacy{suffix}/notice.html", notice_page([(f"/files/P020221108512345678905{suffix}", f"{TITLE}{suffix}")]))
    return site


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            site.requests.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
            if self.path == "/slow.html":
                time.sleep(1.5)
            if self.path == "/flaky.html" and site.flaky_left > 0:
                site.flaky_left -= 1
                return self._send(503, b"busy", "text/plain", {})
            if self.path == "/files/huge.pdf":
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.end_headers()
                self.wfile.write(b"%PDF-1.4\n")
                for _ in range(48):
                    self.wfile.write(b"0" * 65536)
                return None
            page = site.pages.get(self.path)
            if page is None:
                return self._send(404, "<html><body>页面不存在</body></html>".encode(), "text/html; charset=utf-8", {})
            status, body, content_type, headers = page
            return self._send(status, body, content_type, headers)

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hang up on purpose (size and time limits)


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve ``site`` on 127.0.0.1 (a free port) until the block ends."""
    httpd = _QuietServer(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
