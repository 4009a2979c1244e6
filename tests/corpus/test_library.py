"""The corpus as users see it: seeding, registry, ingest routing, policies, selectors."""

from __future__ import annotations

import pytest
import yaml

from corpus.errors import CorruptFileError, DuplicateError, FetchError, NotFoundError, PolicyCompareError
from corpus.library import (
    SEED_KEY,
    add_policy,
    guess_policy,
    ingest,
    load_clauses,
    match_policy,
    open_store,
    read_clauses,
    remove_policy,
    seed_fingerprint,
    seed_store,
    sync_registry,
    update_policy,
)
from corpus.metadata import guess_issuer, guess_province
from corpus.models import Policy
from corpus.readers import read_bytes
from corpus.registry import REGISTRY_PATH, load_registry
from corpus.segment import SEGMENTER_VERSION
from tests.corpus import builders
from tests.paths import ARTICLE, FIXTURES, OFFICIAL, ZHEJIANG


def test_fresh_database_holds_the_registry_and_the_zhejiang_texts(tmp_path):
    store = open_store(tmp_path / "fresh.sqlite")
    summaries = {s.policy.id: s for s in store.summaries()}
    registry = load_registry()
    assert set(summaries) == {p.id for p in registry.policies}
    assert len(summaries) == 26
    zj = summaries[ZHEJIANG]
    assert zj.n_clauses == 32 and zj.n_documents == 2 and zj.primary_document.source.startswith("official text")
    assert [s.policy.id for s in summaries.values() if s.has_text] == [ZHEJIANG]
    assert store.counts() == {"policies": 26, "documents": 2, "clauses": 64}
    again = open_store(tmp_path / "fresh.sqlite")  # reopening seeds nothing twice
    assert again.counts() == store.counts()


def test_registry_merges_the_amendments():
    registry = load_registry()
    ids = [p.id for p in registry.policies]
    assert not any(i.endswith(("-update", "-titleupdate", "-dateupdate", "-corroboration", "-evidence")) for i in ids)
    jiangning = registry.get("nanjing-jiangning-hitech-2022-14-measures")
    assert jiangning.title == "江宁高新区关于加快发展元宇宙产业的若干政策"
    assert "江宁高新区元宇宙产业扶持政策（14条）" in jiangning.notes
    xianyang = registry.get("xianyang-hitech-metaverse-pilot-zone-plan")
    assert xianyang.period == "至2025年" and len(xianyang.facts) == 2
    xihu = registry.get("hangzhou-xihu-2022-opinions")
    assert "http://mybas.com.cn/page/2/8/84f44461f4c3e53ccb435d3f62617ff3.html" in xihu.sources
    assert all(f.source_url.startswith("http") for p in registry.policies for f in p.facts)
    assert registry.article_count["policies"] == 29 and "unidentified" in registry.gap


def test_registry_policies_without_a_title_are_labelled_not_invented():
    xuhui = load_registry().get("shanghai-xuhui-2022-unknown")
    assert xuhui.title is None and xuhui.confidence == "low"
    assert xuhui.display_title == "〔未识别文件〕上海市徐汇区元宇宙专项政策"


def test_a_changed_registry_is_synced_and_user_policies_are_kept(store, tmp_path):
    add_policy(store, Policy(id="yunmeng-test", title="云梦泽市元宇宙试点方案", jurisdiction="云梦泽市", province=None, level="city"))
    raw = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    raw["policies"][1]["title"] = "修改后的标题"
    changed = tmp_path / "registry.yaml"
    changed.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert sync_registry(store, load_registry(changed))
    assert store.policy(raw["policies"][1]["id"]).title == "修改后的标题"
    assert store.policy("yunmeng-test").origin == "user"
    assert not sync_registry(store, load_registry(changed))  # unchanged registry: no write


def test_a_reprint_in_another_encoding_attaches_to_its_policy_by_title(store):
    gbk = ARTICLE.read_text(encoding="utf-8").encode("gb18030")
    result = ingest(store, "article-gbk.txt", read=read_bytes(gbk, "article-gbk.txt"))
    assert result.created and result.policy_id == ZHEJIANG and result.n_clauses == 32
    assert store.primary_document(ZHEJIANG).source.startswith("official text")  # the primary text stays


