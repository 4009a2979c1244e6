"""Plain results of the comparison engine, with the JSON forms of the command-line contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from corpus.models import Clause

MatchClass = Literal["identical", "near-identical", "reworded", "related", "unrelated"]
MATCH_CLASSES: tuple[MatchClass, ...] = ("identical", "near-identical", "reworded", "related", "unrelated")


def clause_text(clause: Clause) -> str:
    """What is embedded and explained: the clause's own heading and its body, as one text."""
    if clause.heading and clause.text:
        return f"{clause.heading}。{clause.text}"
    return clause.heading or clause.text


@dataclass(frozen=True)
class Explanation:
    """Why two clauses match: their class, character similarity and shared spans.

    ``ratio`` is difflib's 2·M/T over the normalised texts, in [0, 1]; spans are half-open
    (start, end) offsets into ``clause_text`` of each side, in order; ``overlap_*`` is the share
    of each side's characters inside a shared span.
    """

    match_class: MatchClass
    ratio: float
    spans_a: tuple[tuple[int, int], ...]
    spans_b: tuple[tuple[int, int], ...]
    overlap_a: float
    overlap_b: float

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.match_class,
            "ratio": round(self.ratio, 4),
            "spans_a": [list(s) for s in self.spans_a],
            "spans_b": [list(s) for s in self.spans_b],
            "overlap_a": round(self.overlap_a, 4),
            "overlap_b": round(self.overlap_b, 4),
        }


@dataclass(frozen=True)
class Hit:
    """A clause found for a query or a source clause, with its cosine score."""

    clause: Clause
    policy_id: str | None
    score: float
    boilerplate: bool = False
    explanation: Explanation | None = None  # set for clause-to-clause matches, not for queries

    def to_json(self) -> dict[str, Any]:
        out = {"clause": self.clause.to_json(), "policy": self.policy_id, "score": round(self.score, 4), "boilerplate": self.boilerplate}
        if self.explanation is not None:
            out |= self.explanation.to_json()
        return out


@dataclass(frozen=True)
class ClauseMatches:
    """One source clause and its best candidates, best first."""

    clause: Clause
    candidates: tuple[Hit, ...]

    def to_json(self) -> dict[str, Any]:
        return {"clause": self.clause.to_json(), "candidates": [h.to_json() for h in self.candidates]}


@dataclass(frozen=True)
class Pair:
    """Two aligned clauses, one from each side."""

    a: Clause
    b: Clause
    score: float
    explanation: Explanation
    boilerplate: bool = False

    @property
    def match_class(self) -> MatchClass:
        return self.explanation.match_class

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "score": round(self.score, 4),
            "boilerplate": self.boilerplate,
            **self.explanation.to_json(),
        }


@dataclass(frozen=True)
class Side:
    """What one side of a comparison was: the selector, its title, policy and date."""

    selector: str
    title: str
    policy_id: str | None
    date: str | None
    source: str
    n_clauses: int

    def to_json(self) -> dict[str, Any]:
        return {
            "selector": self.selector,
            "title": self.title,
            "policy": self.policy_id,
            "date": self.date,
            "source": self.source,
            "n_clauses": self.n_clauses,
        }


@dataclass(frozen=True)
class Alignment:
    """One-to-one clause alignment of two policies and what each has that the other lacks.

    ``containment_ab`` is the share of A's clauses (boilerplate down-weighted) that found a
    partner in B, in [0, 1]; ``containment_ba`` the reverse. Empty sides give 0.
    """

    a: Side
    b: Side
    pairs: tuple[Pair, ...]
    only_a: tuple[Clause, ...]
    only_b: tuple[Clause, ...]
    containment_ab: float
    containment_ba: float
    threshold: float
    embedder: str
    boilerplate_a: frozenset[str] = field(default_factory=frozenset)
    boilerplate_b: frozenset[str] = field(default_factory=frozenset)

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "embedder": self.embedder,
            "threshold": self.threshold,
            "containment": {"a_in_b": round(self.containment_ab, 4), "b_in_a": round(self.containment_ba, 4)},
            "pairs": [p.to_json() for p in self.pairs],
            "only_a": [c.to_json() for c in self.only_a],
            "only_b": [c.to_json() for c in self.only_b],
            "boilerplate": {"a": sorted(self.boilerplate_a), "b": sorted(self.boilerplate_b)},
        }
