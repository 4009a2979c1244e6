"""Briefing tables: subsidies and targets of several policies side by side, with their sources.

The tables are pandas frames with short English column keys (renamed for readers by
``compare.briefing.labels``) and numbers kept as numbers (money in 万元 for subsidies and 亿元 for
industry scale, as the policies write them). Every row names the policy title and
jurisdiction, the clause as a reader cites it (第三条 …) and the source; the sources table gives
each policy a GB/T 7714 reference. ``compare.briefing.export`` writes them to .xlsx, .docx, .md and .csv.

A summary never invents a number: different targets are listed side by side, never added;
grants are compared only within one instrument (kind, form and period); funds and budgets are a
table of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import pandas as pd

from compare.briefing.labels import table_title, word
from compare.provisions.facts import Provisions, Source, sources_by_policy
from compare.provisions.kinds import SUBSIDY_KIND_NAMES, TARGET_KIND_NAMES, GrantForm, SubsidyKind
from compare.provisions.money import in_unit, money_text
from compare.provisions.numbers import Period, number_text
from compare.provisions.subsidies import Subsidy
from compare.provisions.targets import Target

COUNT_UNITS = ("元", "%")
R = TypeVar("R", Subsidy, Target)


@dataclass(frozen=True)
class Table:
    """One table of the brief: a short name (the key code uses), a title in the brief's language
    and its rows; ``policies`` are the ids whose references are cited under it."""

    name: str
    title: str
    frame: pd.DataFrame
    policies: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """The briefing tables in the order they are exported, a reference per policy, and the
    language ("zh" or "en") the tables' words are in."""

    tables: tuple[Table, ...]
    references: dict[str, str]
    lang: str = "zh"

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def reference(source: Source, accessed: str) -> str:
    """A GB/T 7714-2015 reference for an online document:
    ``浙江省发展和改革委员会. 浙江省…行动计划（2023—2025年）[EB/OL]. (2022-12-15)[2026-01-05]. URL.``
    The issuer falls back to the jurisdiction; the access date is the day the stored text was
    fetched when there is one (``source.accessed``), else ``accessed``; parts not known are left out."""
    issuer = re.sub(r"[（(][^）)]*[）)]", "", source.issuer or "").strip() or source.jurisdiction
    text = f"{issuer}. {source.title}[EB/OL]."
    text += f" ({source.date})[{source.accessed or accessed}]." if source.date else f" [{source.accessed or accessed}]."
    url = source.url or (source.document if source.document and source.document.startswith("http") else None)
    return text + (f" {url}." if url else "")


def build_brief(
    provisions: Provisions, *, accessed: str | None = None, lang: str = "zh", instruments: Mapping[str, str] | None = None
) -> Brief:
    """The briefing tables and the references of the policies in ``provisions``, with the words
    the tables write themselves (amounts with their unit and period, "(registry)") in ``lang``.

    ``accessed`` (YYYY-MM-DD, default today) is the access date cited for registry pages.
    ``instruments`` (policy id → instrument mix) adds that column to the overview. Policies
    without any record still appear in the overview and the sources. Funds and budgets get a
    table of their own and never count as a subsidy to firms.
    """
    from compare.briefing.overview import overview_table  # the overview builds on this module's cells

    accessed = accessed or date.today().isoformat()
    sources = sources_by_policy(provisions)
    refs = {pid: reference(s, accessed) for pid, s in sources.items()}
    funds = [s for s in provisions.subsidies if s.kind == "fund"]
    subs = [s for s in provisions.subsidies if s.kind != "fund"]
    targets = provisions.targets
    sub_ids = _ids(s.policy_id for s in subs)
    target_ids = _ids(t.policy_id for t in targets)
    frames = (
        ("overview", overview_table(provisions, instruments=instruments, lang=lang), tuple(sources)),
        ("subsidy_matrix", subsidy_matrix(subs, sources, lang), sub_ids),
        ("subsidy_summary", subsidy_summary(subs, sources, lang), sub_ids),
        ("subsidies", subsidy_long(subs, sources, lang), sub_ids),
        ("funds", fund_table(funds, sources, lang), _ids(s.policy_id for s in funds)),
        ("target_matrix", target_matrix(targets, sources, lang), target_ids),
        ("targets", target_long(targets, sources, lang), target_ids),
        ("sources", sources_table(sources, refs, accessed), tuple(sources)),
    )
    tables = tuple(Table(name, table_title(name, lang), frame, ids) for name, frame, ids in frames)
    return Brief(tables, refs, lang)


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _by_policy(records: Iterable[R]) -> dict[str, list[R]]:
    """Records grouped by policy, in the order each policy first occurs."""
    groups: dict[str, list[R]] = {}
    for r in records:
        groups.setdefault(r.policy_id, []).append(r)
    return groups