def test_an_unknown_document_creates_a_user_policy(store):
    result = ingest(store, str(FIXTURES / "fictional_outline_plan.txt"))
    policy = store.policy(result.policy_id)
    assert result.policy_id.startswith("doc-") and policy.origin == "user"
    assert policy.title == "白鹭洲省数字孪生产业发展规划（2023—2027年）"
    assert policy.jurisdiction == "白鹭洲省" and policy.level == "province" and policy.date == "2023-02-01"


def test_text_for_a_registry_policy(store):
    result = ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="hangzhou-xihu-2022-opinions")
    assert result.created
    summary = next(s for s in store.summaries() if s.policy.id == "hangzhou-xihu-2022-opinions")
    assert summary.has_text and summary.policy.origin == "registry" and summary.policy.facts


def test_a_new_policy_id_creates_the_policy(store):
    ingest(store, str(FIXTURES / "fictional_chapter_rules.txt"), policy_id="cangwu-2022-park-rules")
    policy = store.policy("cangwu-2022-park-rules")
    assert policy.jurisdiction == "苍梧县" and policy.level == "district" and policy.origin == "user"


@pytest.mark.parametrize("bad_id", ["Upper-Case", "中文", "a", "has space", "../etc"])
def test_policy_ids_are_checked(store, bad_id):
    with pytest.raises(PolicyCompareError, match="policy id"):
        ingest(store, str(OFFICIAL), policy_id=bad_id)


def test_a_file_that_fails_to_read_changes_nothing(store, tmp_path):
    before = store.counts()
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(builders.text_pdf(["一、总体要求"])[:300])
    with pytest.raises(CorruptFileError):
        ingest(store, str(bad), policy_id="new-policy-from-bad-file")
    assert store.counts() == before and not store.has_policy("new-policy-from-bad-file")


def test_add_policy_refuses_an_existing_id(store):
    with pytest.raises(PolicyCompareError, match="already exists"):
        add_policy(store, Policy(id=ZHEJIANG, title="x", jurisdiction="浙江省", province=None, level="province"))
    assert store.policy(ZHEJIANG).title == "浙江省元宇宙产业发展行动计划（2023—2025年）"


def test_the_same_file_under_a_new_id_is_a_duplicate_not_a_second_policy(store):
    first = ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    before = store.counts()
    with pytest.raises(DuplicateError, match="already stored as document") as caught:
        ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-copy")
    assert caught.value.document.id == first.document_id and caught.value.document.policy_id == "qinglan-2022-measures"
    with pytest.raises(DuplicateError):
        ingest(store, str(FIXTURES / "fictional_district_measures.txt"), duplicates="refuse")
    assert store.counts() == before and not store.has_policy("qinglan-copy")
    again = ingest(store, str(FIXTURES / "fictional_district_measures.txt"))  # no id: the stored copy, unchanged
    assert again.policy_id == "qinglan-2022-measures" and not again.created
    same = ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    assert not same.created


def test_an_uploaded_policy_gets_its_issuer_and_what_can_be_read_of_its_province(store):
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    policy = store.policy("qinglan-2022-measures")
    assert policy.issuer == "云梦泽市青岚区人民政府办公室"
    assert policy.province is None  # an invented place: left for the user to fill in


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"title": "青岚区促进元宇宙产业发展若干措施", "date": "2022-09", "province": "白鹭洲省", "issuer": "青岚区人民政府"}, None),
        ({"level": "city"}, None),
        ({"date": ""}, None),  # blank clears
        ({"title": "  "}, "must not be empty"),
        ({"jurisdiction": ""}, "must not be empty"),
        ({"level": "county"}, "not a level"),
        ({"date": "2022-13-01"}, "not a date"),
        ({"date": "20.9.2022"}, "not a date"),
        ({"notes": "x"}, "cannot be edited"),
    ],
)
def test_update_policy_changes_only_the_fields_given(store, changes, error):
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    before = store.policy("qinglan-2022-measures")
    if error:
        with pytest.raises(PolicyCompareError, match=error):
            update_policy(store, "qinglan-2022-measures", changes)
        assert store.policy("qinglan-2022-measures") == before
        return
    after = update_policy(store, "qinglan-2022-measures", changes)
    for field in ("title", "jurisdiction", "province", "level", "issuer", "date", "notes", "origin"):
        expected = (changes[field].strip() or None) if field in changes else getattr(before, field)
        assert getattr(after, field) == expected, field
    assert store.clauses("qinglan-2022-measures")  # its text stays


