"""Subsidies and targets read out of clauses: the "Provision" of the design.

A subsidy is a grant a policy promises (an amount, a rate, an area, a duration) with what it is
for (its kind), whom it goes to and on what condition. A target is a figure the policy aims at
by a year (产业规模 2000亿元以上, 10家头部企业). Both are frozen records that point back to the
clause they came from, or to the registry page when they come from the research registry.

Extraction is rule-based and sentence by sentence: numbers come from ``compare.numbers``, the
kind from keyword tables in ``compare.kinds``. A number next to no grant word (世界500强,
5大重点任务, 2025年, a revenue threshold) is not a subsidy; a count outside a target section
is not a target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from compare.kinds import FUND_WORDS, classify_subsidy, classify_target, grant_form, industry_scope, money_target_kind
from compare.numbers import (
    NUMBER,
    Found,
    find_amounts,
    find_areas,
    find_months,
    find_period,
    find_rates,
    find_years,
    parse_number,
)
from corpus.citation import cite
from corpus.clean import fold_widths
from corpus.models import Clause


@dataclass(frozen=True)
class Subsidy:
    """One grant: money in yuan (or None when only a rate, area or duration is given).

    ``cap`` is True for a ceiling (最高, 不超过, 以内), False for a floor (不少于, 以上) and None
    when the text says neither. ``rate`` is a fraction (0.3 for 30%). ``per`` is "once",
    "year", "month" or None. ``source`` is "clause" or "registry".
    """

    policy_id: str
    clause_id: str | None
    path: tuple[str, ...]  # the headings above the clause, as Target.path and Clause.path
    kind: str
    amount_yuan: float | None
    cap: bool | None
    rate: float | None
    area_m2: float | None
    years: float | None
    months: float | None
    per: str | None
    beneficiary: str | None
    condition: str | None
    text: str
    source: str = "clause"
    source_url: str | None = None
    citation: str = ""  # the clause as a reader cites it (corpus.citation.cite); "" for the registry
    form: str = "grant"  # how it is given (compare.kinds.grant_form): grant, per_person, free_space, voucher

    def to_json(self) -> dict[str, Any]:
        """The contract's record (policy, clause, kind, amount_yuan, cap, rate, area_m2, years,
        per, text, source) plus path, citation, form, months, beneficiary, condition and source_url."""
        return {
            "policy": self.policy_id,
            "clause": self.clause_id,
            "kind": self.kind,
            "amount_yuan": self.amount_yuan,
            "cap": self.cap,
            "rate": self.rate,
            "area_m2": self.area_m2,
            "years": self.years,
            "per": self.per,
            "text": self.text,
            "source": self.source,
            "path": list(self.path),
            "citation": self.citation,
            "form": self.form,
            "months": self.months,
            "beneficiary": self.beneficiary,
            "condition": self.condition,
            "source_url": self.source_url,
        }


@dataclass(frozen=True)
class Target:
    """One aim of a policy: ``value`` normalised (yuan when ``unit`` is "元", a fraction when
    "%", else a count in 家/个/项…), the year it is due and the comparator (以上, 突破, 达到).
    ``scope`` says "core" or "related" for an industry scale when the text does."""

    policy_id: str
    clause_id: str | None
    path: tuple[str, ...]
    kind: str
    label: str
    value: float
    unit: str
    year: int | None
    comparator: str | None
    text: str
    source: str = "clause"
    source_url: str | None = None
    scope: str | None = None
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


# ---------------------------------------------------------------------------------- sentences

_SENTENCE_END = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
_SUBCLAUSE = re.compile(r"[^，,：:]+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (ending in 。；！？ or their half-width forms) of a text."""
    folded = fold_widths(text)
    return [(m.start(), m.end()) for m in _SENTENCE_END.finditer(folded) if m.group(0).strip()]


def _subclause_of(sentence: str, pos: int) -> tuple[int, int]:
    for m in _SUBCLAUSE.finditer(sentence):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return 0, len(sentence)


# ---------------------------------------------------------------------------------- subsidies

