"""Subsidies read out of clauses: what a policy grants, to whom and on what condition.

A subsidy is a grant a policy promises (an amount, a rate, an area, a duration) with what it is
for (its kind), whom it goes to and on what condition. It is a frozen record that points back
to the clause it came from, or to the registry page when it comes from the research registry
(``compare.provisions.facts``).

Extraction is rule-based and sentence by sentence: numbers come from ``compare.provisions.numbers``, the
kind from keyword tables in ``compare.provisions.kinds``. A number next to no grant word (世界500强,
5大重点任务, 2025年, a revenue threshold) is not a subsidy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from compare.provisions.kinds import FUND_WORDS, GrantForm, SubsidyKind, classify_subsidy, grant_form
from compare.provisions.numbers import Found, Period, find_amounts, find_areas, find_months, find_period, find_rates, find_years
from compare.provisions.sentences import sentences, subclause_at
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
    kind: SubsidyKind
    amount_yuan: float | None
    cap: bool | None
    rate: float | None
    area_m2: float | None
    years: float | None
    months: float | None
    per: Period | None
    beneficiary: str | None
    condition: str | None
    text: str
    source: str = "clause"
    source_url: str | None = None
    citation: str = ""  # the clause as a reader cites it (corpus.citation.cite); "" for the registry
    form: GrantForm = "grant"  # how it is given (compare.provisions.kinds.grant_form): grant, per_person, free_space, voucher

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
    s, e = subclause_at(sentence, amount.start)
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
    s, e = subclause_at(sentence, rate.start)
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