def _policy_columns(policy_id: str, sources: dict[str, Source]) -> dict[str, object]:
    s = sources.get(policy_id)
    return {"Policy": s.title if s else policy_id, "Jurisdiction": s.jurisdiction if s else ""}


def citation_of(record: Subsidy | Target, lang: str = "zh") -> str:
    """The clause a record comes from as a reader cites it ("第三条 支持研发投入"); "（登记资料）"
    for a registry figure, "（正文前言）" for the unnumbered text before the first heading."""
    if record.source == "registry":
        return word("registry", lang)
    return record.citation or word("preamble", lang)


def _where(record: Subsidy | Target, lang: str) -> dict[str, object]:
    return {
        "Clause": citation_of(record, lang),
        "Clause id": record.clause_id or "",
        "Source": record.source_url or "" if record.source == "registry" else "text",
    }


def _clauses(records: Iterable[Subsidy | Target], lang: str) -> str:
    """The distinct clauses a row of a comparison is drawn from, joined by "; "."""
    return "; ".join(dict.fromkeys(citation_of(r, lang) for r in records))


def _source_of(policy_id: str, sources: dict[str, Source]) -> str:
    s = sources.get(policy_id)
    if s is None:
        return ""
    return s.document or s.url or "" if s.origin == "clause" else f"registry: {s.url or ''}"


def _bound(cap: bool | None) -> str:
    return {True: "cap", False: "floor", None: ""}[cap]


def amount_text(s: Subsidy, lang: str = "zh") -> str:
    """A grant as a reader compares it, with its unit and period: "最高500万元/年",
    "0.5万元/人/月", "按20%", "免租3年，150㎡"; "" when the record states no figure."""
    parts = []
    if s.form == "free_space":
        parts.append(word("rent_free_years", lang).format(n=number_text(s.years)) if s.years else word("rent_free", lang))
        if s.area_m2:
            parts.append(f"{number_text(s.area_m2)}㎡")
        return word("part_sep", lang).join(parts)
    if s.amount_yuan is not None:
        bound = {True: word("up_to", lang), False: word("at_least", lang), None: ""}[s.cap]
        money = bound + money_text(s.amount_yuan, "万元")
        money += word("per_person", lang) if s.form == "per_person" else ""
        money += period_text(s.per, lang)
        parts.append(money)
    if s.rate is not None:
        parts.append(word("rate", lang).format(rate=f"{s.rate:.0%}"))
    if s.area_m2 and s.amount_yuan is None:
        parts.append(f"{number_text(s.area_m2)}㎡")
    return word("part_sep", lang).join(parts)


def period_text(per: Period | None, lang: str = "zh") -> str:
    """How often an amount is paid, written after it: "/年", "/月", "（一次性）"; "" when unstated."""
    return {"year": word("per_year", lang), "month": word("per_month", lang), "once": word("once", lang)}.get(per or "", "")


def subsidy_long(subsidies: Iterable[Subsidy], sources: dict[str, Source], lang: str = "zh") -> pd.DataFrame:
    """One row per subsidy record; amounts in 万元 and in yuan, rates as fractions."""
    rows = [
        {
            **_policy_columns(s.policy_id, sources),
            "Kind": s.kind,
            "Form": s.form,
            "Amount (万元)": in_unit(s.amount_yuan, "万元") if s.amount_yuan is not None else None,
            "Amount (元)": s.amount_yuan,
            "Cap or floor": _bound(s.cap),
            "Rate": s.rate,
            "Area (㎡)": s.area_m2,
            "Years": s.years,
            "Months": s.months,
            "Per": s.per or "",
            "Beneficiary": s.beneficiary or "",
            "Condition": s.condition or "",
            "Text": s.text,
            **_where(s, lang),
            "Policy id": s.policy_id,
        }
        for s in subsidies
    ]
    return _frame(rows, ["Policy", "Jurisdiction", "Kind", "Form", "Amount (万元)", "Text", "Clause", "Source"])


Instrument = tuple[SubsidyKind, GrantForm, str]


def instrument(s: Subsidy) -> Instrument:
    """What makes two grants comparable: the same kind, form (grant, per person, rent-free
    space, voucher) and period (once or unstated, per year, per month). A monthly allowance per
    head is never compared with a one-off grant, nor free rent with a purchase subsidy."""
    return s.kind, s.form, s.per if s.per in ("year", "month") else ""


