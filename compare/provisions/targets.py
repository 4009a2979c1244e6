"""Targets read out of clauses: the figures a policy aims at by a year.

A target is a figure the policy aims at by a year (产业规模 2000亿元以上, 10家头部企业) with the
comparator it is stated with (以上, 突破, 达到). It is a frozen record that points back to the
clause it came from, or to the registry page when it comes from the research registry
(``compare.provisions.facts``).

Extraction is rule-based and sentence by sentence, only in clauses about aims: numbers come
from ``compare.provisions.numbers``, the kind from keyword tables in ``compare.provisions.kinds``. A count outside a
target section is not a target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from compare.provisions.kinds import IndustryScope, TargetKind, classify_target, industry_scope, money_target_kind
from compare.provisions.numbers import NUMBER, find_amounts, find_rates, parse_number
from compare.provisions.sentences import sentences, subclause_at
from corpus.citation import cite
from corpus.clean import fold_widths
from corpus.models import Clause


@dataclass(frozen=True)
class Target:
    """One aim of a policy: ``value`` normalised (yuan when ``unit`` is "元", a fraction when
    "%", else a count in 家/个/项…), the year it is due and the comparator (以上, 突破, 达到).
    ``scope`` says "core" or "related" for an industry scale when the text does."""

    policy_id: str
    clause_id: str | None
    path: tuple[str, ...]
    kind: TargetKind
    label: str
    value: float
    unit: str
    year: int | None
    comparator: str | None
    text: str
    source: str = "clause"
    source_url: str | None = None
    scope: IndustryScope | None = None
    citation: str = ""  # the clause as a reader cites it (corpus.citation.cite); "" for the registry

    def to_json(self) -> dict[str, Any]:
        """The contract's record (policy, clause, kind, label, value, unit, year, text,
        source) plus path, citation, comparator, scope and source_url."""
        return {
            "policy": self.policy_id,
            "clause": self.clause_id,
            "kind": self.kind,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "text": self.text,
            "source": self.source,
            "path": list(self.path),
            "citation": self.citation,
            "comparator": self.comparator,
            "scope": self.scope,
            "source_url": self.source_url,
        }


_YEAR = re.compile(r"(?:到|至|截至)?\s*(20\d\d)\s*年(?:底|末)?")
_COUNT = re.compile(
    rf"(?P<cmp>突破|达到|超过|不少于|不低于)?\s*(?P<num>{NUMBER})\s*(?P<unit>家|个|项|座|所|款|件|支)(?P<after>以上|左右)?(?![大强]|百分点)"
)
_MONEY_TARGET = re.compile(rf"(?P<cmp>突破|达到|超过|不少于|不低于|力争)?\s*(?P<num>{NUMBER})\s*(?P<unit>[万亿]?元)(?P<after>以上|左右)?")
_CJK2 = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")
_QUOTES = str.maketrans("", "", "“”\"‘’'「」")


def is_target_clause(clause: Clause) -> bool:
    """A clause under a heading about aims (主要目标, 发展目标), or one that states what is due
    by a year (到2025年…)."""
    where = " ".join((*clause.path, clause.heading or ""))
    return "目标" in where or bool(re.search(r"到\s*20\d\d\s*年", fold_widths(clause.text)))


def extract_targets(clauses: Iterable[Clause], policy_id: str) -> list[Target]:
    """The targets of a policy's clauses, each once.

    Plans state their aims twice (a summary "引育10个行业头部企业" and a bullet "引育10家以上行业
    头部企业"): records of the same kind, unit and value whose labels share three characters
    are one target, kept with the fuller wording. A year stated once for a section (到2025年)
    applies to the clauses under it. Empty when no clause states a target.
    """
    found: list[Target] = []
    section_year: dict[tuple[str, ...], int] = {}
    for clause in clauses:
        if not is_target_clause(clause):
            continue
        key = tuple(fold_widths(p) for p in clause.path)
        for start, end in sentences(clause.text):
            sentence = clause.text[start:end]
            m = _YEAR.search(fold_widths(sentence))
            if m:
                section_year.setdefault(key, int(m.group(1)))
            year = int(m.group(1)) if m else section_year.get(key)
            found.extend(_sentence_targets(sentence, clause, policy_id, year))
    return _deduplicate(found)


def _sentence_targets(sentence: str, clause: Clause, policy_id: str, year: int | None) -> list[Target]:
    folded = fold_widths(sentence)
    out = []
    for m in _COUNT.finditer(folded):
        if folded[max(0, m.start("num") - 1) : m.start("num")] in ("第", "每"):
            continue
        value = parse_number(m.group("num"))
        label = _label(folded, m)
        if value is None or not label:
            continue
        comparator = m.group("cmp") or m.group("after")
        out.append(
            Target(
                policy_id, clause.id, clause.path, classify_target(label), label, value, m.group("unit"), year, comparator, sentence.strip()
            )
        )
    for m in _MONEY_TARGET.finditer(folded):
        amounts = find_amounts(folded[m.start("num") : m.end()])
        label = _label(folded, m, before_only=True)
        if not amounts or not label or folded[m.end() : m.end() + 1] == "的":
            continue  # "营收超过100亿元的企业": a threshold of what is counted, not an aim
        kind = money_target_kind(label)
        comparator = m.group("cmp") or m.group("after")
        scope = industry_scope(label) if kind == "industry_scale" else None
        out.append(
            Target(policy_id, clause.id, clause.path, kind, label, amounts[0].value, "元", year, comparator, sentence.strip(), scope=scope)
        )
    for rate in find_rates(folded):
        s, _ = subclause_at(folded, rate.start)
        label = _clean_label(folded[s : rate.start])
        if label and re.search(r"增长|增速|占比|比重|覆盖率|比例", label):
            comparator = "以上" if folded[rate.end : rate.end + 2] == "以上" else None
            out.append(Target(policy_id, clause.id, clause.path, "other", label, rate.value, "%", year, comparator, sentence.strip()))
    citation = cite(clause)
    return [replace(t, citation=citation) for t in out]


def _label(folded: str, m: re.Match[str], *, before_only: bool = False) -> str | None:
    """The noun phrase a number counts: the words after it ("10家以上行业头部企业") or, when
    the number closes its phrase ("相关标准20项以上"), the words before it."""
    s, e = subclause_at(folded, m.start("num"))
    after = re.split(r"[，。；,;：:]|[和及与、]?\s*\d", folded[m.end() : e])[0]  # up to the next count
    if not before_only and _CJK2.search(after) and not re.match(r"^[“\"]?\d", after):
        label = _clean_label(after)
        return label if label and _CJK2.search(label) and not re.search(r"\d", label[:2]) else None
    before = folded[s : m.start()]
    before = re.sub(r"(?:突破|达到|超过|不少于|不低于|力争|实现)\s*$", "", before)
    label = _clean_label(before)
    return label if label and _CJK2.search(label) else None


def _clean_label(text: str) -> str | None:
    text = text.translate(_QUOTES).strip(" 、的")
    text = re.sub(r"^(?:到\s*20\d\d\s*年(?:底|末)?|全省|全市|全区|我省|我市|带动)+", "", text).strip(" 、的")
    if len(text) > 24:
        text = text[-24:]
    return text or None


def _longest_common(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _unit_class(unit: str) -> str:
    """Counting words (家, 个, 项…) are one class: 10个头部企业 and 10家头部企业 are the same aim."""
    return unit if unit in ("元", "%", "㎡") else "count"


def _deduplicate(targets: Sequence[Target]) -> list[Target]:
    kept: list[Target] = []
    for t in targets:
        for i, k in enumerate(kept):
            if (k.kind, _unit_class(k.unit), k.value) == (t.kind, _unit_class(t.unit), t.value) and _longest_common(k.label, t.label) >= 3:
                better = t if (t.comparator is not None, len(t.label)) > (k.comparator is not None, len(k.label)) else k
                kept[i] = replace(better, year=better.year or k.year or t.year)
                break
        else:
            kept.append(t)
    return kept
