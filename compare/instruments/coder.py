"""Code clauses as policy instruments: cue words first, the nearest labelled examples second.

``InstrumentCoder`` follows the estimator contract: ``__init__`` stores its parameters, ``fit``
embeds the labelled examples (fitting the embedder on them and on the texts it is given, for
TF-IDF) and returns ``self``, ``code`` is pure. The rules it applies are documented in the
package docstring (``compare/instruments/__init__.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp

from compare.instruments.scheme import Category, Example, Lexicon, load_examples, load_lexicon
from compare.similarity.models import clause_text
from corpus.clean import fold_widths
from corpus.models import Clause
from embeddings import Embedder, get_embedder
from embeddings.cache import TextCache, cached

Method = Literal["lexicon", "examples", "section", "none", "manual", "undecided"]

HEADING_WEIGHT = 2.0  # a cue in the clause's own heading counts double
DECISIVE = 2.0  # a tool needs this score to be primary on cues alone, or to be listed as secondary
MONEY = 1.0  # funding at this score means the clause pays money (added as a secondary tool)
OVERRULE_NONE = 3.0  # a single cue this strong keeps a clause matching a no-instrument pattern


@dataclass(frozen=True)
class Evidence:
    """What decided (or supported) a code: cue words found for a tool, a labelled example and its
    similarity, the no-instrument pattern that matched, or a researcher's manual code."""

    kind: Literal["cues", "example", "rule", "manual"]
    tool: str | None
    words: tuple[str, ...] = ()
    score: float = 0.0
    text: str | None = None
    note: str | None = None
    author: str | None = None
    coded_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "tool": self.tool}
        if self.kind == "cues":
            out |= {"words": list(self.words), "score": round(self.score, 3)}
        elif self.kind == "example":
            out |= {"text": self.text, "similarity": round(self.score, 4)}
        elif self.kind == "rule":
            out |= {"rule": self.note}
        else:
            out |= {"note": self.note, "author": self.author, "coded_at": self.coded_at}
        return out

    def describe(self) -> str:
        """One short line for tables: ``funding: 补贴, 万元`` or ``≈0.42 对来…``."""
        if self.kind == "cues":
            return f"{self.tool}: {'、'.join(self.words)}"
        if self.kind == "example":
            return f"{self.tool or 'none'} ≈{self.score:.2f} {self.text or ''}"
        if self.kind == "rule":
            return f"{self.note}"
        return f"manual ({self.author or '?'} {self.coded_at or ''}): {self.note or ''}".strip()


