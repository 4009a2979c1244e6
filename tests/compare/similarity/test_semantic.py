"""Semantic matching on the fictional paraphrase set (tests/fixtures/paraphrases.yaml).

Recall: the default (hybrid) ranks the true counterpart first at least as often as TF-IDF and
e5 alone, and for nearly every paraphrase of the held-out split, which was never used to tune it.
Calibration: hybrid scores mean what TF-IDF scores mean: near copies are "reworded", clauses on
other subjects "unrelated", and a threshold lets through the same share of wrong pairs.
"""

from __future__ import annotations

import numpy as np
import pytest

from bench.paraphrases import Paraphrase, as_clause_set, counterpart, load_set, recall_table
from compare.similarity.explain import explain
from compare.similarity.models import clause_text
from compare.similarity.space import ClauseSpace
from corpus.library import ClauseSet
from corpus.store import ClauseStore
from embeddings import DEFAULT_EMBEDDER, E5Embedder, TfidfEmbedder
from embeddings.cache import TextCache

pytestmark = pytest.mark.slow  # embeds the set with the bundled e5 model

ITEMS, UNRELATED = load_set()


@pytest.fixture(scope="module", autouse=True)
def _set_embedded_once(compare_store: ClauseStore) -> None:
    """Encode the set's texts with e5 once, into the session store's cache, for every space to read."""
    e5 = E5Embedder()
    TextCache(compare_store).vectors(e5.id, [p.text for p in ITEMS] + UNRELATED, e5.encode)


def _recall(space: ClauseSpace) -> dict[tuple[str, str], tuple[int, int]]:
    return {(r.kind, r.split): (r.hits, r.total) for r in recall_table(space, ITEMS)}


@pytest.fixture(scope="module")
def recalls(
    tfidf_space: ClauseSpace, e5_space: ClauseSpace, hybrid_space: ClauseSpace
) -> dict[str, dict[tuple[str, str], tuple[int, int]]]:
    return {"tfidf": _recall(tfidf_space), "e5": _recall(e5_space), "hybrid": _recall(hybrid_space)}


def test_the_set_is_what_it_says() -> None:
    counts = {(k, s): sum(1 for p in ITEMS if p.kind == k and p.split == s) for k in ("ordinary", "hard") for s in ("tune", "held_out")}
    assert counts == {("ordinary", "tune"): 16, ("ordinary", "held_out"): 16, ("hard", "tune"): 16, ("hard", "held_out"): 15}


def test_hybrid_is_the_default() -> None:
    assert DEFAULT_EMBEDDER == "hybrid"


@pytest.mark.parametrize("split", ["tune", "held_out"])
@pytest.mark.parametrize("kind", ["ordinary", "hard"])
def test_hybrid_ranks_the_counterpart_first_at_least_as_often_as_either_part(recalls: dict, kind: str, split: str) -> None:
    hybrid = recalls["hybrid"][kind, split][0]
    assert hybrid >= recalls["tfidf"][kind, split][0] and hybrid >= recalls["e5"][kind, split][0], recalls


def test_on_the_held_out_split_nearly_every_paraphrase_finds_its_counterpart(recalls: dict) -> None:
    hits, total = recalls["hybrid"]["hard", "held_out"]
    assert hits >= total - 1, recalls  # 14 of 15 hard paraphrases
    assert recalls["hybrid"]["ordinary", "held_out"] == (16, 16)


def test_hard_paraphrases_are_where_tfidf_fails(recalls: dict) -> None:
    """The set is not trivial: shared words alone miss a good share of the hard paraphrases."""
    hits, total = recalls["tfidf"]["hard", "held_out"]
    assert hits <= total - 3, recalls


def _scores(space: ClauseSpace, texts: list[str], target: ClauseSet) -> np.ndarray:
    return space.similarity(space.vectors_of(as_clause_set(texts)), space.vectors_of(target))


@pytest.mark.parametrize("name", ["tfidf_space", "hybrid_space"])
def test_near_copies_are_reworded_or_closer(name: str, request: pytest.FixtureRequest, official: ClauseSet) -> None:
    space: ClauseSpace = request.getfixturevalue(name)
    chosen = [p for p in ITEMS if p.kind == "ordinary"]
    scores = _scores(space, [p.text for p in chosen], official)
    for n, p in enumerate(chosen):
        target = counterpart(official, p.target)
        score = float(scores[n, list(official.clauses).index(target)])
        assert explain(p.text, clause_text(target), score, space.thresholds).match_class in {"reworded", "near-identical"}, p.text


@pytest.mark.parametrize("name", ["tfidf_space", "hybrid_space"])
def test_clauses_on_other_subjects_are_unrelated(name: str, request: pytest.FixtureRequest, official: ClauseSet) -> None:
    space: ClauseSpace = request.getfixturevalue(name)
    assert _scores(space, UNRELATED, official).max() < space.thresholds["related"]


def _wrong_pair_share(space: ClauseSpace, items: list[Paraphrase], official: ClauseSet, threshold: float) -> float:
    scores = _scores(space, [p.text for p in items], official)
    wrong = np.ones_like(scores, dtype=bool)
    for n, p in enumerate(items):
        wrong[n, list(official.clauses).index(counterpart(official, p.target))] = False
    return float((scores[wrong] >= threshold).mean())


@pytest.mark.parametrize("threshold", [0.1, 0.15, 0.3, 0.45])
def test_a_threshold_lets_through_about_the_same_share_of_wrong_pairs_as_with_tfidf(
    tfidf_space: ClauseSpace, hybrid_space: ClauseSpace, official: ClauseSet, threshold: float
) -> None:
    """What the slider means: on held-out paraphrases (not used to fit the curve), the share of
    wrong pairs at or above a threshold stays within a factor of two of TF-IDF's (plus one pair)."""
    held_out = [p for p in ITEMS if p.split == "held_out"]
    pairs = len(held_out) * (len(official.clauses) - 1)
    tfidf = _wrong_pair_share(tfidf_space, held_out, official, threshold)
    hybrid = _wrong_pair_share(hybrid_space, held_out, official, threshold)
    assert tfidf / 2 - 1 / pairs <= hybrid <= 2 * tfidf + 1 / pairs, (tfidf, hybrid)


def test_classes_and_slider_use_the_tfidf_thresholds(hybrid_space: ClauseSpace) -> None:
    assert hybrid_space.thresholds == TfidfEmbedder.thresholds


def test_a_clause_scores_one_with_itself_and_calibration_keeps_the_order(hybrid_space: ClauseSpace, official: ClauseSet) -> None:
    vectors = hybrid_space.vectors_of(official)
    scores = hybrid_space.similarity(vectors, vectors)
    assert np.allclose(np.diag(scores), 1.0, atol=1e-4)
    raw = np.linspace(-0.5, 1.0, 301, dtype=np.float32)
    mapped = hybrid_space.calibrate(raw)
    assert np.all(np.diff(mapped) >= 0) and np.all(np.diff(mapped[mapped > 0]) > 0)  # increasing where positive
    assert mapped[raw <= 0].max() == 0.0 and mapped[-1] == pytest.approx(1.0)
    padding = np.array([-np.inf], dtype=np.float32)
    assert hybrid_space.calibrate(padding)[0] == -np.inf  # top-k padding stays padding
