"""The Corpus page fetches a policy from its page on a fictional local site and shows where the
text came from; a policy without an address says how to give one."""

from __future__ import annotations

import pytest

from corpus.library import add_policy, add_text_sources
from corpus.models import Policy
from tests.app.apptest import run_app, texts
from tests.corpus.site import NOTICE_LINES, TITLE, build_site, serve

PAGE = "app_pages/corpus.py"
PID = "yunxi-2023-2025-metaverse-plan"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fetch_one_policy_and_show_its_provenance(store, monkeypatch, lang):
    monkeypatch.setenv("POLICY_FETCH_ALLOW_PRIVATE", "1")
    with serve(build_site()) as site:
        add_policy(store, Policy(id=PID, title=TITLE, jurisdiction="云溪市", province=None, level="city"))
        add_text_sources(store, PID, official_url=site.url("/gb2312/notice.html"))
        at = run_app(PAGE, lang=lang)
        at.selectbox(key="corpus_pick").set_value(PID).run()
        assert site.url("/gb2312/notice.html") in texts(at).replace("\\", "")  # the address to be tried
        at.button(key="fetch_go").click().run()
    assert not at.exception
    assert any(("已获取 1" if lang == "zh" else "fetched 1") in s.value for s in at.success)
    assert len(store.clauses(PID)) == 7
    shown = texts(at)
    assert "对列入市级示范的项目给予最高200万元补助" in shown and not any(line in shown for line in NOTICE_LINES[:2])
    provenance = next(df.value for df in at.dataframe if "sha256" in df.value.columns and len(df.value.columns) == 7)
    assert list(provenance.iloc[0])[2:5] == [
        site.url("/gb2312/notice.html"),
        site.url("/files/P020221108512345678901.docx"),
        f"{TITLE}.docx",
    ]


def test_fetch_all_offline_reports_each_policy_and_stores_nothing(store):
    add_policy(store, Policy(id="qinglan-plan", title="青岚区元宇宙若干措施", jurisdiction="青岚区", province=None, level="district"))
    add_text_sources(store, "qinglan-plan", official_url="http://qinglan.invalid/notice.html")
    before = store.counts()
    at = run_app(PAGE, lang="en")
    at.radio(key="fetch_target").set_value("__all__").run()
    at.button(key="fetch_go").click().run()
    assert not at.exception
    result = at.dataframe[-1].value
    assert len(result) == 27
    rows = dict(zip(result["Id"], result["Result"]))
    assert rows["qinglan-plan"] == "failed" and rows["zhejiang-2023-2025-action-plan"] == "has text"
    reasons = dict(zip(result["Id"], result["Reason"]))
    assert reasons["qinglan-plan"] == "could not connect: http://qinglan.invalid/notice.html"
    assert reasons["henan-2022-2025-action-plan"] == "no address is known for its text"
    assert store.counts() == before
