"""Scale-out: the sparse default path at a million clauses, all pairs on Dask, tokenising, page times.

    python -m bench.scale_out [--sizes 100000,1000000] [--allpairs 100000] [--quick]

Four measurements, printed as markdown, each against its peers measured in the same run:

1. one policy's body clauses against N TF-IDF clauses: exact search (ours, ``compare.similarity.topk``),
   LSA candidates re-ranked exactly (``compare.similarity.lsa``; its index build reported apart),
   sparse_dot_topn, and the bare sparse product (the floor of exact search), each in a fresh
   process (``bench.peers``), with LSA's recall@10 against exact search;
2. every clause's 10 nearest clauses at ``--allpairs`` clauses on one process and on a
   two-worker Dask LocalCluster, by the same block tasks (``compare.similarity.allpairs``), and whether
   both give the same pairs;
3. tokenising with jieba and with rjieba through our ``Tokenizer`` (same tokens?);
4. each app page's script time on the shipped corpus (Streamlit's AppTest, a fresh database):
   the first run of the session and the next one.

Corpora are built like ``bench.compare_scale``'s: synthetic clauses from the shipped ones,
tokenised for real up to ``--text-pool``, then perturbed copies of those TF-IDF rows. The dense
vectors of the all-pairs run are the LSA projections (128 dims) of the same rows, perturbed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from bench.compare_scale import _blas, _load, _run, _save
from bench.machine import describe
from bench.synth import perturb_dense, perturb_sparse, real_clauses, synth_texts
from compare.similarity.allpairs import all_pairs, all_pairs_dask, save_vectors
from compare.similarity.lsa import build_lsa_index, recall_at_k
from embeddings.tfidf import TfidfEmbedder
from embeddings.tokenize import Tokenizer

PACKAGES = ("numpy", "scipy", "scikit-learn", "sparse-dot-topn", "dask", "distributed", "jieba", "rjieba", "streamlit")
ROOT = Path(__file__).resolve().parent.parent
QUICK = {"sizes": "3000,20000", "allpairs": 5000, "text_pool": 2000}


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="TF-IDF corpus sizes for one policy's match")
    parser.add_argument("--allpairs", type=int, default=100_000, help="clauses in the all-pairs run")
    parser.add_argument("--text-pool", type=int, default=20_000, help="synthetic texts tokenised for TF-IDF")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="a smoke run: " + ", ".join(f"{k}={v}" for k, v in QUICK.items()))
    parser.add_argument("--no-pages", action="store_true", help="skip the app page timings")
    if parser.parse_known_args(argv)[0].quick:
        parser.set_defaults(**QUICK)
    return parser.parse_args(argv)


def sparse_match(queries: sp.csr_matrix, base: sp.csr_matrix, sizes: Sequence[int], k: int, workdir: Path) -> list[str]:
    """Markdown rows: seconds of each method, LSA's index build and recall@10."""
    qpath = _save(queries, workdir / "queries")
    rows = []
    for n in sizes:
        corpus = perturb_sparse(base, n, np.random.default_rng([0, n]))
        cpath = _save(corpus, workdir / "corpus")
        del corpus
        found: dict[str, dict] = {}
        for method in ("ours", "lsa", "sparse_dot_topn", "floor"):
            spec = {"task": "match", "method": method, "k": k, "queries": str(qpath), "corpus": str(cpath)}
            spec["scores"] = str(workdir / f"scores-{method}.npy")
            print(f"  match sparse {n:,} {method} …", flush=True, file=sys.stderr)
            found[method] = _run(spec, timeout=1800)
        recall = "—"
        if "error" not in found["ours"] and "error" not in found["lsa"]:
            recall = f"{recall_at_k(np.load(workdir / 'scores-lsa.npy'), np.load(workdir / 'scores-ours.npy')):.4f}"

        def cell(name: str, found: dict[str, dict] = found) -> str:
            r = found[name]
            return r["error"] if "error" in r else f"{r['seconds']:.3f}"

        lsa = found["lsa"]
        build = f"{lsa['prepare_seconds']:.0f}" if lsa.get("prepare_seconds") is not None else "—"
        ratio = "—"
        if "error" not in lsa and "error" not in found["sparse_dot_topn"]:
            ratio = f"{lsa['seconds'] / found['sparse_dot_topn']['seconds']:.2f}"
        peak = f"{lsa['peak_mb']:.0f}" if "peak_mb" in lsa else "—"
        rows.append(
            f"| {n:,} | {cell('ours')} | **{cell('lsa')}** | {build} | {cell('sparse_dot_topn')} | {cell('floor')} | {recall} | {ratio} | {peak} |"
        )
        cpath.unlink()
    return rows


