"""``python -m corpus`` as a user runs it: real subprocesses, real files, a fresh database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.corpus import builders
from tests.paths import ARTICLE, FIXTURES, OFFICIAL, ROOT, ZHEJIANG


def run(*args: str, db, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICY_DB": str(db)}
    proc = subprocess.run([sys.executable, "-m", "corpus", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.sqlite"


@pytest.mark.parametrize("seed", [OFFICIAL, ARTICLE], ids=["official", "article"])
def test_segment_json_prints_the_sixteen_tasks_with_units(seed, db):
    out = json.loads(run("segment", str(seed), "--json", db=db).stdout)
    assert set(out) == {"title", "date", "clauses"} and out["date"] is None  # the seeds carry no signing date
    tasks = [c for c in out["clauses"] if c["heading"] and c["number"] and c["path"][0].endswith("重点任务")]
    assert len(tasks) == 16 and all(c["units"] for c in tasks)
    assert all(set(c) == {"id", "path", "number", "heading", "text", "units"} for c in out["clauses"])
    assert not db.exists()  # segment stores nothing


def test_segment_warns_of_a_scanned_page_on_stderr(tmp_path, db):
    from tests.corpus.hostile import scanned_page_in_text_pdf

    path = tmp_path / "mixed.pdf"
    path.write_bytes(scanned_page_in_text_pdf())
    proc = run("segment", str(path), "--json", db=db)
    assert json.loads(proc.stdout)["clauses"]
    assert proc.stderr.count("warning:") == 1 and "page 2" in proc.stderr


def test_a_hostile_file_is_refused_in_one_line_without_traceback(tmp_path, db):
    from tests.corpus.hostile import huge_start_docx, xml_bomb_docx

    path = tmp_path / "bomb.docx"
    path.write_bytes(xml_bomb_docx())
    proc = run("segment", str(path), db=db, check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "MB of XML (limit 25 MB)" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    path.write_bytes(huge_start_docx())
    assert "加强组织领导" in run("segment", str(path), db=db).stdout


def test_segment_context_lists_the_news(db):
    out = json.loads(run("segment", str(ARTICLE), "--json", "--context", db=db).stdout)
    assert len(out["context"]) == 19


def test_segment_text_view_is_a_readable_tree(db):
    out = run("segment", str(OFFICIAL), db=db).stdout
    assert out.startswith("浙江省元宇宙产业发展行动计划（2023—2025年）")
    assert "二、重点任务\n  （一）创新协同攻关行动\n" in out
    assert "【加快“元平台”布局建设】" in out and "责任单位: 省发展改革委、省科技厅、省经信厅" in out


def test_list_on_a_fresh_database(db):
    out = json.loads(run("list", "--json", db=db).stdout)
    policies = {p["id"]: p for p in out["policies"]}
    assert len(policies) == 26
    assert policies[ZHEJIANG]["n_clauses"] == 32 and policies[ZHEJIANG]["has_text"]
    assert sum(not p["has_text"] for p in policies.values()) == 25
    assert all({"id", "title", "jurisdiction", "level", "date", "has_text", "n_clauses"} <= set(p) for p in policies.values())
    assert out["article_count"]["policies"] == 29


def test_list_text_says_what_is_missing_and_how_to_add_it(db):
    out = run("list", db=db).stdout
    assert "浙江省 · province · 2022-12-15 · 32 clauses" in out
    assert "〔未识别文件〕上海市徐汇区元宇宙专项政策" in out
    assert "unidentified" in out and "python -m corpus ingest FILE_OR_URL --policy ID" in out
    district = json.loads(run("list", "--json", "--level", "district", db=db).stdout)["policies"]
    assert district and all(p["level"] == "district" for p in district)


def test_show_prints_the_clause_tree_and_documents(db):
    out = run("show", ZHEJIANG, db=db).stdout
    assert "document 1 (primary)" in out and "document 2" in out
    assert "[8] 1. 【加快“元平台”布局建设】" in out
    news = run("show", ZHEJIANG, "--document", "2", "--context", db=db).stdout
    assert "截至目前" in news
    empty = run("show", "shanghai-2022-2025-new-track-action-plan", db=db).stdout
    assert "No text stored" in empty and "--policy shanghai-2022-2025-new-track-action-plan" in empty


def test_ingest_is_idempotent_and_reports_progress(db):
    first = run("ingest", str(FIXTURES / "fictional_outline_plan.txt"), "--policy", "bailuzhou-twin-plan", db=db)
    assert "stored: 白鹭洲省数字孪生产业发展规划" in first.stderr
    second = run("ingest", str(FIXTURES / "fictional_outline_plan.txt"), "--policy", "bailuzhou-twin-plan", "--json", db=db)
    assert json.loads(second.stdout)["ingested"][0]["created"] is False
    assert "already stored" in second.stderr


def test_add_then_ingest(db):
    run(
        "add",
        "yunmeng-2022-plan",
        "--title",
        "云梦泽市元宇宙应用推广工作要点",
        "--jurisdiction",
        "云梦泽市",
        "--level",
        "city",
        "--date",
        "2022-11",
        db=db,
    )
    run("ingest", str(FIXTURES / "fictional_inline_enumeration.txt"), "--policy", "yunmeng-2022-plan", db=db)
    shown = json.loads(run("show", "yunmeng-2022-plan", "--json", db=db).stdout)
    assert shown["policy"]["origin"] == "user" and shown["policy"]["date"] == "2022-11" and len(shown["clauses"]) == 9
    refused = run("add", "yunmeng-2022-plan", "--title", "新标题", "--jurisdiction", "云梦泽市", db=db, check=False)
    assert refused.returncode == 1 and "already exists" in refused.stderr and "--update" in refused.stderr
    run("add", "yunmeng-2022-plan", "--update", "--issuer", "云梦泽市大数据局", "--province", "白鹭洲省", db=db)
    policy = json.loads(run("show", "yunmeng-2022-plan", "--json", db=db).stdout)["policy"]
    assert policy["title"] == "云梦泽市元宇宙应用推广工作要点" and policy["date"] == "2022-11"  # fields not given are kept
    assert policy["issuer"] == "云梦泽市大数据局" and policy["province"] == "白鹭洲省" and policy["level"] == "city"
    bad = run("add", "yunmeng-2022-plan", "--update", "--date", "2022-02-30", db=db, check=False)
    assert bad.returncode == 1 and "not a date" in bad.stderr
    assert "--yes" in run("remove-policy", "yunmeng-2022-plan", db=db, check=False).stderr
    run("remove-policy", "yunmeng-2022-plan", "--yes", db=db)
    assert "no policy with this id" in run("show", "yunmeng-2022-plan", db=db, check=False).stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (builders.scanned_pdf(), "scanned"),
        (builders.cid_pdf(), "(cid:"),
        (builders.text_pdf(["一、总体要求"], user_password="pw"), "password"),
    ],
    ids=["empty", "scanned", "cid", "encrypted"],
)
def test_bad_input_is_one_clear_line_and_nothing_stored(db, tmp_path, content, says):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    before = json.loads(run("list", "--json", db=db).stdout)
    proc = run("ingest", str(bad), "--policy", "some-new-policy", db=db, check=False)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.strip().splitlines()[-1].startswith(f"error: {bad}") and says in proc.stderr
    assert json.loads(run("list", "--json", db=db).stdout) == before


def test_unknown_policy_and_json_errors(db):
    proc = run("show", "no-such-policy", "--json", db=db, check=False)
    assert proc.returncode == 1 and proc.stdout == "" and "no policy with this id" in proc.stderr
    proc = run("segment", str(FIXTURES / "missing.txt"), "--json", db=db, check=False)
    assert proc.returncode == 1 and proc.stdout == "" and "no such file" in proc.stderr


def test_primary_and_remove_documents(db):
    run("list", db=db)
    run("primary", "2", db=db)
    shown = json.loads(run("show", ZHEJIANG, "--json", db=db).stdout)
    assert {d["id"]: d["primary"] for d in shown["policy"]["documents"]} == {1: False, 2: True}
    assert len(shown["clauses"]) == 32 and "，" not in shown["clauses"][1]["text"]  # the article uses half-width commas
    removed = run("remove", "2", db=db)
    assert "removed document 2" in removed.stderr
    shown = json.loads(run("show", ZHEJIANG, "--json", db=db).stdout)
    assert [d["id"] for d in shown["policy"]["documents"]] == [1] and shown["policy"]["documents"][0]["primary"]


def test_add_then_fetch_a_gb2312_notice_stores_only_the_policy(db):
    """The issue's check: a GB2312 notice whose policy is a .docx beside an interpretation."""
    from tests.corpus.site import INTERPRETATION_LINES, NOTICE_LINES, TITLE, build_site, serve

    with serve(build_site()) as site:
        url = site.url("/gb2312/notice.html")
        run("add", "yunxi-plan", "--title", TITLE, "--jurisdiction", "云溪市", "--level", "city", "--official-url", url, db=db)
        proc = run("fetch", "yunxi-plan", "--allow-private", "--json", db=db)
    out = json.loads(proc.stdout)
    assert out["failed"] == 0 and out["fetched"][0]["status"] == "fetched"
    assert out["fetched"][0]["provenance"]["attachment"] == f"{TITLE}.docx"
    shown = json.loads(run("show", "yunxi-plan", "--json", db=db).stdout)
    texts = "".join(c["text"] for c in shown["clauses"])
    assert len(shown["clauses"]) == 7 and "对列入市级示范的项目给予最高200万元补助" in texts
    assert not any(line in texts for line in NOTICE_LINES + INTERPRETATION_LINES[1:])


