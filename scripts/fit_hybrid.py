"""Refit the hybrid embedder's centring vector and calibration curve: embeddings/data/hybrid.json.

python scripts/fit_hybrid.py [--out PATH]

Data: the clauses of the shipped corpus (a fresh database seeded from corpus/texts) plus, from
tests/fixtures/paraphrases.yaml, the fictional paraphrases of the ``tune`` split and the
fictional unrelated clauses. The ``held_out`` split is never read here.

1. mean: the mean e5 vector of those texts (the common direction that compresses e5 cosines).
2. knots: over every pair of those texts, the raw hybrid score (see embeddings/hybrid.py) and
   the TF-IDF score; the raw score's quantiles are mapped onto TF-IDF's (quantile matching),
   with (0, 0) and (1, 1) as end points. Up to the share of pairs TF-IDF scores 0 (they share
   nothing) the curve is 0: no match. Above it a tiny slope where TF-IDF's quantiles tie keeps
   it strictly increasing, so it never reorders candidates.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.similarity.models import clause_text  # noqa: E402
from corpus.library import open_store  # noqa: E402
from embeddings.e5 import E5Embedder  # noqa: E402
from embeddings.hybrid import FITTED, HybridEmbedder  # noqa: E402
from embeddings.tfidf import TfidfEmbedder  # noqa: E402

QUANTILES = (0.0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999)
STEP = 1e-4
PARAPHRASES = ROOT / "tests" / "fixtures" / "paraphrases.yaml"


def texts_to_fit() -> tuple[list[str], list[str]]:
    """(corpus texts the TF-IDF is fitted on, all texts whose pairs are sampled)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "corpus.sqlite")
        corpus = [clause_text(c) for _, _, _, c in store.clause_rows()]
        store.close()
    data = yaml.safe_load(PARAPHRASES.read_text(encoding="utf-8"))
    extra = [p["text"] for p in data["pairs"] if p["split"] == "tune"] + list(data["unrelated"])
    return corpus, corpus + extra


def knots(raw: np.ndarray, lexical: np.ndarray) -> tuple[list[float], list[float]]:
    xs, ys = [0.0], [0.0]
    for x, y in zip(np.quantile(raw, QUANTILES), np.quantile(lexical, QUANTILES), strict=True):
        if x <= xs[-1] or x >= 1.0:
            continue
        xs.append(float(x))
        # Where TF-IDF says 0 (nothing shared), so does the curve: those pairs are no match at all.
        ys.append(0.0 if y <= 0 else float(min(max(y, ys[-1] + STEP), 1.0 - STEP)))
    xs.append(1.0)
    ys.append(1.0)
    return xs, ys


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=FITTED)
    args = parser.parse_args()
    corpus, texts = texts_to_fit()
    dense = E5Embedder().transform(texts)
    mean = dense.mean(axis=0)
    hybrid = HybridEmbedder()
    args.out.write_text(json.dumps({"mean": [round(float(v), 6) for v in mean], "knots": {"raw": [0.0, 1.0], "score": [0.0, 1.0]}}))
    hybrid = HybridEmbedder(fitted=args.out).fit(corpus)
    tfidf = TfidfEmbedder().fit(corpus)
    upper = np.triu_indices(len(texts), k=1)
    h = hybrid.combine(hybrid.lexical.transform(texts), dense)
    raw = np.asarray((h @ h.T).toarray())[upper]
    t = tfidf.transform(texts)
    lexical = np.asarray((t @ t.T).toarray())[upper]
    xs, ys = knots(raw, lexical)
    payload = {
        "method": "quantile matching of raw hybrid scores onto TF-IDF scores over all pairs; see scripts/fit_hybrid.py",
        "fitted_on": {"texts": len(texts), "pairs": int(raw.size), "corpus_texts": len(corpus)},
        "parameters": {"weight": hybrid.weight, "centering": hybrid.centering},
        "mean": [round(float(v), 6) for v in mean],
        "knots": {"raw": [round(x, 5) for x in xs], "score": [round(y, 5) for y in ys]},
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(texts)} texts, {raw.size} pairs, {len(xs)} knots")
    for x, y in zip(xs, ys, strict=True):
        print(f"  raw {x:.4f} -> {y:.4f}")


if __name__ == "__main__":
    main()