def by_instrument(subsidies: Iterable[Subsidy]) -> dict[Instrument, list[Subsidy]]:
    """Grants grouped by comparable instrument, in the order each instrument first occurs."""
    groups: dict[Instrument, list[Subsidy]] = {}
    for s in subsidies:
        groups.setdefault(instrument(s), []).append(s)
    return groups


def largest_grant(records: Sequence[Subsidy]) -> Subsidy:
    """The record with the largest amount, else the largest rate, else the first."""
    return max(records, key=lambda r: (r.amount_yuan is not None, r.amount_yuan or 0.0, r.rate or 0.0, r.area_m2 or 0.0))


def subsidy_summary(subsidies: Iterable[Subsidy], sources: dict[str, Source], lang: str = "zh") -> pd.DataFrame:
    """One row per policy and comparable instrument (kind, form, period): the largest grant with
    its unit and period ("最高500万元/年"), and in 万元 for sorting, whether it is a cap, the rates,
    durations, areas and conditions met, how many records and from which clauses. Amounts are
    never added up; unlike instruments are never in one row."""
    rows = []
    for policy_id, mine in _by_policy(subsidies).items():
        for (kind, form, per), records in by_instrument(mine).items():
            largest = largest_grant(records)
            rows.append(
                {
                    **_policy_columns(policy_id, sources),
                    "Kind": kind,
                    "Form": form,
                    "Per": per,
                    "Largest": amount_text(largest, lang),
                    "Largest amount (万元)": in_unit(largest.amount_yuan, "万元") if largest.amount_yuan is not None else None,
                    "Cap or floor": _bound(largest.cap) if largest.amount_yuan is not None else "",
                    "Rates": "; ".join(f"{r:.0%}" for r in dict.fromkeys(r.rate for r in records if r.rate is not None)),
                    "Years": max((r.years for r in records if r.years is not None), default=None),
                    "Area (㎡)": max((r.area_m2 for r in records if r.area_m2 is not None), default=None),
                    "Conditions": "; ".join(dict.fromkeys(r.condition for r in records if r.condition))[:300],
                    "Records": len(records),
                    "Clause": _clauses(records, lang),
                    "Source": _source_of(policy_id, sources),
                }
            )
    frame = _frame(rows, ["Policy", "Jurisdiction", "Kind", "Form", "Per", "Largest", "Largest amount (万元)", "Clause", "Source"])
    if not frame.empty:
        frame = frame.sort_values(
            ["Policy", "Kind"], key=lambda c: c.map(SUBSIDY_KIND_NAMES.index) if c.name == "Kind" else c, kind="stable"
        )
    return frame.reset_index(drop=True)


def subsidy_matrix(subsidies: Iterable[Subsidy], sources: dict[str, Source], lang: str = "zh") -> pd.DataFrame:
    """Policies × subsidy kinds (columns ``kind:rd`` …): in each cell the largest grant of each
    comparable instrument of that kind, with its unit and period ("最高300万元；0.5万元/人/月"),
    empty when the policy grants nothing of that kind."""
    subsidies = list(subsidies)
    kinds = [k for k in SUBSIDY_KIND_NAMES if any(s.kind == k for s in subsidies)]
    rows = []
    for policy_id, mine in _by_policy(subsidies).items():
        row: dict[str, object] = _policy_columns(policy_id, sources)
        for kind in kinds:
            cells = [amount_text(largest_grant(g), lang) for g in by_instrument(s for s in mine if s.kind == kind).values()]
            row[f"kind:{kind}"] = word("list_sep", lang).join(c for c in dict.fromkeys(cells) if c) or None
        row["Clause"] = _clauses(mine, lang)
        row["Source"] = _source_of(policy_id, sources)
        rows.append(row)
    return _frame(rows, ["Policy", "Jurisdiction", "Clause", "Source"])


def fund_table(funds: Iterable[Subsidy], sources: dict[str, Source], lang: str = "zh") -> pd.DataFrame:
    """One row per fund or budget a policy sets up (产业基金 10亿元, 每年安排专项资金1亿元): its size
    in 万元 and how often, kept apart from grants to firms."""
    rows = [
        {
            **_policy_columns(s.policy_id, sources),
            "Size (万元)": in_unit(s.amount_yuan, "万元") if s.amount_yuan is not None else None,
            "Per": s.per or "",
            "Text": s.text,
            **_where(s, lang),
            "Policy id": s.policy_id,
        }
        for s in funds
    ]
    return _frame(rows, ["Policy", "Jurisdiction", "Size (万元)", "Per", "Text", "Clause", "Source"])


