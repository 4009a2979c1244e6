"""Subsidies and targets for a set of policies: read from their text, or taken from the registry.

Most policies of the registry have no text in the corpus yet; the research registry still holds
the figures someone read on a web page (``Policy.facts``). They enter the same tables marked
``source="registry"`` with the page they were read on. Once a policy has text, what is read
from the text takes precedence: the registry's figures for that policy are no longer used, so a
table never mixes a hand-copied figure with the clause it was copied from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare.provisions.kinds import classify_subsidy, classify_target, grant_form, industry_scope, money_target_kind
from compare.provisions.money import is_money_unit, to_yuan
from compare.provisions.numbers import find_period
from compare.provisions.subsidies import Subsidy, extract_subsidies
from compare.provisions.targets import Target, extract_targets
from corpus.library import ClauseSet, load_clauses
from corpus.models import Policy
from corpus.store import ClauseStore


@dataclass(frozen=True)
class Source:
    """What a set of records was read from: a policy's text (``document`` is its source line)
    or the registry (``document`` None), for the citations under every table."""

    policy_id: str
    title: str
    jurisdiction: str
    issuer: str | None
    date: str | None
    url: str | None
    document: str | None
    accessed: str | None
    origin: str  # "clause" or "registry"
    level: str | None = None  # province, city or district
    clauses: int = 0  # body clauses of the text read; 0 for the registry


@dataclass(frozen=True)
class Provisions:
    """Every subsidy and target of some policies, with where each policy's records come from."""

    subsidies: tuple[Subsidy, ...]
    targets: tuple[Target, ...]
    sources: tuple[Source, ...]


def sources_by_policy(provisions: Provisions) -> dict[str, Source]:
    """Each policy's source, the first given when a policy was read twice, in the order given."""
    first: dict[str, Source] = {}
    for s in provisions.sources:
        first.setdefault(s.policy_id, s)
    return first


def subsidies_from_facts(policy: Policy) -> list[Subsidy]:
    """The registry's subsidy and fund facts of a policy as records (source "registry").

    A fact in 万元/亿元 becomes an amount, one in % a rate, ㎡ an area, 年/个月 a duration;
    ``measure == "cap"`` makes it a cap. Empty when the registry holds none.
    """
    out = []
    for fact in policy.facts:
        if fact.kind not in ("subsidy", "fund"):
            continue
        words = f"{fact.item} {fact.condition}"
        kind = "fund" if fact.kind == "fund" else classify_subsidy(fact.item)
        if kind == "other":
            kind = classify_subsidy(words)
        if kind == "other" and fact.unit in ("㎡", "平方米"):
            kind = "rent"  # an area granted is office space
        amount = fact.amount
        amount_yuan = to_yuan(amount, fact.unit) if amount is not None and is_money_unit(fact.unit) else None
        out.append(
            Subsidy(
                policy_id=policy.id,
                clause_id=None,
                path=(),
                kind=kind,
                amount_yuan=amount_yuan,
                cap=True if fact.measure == "cap" else None,
                rate=amount / 100 if amount is not None and fact.unit == "%" else None,
                area_m2=amount if fact.unit in ("㎡", "平方米") else None,
                years=amount if fact.unit == "年" else None,
                months=amount if fact.unit == "个月" else None,
                per=find_period(words),
                beneficiary=None,
                condition=fact.condition or None,
                text=fact.item,
                source="registry",
                source_url=fact.source_url,
                form=grant_form(words, amount_yuan),
            )
        )
    return out


def targets_from_facts(policy: Policy) -> list[Target]:
    """The registry's target facts of a policy as records (source "registry"), money in yuan,
    rates as fractions; the year is read off the fact's condition (到2025年)."""
    out = []
    for fact in policy.facts:
        if fact.kind != "target" or fact.amount is None:
            continue
        year = re.search(r"(20\d\d)\s*年", fact.condition)
        comparator = next((w for w in ("以上", "突破", "达到", "不低于", "超过") if w in fact.condition), None)
        if is_money_unit(fact.unit):
            kind = money_target_kind(fact.item)
            value, unit, scope = to_yuan(fact.amount, fact.unit), "元", industry_scope(fact.item) if kind == "industry_scale" else None
        elif fact.unit == "%":
            kind, value, unit, scope = "other", fact.amount / 100, "%", None
        else:
            kind, value, unit, scope = classify_target(fact.item), fact.amount, fact.unit, None
        text = f"{fact.item}：{fact.condition}" if fact.condition else fact.item
        year_value = int(year.group(1)) if year else None
        comparator = "以上" if comparator == "不低于" else comparator
        out.append(
            Target(policy.id, None, (), kind, fact.item, value, unit, year_value, comparator, text, "registry", fact.source_url, scope)
        )
    return out


def provisions_of(clause_set: ClauseSet) -> Provisions:
    """Records of one clause set: extracted from its clauses when it has any, else the
    registry's facts of its policy (nothing for a file without a policy and without text)."""
    policy = clause_set.policy
    policy_id = policy.id if policy else re.sub(r"[^a-z0-9-]+", "-", clause_set.selector.lower()).strip("-") or "file"
    if clause_set.clauses:
        subsidies = [s for c in clause_set.clauses for s in extract_subsidies(c, policy_id)]
        targets = extract_targets(clause_set.clauses, policy_id)
        doc = clause_set.document
        source = Source(
            policy_id,
            clause_set.title,
            policy.jurisdiction if policy else "",
            policy.issuer if policy else None,
            policy.date if policy else None,
            (policy.official_url or policy.source_url) if policy else None,
            clause_set.source,
            doc.fetched_at[:10] if doc else None,
            "clause",
            policy.level if policy else None,
            len(clause_set.clauses),
        )
        return Provisions(tuple(subsidies), tuple(targets), (source,))
    if policy is None:
        return Provisions((), (), ())
    source = Source(
        policy.id,
        policy.display_title,
        policy.jurisdiction,
        policy.issuer,
        policy.date,
        policy.official_url or policy.source_url,
        None,
        None,
        "registry",
        policy.level,
    )
    return Provisions(tuple(subsidies_from_facts(policy)), tuple(targets_from_facts(policy)), (source,))


def merge_provisions(parts: Sequence[Provisions]) -> Provisions:
    """The records and sources of several clause sets, in the order given."""
    return Provisions(
        tuple(s for p in parts for s in p.subsidies),
        tuple(t for p in parts for t in p.targets),
        tuple(src for p in parts for src in p.sources),
    )


def provisions_for(store: ClauseStore, selectors: Sequence[str] | None = None) -> Provisions:
    """Subsidies and targets of stored policies (ids or ``ID@DOC``; all policies of the store
    when None), extracted from text where there is text and from the registry elsewhere.
    Raises NotFoundError for an unknown selector; never reads a file or the network."""
    selectors = list(selectors) if selectors else [p.id for p in store.policies()]
    return merge_provisions([provisions_of(load_clauses(store, s)) for s in selectors])
