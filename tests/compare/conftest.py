"""Clause spaces over a session copy of the seeded database (vectors cached there, not in the shared one)."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare.similarity.space import ClauseSpace, build_space
from corpus.library import ClauseSet, load_clauses, open_store
from corpus.store import ClauseStore
from embeddings import SbertEmbedder
from tests.embeddings.models import MINILM

ZHEJIANG = "zhejiang-2023-2025-action-plan"


@pytest.fixture(scope="session")
def compare_store(seeded_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClauseStore]:
    path = tmp_path_factory.mktemp("compare") / "corpus.sqlite"
    shutil.copy(seeded_db_file, path)
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def tfidf_space(compare_store: ClauseStore) -> ClauseSpace:
    return build_space(compare_store, "tfidf")


@pytest.fixture(scope="session")
def hybrid_space(compare_store: ClauseStore) -> ClauseSpace:
    return build_space(compare_store, "hybrid")


@pytest.fixture(scope="session")
def e5_space(compare_store: ClauseStore) -> ClauseSpace:
    return build_space(compare_store, "e5")


@pytest.fixture(scope="session")
def sbert_space(compare_store: ClauseStore) -> ClauseSpace:
    return build_space(compare_store, SbertEmbedder(str(MINILM)))


@pytest.fixture(scope="session")
def official(compare_store: ClauseStore) -> ClauseSet:
    """The Zhejiang plan as converted from Word (the primary document)."""
    return load_clauses(compare_store, ZHEJIANG)


@pytest.fixture(scope="session")
def article(compare_store: ClauseStore) -> ClauseSet:
    """The Zhejiang plan as reprinted in a news article (its second document)."""
    doc = next(d for d in compare_store.documents(ZHEJIANG) if not d.is_primary)
    return load_clauses(compare_store, f"{ZHEJIANG}@{doc.id}")


@pytest.fixture(scope="session")
def news(article: ClauseSet) -> ClauseSet:
    """The article's own news paragraphs around the reprint, as a clause set."""
    return dataclasses.replace(article, clauses=article.context, context=())
