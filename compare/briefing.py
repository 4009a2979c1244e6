"""Briefing tables: subsidies and targets of several policies side by side, with their sources.

The tables are pandas frames with readable column names and numbers kept as numbers (money in
万元 for subsidies and 亿元 for industry scale, as the policies write them). Every row names the
policy title and jurisdiction, the clause path and the source; the sources table gives each
policy a GB/T 7714 reference. ``compare.export`` writes them to .xlsx, .docx, .md and .csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from compare.facts import Provisions, Source
from compare.kinds import SUBSIDY_KIND_NAMES, TARGET_KIND_NAMES
from compare.provisions import Subsidy, Target

WAN = 1e4
YI = 1e8
TARGET_COLUMNS = {
    "enterprises": "Enterprises",
    "scenarios": "Scenarios",
    "products": "Products",
    "platforms": "Platforms",
    "centers": "Centres",
    "parks": "Parks",
    "standards": "Standards",
    "patents": "Patents",
    "other": "Other targets",
}


@dataclass(frozen=True)
class Table:
    """One table of the brief: a short name (sheet, file part), a title and its rows; ``policies``
    are the ids whose references are cited under it."""

    name: str
    title: str
    frame: pd.DataFrame
    policies: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """The briefing tables in the order they are exported, and a reference per policy."""

    tables: tuple[Table, ...]
    references: dict[str, str]

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def reference(source: Source, accessed: str) -> str:
    """A GB/T 7714-2015 reference for an online document:
    ``浙江省发展和改革委员会. 浙江省…行动计划（2023—2025年）[EB/OL]. (2022-12-15)[2026-01-05]. URL.``
    The issuer falls back to the jurisdiction; parts not known are left out."""
    issuer = re.sub(r"[（(][^）)]*[）)]", "", source.issuer or "").strip() or source.jurisdiction
    text = f"{issuer}. {source.title}[EB/OL]."
    text += f" ({source.date})[{source.accessed or accessed}]." if source.date else f" [{source.accessed or accessed}]."
    url = source.url or (source.document if source.document and source.document.startswith("http") else None)
    return text + (f" {url}." if url else "")


def build_brief(provisions: Provisions, *, accessed: str | None = None) -> Brief:
    """The five briefing tables and the references of the policies in ``provisions``.

    ``accessed`` (YYYY-MM-DD, default today) is the access date cited for registry pages.
    Policies without any record still appear in the sources table.
    """
    accessed = accessed or date.today().isoformat()
    sources: dict[str, Source] = {}
    for s in provisions.sources:
        sources.setdefault(s.policy_id, s)
    refs = {pid: reference(s, accessed) for pid, s in sources.items()}
    subs, targets = provisions.subsidies, provisions.targets
    sub_ids = _ids(s.policy_id for s in subs)
    target_ids = _ids(t.policy_id for t in targets)
    tables = (
        Table("subsidy_matrix", "Subsidy comparison: largest amount per kind (万元)", subsidy_matrix(subs, sources), sub_ids),
        Table(
            "subsidy_summary", "Subsidy comparison: amounts, rates, caps and conditions per kind", subsidy_summary(subs, sources), sub_ids
        ),
        Table("subsidies", "Subsidies, one row per record", subsidy_long(subs, sources), sub_ids),
        Table("target_matrix", "Target comparison", target_matrix(targets, sources), target_ids),
        Table("targets", "Targets, one row per record", target_long(targets, sources), target_ids),
        Table("sources", "Sources", sources_table(sources, refs), tuple(sources)),
    )
    return Brief(tables, refs)


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _policy_columns(policy_id: str, sources: dict[str, Source]) -> dict[str, object]:
    s = sources.get(policy_id)
    return {"Policy": s.title if s else policy_id, "Jurisdiction": s.jurisdiction if s else ""}


def _citation(record: Subsidy | Target) -> str:
    """The clause a record comes from as a reader cites it ("第三条 支持研发投入"); "(registry)"
    for a registry figure, "(preamble)" for the unnumbered text before the first heading."""
    if record.source == "registry":
        return "(registry)"
    return record.citation or "(preamble)"


def _where(record: Subsidy | Target) -> dict[str, object]:
    return {
        "Clause": _citation(record),
        "Clause id": record.clause_id or "",
        "Source": record.source_url or "" if record.source == "registry" else "text",
    }


def _clauses(records: Iterable[Subsidy | Target]) -> str:
    """The distinct clause paths a row of a comparison is drawn from, joined by "; "."""
    return "; ".join(dict.fromkeys(str(_where(r)["Clause"]) for r in records))


def _source_of(policy_id: str, sources: dict[str, Source]) -> str:
    s = sources.get(policy_id)
    if s is None:
        return ""
    return s.document or s.url or "" if s.origin == "clause" else f"registry: {s.url or ''}"


def _bound(cap: bool | None) -> str:
    return {True: "cap", False: "floor", None: ""}[cap]


def subsidy_long(subsidies: Iterable[Subsidy], sources: dict[str, Source]) -> pd.DataFrame:
    """One row per subsidy record; amounts in 万元 and in yuan, rates as fractions."""
    rows = [
        {
            **_policy_columns(s.policy_id, sources),
            "Kind": s.kind,
            "Amount (万元)": s.amount_yuan / WAN if s.amount_yuan is not None else None,
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
            **_where(s),
            "Policy id": s.policy_id,
        }
        for s in subsidies
    ]
    return _frame(rows, ["Policy", "Jurisdiction", "Kind", "Amount (万元)", "Text", "Clause", "Source"])


def subsidy_summary(subsidies: Iterable[Subsidy], sources: dict[str, Source]) -> pd.DataFrame:
    """One row per policy and subsidy kind: the largest amount (万元) and whether it is a cap,
    the rates, durations, areas and conditions met, how many records and from which clauses."""
    groups: dict[tuple[str, str], list[Subsidy]] = {}
    for s in subsidies:
        groups.setdefault((s.policy_id, s.kind), []).append(s)
    rows = []
    for (policy_id, kind), records in groups.items():
        with_amount = [r for r in records if r.amount_yuan is not None]
        largest = max(with_amount, key=lambda r: r.amount_yuan or 0.0) if with_amount else None
        rows.append(
            {
                **_policy_columns(policy_id, sources),
                "Kind": kind,
                "Largest amount (万元)": largest.amount_yuan / WAN if largest and largest.amount_yuan is not None else None,
                "Cap or floor": _bound(largest.cap) if largest else "",
                "Rates": "; ".join(f"{r:.0%}" for r in dict.fromkeys(r.rate for r in records if r.rate is not None)),
                "Years": max((r.years for r in records if r.years is not None), default=None),
                "Area (㎡)": max((r.area_m2 for r in records if r.area_m2 is not None), default=None),
                "Conditions": "; ".join(dict.fromkeys(r.condition for r in records if r.condition))[:300],
                "Records": len(records),
                "Clause": _clauses(records),
                "Source": _source_of(policy_id, sources),
            }
        )
    order = {k: i for i, k in enumerate(SUBSIDY_KIND_NAMES)}
    frame = _frame(rows, ["Policy", "Jurisdiction", "Kind", "Largest amount (万元)", "Clause", "Source"])
    if not frame.empty:
        frame = frame.sort_values(["Policy", "Kind"], key=lambda c: c.map(order) if c.name == "Kind" else c, kind="stable")
    return frame.reset_index(drop=True)


def subsidy_matrix(subsidies: Iterable[Subsidy], sources: dict[str, Source]) -> pd.DataFrame:
    """Policies × subsidy kinds: the largest amount of each kind in 万元 (empty when the
    policy grants that kind without an amount or not at all)."""
    subsidies = list(subsidies)
    kinds = [k for k in SUBSIDY_KIND_NAMES if any(s.kind == k for s in subsidies)]
    rows = []
    for policy_id in _ids(s.policy_id for s in subsidies):
        row: dict[str, object] = _policy_columns(policy_id, sources)
        for kind in kinds:
            amounts = [s.amount_yuan for s in subsidies if s.policy_id == policy_id and s.kind == kind and s.amount_yuan is not None]
            row[f"{kind} (万元)"] = max(amounts) / WAN if amounts else None
        row["Clause"] = _clauses(s for s in subsidies if s.policy_id == policy_id)
        row["Source"] = _source_of(policy_id, sources)
        rows.append(row)
    return _frame(rows, ["Policy", "Jurisdiction", "Clause", "Source"])


def _display_value(t: Target) -> tuple[float, str]:
    if t.unit == "元":
        return t.value / YI, "亿元"
    if t.unit == "%":
        return round(t.value * 100, 6), "%"
    return t.value, t.unit


def target_long(targets: Iterable[Target], sources: dict[str, Source]) -> pd.DataFrame:
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
                **_where(t),
                "Policy id": t.policy_id,
            }
        )
    frame = _frame(rows, ["Policy", "Jurisdiction", "Kind", "Label", "Value", "Unit", "Year", "Clause", "Source"])
    return frame.astype({"Year": "Int64"})


def target_matrix(targets: Iterable[Target], sources: dict[str, Source]) -> pd.DataFrame:
    """Policies × target kinds: industry scale in 亿元 (core, related, unqualified) and the
    counts of each kind summed over their records, with the target year (the latest stated)."""
    targets = list(targets)
    kinds = [k for k in TARGET_KIND_NAMES if k != "industry_scale" and any(t.kind == k and t.unit not in ("元", "%") for t in targets)]
    rows = []
    for policy_id in _ids(t.policy_id for t in targets):
        mine = [t for t in targets if t.policy_id == policy_id]
        row: dict[str, object] = _policy_columns(policy_id, sources)
        row["Year"] = max((t.year for t in mine if t.year), default=None)
        for scope, column in (
            ("core", "Industry scale, core (亿元)"),
            ("related", "Industry scale, related (亿元)"),
            (None, "Industry scale (亿元)"),
        ):
            values = [t.value / YI for t in mine if t.kind == "industry_scale" and t.scope == scope]
            row[column] = max(values) if values else None
        for kind in kinds:
            counts = [t.value for t in mine if t.kind == kind and t.unit not in ("元", "%")]
            row[TARGET_COLUMNS[kind]] = sum(counts) if counts else None
        row["Clause"] = _clauses(mine)
        row["Source"] = _source_of(policy_id, sources)
        rows.append(row)
    frame = _frame(rows, ["Policy", "Jurisdiction", "Year", "Clause", "Source"]).astype({"Year": "Int64"})
    return frame.dropna(axis=1, how="all") if not frame.empty else frame


def sources_table(sources: dict[str, Source], refs: dict[str, str]) -> pd.DataFrame:
    """One row per policy: where its records come from and its GB/T 7714 reference."""
    rows = [
        {
            "Policy": s.title,
            "Jurisdiction": s.jurisdiction,
            "Policy id": pid,
            "Records from": "text" if s.origin == "clause" else "registry",
            "Document": s.document or "",
            "URL": s.url or "",
            "Reference": refs[pid],
        }
        for pid, s in sources.items()
    ]
    return _frame(rows, ["Policy", "Jurisdiction", "Policy id", "Records from", "Document", "URL", "Reference"])


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    """A frame of the rows; an empty one keeps the named columns, so exports still show them."""
    return pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)
