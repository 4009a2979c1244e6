"""The briefing tables on screen: the policy picker, labels in the chosen language, the charts
and the export files.

Every figure comes from ``compare.briefing`` (through the cached ``get_brief``); here columns and
kinds are only renamed, rows filtered and figures drawn. Each chart's tooltip names the policy
and the clause path or registry page of the figure, so a point on screen can be traced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import altair as alt
import pandas as pd
import streamlit as st

from compare.briefing import TARGET_COLUMNS, Brief
from compare.export import brief_bytes
from compare.kinds import SUBSIDY_KIND_NAMES, TARGET_KIND_NAMES
from ui.i18n import t
from ui.resources import corpus_version, db_path, get_brief, get_store

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
    "csv": "text/csv",
}

# the brief's column names and the label keys they are shown with
COLUMNS = {
    "Policy": "prov.col.policy",
    "Jurisdiction": "prov.col.jurisdiction",
    "Origin": "prov.col.origin",
    "Kind": "prov.col.kind",
    "Amount (万元)": "prov.col.amount",
    "Largest amount (万元)": "prov.col.largest",
    "Cap or floor": "prov.col.bound",
    "Rate": "prov.col.rate",
    "Rates": "prov.col.rates",
    "Area (㎡)": "prov.col.area",
    "Years": "prov.col.years",
    "Months": "prov.col.months",
    "Per": "prov.col.per",
    "Beneficiary": "prov.col.beneficiary",
    "Condition": "prov.col.condition",
    "Conditions": "prov.col.conditions",
    "Records": "prov.col.records",
    "Label": "prov.col.label",
    "Value": "prov.col.value",
    "Unit": "prov.col.unit",
    "Year": "prov.col.year",
    "Comparator": "prov.col.comparator",
    "Scope": "prov.col.scope",
    "Industry scale (亿元)": "prov.col.scale",
    "Industry scale, core (亿元)": "prov.col.scale_core",
    "Industry scale, related (亿元)": "prov.col.scale_related",
    "Text": "prov.col.text",
    "Clause": "prov.col.clause",
    "Source": "prov.col.source",
}
HIDDEN = ("Amount (元)", "Clause id", "Policy id")
VALUES = {
    "Cap or floor": {"cap": "prov.cap", "floor": "prov.floor"},
    "Per": {"once": "prov.per.once", "year": "prov.per.year", "month": "prov.per.month"},
    "Scope": {"core": "prov.scope.core", "related": "prov.scope.related"},
}


def subsidy_kinds() -> dict[str, str]:
    """Every subsidy kind and its label, in the design's order."""
    return {k: t(f"prov.skind.{k}") for k in SUBSIDY_KIND_NAMES}


def target_kinds() -> dict[str, str]:
    """Every target kind and its label, in the design's order."""
    return {k: t(f"prov.tkind.{k}") for k in TARGET_KIND_NAMES}


def pick_policies(key: str, label: str) -> tuple[str, ...]:
    """The policies chosen in a multiselect of every stored policy (all by default, shown by
    title, folded in an expander), in the store's order; empty when the user cleared it."""
    titles = {p.id: p.display_title for p in get_store().policies()}
    with st.expander(label):  # 26 titles fill a screen; folded, the tables come first
        chosen = set(st.multiselect(label, list(titles), default=list(titles), format_func=titles.__getitem__, key=key))
    picked = tuple(i for i in titles if i in chosen)
    st.caption(t("prov.chosen").format(n=len(picked), total=len(titles)))
    return picked


def origins(brief: Brief) -> dict[str, str]:
    """Policy id → "text" or "registry": where that policy's records come from."""
    frame = brief.table("sources").frame
    return dict(zip(frame["Policy id"], frame["Records from"]))


def kinds_present(frame: pd.DataFrame, labels: Mapping[str, str]) -> dict[str, str]:
    """The kinds of ``labels`` that occur in a long table's Kind column, with their labels."""
    present = set(frame["Kind"]) if "Kind" in frame else set()
    return {k: v for k, v in labels.items() if k in present}


