"""Shared fixtures: a fresh seeded database per test, and one per session for read-only use.

The seeded database is built once per session and its clauses embedded once with the default
embedder (hybrid: the e5 vectors and TF-IDF token lists land in its cache), so every copy of it
starts warm and no test pays for embedding the shipped corpus again.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare.similarity.space import build_space
from corpus.library import open_store
from corpus.store import ClauseStore
from embeddings import DEFAULT_EMBEDDER


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database seeded from the registry and the shipped texts, built once per session."""
    path = tmp_path_factory.mktemp("seeded") / "corpus.sqlite"
    store = open_store(path)
    build_space(store, DEFAULT_EMBEDDER)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def store(tmp_path: Path, seeded_db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ClauseStore]:
    """A fresh, writable copy of the seeded database; $POLICY_DB points at it."""
    path = tmp_path / "corpus.sqlite"
    shutil.copy(seeded_db_file, path)
    monkeypatch.setenv("POLICY_DB", str(path))
    s = open_store(path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def shared_store(seeded_db_file: Path) -> Iterator[ClauseStore]:
    """The session's seeded database, for tests that only read."""
    s = open_store(seeded_db_file)
    yield s
    s.close()
