"""``python -m compare tools`` and ``code`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from compare.instruments import TOOLS
from tests.paths import FIXTURES, ROOT, ZHEJIANG

RECORD_KEYS = {"policy", "clause", "path", "number", "heading", "text", "dimension", "tool", "tools", "evidence"}


def run(*args: str, db) -> subprocess.CompletedProcess[str]:
    """A real process, so that anything printed on stdout besides the JSON breaks the parse."""
    code = "import sys; from compare.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "POLICY_DB": str(db)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def test_tools_json_follows_the_contract(store):
    proc = run("tools", ZHEJIANG, "--json", db=store.path)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)["records"]
    assert len(records) == 32 and all(set(r) >= RECORD_KEYS for r in records)
    assert records[0]["tool"] is None and records[0]["tools"] == [] and records[0]["evidence"][0]["kind"] == "rule"
    talent = next(r for r in records if r["path"][-1:] == ["（三）加快人才引育"])
    assert (talent["tool"], talent["dimension"]) == ("talent", "supply") and talent["tools"][0] == "talent"
    assert all(r["tool"] in (*TOOLS, None) and set(r["tools"]) <= set(TOOLS) for r in records)


def test_tools_reads_a_file_and_prints_a_table(store):
    proc = run("tools", str(FIXTURES / "fictional_district_measures.txt"), db=store.path)
    assert proc.returncode == 0, proc.stderr
    assert "第二条" in proc.stdout and "strategic" in proc.stdout and "talent" in proc.stdout


def test_tools_matrix_and_a_policy_without_text(store):
    proc = run("tools", ZHEJIANG, "guangzhou-nansha-2022-nine-measures", "--matrix", db=store.path)
    assert proc.returncode == 0, proc.stderr
    assert "demonstration" in proc.stdout and "has no text yet" in proc.stderr
    payload = json.loads(run("tools", ZHEJIANG, "--matrix", "--json", db=store.path).stdout)
    assert sum(row["Clauses"] for row in payload["matrix"]) == 31


def test_code_stores_an_override_that_tools_then_shows(store):
    clause_id = store.clauses(ZHEJIANG)[29].id
    proc = run("code", clause_id, "funding", "--also", "strategic", "--note", "扶持政策", "--author", "甲", db=store.path)
    assert proc.returncode == 0, proc.stderr
    record = next(r for r in json.loads(run("tools", ZHEJIANG, "--json", db=store.path).stdout)["records"] if r["clause"] == clause_id)
    assert (record["tool"], record["tools"], record["method"]) == ("funding", ["funding", "strategic"], "manual")
    assert record["evidence"][0] | {"coded_at": None} == {
        "kind": "manual",
        "tool": "funding",
        "note": "扶持政策",
        "author": "甲",
        "coded_at": None,
    }
    assert run("code", clause_id, "--clear", db=store.path).returncode == 0
    record = next(r for r in json.loads(run("tools", ZHEJIANG, "--json", db=store.path).stdout)["records"] if r["clause"] == clause_id)
    assert record["method"] != "manual"


def test_code_refuses_an_unknown_clause_or_tool(store):
    assert run("code", "no/such/1", "tax", db=store.path).returncode == 1
    assert run("code", store.clauses(ZHEJIANG)[3].id, "lottery", db=store.path).returncode == 2
