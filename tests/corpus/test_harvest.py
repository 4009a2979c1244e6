"""`fetch` against a fictional government site served on 127.0.0.1: notices with attachments in
each format, GB2312, interpretations, reprints, redirects and the failures a real site gives."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest

from corpus.errors import UnsupportedFormatError
from corpus.harvest import fetch_policies, fetch_policy, ingest_folder, sources_to_try
from corpus.library import add_policy, add_text_sources
from corpus.models import Policy, TextSource
from corpus.polite import PoliteClient
from corpus.readers.legacy import legacy_to_docx
from tests.corpus import builders
from tests.corpus.site import INTERPRETATION_LINES, NEWS_BEFORE, NOTICE_LINES, POLICY_LINES, TITLE, Site, build_site, serve

PID = "yunxi-2023-2025-metaverse-plan"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve(build_site()) as served:
        yield served


def client(**kwargs: float) -> PoliteClient:
    """A client for the local site: loopback allowed, no pause between requests."""
    return PoliteClient(allow_private=True, **{"min_interval": 0.0, "backoff": 0.01, **kwargs})  # type: ignore[arg-type]


def add_yunxi(store, official: str | None, *text_urls: str) -> None:
    add_policy(store, Policy(id=PID, title=TITLE, jurisdiction="云溪市", province=None, level="city"))
    add_text_sources(store, PID, official_url=official, text_urls=text_urls)


def body_texts(store) -> list[str]:
    return [c.text for c in store.clauses(PID)]


def assert_the_policy_only(store) -> None:
    """Every article of the policy is stored and nothing of the notice or the interpretation."""
    texts = body_texts(store)
    joined = "".join(texts)
    for line in POLICY_LINES[1:]:
        if not line.endswith(("总体要求", "重点任务", "保障措施")):
            assert line.split("。")[-2] in joined, line
    assert len([t for t in texts if t]) == 7
    for foreign in NOTICE_LINES + INTERPRETATION_LINES[1:] + NEWS_BEFORE:
        assert foreign not in joined


@pytest.mark.parametrize(
    ("path", "fetched_from", "attachment"),
    [
        ("/gb2312/notice.html", "/files/P020221108512345678901.docx", f"{TITLE}.docx"),
        ("/pdf/notice.html", "/files/P020221108512345678903.pdf", "P020221108512345678903.pdf"),
        ("/old/notice.html", "/files/P020221108512345678901.docx", f"{TITLE}.docx"),  # two redirects to the GB2312 notice
        ("/reprint.html", "/reprint.html", None),
        ("/files/P020221108512345678901.docx", "/files/P020221108512345678901.docx", None),  # the file itself
    ],
    ids=["gb2312-notice-docx-beside-interpretation", "notice-pdf-opaque-name", "redirect-chain", "reprint", "direct-docx"],
)
def test_the_policy_is_stored_with_its_provenance(store, site, path, fetched_from, attachment):
    add_yunxi(store, site.url(path))
    outcome = fetch_policy(store, PID, client())
    assert outcome.status == "fetched", outcome.reason
    assert_the_policy_only(store)
    prov = store.provenance(PID)[outcome.document_id]
    assert (prov.page_url, prov.url, prov.kind, prov.attachment) == (site.url(path), site.url(fetched_from), "official", attachment)
    assert prov.sha256 == store.document(outcome.document_id).sha256 and prov.fetched_at.endswith("Z")


def test_a_reprint_keeps_the_news_as_context(store, site):
    add_yunxi(store, None, site.url("/reprint.html"))
    outcome = fetch_policy(store, PID, client())
    assert outcome.status == "fetched" and outcome.provenance.kind == "reprint"
    context = [c.text for c in store.clauses(PID, role="context")]
    assert context[-2:] == NEWS_BEFORE[:2]  # the headline, then the news, as context


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/missing.html", "failed", "HTTP 404"),
        ("/slow.html", "failed", "no complete answer within"),
        ("/html-attachment/notice.html", "not_found", "returned a web page"),
        ("/huge/notice.html", "not_found", "larger than 1 MB"),
        ("/ofd/notice.html", "not_found", "OFD files are not read"),
        ("/other/notice.html", "not_found", "a notice or a news item"),
    ],
)
def test_a_source_without_the_policy_says_why_and_stores_nothing(store, site, path, status, says):
    add_yunxi(store, site.url(path))
    before = store.counts()
    outcome = fetch_policy(store, PID, client(timeout=0.5, max_bytes=1024 * 1024, retries=0))
    assert outcome.status == status and says in outcome.reason, outcome.reason
    assert outcome.hint
    assert store.counts() == before


def test_a_dead_official_page_falls_back_to_the_reprint(store, site):
    add_yunxi(store, site.url("/missing.html"), site.url("/reprint.html"))
    outcome = fetch_policy(store, PID, client())
    assert outcome.status == "fetched" and outcome.provenance.kind == "reprint"
    assert [a.outcome for a in outcome.attempts] == ["error", "stored"]


def test_a_5xx_is_retried(store, site):
    site.flaky_left = 1
    add_yunxi(store, site.url("/flaky.html"))
    outcome = fetch_policy(store, PID, client())
    assert outcome.status == "fetched"
    assert [p for p, _, _ in site.requests].count("/flaky.html") == 2


def test_requests_to_one_host_are_a_second_apart_and_say_who_we_are(store, site):
    add_yunxi(store, site.url("/gb2312/notice.html"))
    start = len(site.requests)
    fetch_policy(store, PID, PoliteClient(allow_private=True))
    seen = site.requests[start:]
    assert len(seen) == 2
    assert seen[1][1] - seen[0][1] >= 0.99
    assert all(agent.startswith("policy-compare/") for _, _, agent in seen)


def test_fetching_again_changes_nothing_and_skips_policies_with_text(store, site):
    add_yunxi(store, site.url("/gb2312/notice.html"))
    assert fetch_policy(store, PID, client()).status == "fetched"
    assert fetch_policy(store, PID, client()).status == "skipped"
    again = fetch_policy(store, PID, client(), refresh=True)
    assert again.status == "unchanged" and store.counts()["documents"] == 3


def test_one_failure_never_stops_the_others(store, site):
    add_yunxi(store, site.url("/gb2312/notice.html"))
    add_policy(
        store,
        Policy(id="qinglan-2022-measures", title="青岚区促进元宇宙发展的若干措施", jurisdiction="青岚区", province=None, level="district"),
    )
    add_text_sources(store, "qinglan-2022-measures", official_url=site.url("/missing.html"))
    outcomes = fetch_policies(store, ["qinglan-2022-measures", PID], client())
    assert [o.status for o in outcomes] == ["failed", "fetched"]


def test_sources_are_tried_official_first_each_once():
    policy = Policy(id="x", title="t", jurisdiction="j", province=None, level=None, official_url="http://a/1")
    known = [TextSource("http://b/2", "reprint"), TextSource("http://a/1", "official"), TextSource("http://c/3", "official")]
    assert [s.url for s in sources_to_try(policy, known)] == ["http://a/1", "http://c/3", "http://b/2"]


def test_a_folder_of_downloads_is_placed_by_title(store, tmp_path):
    add_policy(store, Policy(id=PID, title=TITLE, jurisdiction="云溪市", province=None, level="city"))
    (tmp_path / "P020221108512345678901.docx").write_bytes(builders.plain_docx(POLICY_LINES))
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "unknown.txt").write_text("\n".join(["青岚区数字文旅若干措施", *POLICY_LINES[1:]]), encoding="utf-8")
    (tmp_path / "scan.ofd").write_bytes(b"PK\x03\x04 not really")
    placed = {p.path.rsplit("/", 1)[-1]: p for p in ingest_folder(store, tmp_path)}
    assert placed["P020221108512345678901.docx"].policy_id == PID
    assert placed["unknown.txt"].policy_id is None and "matches no policy" in placed["unknown.txt"].problem
    assert placed["scan.ofd"].policy_id is None and "OFD" in placed["scan.ofd"].problem
    assert_the_policy_only(store)


def test_without_libreoffice_a_doc_is_refused_with_what_to_install():
    with pytest.raises(UnsupportedFormatError, match="libreoffice-writer-nogui"):
        legacy_to_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "plan.doc", "plan.doc", soffice="/nonexistent/soffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: `make setup-dev` installs libreoffice-writer-nogui")
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_attachments_are_converted(store, tmp_path, suffix):
    source = tmp_path / "plan.docx"
    source.write_bytes(builders.plain_docx(POLICY_LINES))
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    legacy = (tmp_path / "plan.doc").read_bytes()
    assert legacy.startswith(b"\xd0\xcf\x11\xe0")  # a real OLE2 Word file
    with serve(build_site({suffix: legacy})) as site:
        add_yunxi(store, site.url(f"/legacy{suffix}/notice.html"))
        outcome = fetch_policy(store, PID, client())
    assert outcome.status == "fetched", outcome.reason
    assert outcome.provenance.attachment == f"{TITLE}{suffix}"
    assert_the_policy_only(store)


def test_a_folder_read_in_parallel_is_stored_as_read_one_by_one(store, tmp_path):
    """Several readers at once change nothing but the time: same placements, same documents, file order."""
    add_policy(store, Policy(id=PID, title=TITLE, jurisdiction="云溪市", province=None, level="city"))
    for i in range(6):
        lines = [*POLICY_LINES[:-1], POLICY_LINES[-1] + f"（第{i}稿）"]
        (tmp_path / f"draft{i}.docx").write_bytes(builders.plain_docx(lines))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    before = store.counts()
    parallel = ingest_folder(store, tmp_path, workers=3)
    assert [p.path.rsplit("/", 1)[-1] for p in parallel] == ["broken.pdf", *(f"draft{i}.docx" for i in range(6))]
    assert parallel[0].policy_id is None and all(p.policy_id == PID and p.created for p in parallel[1:])
    again = ingest_folder(store, tmp_path, workers=1)
    assert [(p.policy_id, p.document_id, p.created) for p in again[1:]] == [(PID, p.document_id, False) for p in parallel[1:]]
    assert store.counts() != before
