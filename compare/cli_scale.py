"""``python -m compare allpairs``: every clause's nearest clauses, on this process or a Dask cluster.

A thin shell: build (or read) the vectors, run the block tasks of ``compare.similarity.allpairs`` here or on
a cluster, write the neighbour table with ``compare.similarity.pairs``. ``--scheduler local`` starts a
``LocalCluster`` of ``--workers`` processes on this machine; ``--scheduler tcp://HOST:8786``
uses a running cluster, whose workers must see the vector folder (``--from`` or ``--workdir`` on
a shared filesystem).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from compare.similarity.allpairs import DEFAULT_BLOCK, all_pairs, all_pairs_dask
from compare.similarity.pairs import VECTORS_DIR, export_space, pairs_frame, read_clauses, write_pairs
from compare.similarity.space import build_space
from corpus.errors import PolicyCompareError
from corpus.library import open_store
from ui.console import print_json, progress_bar, status


def _vectors_folder(args: argparse.Namespace, workdir: Path) -> tuple[Path, str]:
    """The exported folder to read: ``--from`` as given, or the database's space exported now."""
    if args.source:
        folder = Path(args.source)
        if not (folder / VECTORS_DIR / "vectors.json").exists():
            raise PolicyCompareError(str(folder), "not a folder written by `python -m corpus export --parquet`", "Export the corpus first.")
        import json

        meta = json.loads((folder / VECTORS_DIR / "vectors.json").read_text(encoding="utf-8"))
        return folder, str(meta.get("embedder", ""))
    space = build_space(open_store(seed=True, progress=status), args.embedder)
    export_space(space, workdir)
    return workdir, space.embedder.id


def cmd_allpairs(args: argparse.Namespace) -> int:
    if args.k < 1 or args.block < 1 or args.workers < 1:
        raise PolicyCompareError("allpairs", "--k, --block and --workers must be at least 1")
    with tempfile.TemporaryDirectory(prefix="allpairs-", dir=args.workdir) as tmp:
        folder, embedder = _vectors_folder(args, Path(tmp))
        vectors = folder / VECTORS_DIR
        progress = progress_bar("query blocks")
        if args.scheduler is None:
            neighbours = all_pairs(vectors, args.k, block=args.block, progress=progress)
        else:
            neighbours = _on_cluster(args, vectors, progress)
        frame = pairs_frame(neighbours, read_clauses(folder))
    out = write_pairs(frame, args.out, embedder=embedder, k=args.k)
    summary = {"out": str(out), "clauses": int(neighbours.indices.shape[0]), "pairs": len(frame), "k": args.k, "embedder": embedder}
    if args.json:
        print_json(summary)
    else:
        print(f"{summary['pairs']:,} pairs for {summary['clauses']:,} clauses (k = {args.k}, {embedder}) written to {out}")
    return 0


def _on_cluster(args: argparse.Namespace, vectors: Path, progress):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise PolicyCompareError("allpairs", "the Dask packages are not installed", "pip install -r requirements.txt") from exc
    if args.scheduler == "local":
        with (
            LocalCluster(
                n_workers=args.workers, threads_per_worker=1, dashboard_address=None, host="127.0.0.1", silence_logs=logging.ERROR
            ) as cluster,
            Client(cluster) as client,
        ):
            return all_pairs_dask(vectors, args.k, client, block=args.block, progress=progress)
    try:
        client = Client(args.scheduler, timeout=args.connect_timeout)
    except (OSError, TimeoutError) as exc:
        raise PolicyCompareError(args.scheduler, f"cannot reach the Dask scheduler ({exc})", "Start one with `dask scheduler`.") from exc
    with client:
        return all_pairs_dask(vectors, args.k, client, block=args.block, progress=progress)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("allpairs", help="every clause's k nearest clauses of the corpus, written as a Parquet table")
    p.add_argument("--out", required=True, help="the .parquet file to write")
    p.add_argument("--k", type=int, default=10, help="neighbours per clause (default 10)")
    p.add_argument("--scheduler", help="'local' for a LocalCluster here, or a scheduler address tcp://HOST:8786; omit to run here")
    p.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster (default 2)")
    p.add_argument("--block", type=int, default=DEFAULT_BLOCK, help=f"rows per task block (default {DEFAULT_BLOCK:,})")
    p.add_argument("--from", dest="source", help="a folder written by `python -m corpus export --parquet` (default: this database)")
    p.add_argument("--workdir", help="where to write the vectors for the workers (must be shared with a remote cluster)")
    p.add_argument("--embedder", default="tfidf", help="tfidf (default; the scalable one) or another embedder name")
    p.add_argument("--connect-timeout", type=float, default=10.0, help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_allpairs)