def allpairs(base_dense: np.ndarray, n: int, k: int, workdir: Path) -> list[str]:
    """Markdown rows: one process vs a two-worker LocalCluster, same block tasks, same result?"""
    from distributed import Client, LocalCluster

    vectors = perturb_dense(base_dense, n, np.random.default_rng([1, n]))
    folder = save_vectors(vectors, workdir / "allpairs")
    del vectors
    block = max(1000, n // 5)
    start = time.perf_counter()
    alone = all_pairs(folder, k, block=block)
    t_alone = time.perf_counter() - start
    start = time.perf_counter()
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, host="127.0.0.1", silence_logs=40) as cluster,
        Client(cluster) as client,
    ):
        t_start = time.perf_counter() - start
        start = time.perf_counter()
        spread = all_pairs_dask(folder, k, client, block=block)
        t_spread = time.perf_counter() - start
    same = bool((alone.indices == spread.indices).all())
    diff = float(np.abs(alone.scores - spread.scores).max())
    tasks = (n // block + (n % block > 0)) ** 2
    return [
        f"| 1 process (numpy/BLAS on both cores) | {n:,} | {block:,} | {tasks} | {t_alone:.1f} | — | reference |",
        f"| Dask LocalCluster, 2 workers × 1 thread | {n:,} | {block:,} | {tasks} | {t_spread:.1f} | {t_start:.1f} | "
        f"{'same pairs' if same else 'DIFFERENT pairs'}, max score Δ {diff:.1e} |",
    ]


def tokenising(texts: Sequence[str]) -> list[str]:
    rows = []
    reference = None
    for label, tok in (("jieba (reference)", Tokenizer(fast=False)), ("rjieba when it agrees (ours, default)", Tokenizer())):
        tok.analyze_many(["预热"] * 2_000)  # load dictionaries and run the agreement check outside the timing
        start = time.perf_counter()
        tokens = tok.analyze_many(texts)
        rate = len(texts) / (time.perf_counter() - start)
        same = "100%" if reference is None else f"{np.mean([a == b for a, b in zip(tokens, reference, strict=True)]):.1%}"
        reference = reference or tokens
        rows.append(f"| {label} | {tok.backend} | {len(texts):,} | {rate:,.0f} | {same} |")
    return rows


def page_times(workdir: Path) -> list[str]:
    """Markdown rows: each page's script time, first and second run, on a fresh database."""
    from streamlit.testing.v1 import AppTest

    os.environ["POLICY_DB"] = str(workdir / "pages.sqlite")
    rows = []
    for page in sorted((ROOT / "app_pages").glob("*.py")):
        if page.name.startswith("_"):
            continue
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.session_state["lang"] = "zh"
        at.run()
        times = []
        for _ in range(2):
            start = time.perf_counter()
            at.switch_page(f"app_pages/{page.name}").run()
            times.append(time.perf_counter() - start)
        errors = "error" if at.exception else ""
        rows.append(f"| {page.stem} | {times[0]:.2f} | {times[1]:.2f} | {errors} |")
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sizes = sorted({int(s) for s in str(args.sizes).split(",") if s.strip()})
    with tempfile.TemporaryDirectory(prefix="bench-scale-out-") as tmp:
        workdir = Path(tmp)
        print("## Scale-out: the sparse default path, all pairs on Dask, tokenising, page times\n")
        print("```\n" + describe(PACKAGES) + f"\nblas:    {_blas()}\nload:    {_load()} at the start\n```\n")
        real = real_clauses()
        pool = synth_texts(real.texts, args.text_pool, np.random.default_rng(0))
        print("### Tokenising\n\n| tokenizer | cuts with | texts | texts/s | same tokens as jieba |\n|---|---|---:|---:|---:|")
        print("\n".join(tokenising(pool[: min(len(pool), 5000)])))
        tfidf = TfidfEmbedder()
        analyses = tfidf.analyze(pool)
        tfidf.fit(pool, analyses=analyses)
        base = tfidf.transform(pool, analyses=analyses)
        queries = tfidf.transform(list(real.policy))
        print(
            f"\n### One policy against N TF-IDF clauses (k = {args.k})\n\n"
            f"The {len(real.policy)} body clauses of the Zhejiang plan against N clauses ({base.shape[1]:,} features, "
            f"{base.nnz / base.shape[0]:.0f} non-zeros per clause; above {len(pool):,} clauses, perturbed copies of real rows). "
            "Wall seconds, fastest run after a warm-up, each method in a fresh process. *exact*: our tiled exact top-k; "
            "*LSA*: 128-dim truncated SVD candidates (200 per clause) re-ranked on the exact sparse vectors (the default for "
            "sparse corpora of 200,000 clauses or more); *floor*: the bare sparse products of exact search. Recall@10: share "
            "of exact search's 10 best that LSA returns (ties interchangeable); every score LSA returns is exact.\n"
        )
        print(
            "| clauses | exact (ours) | LSA (ours) | LSA index build s | sparse_dot_topn | floor | LSA recall@10 | LSA ÷ sparse_dot_topn | LSA peak MB |\n"
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        )
        print("\n".join(sparse_match(queries, base, sizes, args.k, workdir)))
        index = build_lsa_index(base)
        dense = index.projected
        print(
            f"\n### All pairs (k = {args.k})\n\nEvery clause's {args.k} nearest other clauses; {dense.shape[1]}-dim dense vectors "
            "(LSA projections of the TF-IDF rows, perturbed). Seconds wall; cluster start apart.\n"
        )
        print("| where | clauses | block | tasks | seconds | cluster start s | result |\n|---|---:|---:|---:|---:|---:|---|")
        print("\n".join(allpairs(dense, args.allpairs, args.k, workdir)))
        if not args.no_pages:
            print(
                "\n### App pages\n\nScript time of each page on the shipped corpus (AppTest, a fresh database, Chinese "
                "interface, default embedder): the first run after the app's own first run, then the next run.\n"
            )
            print("| page | first run s | next run s | |\n|---|---:|---:|---|")
            print("\n".join(page_times(workdir)))
        print(f"\nLoad average at the end: {_load()} (other processes share these cores).")


if __name__ == "__main__":
    main()