@dataclass(frozen=True)
class Coding:
    """One clause coded: its primary tool (None: no instrument), all tools (primary first),
    dimension, industry-chain stage, how it was decided and the evidence."""

    clause: Clause
    policy_id: str | None
    tool: str | None
    tools: tuple[str, ...]
    dimension: str | None
    stage: str | None
    method: Method
    evidence: tuple[Evidence, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The record of ``python -m compare tools --json``."""
        c = self.clause
        return {
            "policy": self.policy_id,
            "clause": c.id,
            "path": list(c.path),
            "number": c.number,
            "heading": c.heading,
            "text": c.text,
            "dimension": self.dimension,
            "tool": self.tool,
            "tools": list(self.tools),
            "stage": self.stage,
            "method": self.method,
            "evidence": [e.to_json() for e in self.evidence],
        }


def _scores(categories: Iterable[Category], parts: Sequence[tuple[str, float]]) -> dict[str, tuple[float, tuple[str, ...], float]]:
    """Per category: (score, cue words found, strongest single cue weight).

    Each cue counts once, at the highest weight of the parts it is found in. Literal cues are
    tried longest first and mask what they matched, so 技术攻关 does not also count as 攻关.
    """
    out = {}
    for cat in categories:
        texts = [text for text, _ in parts]
        score, words, strongest = 0.0, [], 0.0
        for cue in sorted(cat.cues, key=lambda c: (c.pattern is not None, -len(c.word))):
            searched = [original for original, _ in parts] if cue.pattern is not None else texts
            found = [(hit, w) for text, (_, w) in zip(searched, parts, strict=True) if text and (hit := cue.found_in(text))]
            if found:
                hit, factor = max(found, key=lambda f: f[1])
                score += cue.weight * factor
                words.append(hit)
                strongest = max(strongest, cue.weight)
                if cue.pattern is None:
                    texts = [text.replace(cue.word, "\x00") for text in texts]
        out[cat.name] = (score, tuple(words), strongest)
    return out


def _parts(clause: Clause) -> list[tuple[str, float]]:
    """The texts cues are looked for in, with their weights: own heading ×2, body ×1, and the
    heading right above (×1) when the clause has none of its own."""
    parts = [(fold_widths(clause.text), 1.0)]
    if clause.heading:
        parts.append((fold_widths(clause.heading), HEADING_WEIGHT))
    elif clause.path:
        parts.append((fold_widths(clause.path[-1]), 1.0))
    return parts


class InstrumentCoder:
    """Codes clauses with a lexicon and, where cues are weak, the nearest labelled examples.

    ``embedder`` is a name (``tfidf``, ``sbert:…`` or any name ``embeddings.get_embedder`` knows)
    or an embedder object; ``k`` examples vote, each with its cosine similarity, and only those at
    or above ``min_similarity`` (default: the embedder's "related" threshold) count.
    """

    def __init__(
        self,
        *,
        lexicon: Lexicon | None = None,
        examples: Sequence[Example] | None = None,
        embedder: Embedder | str = "tfidf",
        k: int = 5,
        min_similarity: float | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.examples = examples
        self.embedder = embedder
        self.k = k
        self.min_similarity = min_similarity

    def fit(self, texts: Sequence[str] = ()) -> InstrumentCoder:
        """Load the lexicon and examples, fit the embedder on examples + ``texts`` (TF-IDF learns its
        vocabulary there; pre-trained models ignore it) and embed the examples."""
        self.lexicon_ = self.lexicon or load_lexicon()
        self.examples_ = tuple(self.examples if self.examples is not None else load_examples())
        model = get_embedder(self.embedder) if isinstance(self.embedder, str) else self.embedder
        example_texts = [e.text for e in self.examples_]
        self.embedder_ = model.fit([*example_texts, *texts])
        self.example_vectors_ = self.embedder_.transform(example_texts) if example_texts else None
        related = float(self.embedder_.thresholds.get("related", 0.15))
        self.min_similarity_ = self.min_similarity if self.min_similarity is not None else related
        return self

    # --- the layers -------------------------------------------------------------------------

    def _nearest(self, clauses: Sequence[Clause], cache: TextCache | None) -> list[list[tuple[float, Example]]]:
        """The ``k`` most similar examples of each clause, best first, above the threshold."""
        if self.example_vectors_ is None or not clauses:
            return [[] for _ in clauses]
        embedder = cached(self.embedder_, cache) if cache is not None else self.embedder_
        queries = embedder.transform([clause_text(c) for c in clauses])
        product = queries @ self.example_vectors_.T
        sims = np.asarray(product.toarray() if sp.issparse(product) else product)  # type: ignore[union-attr]
        out = []
        for row in sims:
            best = np.argsort(-row, kind="stable")[: self.k]
            out.append([(float(row[j]), self.examples_[j]) for j in best if row[j] >= self.min_similarity_])
        return out

    def _stage(self, parts: list[tuple[str, float]], tool: str) -> str:
        """The stage with the highest cue score plus the tool's leaning; ties go to the earlier stage."""
        scores = {name: score for name, (score, _, _) in _scores(self.lexicon_.stages.values(), parts).items()}
        leaning = self.lexicon_.stage_prior.get(tool)
        if leaning:
            scores[leaning] += self.lexicon_.stage_prior_weight
        best = max(scores, key=lambda s: (scores[s], -list(scores).index(s)))
        return best if scores[best] > 0 else "ecosystem"

    def _code_one(self, clause: Clause, policy_id: str | None, nearest: list[tuple[float, Example]]) -> Coding:
        lex = self.lexicon_
        parts = _parts(clause)
        scores = _scores(lex.tools.values(), parts)
        cue_evidence = tuple(
            Evidence("cues", tool, words, score)
            for tool, (score, words, _) in sorted(scores.items(), key=lambda kv: -kv[1][0])
            if score > 0
        )
        strongest = max(s for _, _, s in scores.values())
        body = fold_widths(clause.text)
        none_rule = next((m for p in lex.none_patterns if (m := p.search(body))), None)
        if none_rule is not None and strongest < OVERRULE_NONE:
            rule = Evidence("rule", None, words=(none_rule.group(0),), note=f"no instrument: 「{none_rule.group(0)}」")
            return self._coding(clause, policy_id, None, (), "none", (rule,))

        ranked = sorted(scores, key=lambda t: (-scores[t][0], lex.tie_order.index(t)))
        top = scores[ranked[0]][0]
        method: Method = "lexicon"
        examples: tuple[Evidence, ...] = ()
        if top < DECISIVE:
            # Examples decide alone only when no cue was found; otherwise they choose among the
            # tools the words hint at, and never bring in a tool the clause does not name.
            hinted = {t for t in ranked if scores[t][0] > 0}
            votes: dict[str | None, float] = {}
            for sim, ex in nearest:
                if not hinted or ex.tool in hinted:
                    votes[ex.tool] = votes.get(ex.tool, 0.0) + sim
            examples = tuple(
                Evidence("example", ex.tool, text=ex.text, score=sim) for sim, ex in nearest if not hinted or ex.tool in hinted
            )
            if votes:
                winner = max(votes, key=lambda t: (votes[t], t is not None))
                if winner is None:
                    return self._coding(clause, policy_id, None, (), "examples", examples + cue_evidence)
                ranked = [winner, *[t for t in ranked if t != winner]]
                method = "examples"
            elif top <= 0:
                return self._coding(clause, policy_id, None, (), "undecided", cue_evidence)

        primary = ranked[0]
        in_targets = any(p.search(fold_widths(h)) for p in lex.target_sections for h in clause.path)
        if in_targets:
            primary, method = "planning", "section"
        elif primary == "funding":
            bar = DECISIVE if method == "lexicon" else scores["funding"][0]
            purpose = next((t for t in ranked[1:] if scores[t][0] >= bar and scores[t][0] > 0), None)
            if purpose is not None:
                primary = purpose  # money for a purpose: the purpose is primary, funding secondary
        secondary = [t for t in ranked if t != primary and (scores[t][0] >= DECISIVE or (t == "funding" and scores[t][0] >= MONEY))]
        return self._coding(clause, policy_id, primary, (primary, *secondary), method, cue_evidence + examples, parts)

    def _coding(
        self,
        clause: Clause,
        policy_id: str | None,
        tool: str | None,
        tools: tuple[str, ...],
        method: Method,
        evidence: tuple[Evidence, ...],
        parts: list[tuple[str, float]] | None = None,
    ) -> Coding:
        stage = self._stage(parts or _parts(clause), tool) if tool else None
        return Coding(clause, policy_id, tool, tools, self.lexicon_.dimension_of(tool), stage, method, evidence)

    def code(self, clauses: Sequence[Clause], policy_id: str | None = None, *, cache: TextCache | None = None) -> list[Coding]:
        """One Coding per clause, in order; an empty list for no clauses.

        With ``cache``, the clauses' per-text embedding work (e5 vectors, token lists) is read from
        the store where the corpus space already did it: the same vectors, without running the
        model again (seconds per clause with e5).
        """
        if not hasattr(self, "lexicon_"):
            raise RuntimeError("call fit() before code()")
        nearest = self._nearest(clauses, cache)
        return [self._code_one(c, policy_id, n) for c, n in zip(clauses, nearest, strict=True)]


def fitted_coder(embedder: str = "tfidf", examples: Sequence[Example] | None = None) -> InstrumentCoder:
    """The coder fitted with the embedder named ``embedder`` on ``examples`` (default: the shipped
    file, read at each call), fitted once per process for each such pair: fitting embeds every
    example, which takes seconds with e5. The coder is shared: call ``code``, never ``fit``, on it."""
    return _fitted_coder(embedder, tuple(examples) if examples is not None else load_examples())


@lru_cache(maxsize=4)
def _fitted_coder(embedder: str, examples: tuple[Example, ...]) -> InstrumentCoder:
    return InstrumentCoder(embedder=embedder, examples=examples).fit()
