"""The corpus-wide neighbour table as files: export a clause space, write and read the pairs.

``export_space`` writes what workers need (``clauses.parquet``, one row per vector row, and the
vector folder of ``compare.similarity.allpairs``); ``pairs_frame`` turns a ``Neighbours`` result into a
table keyed by clause ids (so it can be read back against another copy of the database); and
``containment_from_pairs`` gives the policy matrix's containment from such a table without
comparing any vectors again.

Containment from a neighbour table is exact when a clause's best match in every other policy
is among its ``k`` neighbours or below the threshold: ``uncertain_rows`` counts the clauses
whose ``k``-th neighbour still reaches the threshold (a larger ``k`` resolves them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from compare.similarity.allpairs import Neighbours, save_vectors
from compare.similarity.models import clause_text
from compare.similarity.space import ClauseSpace

CLAUSES_FILE = "clauses.parquet"
VECTORS_DIR = "vectors"


def export_space(space: ClauseSpace, folder: str | Path) -> Path:
    """Write the space's clauses (row order = vector order) and vectors under ``folder``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(
        {
            "row": np.arange(len(space.rows), dtype=np.int64),
            "clause": [r.clause.id for r in space.rows],
            "policy": [r.policy_id for r in space.rows],
            "document": [r.document_id for r in space.rows],
            "primary": [r.primary for r in space.rows],
            "role": [r.clause.role for r in space.rows],
            "path": [" / ".join(r.clause.path) for r in space.rows],
            "number": [r.clause.number for r in space.rows],
            "text": [clause_text(r.clause) for r in space.rows],
        }
    )
    frame.to_parquet(out / CLAUSES_FILE, index=False)
    save_vectors(space.vectors, out / VECTORS_DIR)
    meta = json.loads((out / VECTORS_DIR / "vectors.json").read_text(encoding="utf-8"))
    meta["embedder"] = space.embedder.id
    (out / VECTORS_DIR / "vectors.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return out


def read_clauses(folder: str | Path) -> pd.DataFrame:
    return pd.read_parquet(Path(folder) / CLAUSES_FILE)


def pairs_frame(neighbours: Neighbours, clauses: pd.DataFrame) -> pd.DataFrame:
    """One row per (clause, neighbour): clause ids and policies on both sides, score, rank (1 = best)."""
    query, neighbour, score, rank = neighbours.pairs()
    ids, policies = clauses["clause"].to_numpy(), clauses["policy"].to_numpy()
    return pd.DataFrame(
        {
            "clause": ids[query],
            "policy": policies[query],
            "neighbour": ids[neighbour],
            "neighbour_policy": policies[neighbour],
            "score": score.astype(np.float32),
            "rank": rank,
        }
    )


def write_pairs(frame: pd.DataFrame, path: str | Path, *, embedder: str, k: int) -> Path:
    """Parquet with the embedder id and ``k`` in its schema metadata (what the scores mean)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata(
        {**(table.schema.metadata or {}), b"policy_compare": json.dumps({"embedder": embedder, "k": k}).encode()}
    )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, out)
    return out


@dataclass(frozen=True)
class PairsFile:
    frame: pd.DataFrame
    embedder: str
    k: int


def read_pairs(path: str | Path) -> PairsFile:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    meta = json.loads((table.schema.metadata or {}).get(b"policy_compare", b"{}"))
    return PairsFile(table.to_pandas(), str(meta.get("embedder", "")), int(meta.get("k", 0)))


@dataclass(frozen=True)
class PairContainment:
    """``containment[i, j]``: weighted share of group i's clauses with a neighbour in group j at or above the threshold."""

    keys: tuple[str, ...]
    containment: np.ndarray
    uncertain_rows: int


def containment_from_pairs(
    frame: pd.DataFrame, groups: dict[str, list[str]], threshold: float, weights: dict[str, float] | None = None, *, k: int
) -> PairContainment:
    """Containment between groups of clause ids (a policy's text each) from a neighbour table.

    ``weights`` gives a clause's weight (boilerplate counts less); absent clauses weigh 1.
    Vectorised: no loop over pairs of groups.
    """
    keys = tuple(groups)
    group_of = {cid: g for g, key in enumerate(keys) for cid in groups[key]}
    weight = weights or {}
    kept = frame[frame["score"] >= threshold]
    q = kept["clause"].map(group_of)
    n = kept["neighbour"].map(group_of)
    usable = q.notna() & n.notna() & (q != n)
    found = pd.DataFrame({"clause": kept["clause"][usable], "i": q[usable].astype(int), "j": n[usable].astype(int)}).drop_duplicates(
        ["clause", "j"]
    )
    found["w"] = found["clause"].map(weight).fillna(1.0).astype(float)
    contain = np.eye(len(keys), dtype=np.float64)
    totals = np.array([sum(weight.get(c, 1.0) for c in groups[key]) for key in keys], dtype=np.float64)
    sums = found.groupby(["i", "j"])["w"].sum()
    ii = sums.index.get_level_values("i").to_numpy(dtype=np.int64)
    jj = sums.index.get_level_values("j").to_numpy(dtype=np.int64)
    contain[ii, jj] = sums.to_numpy() / np.where(totals[ii] > 0, totals[ii], 1.0)
    last = frame[frame["rank"] == k]
    uncertain = int(((last["score"] >= threshold) & last["clause"].isin(group_of)).sum()) if k else 0
    return PairContainment(keys, contain, uncertain)
