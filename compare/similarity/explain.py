"""Why two clauses match: shared character spans and a match class.

"identical" and "near-identical" are decided on the texts themselves (after folding widths,
dropping whitespace and unifying quotes), so they mean the same whatever the embedder;
"reworded" and "related" use the embedder's score against its own documented thresholds, or a
large share of shared text.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from compare.similarity.models import Explanation, MatchClass
from corpus.clean import fold_widths

NEAR_IDENTICAL = 0.85  # difflib ratio: a few words changed in a clause
REWORDED_BY_TEXT = 0.5  # half of the characters shared in long runs
MIN_SPAN = 4  # shorter shared runs are common phrases, not borrowing

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "—": "-", "、": ","})


def comparison_form(text: str) -> str:
    """``text`` as comparisons see it: widths folded, quotes and dashes unified, lower case
    (length-preserving, so offsets carry over)."""
    return fold_widths(text).translate(_QUOTES).lower()


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The comparison view of ``text`` and, for each of its characters, the offset in ``text``.

    Widths folded, quotes and dashes unified, letters lower-cased, whitespace dropped.
    """
    folded = comparison_form(text)
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(folded):
        if ch.isspace():
            continue
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def merge_spans(spans: Iterable[tuple[int, int]], length: int | None = None) -> tuple[tuple[int, int], ...]:
    """Half-open (start, end) spans sorted, clipped to [0, ``length``] when given, empty ones
    dropped and overlapping or touching ones merged: the one rule for highlighting and explaining."""
    merged: list[tuple[int, int]] = []
    clipped = ((max(0, s), e if length is None else min(length, e)) for s, e in spans)
    for start, end in sorted((s, e) for s, e in clipped if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def shared_spans(a: str, b: str, *, min_span: int = MIN_SPAN) -> tuple[float, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """difflib ratio of the normalised texts and the shared runs of at least ``min_span`` characters.

    Spans are offsets into the original ``a`` and ``b`` (for highlighting them as written).
    Two empty texts have ratio 1.0 and no spans.
    """
    na, oa = normalize_with_offsets(a)
    nb, ob = normalize_with_offsets(b)
    if not na and not nb:
        return 1.0, (), ()
    matcher = SequenceMatcher(None, na, nb, autojunk=False)
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for block in matcher.get_matching_blocks():
        if block.size < min_span:
            continue
        spans_a.append((oa[block.a], oa[block.a + block.size - 1] + 1))
        spans_b.append((ob[block.b], ob[block.b + block.size - 1] + 1))
    return matcher.ratio(), merge_spans(spans_a), merge_spans(spans_b)


def query_terms(query: str) -> tuple[str, ...]:
    """The whitespace-separated terms of a search query in the comparison view (widths folded,
    quotes unified, lower case), without repeats; a blank query gives ()."""
    terms = (normalize_with_offsets(part)[0] for part in query.split())
    return tuple(dict.fromkeys(t for t in terms if t))


def term_spans(text: str, terms: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Every occurrence of each term in ``text``, as merged (start, end) offsets into ``text``
    as written (whitespace inside the text does not break a match). () when none occurs."""
    norm, offsets = normalize_with_offsets(text)
    spans = []
    for term in terms:
        start = norm.find(term)
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(term) - 1] + 1))
            start = norm.find(term, start + 1)
    return merge_spans(spans)


def terms_found(text: str, terms: tuple[str, ...]) -> int:
    """How many of the query ``terms`` occur whole in ``text`` (0 to len(terms))."""
    norm = normalize_with_offsets(text)[0]
    return sum(term in norm for term in terms)


def _coverage(spans: tuple[tuple[int, int], ...], text: str) -> float:
    visible = sum(1 for ch in text if not ch.isspace())
    if not visible:
        return 0.0
    covered = sum(1 for s, e in spans for ch in text[s:e] if not ch.isspace())
    return covered / visible


def classify(ratio: float, same_text: bool, score: float, thresholds: dict[str, float], overlap: float) -> MatchClass:
    """The match class from text evidence first, then the embedder's score."""
    if same_text:
        return "identical"
    if ratio >= NEAR_IDENTICAL:
        return "near-identical"
    if score >= thresholds["reworded"] or overlap >= REWORDED_BY_TEXT:
        return "reworded"
    if score >= thresholds["related"]:
        return "related"
    return "unrelated"


def explain(a: str, b: str, score: float, thresholds: dict[str, float]) -> Explanation:
    """Explain a pair of clause texts given their embedder score."""
    ratio, spans_a, spans_b = shared_spans(a, b)
    same = normalize_with_offsets(a)[0] == normalize_with_offsets(b)[0]
    overlap_a, overlap_b = _coverage(spans_a, a), _coverage(spans_b, b)
    return Explanation(classify(ratio, same, score, thresholds, min(overlap_a, overlap_b)), ratio, spans_a, spans_b, overlap_a, overlap_b)