def test_fetch_without_a_network_fails_per_policy_and_stores_nothing(db):
    run(
        "add",
        "qinglan-plan",
        "--title",
        "青岚区元宇宙产业发展若干措施",
        "--jurisdiction",
        "青岚区",
        "--official-url",
        "http://qinglan.invalid/notice.html",
        db=db,
    )
    before = json.loads(run("list", "--json", db=db).stdout)
    proc = run("fetch", "qinglan-plan", "zhejiang-2023-2025-action-plan", db=db, check=False)
    assert proc.returncode == 1
    assert "qinglan-plan: failed: could not connect" in proc.stderr
    assert "1 has text, 1 failed" in proc.stdout
    assert json.loads(run("list", "--json", db=db).stdout) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["fetch"], "name the policies to fetch, or --all"),
        (["fetch", "no-such-policy"], "no policy with this id"),
        (["add", "henan-2022-2025-action-plan", "--official-url", "ftp://x/y"], "must start with http"),
        (["add", "new-plan", "--official-url", "http://example.invalid/"], "no policy with this id"),
        (["add", "new-plan", "--title", "某某"], "needs --title and --jurisdiction"),
    ],
)
def test_fetch_and_add_refuse_bad_requests(db, args, says):
    proc = run(*args, db=db, check=False)
    assert proc.returncode != 0 and says in proc.stderr