def _display_value(t: Target) -> tuple[float, str]:
    if t.unit == "元":
        return in_unit(t.value, "亿元"), "亿元"
    if t.unit == "%":
        return round(t.value * 100, 6), "%"
    return t.value, t.unit


def target_long(targets: Iterable[Target], sources: dict[str, Source], lang: str = "zh") -> pd.DataFrame:
    """One row per target record; money in 亿元, rates in per cent, counts as counted."""
    rows = []
    for t in targets:
        value, unit = _display_value(t)
        rows.append(
            {
                **_policy_columns(t.policy_id, sources),
                "Kind": t.kind,
                "Label": t.label,
                "Value": value,
                "Unit": unit,
                "Year": t.year,
                "Comparator": t.comparator or "",
                "Scope": t.scope or "",
                "Text": t.text,
                **_where(t, lang),
                "Policy id": t.policy_id,
            }
        )
    frame = _frame(rows, ["Policy", "Jurisdiction", "Kind", "Label", "Value", "Unit", "Year", "Clause", "Source"])
    return frame.astype({"Year": "Int64"})


def target_text(t: Target) -> str:
    """A target as written, its label with its figure: "行业头部企业 10家以上"."""
    value, unit = _display_value(t)
    return f"{t.label} {number_text(value)}{unit}{t.comparator if t.comparator in ('以上', '左右') else ''}"


SCALE_COLUMNS = {"core": "Industry scale, core (亿元)", "related": "Industry scale, related (亿元)", None: "Industry scale (亿元)"}


def _scale_column(t: Target) -> str:
    """The column of an industry scale target: its scope, or for another industry driven its own
    label ("driven:带动软件和信息服务业规模"), so different industries never share a cell."""
    return f"driven:{t.label}" if t.scope == "driven" else SCALE_COLUMNS[t.scope]


def target_matrix(targets: Iterable[Target], sources: dict[str, Source], lang: str = "zh") -> pd.DataFrame:
    """Policies × targets, never adding different targets: industry scale in 亿元 per scope (core,
    related, unqualified) and one column per other industry driven; for counts, one column per
    kind (``kind:enterprises`` …) listing each target with its label and figure ("行业头部企业 10家以上；
    专精特新企业 50家以上"); the target year (the latest stated)."""
    targets = list(targets)
    scale = [t for t in targets if t.kind == "industry_scale" and t.unit == "元"]
    scale_columns = list(dict.fromkeys([c for c in SCALE_COLUMNS.values() if any(_scale_column(t) == c for t in scale)]))
    scale_columns += list(dict.fromkeys(_scale_column(t) for t in scale if t.scope == "driven"))
    counted = [t for t in targets if t not in scale]
    kinds = [k for k in TARGET_KIND_NAMES if any(t.kind == k for t in counted)]
    sep = word("list_sep", lang)
    rows = []
    for policy_id, mine in _by_policy(targets).items():
        row: dict[str, object] = _policy_columns(policy_id, sources)
        row["Year"] = max((t.year for t in mine if t.year), default=None)
        for column in scale_columns:
            values = list(dict.fromkeys(in_unit(t.value, "亿元") for t in mine if t in scale and _scale_column(t) == column))
            row[column] = values[0] if len(values) == 1 else (sep.join(number_text(v) for v in values) or None)
        for kind in kinds:
            row[f"kind:{kind}"] = sep.join(dict.fromkeys(target_text(t) for t in mine if t in counted and t.kind == kind)) or None
        row["Clause"] = _clauses(mine, lang)
        row["Source"] = _source_of(policy_id, sources)
        rows.append(row)
    frame = _frame(rows, ["Policy", "Jurisdiction", "Year", "Clause", "Source"]).astype({"Year": "Int64"})
    return frame.dropna(axis=1, how="all") if not frame.empty else frame


def sources_table(sources: dict[str, Source], refs: dict[str, str], accessed: str = "") -> pd.DataFrame:
    """One row per policy: where its records come from, the day its stored text was fetched (or
    ``accessed`` for a registry page) and its GB/T 7714 reference."""
    rows = [
        {
            "Policy": s.title,
            "Jurisdiction": s.jurisdiction,
            "Policy id": pid,
            "Records from": "text" if s.origin == "clause" else "registry",
            "Document": s.document or "",
            "Accessed": s.accessed or accessed,
            "URL": s.url or "",
            "Reference": refs[pid],
        }
        for pid, s in sources.items()
    ]
    return _frame(rows, ["Policy", "Jurisdiction", "Policy id", "Records from", "Document", "Accessed", "URL", "Reference"])


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    """A frame of the rows; an empty one keeps the named columns, so exports still show them."""
    return pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)