def _localise(frame: pd.DataFrame, kinds: Mapping[str, str], columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    out = frame.drop(columns=[c for c in HIDDEN if c in frame])
    if "Kind" in out:
        out["Kind"] = out["Kind"].map(lambda k: kinds.get(k, k))
    for column, keys in VALUES.items():
        if column in out:
            out[column] = out[column].map(lambda v, keys=keys: t(keys[v]) if v in keys else v)
    names = {c: t(key) for c, key in COLUMNS.items()} | dict(columns or {})
    return out.rename(columns=names)


def records(frame: pd.DataFrame, brief: Brief, kinds: Mapping[str, str]) -> pd.DataFrame:
    """A long table (one row per record) for display: whether each row comes from text or the
    registry, the registry page or the document it was read from, labels in the chosen language."""
    if frame.empty:
        return _localise(frame, kinds)
    where = origins(brief)
    sources = brief.table("sources").frame
    documents = dict(zip(sources["Policy id"], sources["Document"]))
    out = frame.copy()
    out.insert(out.columns.get_loc("Kind"), "Origin", [t(f"prov.origin.{where.get(p, 'registry')}") for p in out["Policy id"]])
    out["Source"] = [documents.get(p, "") if where.get(p) == "text" else s for p, s in zip(out["Policy id"], out["Source"])]
    return _localise(out, kinds)


def subsidy_matrix(frame: pd.DataFrame, kinds: Mapping[str, str]) -> pd.DataFrame:
    """The policy × kind matrix restricted to ``kinds`` (the policies granting an amount of one of
    them), labels in the chosen language."""
    wanted = [f"{k} (万元)" for k in kinds if f"{k} (万元)" in frame]
    kept = frame[[c for c in frame.columns if not c.endswith("(万元)") or c in wanted]]
    if wanted:
        kept = kept[kept[wanted].notna().any(axis=1)]
    return _localise(kept, kinds, {f"{k} (万元)": f"{label} (万元)" for k, label in kinds.items()})


def target_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """The policy × target kind matrix with labels in the chosen language."""
    labels = target_kinds()
    return _localise(frame, labels, {column: labels[k] for k, column in TARGET_COLUMNS.items()})


def _tooltip(fields: Iterable[tuple[str, str, str]]) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{name}:{kind}", title=title) for name, kind, title in fields]


def _where_fields() -> list[tuple[str, str, str]]:
    return [("clause", "N", t("prov.col.clause")), ("source", "N", t("prov.col.source"))]


def _legend() -> alt.Legend:
    return alt.Legend(orient="bottom", columns=2, labelLimit=480, title=None)


def subsidy_chart(summary: pd.DataFrame, kinds: Mapping[str, str]) -> alt.Chart | None:
    """Points of the largest amount (万元, log scale) per subsidy kind and policy, from the
    brief's subsidy summary; None when no row of ``kinds`` has an amount."""
    rows = summary[summary["Kind"].isin(list(kinds)) & summary["Largest amount (万元)"].notna()]
    if rows.empty:
        return None
    data = pd.DataFrame(
        {
            "policy": rows["Policy"],
            "kind": rows["Kind"].map(kinds),
            "amount": rows["Largest amount (万元)"].astype(float),
            "bound": rows["Cap or floor"].map(lambda v: t(VALUES["Cap or floor"][v]) if v in VALUES["Cap or floor"] else ""),
            "clause": rows["Clause"],
            "source": rows["Source"],
        }
    )
    order = [label for k, label in kinds.items() if k in set(rows["Kind"])]
    return (
        alt.Chart(data)
        .mark_circle(size=140, opacity=0.8)
        .encode(
            x=alt.X("kind:N", sort=order, title=t("prov.col.kind"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("amount:Q", scale=alt.Scale(type="log"), title=t("prov.col.largest")),
            color=alt.Color("policy:N", legend=_legend()),
            tooltip=_tooltip(
                [
                    ("policy", "N", t("prov.col.policy")),
                    ("kind", "N", t("prov.col.kind")),
                    ("amount", "Q", t("prov.col.largest")),
                    ("bound", "N", t("prov.col.bound")),
                    *_where_fields(),
                ]
            ),
        )
        .properties(height=380)
    )


def target_chart(targets: pd.DataFrame, kind: str, *, stack: bool) -> alt.Chart | None:
    """Horizontal bars of the target records of ``kind`` per policy, from the brief's long
    target table (亿元 for industry scale, counts otherwise). ``stack`` piles a policy's records
    (counts that add up); otherwise they stand side by side (core and related scale do not add
    up). None when no policy states a target of that kind."""
    rows = targets[targets["Kind"] == kind]
    if rows.empty:
        return None
    scopes = VALUES["Scope"]
    data = pd.DataFrame(
        {
            "policy": rows["Policy"],
            "label": rows["Label"],
            "value": rows["Value"].astype(float),
            "unit": rows["Unit"],
            "year": rows["Year"].astype("string").fillna(""),
            "scope": rows["Scope"].map(lambda v: t(scopes[v]) if v in scopes else t("prov.scope.none")),
            "clause": rows["Clause"],
            "source": rows["Source"],
        }
    )
    encoding = {
        "y": alt.Y("policy:N", title=None, axis=alt.Axis(labelLimit=360)),
        "x": alt.X("value:Q", title=t("prov.col.value") + f"（{rows['Unit'].iloc[0]}）", stack=True if stack else None),
        "color": alt.Color("label:N", legend=None) if stack else alt.Color("scope:N", title=t("prov.col.scope")),
        "tooltip": _tooltip(
            [
                ("policy", "N", t("prov.col.policy")),
                ("label", "N", t("prov.col.label")),
                ("value", "Q", t("prov.col.value")),
                ("unit", "N", t("prov.col.unit")),
                ("year", "N", t("prov.col.year")),
                ("scope", "N", t("prov.col.scope")),
                *_where_fields(),
            ]
        ),
    }
    if not stack:
        encoding["yOffset"] = alt.YOffset("scope:N")
    height = 40 + 34 * data["policy"].nunique()
    return alt.Chart(data).mark_bar(opacity=1.0 if stack else 0.75).encode(**encoding).properties(height=height)


@st.cache_data(show_spinner=False, max_entries=32)
def _export_file(path: str, version: str, selectors: tuple[str, ...], fmt: str) -> bytes:
    return brief_bytes(get_brief(selectors), fmt)


def export_file(selectors: tuple[str, ...], fmt: str) -> bytes:
    """The brief of ``selectors`` as a file in ``fmt``, built once per corpus version."""
    return _export_file(db_path(), corpus_version(), selectors, fmt)


def file_name(fmt: str, day: str) -> str:
    """The download's file name: ``policy-brief-2026-11-27.xlsx``."""
    return f"policy-brief-{day}.{fmt}"
