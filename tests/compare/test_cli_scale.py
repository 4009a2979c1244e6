"""`corpus export --parquet` and `compare allpairs` as a user runs them, and the pairs read back."""

from __future__ import annotations

import numpy as np
import pandas as pd

from compare.cli import main as compare_main
from compare.similarity.pairs import containment_from_pairs, read_clauses, read_pairs
from corpus.cli import main as corpus_main
from corpus.store import ClauseStore
from tests.compare.test_cli_compare import run_json
from tests.paths import ZHEJIANG


def test_export_then_allpairs_from_the_folder(store: ClauseStore, tmp_path, capsys) -> None:
    assert corpus_main(["export", "--parquet", str(tmp_path / "exp")]) == 0
    clauses = read_clauses(tmp_path / "exp")
    assert len(clauses) == 83 and clauses["row"].tolist() == list(range(83))
    out = run_json(store.path, "allpairs", "--from", str(tmp_path / "exp"), "--out", str(tmp_path / "pairs.parquet"), "--k", "3")
    assert out["clauses"] == 83 and out["pairs"] == 83 * 3 and out["embedder"].startswith("tfidf")
    pairs = read_pairs(tmp_path / "pairs.parquet")
    assert pairs.k == 3 and pairs.embedder == out["embedder"]
    frame = pairs.frame
    assert (frame["clause"] != frame["neighbour"]).all()
    assert frame.groupby("clause")["score"].apply(lambda s: (np.diff(s.to_numpy()) <= 0).all()).all()  # best first
    # The official text and the reprint hold the same clauses: each one's best neighbour is its twin.
    docs = frame["clause"].str.split("/").str[1]
    twins = frame[(frame["rank"] == 1) & frame["clause"].str.contains("/") & (frame["policy"] == ZHEJIANG)]
    assert (twins["score"] > 0.98).mean() > 0.7 and docs.nunique() == 2


def test_containment_from_pairs_matches_the_texts(store: ClauseStore, tmp_path) -> None:
    assert compare_main(["allpairs", "--out", str(tmp_path / "p.parquet"), "--k", "5"]) == 0
    frame = read_pairs(tmp_path / "p.parquet").frame
    body = frame[~frame["clause"].str.contains("/n")]
    by_doc = {
        d: sorted(set(body["clause"][body["clause"].str.split("/").str[1] == d])) for d in body["clause"].str.split("/").str[1].unique()
    }
    result = containment_from_pairs(frame, by_doc, 0.9, k=5)
    assert result.containment.shape == (2, 2)
    assert (result.containment[~np.eye(2, dtype=bool)] > 0.9).all()  # each version contains the other
    empty = containment_from_pairs(pd.DataFrame(columns=frame.columns), by_doc, 0.9, k=5)
    assert (empty.containment == np.eye(2)).all()


def test_allpairs_errors_are_one_line(store: ClauseStore, tmp_path, capsys) -> None:
    assert compare_main(["allpairs", "--from", str(tmp_path / "nowhere"), "--out", str(tmp_path / "p.parquet")]) == 1
    assert "corpus export --parquet" in capsys.readouterr().err
    assert compare_main(["allpairs", "--k", "0", "--out", str(tmp_path / "p.parquet")]) == 1