_GRANT_VERB = re.compile(r"给予|给与|奖励|补贴|补助|资助|奖补|贴息|配套支持|免租|减免|一次性支持|扶持资金|支持资金")
_GRANT_AFTER = re.compile(r"^(?:的)?(?:奖励|补贴|补助|资助|支持|奖补|扶持|启动资金|资金支持|经费)")
_FUND = re.compile(FUND_WORDS)
_THRESHOLD_BEFORE = re.compile(r"(?:超过|达到|突破|首次|营业收入|营收|收入|投资额|总投资|注册资本|实缴|产值|纳税|规模)[^，。；]{0,3}$")
_RATE_NOT_GRANT = re.compile(r"(?:超过|达到|不低于|高于|增长|增速|占|比重|比例达)[^，。；]{0,3}$")
_BENEFICIARY = re.compile(
    r"[^，,；;。对的按（）()\s]{0,16}?(?:企业|机构|项目|人才|团队|平台|单位|个人|主体|高校|院所|园区|基地|中心|实验室|联盟|协会)"
)


def extract_subsidies(clause: Clause, policy_id: str) -> list[Subsidy]:
    """The subsidies one clause promises, one record per amount (分别给予1000万元、300万元 is
    two records), in the order they are written.

    A sentence counts when it holds a grant word (给予, 奖励, 补贴, 资助…) or sets up a fund;
    an amount that is a threshold ("营业收入首次突破1亿元的") goes into the condition, not into a
    record. Empty when the clause promises nothing measurable.
    """
    out: list[Subsidy] = []
    for start, end in sentences(clause.text):
        original = clause.text[start:end]
        out.extend(_sentence_subsidies(original, clause, policy_id))
    return out


def _sentence_subsidies(sentence: str, clause: Clause, policy_id: str) -> list[Subsidy]:
    folded = fold_widths(sentence)
    has_grant = bool(_GRANT_VERB.search(folded))
    is_fund = bool(_FUND.search(folded))
    if not (has_grant or is_fund):
        return []
    grants = _grant_amounts(folded, is_fund)
    rates = [r for r in find_rates(folded) if _is_grant_rate(folded, r)]
    areas, years, months = find_areas(folded), find_years(folded), find_months(folded)
    if not grants and not rates and not (has_grant and (areas or years or months)):
        return []
    kind = classify_subsidy(folded)
    if kind == "other":
        kind = classify_subsidy(" ".join(x for x in (clause.heading, *clause.path[-1:]) if x))
    first_grant = _GRANT_VERB.search(folded)
    before = sentence[: first_grant.start()] if first_grant else ""
    beneficiary = _beneficiary(before or sentence)
    condition = _condition(before)
    base = Subsidy(
        policy_id=policy_id,
        clause_id=clause.id,
        path=clause.path,
        citation=cite(clause),
        kind=kind,
        amount_yuan=None,
        cap=None,
        rate=None,
        area_m2=areas[0].value if areas else None,
        years=years[0].value if years else None,
        months=months[0].value if months else None,
        per=find_period(folded),
        beneficiary=beneficiary,
        condition=condition,
        text=sentence.strip(),
    )
    pairs = _pair(grants, rates)
    items = _respective_items(sentence, len(pairs)) if len(pairs) > 1 else None
    records = []
    for i, (amount, rate) in enumerate(pairs):
        cap = amount.bound if amount else (rate.bound if rate else (areas[0].bound if areas else None))
        records.append(
            replace(
                base,
                amount_yuan=amount.value if amount else None,
                rate=rate.value if rate else None,
                cap=cap,
                condition=items[i] if items else condition,
                form=grant_form(folded, amount.value if amount else None),
            )
        )
    return records


def _pair(grants: list[Found], rates: list[Found]) -> list[tuple[Found | None, Found | None]]:
    """Amounts and rates of one sentence matched into records: one each in order when the
    counts agree, a single rate shared by every amount, a single amount shared by every rate;
    otherwise amounts and rates make records of their own."""
    if not grants and not rates:
        return [(None, None)]
    if not rates:
        return [(g, None) for g in grants]
    if not grants:
        return [(None, r) for r in rates]
    if len(grants) == len(rates):
        return list(zip(grants, rates))
    if len(rates) == 1:
        return [(g, rates[0]) for g in grants]
    if len(grants) == 1:
        return [(grants[0], r) for r in rates]
    return [(g, None) for g in grants] + [(None, r) for r in rates]


