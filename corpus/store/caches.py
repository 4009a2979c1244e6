"""Cached embedding work: vectors and token lists keyed by who computed them and the input's hash.

Nothing here is corpus content: the cache may be emptied at any time and is rebuilt on demand,
so its writes leave the corpus version alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

import numpy as np

from corpus.store.core import StoreCore

_TOKEN_SEP = "\x1f"
_CHUNK = 500  # hashes per IN (...) query, well under SQLite's variable limit


class CacheTables(StoreCore):
    """The ``vectors`` and ``analyses`` tables."""

    def _cached(self, sql: str, key: str, hashes: Sequence[str]) -> list[sqlite3.Row]:
        unique = sorted(set(hashes))
        rows: list[sqlite3.Row] = []
        for i in range(0, len(unique), _CHUNK):
            part = unique[i : i + _CHUNK]
            rows.extend(self.conn.execute(sql.format(marks=",".join("?" * len(part))), (key, *part)))
        return rows

    def cached_vectors(self, embedder_id: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored float32 vectors of these text hashes computed by ``embedder_id``. Absent ones
        are left out, and so are damaged ones (bytes that do not hold ``dim`` finite floats, or
        lengths that disagree), so that they are recomputed rather than served."""
        sql = "SELECT input_hash, dim, data FROM vectors WHERE embedder = ? AND input_hash IN ({marks})"
        found = {
            r["input_hash"]: v for r in self._cached(sql, embedder_id, hashes) if (v := _stored_vector(r["dim"], r["data"])) is not None
        }
        if len({v.shape[0] for v in found.values()}) > 1:  # one embedder's vectors disagree: trust none
            return {}
        return found

    def save_vectors(self, embedder_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors by text hash for ``embedder_id``, in one transaction."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO vectors (embedder, input_hash, dim, data) VALUES (?, ?, ?, ?)",
                [(embedder_id, h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
            )

    def cached_tokens(self, analyzer_id: str, hashes: Sequence[str]) -> dict[str, list[str]]:
        """The stored token lists of these text hashes made by ``analyzer_id`` (absent ones left out)."""
        sql = "SELECT input_hash, tokens FROM analyses WHERE analyzer = ? AND input_hash IN ({marks})"
        return {r["input_hash"]: r["tokens"].split(_TOKEN_SEP) if r["tokens"] else [] for r in self._cached(sql, analyzer_id, hashes)}

    def save_tokens(self, analyzer_id: str, tokens: Mapping[str, Sequence[str]]) -> None:
        """Store token lists by text hash for ``analyzer_id``, in one transaction."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO analyses (analyzer, input_hash, tokens) VALUES (?, ?, ?)",
                [(analyzer_id, h, _TOKEN_SEP.join(t)) for h, t in tokens.items()],
            )

    def cache_counts(self) -> dict[str, int]:
        """Rows of cached embedding work: ``vectors`` and ``analyses`` (token lists)."""
        c = self.conn
        return {
            "vectors": c.execute("SELECT COUNT(*) FROM vectors").fetchone()[0],
            "analyses": c.execute("SELECT COUNT(*) FROM analyses").fetchone()[0],
        }


def _stored_vector(dim: object, data: object) -> np.ndarray | None:
    """A cached vector, or None when its bytes are not ``dim`` finite float32 values."""
    if not isinstance(data, bytes) or not isinstance(dim, int) or dim <= 0 or len(data) != 4 * dim:
        return None
    vector = np.frombuffer(data, dtype=np.float32)
    return vector if bool(np.isfinite(vector).all()) else None
