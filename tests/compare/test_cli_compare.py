"""match, align, search and matrix as a user runs them: JSON contracts, terminal views, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.cli import main
from corpus.store import ClauseStore
from tests.paths import FIXTURES, ROOT, ZHEJIANG

CLAUSE_KEYS = {"id", "path", "number", "heading", "text", "units"}


def run_json(db: Path, *args: str) -> dict:
    """A real process, so that anything printed on stdout besides the JSON breaks the parse."""
    env = {**os.environ, "POLICY_DB": str(db)}
    proc = subprocess.run(
        [sys.executable, "-m", "compare", *args, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_match_json_follows_the_contract(store: ClauseStore) -> None:
    out = run_json(store.path, "match", ZHEJIANG, f"{ZHEJIANG}@2", "--top", "2")
    assert len(out["matches"]) == 32
    for entry in out["matches"]:
        assert set(entry["clause"]) == CLAUSE_KEYS
        assert 1 <= len(entry["candidates"]) <= 2
        assert set(entry["candidates"][0]["clause"]) == CLAUSE_KEYS
        scores = [c["score"] for c in entry["candidates"]]
        assert scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1.0001


def test_align_json_pairs_the_seed_versions(store: ClauseStore) -> None:
    out = run_json(store.path, "align", ZHEJIANG, f"{ZHEJIANG}@2")
    assert len(out["pairs"]) == 32 and out["only_a"] == [] and out["only_b"] == []
    assert {p["class"] for p in out["pairs"]} <= {"identical", "near-identical"}
    assert out["containment"] == {"a_in_b": 1.0, "b_in_a": 1.0}
    first = out["pairs"][1]
    assert set(first["a"]) == CLAUSE_KEYS and first["spans_a"] and first["spans_b"]


def test_search_and_matrix_json(store: ClauseStore) -> None:
    out = run_json(store.path, "search", "数字藏品", "--top", "3")
    assert 1 <= len(out["results"]) <= 3 and out["results"][0]["policy"] == ZHEJIANG
    matrix = run_json(store.path, "matrix")
    assert [p["id"] for p in matrix["policies"]] == [ZHEJIANG] and len(matrix["missing"]) == len(store.policies()) - 1


@pytest.mark.parametrize(
    "args",
    [
        ["search", "zzqqxx", "--json"],
        ["search", "元宇宙", "--level", "district", "--json"],
        ["match", ZHEJIANG, "--json"],  # alone in the corpus: nothing to match against
    ],
)
def test_an_empty_result_is_an_empty_answer(store: ClauseStore, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out.get("results", None) == [] or all(m["candidates"] == [] for m in out["matches"])


def test_terminal_views_are_readable(store: ClauseStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", ZHEJIANG, f"{ZHEJIANG}@2"]) == 0
    out = capsys.readouterr().out
    assert "100% of A is found in B" in out and "identical" in out and "Only in A: 0" in out
    assert main(["search", "zzqqxx"]) == 0
    assert "No clause matches" in capsys.readouterr().out
    assert main(["match", str(FIXTURES / "fictional_district_measures.txt"), ZHEJIANG, "--top", "1"]) == 0
    assert "支持企业落户" in capsys.readouterr().out
    assert main(["matrix"]) == 0
    assert ZHEJIANG in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match", "no-such-policy", ZHEJIANG], "neither a stored policy id"),
        (["search", "元宇宙", "--embedder", "word2vec"], "unknown embedder"),
        (["align", ZHEJIANG, "/no/such/file.txt"], "neither a stored policy id"),
    ],
)
def test_errors_go_to_stderr_with_a_non_zero_code(
    store: ClauseStore, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err


def test_a_policy_without_text_says_how_to_add_one(store: ClauseStore, capsys: pytest.CaptureFixture[str]) -> None:
    empty = next(s.policy.id for s in store.summaries() if not s.has_text)
    assert main(["align", ZHEJIANG, empty, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["pairs"] == []
    assert f"python -m corpus ingest FILE_OR_URL --policy {empty}" in captured.err