def _grant_amounts(sentence: str, is_fund: bool) -> list[Found]:
    """The amounts of a sentence that are granted; one listed after another with 、
    ("最高分别为1000万元、500万元") is of the same sort and bound as the one before it."""
    out: list[Found] = []
    previous_end, previous_granted = -1, False
    for amount in find_amounts(sentence):
        if previous_granted and sentence[previous_end : amount.start] == "、":
            out.append(replace(amount, bound=amount.bound if amount.bound is not None else out[-1].bound))
        elif _is_grant_amount(sentence, amount, is_fund):
            out.append(amount)
        else:
            previous_end, previous_granted = amount.end, False
            continue
        previous_end, previous_granted = amount.end, True
    return out


def _is_grant_amount(sentence: str, amount: Found, is_fund: bool) -> bool:
    """Whether an amount is money granted (or a fund's size) rather than a threshold."""
    s, e = _subclause_of(sentence, amount.start)
    before, after = sentence[s : amount.start], sentence[amount.end : e]
    if re.search(r"每(?:平方米|平米|㎡)[^，。；]{0,4}$", before):
        return False  # a unit price (每平方米每天1.5元) is not an amount granted
    if amount.bound is True:
        return True
    if re.search(r"(?:每人|人均|每名|每位|每月|每年)$", before) and _GRANT_VERB.search(sentence[s:e]):
        return True  # an allowance at a rate per head or period: "按每人每月5000元给予生活补贴"
    if is_fund and _FUND.search(sentence[s:e]) and not _GRANT_VERB.search(before):
        return True  # a fund's size: "设立总规模10亿元的产业基金"
    if _THRESHOLD_BEFORE.search(before) and not _GRANT_VERB.search(before):
        return False
    if amount.bound is False and not _GRANT_VERB.search(before):
        return False
    return bool(_GRANT_VERB.search(before) or _GRANT_AFTER.match(after) or re.match(r"^、", after))


def _is_grant_rate(sentence: str, rate: Found) -> bool:
    """Whether a percentage is the share of a cost that is paid, not a growth or share target."""
    s, e = _subclause_of(sentence, rate.start)
    before = sentence[s : rate.start]
    if _RATE_NOT_GRANT.search(before) or sentence[rate.end : rate.end + 2] == "以上":
        return False
    return bool(_GRANT_VERB.search(sentence[s:e]) or "按" in before)


def _beneficiary(text: str) -> str | None:
    found = _BENEFICIARY.findall(text)
    return found[-1].strip() if found else None


def _condition(before: str) -> str | None:
    """The words ahead of the first grant word, shortened: who qualifies and how."""
    text = re.sub(r"^[对凡]", "", before.strip().strip("，,")).strip()
    text = re.sub(r"[，,]?\s*(?:分别|再|均)?$", "", text).rstrip("的，, ")
    if len(text) < 2:
        return None
    return text if len(text) <= 60 else text[:59] + "…"


def _respective_items(sentence: str, n: int) -> list[str] | None:
    """For "对国家级、省级…的，分别给予1000万元、300万元", the items the amounts go with, in
    order; None when they cannot be lined up one to one."""
    head, sep, _ = sentence.partition("分别")  # the original text: items are shown as written
    if not sep:
        return None
    parts = [p for p in re.split(r"[，,]", head) if p.strip()]
    if not parts:
        return None
    items = [
        re.sub(r"^[对凡]?(?:经)?(?:获评|被认定为|认定为|认定|评为)?的?|的$", "", x).strip() for x in re.split(r"[、和或及]", parts[-1])
    ]
    items = [x for x in items if x]
    return items if len(items) == n else None


# ---------------------------------------------------------------------------------- targets

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
        s, _ = _subclause_of(folded, rate.start)
        label = _clean_label(folded[s : rate.start])
        if label and re.search(r"增长|增速|占比|比重|覆盖率|比例", label):
            comparator = "以上" if folded[rate.end : rate.end + 2] == "以上" else None
            out.append(Target(policy_id, clause.id, clause.path, "other", label, rate.value, "%", year, comparator, sentence.strip()))
    citation = cite(clause)
    return [replace(t, citation=citation) for t in out]


def _label(folded: str, m: re.Match[str], *, before_only: bool = False) -> str | None:
    """The noun phrase a number counts: the words after it ("10家以上行业头部企业") or, when
    the number closes its phrase ("相关标准20项以上"), the words before it."""
    s, e = _subclause_of(folded, m.start("num"))
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