def test_remove_policy_removes_its_texts_and_nothing_else(store):
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    before = store.counts()
    removed = remove_policy(store, "qinglan-2022-measures")
    assert removed.id == "qinglan-2022-measures" and not store.has_policy("qinglan-2022-measures")
    assert store.counts() == {"policies": before["policies"] - 1, "documents": before["documents"] - 1, "clauses": before["clauses"] - 11}
    assert store.find_sha(read_bytes((FIXTURES / "fictional_district_measures.txt").read_bytes(), "x.txt").sha256) == []
    with pytest.raises(NotFoundError):
        remove_policy(store, "qinglan-2022-measures")


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("云溪市人民政府办公室关于印发《云溪市元宇宙措施》的通知\n各区：", "云溪市人民政府办公室"),
        ("苍梧县发展和改革局、苍梧县财政局关于印发《若干措施》的通知", "苍梧县发展和改革局、苍梧县财政局"),
        ("若干措施\n第一条 为……\n白鹭洲省经济和信息化厅\n2023年2月1日", "白鹭洲省经济和信息化厅"),
        ("若干措施\n第一条 为……\n2023年2月1日", None),
        ("", None),
    ],
)
def test_guess_issuer(text, issuer):
    assert guess_issuer(text) == issuer


@pytest.mark.parametrize(
    ("jurisdiction", "title", "province"),
    [
        ("浙江省", "浙江省元宇宙产业发展行动计划", "浙江省"),
        ("上海市", "", "上海市"),
        ("杭州市", "浙江省杭州市元宇宙措施", "浙江省"),
        ("南宁市", "广西南宁市元宇宙措施", "广西壮族自治区"),
        ("厦门市", "厦门市元宇宙措施", "福建省"),  # from the registry's policy of the same city
        ("云溪市", "云溪市元宇宙措施", None),
    ],
)
def test_guess_province(shared_store, jurisdiction, title, province):
    assert guess_province(jurisdiction, title, shared_store.policies()) == province


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("浙江省元宇宙产业发展行动计划(2023-2025年)", ZHEJIANG),
        ("浙江省元宇宙产业发展行动计划（2023—2025年）", ZHEJIANG),
        ("浙江省元宇宙产业发展行动计划", ZHEJIANG),
        ("白鹭洲省元宇宙产业发展行动计划", None),
        ("浙江省元宇宙产业发展行动计划（2026—2028年）", None),  # another edition of the plan
        ("通知", None),
    ],
)
def test_match_policy_by_title(shared_store, title, expected):
    found = match_policy(shared_store.policies(), title)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("title", "jurisdiction", "level"),
    [
        ("云梦泽市青岚区元宇宙措施", "云梦泽市", "city"),
        ("青岚区元宇宙措施", "青岚区", "district"),
        ("白鹭洲省规划", "白鹭洲省", "province"),
        ("元宇宙措施", "未注明", None),
    ],
)
def test_guess_policy(title, jurisdiction, level):
    policy = guess_policy("x-id", title)
    assert (policy.jurisdiction, policy.level) == (jurisdiction, level)


def test_load_clauses_selectors(shared_store):
    primary = load_clauses(shared_store, ZHEJIANG)
    assert len(primary.clauses) == 32 and not primary.context and primary.policy_id == ZHEJIANG
    article_doc = shared_store.documents(ZHEJIANG)[1]
    article = load_clauses(shared_store, f"{ZHEJIANG}@{article_doc.sha256[:8]}")
    assert len(article.clauses) == 32 and len(article.context) == 19 and article.document == article_doc
    empty = load_clauses(shared_store, "shanghai-2022-2025-new-track-action-plan")
    assert empty.clauses == () and empty.title.startswith("上海市培育")
    from_file = read_clauses(str(FIXTURES / "fictional_outline_plan.txt"))
    assert from_file.policy is None and from_file.clauses[0].id == "fictional_outline_plan.txt/1"
    with pytest.raises(NotFoundError):
        load_clauses(shared_store, "no-such-policy")


