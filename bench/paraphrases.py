"""Recall@1 on the fictional paraphrase set: does the matcher rank the true counterpart first?

The set (tests/fixtures/paraphrases.yaml) paraphrases clauses of the Zhejiang plan, ``ordinary``
(near copies) and ``hard`` (few shared words), split into ``tune`` and ``held_out``. Each
paraphrase is matched against the plan's primary text with ``match_clauses``, the same call as
``python -m compare match``; a hit is the true counterpart ranked first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from compare.similarity.match import match_clauses
from compare.similarity.space import ClauseSpace
from corpus.library import ClauseSet, load_clauses
from corpus.models import Clause

SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "paraphrases.yaml"
ZHEJIANG = "zhejiang-2023-2025-action-plan"


@dataclass(frozen=True)
class Paraphrase:
    target: str  # start of the true counterpart's heading, or of its text
    kind: str  # "ordinary" | "hard"
    split: str  # "tune" | "held_out"
    text: str


def load_set(path: Path = SET) -> tuple[list[Paraphrase], list[str]]:
    """(paraphrases, unrelated clause texts) of the fictional set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Paraphrase(**item) for item in data["pairs"]], list(data["unrelated"])


def counterpart(zhejiang: ClauseSet, target: str) -> Clause:
    """The clause of the plan whose heading, or else text, starts with ``target``."""
    for clause in zhejiang.clauses:
        if (clause.heading or "").startswith(target) or clause.text.startswith(target):
            return clause
    raise KeyError(target)


def as_clause_set(texts: Iterable[str], name: str = "paraphrases") -> ClauseSet:
    clauses = tuple(Clause(f"p{n}", (), None, None, text) for n, text in enumerate(texts, 1))
    return ClauseSet(name, name, "fictional", clauses)


def top1_hits(space: ClauseSpace, items: list[Paraphrase]) -> list[bool]:
    """For each paraphrase, whether its true counterpart is the first candidate."""
    zhejiang = load_clauses(space.store, ZHEJIANG)
    matches = match_clauses(space, as_clause_set(p.text for p in items), zhejiang, k=1)
    return [
        bool(m.candidates) and m.candidates[0].clause.id == counterpart(zhejiang, p.target).id for m, p in zip(matches, items, strict=True)
    ]


@dataclass(frozen=True)
class Recall:
    kind: str
    split: str
    hits: int
    total: int

    def __str__(self) -> str:
        return f"{self.hits}/{self.total}"


def recall_table(space: ClauseSpace, items: list[Paraphrase]) -> list[Recall]:
    """Recall@1 per (kind, split), in the order ordinary/hard × tune/held_out."""
    hits = top1_hits(space, items)
    table = []
    for kind in ("ordinary", "hard"):
        for split in ("tune", "held_out"):
            chosen = [h for h, p in zip(hits, items, strict=True) if p.kind == kind and p.split == split]
            table.append(Recall(kind, split, sum(chosen), len(chosen)))
    return table