def test_add_records_addresses_for_a_registry_policy(db):
    run(
        "add",
        "henan-2022-2025-action-plan",
        "--official-url",
        "http://henan.invalid/a.html",
        "--text-url",
        "http://news.invalid/b.html",
        db=db,
    )
    proc = run("fetch", "henan-2022-2025-action-plan", db=db, check=False)
    assert "http://henan.invalid/a.html" in proc.stderr and "http://news.invalid/b.html" in proc.stderr


def test_ingest_a_folder_places_files_by_title(db, tmp_path):
    from tests.corpus.site import POLICY_LINES, TITLE

    run("add", "yunxi-plan", "--title", TITLE, "--jurisdiction", "云溪市", db=db)
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "P020221108.docx").write_bytes(builders.plain_docx(POLICY_LINES))
    (folder / "other.txt").write_text("青岚区数字文旅若干措施\n一、总则\n支持文旅企业发展。", encoding="utf-8")
    proc = run("ingest", str(folder), "--json", db=db, check=False)
    assert proc.returncode == 1
    placed = {r["target"].rsplit("/", 1)[-1]: r for r in json.loads(proc.stdout)["ingested"]}
    assert placed["P020221108.docx"]["policy"] == "yunxi-plan" and placed["other.txt"]["policy"] is None
    assert "not placed: " in proc.stderr and "1 of 2 files placed" in proc.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["corpus", "show", ZHEJIANG],
        ["corpus", "list"],
        ["compare", "search", "元宇宙", "--top", "30"],
        ["compare", "align", ZHEJIANG, f"{ZHEJIANG}@2", "--json"],
    ],
)
def test_a_reader_that_stops_early_gets_no_traceback(command, store):
    """`python -m … | head -1`: the pipe closes after one line; the command ends quietly."""
    env = {**os.environ, "POLICY_DB": str(store.path)}
    shell = f"{sys.executable} -m {' '.join(command)} | head -1"
    proc = subprocess.run(["bash", "-c", f"set -o pipefail; {shell}"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("对企业给予最高1,000万元奖励", 16, ["对企业给予最高", "1,000万元奖励"]),
        ("到2025年产业规模达到3.5%以上", 12, ["到2025年产业", "规模达到3.5%", "以上"]),
        ("建设AR/VR设备", 8, ["建设", "AR/VR设", "备"]),
        ("奖励资金，分三年拨付", 8, ["奖励资", "金，分三", "年拨付"]),  # a comma never starts a line
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),  # longer than a line: cut anyway
        ("", 10, []),
    ],
)
def test_terminal_lines_never_break_inside_a_number(text, width, lines):
    from ui.console import wrap_cjk

    assert wrap_cjk(text, width) == lines
    assert "".join(wrap_cjk(text, width)) == text