@pytest.mark.parametrize("selector", [str(FIXTURES / "fictional_outline_plan.txt"), "http://127.0.0.1:9/plan.html"])
def test_a_stored_selector_never_reads_a_file_or_the_network(shared_store, selector):
    with pytest.raises(NotFoundError, match="no stored policy"):
        load_clauses(shared_store, selector)


def test_documents_of_an_older_segmenter_are_resegmented_on_open(store):
    doc = store.primary_document(ZHEJIANG)
    with store.transaction() as conn:
        conn.execute("UPDATE documents SET segmenter = 'segment-0' WHERE id = ?", (doc.id,))
        conn.execute("DELETE FROM clauses WHERE document_id = ? AND seq > 3", (doc.id,))
    store.set_meta(SEED_KEY, "older")  # an older program seeded it: its fingerprint names its segmenter
    assert len(store.clauses(ZHEJIANG)) == 3
    reopened = open_store(store.path)
    assert len(reopened.clauses(ZHEJIANG)) == 32
    assert reopened.stale_documents(SEGMENTER_VERSION) == []
    assert reopened.clauses(ZHEJIANG)[7].id == f"{ZHEJIANG}/{doc.sha256[:8]}/8"


@pytest.mark.parametrize("target", [str(OFFICIAL), "/etc/passwd", "file:///etc/passwd", "javascript:alert(1)", "//etc/passwd"])
def test_without_local_files_only_http_addresses_are_read(store, target):
    before = store.counts()
    with pytest.raises(FetchError, match=r"http\(s\)"):
        ingest(store, target, local_files=False)
    assert store.counts() == before


def test_reopening_an_unchanged_store_seeds_nothing(store):
    assert store.get_meta(SEED_KEY) == seed_fingerprint()
    before = store.version()
    assert not seed_store(store)
    assert open_store(store.path).version() == before  # nothing written on the way


def test_a_new_seed_keeps_a_removed_shipped_text_removed_and_syncs_the_registry(store):
    """After an update (another fingerprint), the registry syncs again, but a shipped text the
    user removed stays removed: its ``shipped:<sha>`` marker remembers it was ingested once."""
    article = next(d for d in store.documents(ZHEJIANG) if not d.is_primary)
    store.delete_document(article.id)
    update_policy(store, "hangzhou-xihu-2022-opinions", {"issuer": "青岚区人民政府"})  # drifted from the registry
    store.set_meta("registry_version", "older")
    store.set_meta(SEED_KEY, "older")
    reopened = open_store(store.path)
    assert reopened.get_meta(SEED_KEY) == seed_fingerprint()
    assert [d.id for d in reopened.documents(ZHEJIANG)] == [store.primary_document(ZHEJIANG).id]
    assert reopened.policy("hangzhou-xihu-2022-opinions").issuer == load_registry().get("hangzhou-xihu-2022-opinions").issuer


def test_syncing_another_registry_makes_the_next_open_sync_the_shipped_one_again(store, tmp_path):
    raw = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    shipped_title = raw["policies"][1]["title"]
    raw["policies"][1]["title"] = "修改后的标题"
    changed = tmp_path / "registry.yaml"
    changed.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert sync_registry(store, load_registry(changed))
    assert open_store(store.path).policy(raw["policies"][1]["id"]).title == shipped_title


def test_opening_without_seeding_leaves_a_new_database_empty(tmp_path):
    store = open_store(tmp_path / "bare.sqlite", seed=False)
    assert store.counts() == {"policies": 0, "documents": 0, "clauses": 0} and store.get_meta(SEED_KEY) is None
    assert seed_store(store) and store.counts()["clauses"] == 64
