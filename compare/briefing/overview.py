"""The corpus at a glance: one row per policy, and the policies on a timeline by date and level.

``overview_table`` gives each policy its date, level, issuer, number of clauses, the largest
grant of each kind and instrument (with unit and period), its funds, its headline target and,
when the caller has coded the clauses (``compare.instruments``), its instrument mix. Nothing is
added up: each figure is one record's, as in the briefing tables.

``timeline`` places the dated policies by date and level (districts, cities, provinces: local
policies came first and the higher levels followed) and draws an arrow from an earlier policy
to a later one that contains much of it, from the containment of ``compare.similarity.matrix``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from compare.briefing.brief import amount_text, by_instrument, largest_grant, period_text, target_text
from compare.briefing.labels import kind_label, word
from compare.provisions.facts import Provisions, sources_by_policy
from compare.provisions.kinds import SUBSIDY_KIND_NAMES
from compare.provisions.money import money_text
from compare.provisions.subsidies import Subsidy
from compare.provisions.targets import Target
from compare.similarity.matrix import PolicyMatrix
from corpus.models import Policy

LEVELS = ("district", "city", "province")
OVERVIEW_COLUMNS = [
    "Policy",
    "Jurisdiction",
    "Level",
    "Date",
    "Issuer",
    "Clauses",
    "Largest grants",
    "Funds",
    "Headline target",
    "Policy id",
]


def largest_grants(subsidies: Sequence[Subsidy], lang: str = "zh") -> str:
    """Each kind's largest grant per comparable instrument, "研发：最高500万元/年；人才：0.5万元/人/月；…",
    in the design's order of kinds; funds and budgets left out; "" when there is none."""
    groups = by_instrument(s for s in subsidies if s.kind != "fund")
    parts = []
    for key in sorted(groups, key=lambda k: SUBSIDY_KIND_NAMES.index(k[0])):
        text = amount_text(largest_grant(groups[key]), lang)
        if text:
            parts.append(kind_label(key[0], lang) + word("colon", lang) + text)
    return word("list_sep", lang).join(dict.fromkeys(parts))


def funds(subsidies: Sequence[Subsidy], lang: str = "zh") -> str:
    """The funds and budgets a policy sets up, each with its size and how often ("10亿元；1亿元/年");
    a one-off fund is written without a period."""
    sizes = [
        money_text(s.amount_yuan) + (period_text(s.per, lang) if s.per != "once" else "")
        for s in subsidies
        if s.kind == "fund" and s.amount_yuan is not None
    ]
    return word("list_sep", lang).join(sizes)


def headline_target(targets: Sequence[Target]) -> str:
    """The target a policy is quoted for: its industry scale (the metaverse or related industry
    before the core; never another industry it drives), else its first counted target, with the
    year; "" when it states none."""
    rank = {"related": 0, None: 1, "core": 2}
    scale = [t for t in targets if t.kind == "industry_scale" and t.unit == "元" and t.scope in rank]
    chosen = min(scale, key=lambda t: rank[t.scope]) if scale else next((t for t in targets if t.unit not in ("元", "%")), None)
    if chosen is None:
        return ""
    return target_text(chosen) + (f"（{chosen.year}）" if chosen.year else "")


def overview_table(provisions: Provisions, *, instruments: Mapping[str, str] | None = None, lang: str = "zh") -> pd.DataFrame:
    """One row per policy of ``provisions``, by date (the undated last). ``instruments`` (policy id → mix, from
    ``compare.instruments.brief_tables.instrument_mix``) adds an "Instruments" column; without it there is none."""
    rows = []
    for source in sources_by_policy(provisions).values():
        mine_s = [s for s in provisions.subsidies if s.policy_id == source.policy_id]
        mine_t = [t for t in provisions.targets if t.policy_id == source.policy_id]
        row: dict[str, object] = {
            "Policy": source.title,
            "Jurisdiction": source.jurisdiction,
            "Level": source.level or "",
            "Date": source.date or "",
            "Issuer": source.issuer or "",
            "Clauses": source.clauses,
            "Largest grants": largest_grants(mine_s, lang),
            "Funds": funds(mine_s, lang),
            "Headline target": headline_target(mine_t),
        }
        if instruments is not None:
            row["Instruments"] = instruments.get(source.policy_id, "")
        row["Policy id"] = source.policy_id
        rows.append(row)
    columns = OVERVIEW_COLUMNS[:-1] + (["Instruments"] if instruments is not None else []) + ["Policy id"]
    rows.sort(key=lambda r: (not r["Date"], str(r["Date"])))  # by date, the undated last
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Containment:
    """A later policy that contains much of an earlier one: ``share`` of the earlier's clauses
    found in the later (and ``back``, the later's found in the earlier), both in [0, 1]."""

    earlier: str
    later: str
    share: float
    back: float


def timeline(
    policies: Sequence[Policy], matrix: PolicyMatrix | None = None, *, min_share: float = 0.3
) -> tuple[pd.DataFrame, list[Containment]]:
    """The dated policies (one row each: id, title, jurisdiction, level, date as YYYY-MM-DD, a
    month alone read as its first day) by date, and the containments of ``matrix`` at or above
    ``min_share`` from an earlier to a later policy. Undated policies are left out; no matrix,
    no arrows."""
    rows = []
    for p in policies:
        if not p.date:
            continue
        day = p.date if len(p.date) >= 10 else (p.date + "-01")[:10] if len(p.date) == 7 else f"{p.date[:4]}-01-01"
        rows.append({"Policy id": p.id, "Policy": p.display_title, "Jurisdiction": p.jurisdiction, "Level": p.level or "", "Date": day})
    points = pd.DataFrame(rows, columns=["Policy id", "Policy", "Jurisdiction", "Level", "Date"]).sort_values("Date", kind="stable")
    links: list[Containment] = []
    if matrix is not None:
        index = {p.id: i for i, p in enumerate(matrix.policies)}
        dated = {r["Policy id"]: r["Date"] for r in rows}
        for a, i in index.items():
            for b, j in index.items():
                if a in dated and b in dated and dated[a] < dated[b] and matrix.containment[i, j] >= min_share:
                    links.append(Containment(a, b, float(matrix.containment[i, j]), float(matrix.containment[j, i])))
    return points.reset_index(drop=True), links
