"""The corpus version the app's caches are keyed by: it moves with every change to what they show,
stays put otherwise, and never repeats between two databases."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from corpus.library import add_policy, add_text_sources, ingest, open_store, remove_policy, update_policy
from corpus.models import InstrumentCode, Policy
from corpus.segment import segment_text
from corpus.store import ClauseStore
from tests.paths import FIXTURES, ZHEJIANG

FICTIONAL = str(FIXTURES / "fictional_district_measures.txt")  # invented district measures


def _second_document(store: ClauseStore) -> int:
    return next(d.id for d in store.documents(ZHEJIANG) if not d.is_primary)


CHANGES: dict[str, Callable[[ClauseStore], object]] = {
    "add a document": lambda s: ingest(s, FICTIONAL, policy_id="hangzhou-xihu-2022-opinions"),
    "make another document primary": lambda s: s.set_primary(_second_document(s)),
    "remove a document": lambda s: s.delete_document(_second_document(s)),
    "re-segment a document": lambda s: s.replace_clauses(_second_document(s), segment_text(s.document_text(_second_document(s)))),
    "edit a policy's metadata": lambda s: update_policy(s, ZHEJIANG, {"issuer": "云溪市人民政府办公室"}),
    "add a policy": lambda s: add_policy(
        s, Policy(id="yunxi-2022-plan", title="云溪市元宇宙方案", jurisdiction="云溪市", province=None, level="city")
    ),
    "remove a policy": lambda s: remove_policy(s, "hangzhou-xihu-2022-opinions"),
    "add a text address": lambda s: add_text_sources(s, ZHEJIANG, text_urls=("https://www.example.org/yunxi.html",)),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_to_the_corpus_moves_the_version(store: ClauseStore, change: str) -> None:
    before = store.version()
    CHANGES[change](store)
    assert store.version() != before


@pytest.mark.parametrize(
    "work",
    [
        pytest.param(lambda s: s.save_vectors("e", {"h": np.ones(3, dtype=np.float32)}), id="cache a vector"),
        pytest.param(lambda s: s.save_tokens("a", {"h": ["元宇宙"]}), id="cache tokens"),
        pytest.param(lambda s: s.set_meta("note", "x"), id="write meta"),
        pytest.param(lambda s: s.policies() and s.clause_rows() and s.summaries(), id="read everything"),
    ],
)
def test_reading_and_caching_leave_the_version_alone(store: ClauseStore, work: Callable[[ClauseStore], object]) -> None:
    """Filling the embedding cache must not invalidate the caches keyed by the version."""
    before = store.version()
    work(store)
    assert store.version() == before


def test_manual_codes_leave_the_corpus_version_alone(store: ClauseStore) -> None:
    """Codes have their own cache key (``ui.instruments.codes_signature``): the corpus stays the same."""
    before = store.version()
    clause = store.clauses(ZHEJIANG)[3]
    store.set_instrument_code(InstrumentCode(clause.id, "h", "funding", ("funding",), "", "", "2026-01-01T00:00:00Z"))
    assert store.version() == before


def test_the_version_survives_reopening(store: ClauseStore) -> None:
    before = store.version()
    store.close()
    assert open_store(store.path).version() == before


def test_no_two_databases_share_a_version(tmp_path: Path) -> None:
    first, second = ClauseStore(tmp_path / "a.sqlite"), ClauseStore(tmp_path / "b.sqlite")
    assert first.version() != second.version()  # both empty and unchanged


def test_two_copies_of_one_file_changed_apart_differ(store: ClauseStore, tmp_path: Path) -> None:
    """A copy made with ``cp`` starts equal; after one change each (the same count of changes), they differ."""
    store.close()
    copy_path = tmp_path / "copy.sqlite"
    shutil.copy(store.path, copy_path)
    original, copy = ClauseStore(store.path), ClauseStore(copy_path)
    assert original.version() == copy.version()
    update_policy(original, ZHEJIANG, {"issuer": "云溪市人民政府"})
    update_policy(copy, ZHEJIANG, {"issuer": "青岚区人民政府"})
    assert original.version() != copy.version()
