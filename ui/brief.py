"""The briefing tables on screen: the policy picker, labels in the chosen language, the charts
and the export files.

Every figure comes from ``compare.briefing.brief`` (through the cached ``get_brief``); here columns and
kinds are only renamed, rows filtered and figures drawn. Each chart's tooltip names the policy
and the clause path or registry page of the figure, so a point on screen can be traced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import altair as alt
import pandas as pd
import streamlit as st

from compare.briefing.brief import Brief
from compare.briefing.export import brief_bytes
from compare.briefing.labels import SUBSIDY_KIND_LABELS, TARGET_KIND_LABELS, VALUE_LABELS, column_label, labels_of, localise_frame, pick
from compare.briefing.overview import Containment
from ui.i18n import lang, t
from ui.instruments import brief_with_instruments, codes_signature
from ui.resources import corpus_version, db_path, get_store

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
    "csv": "text/csv",
}
HIDDEN = ("Amount (元)", "Policy id")


def col(name: str) -> str:
    """A brief column's header in the chosen language (the same words as the exported files)."""
    return column_label(name, lang())


def value(column: str, code: str) -> str:
    """A coded value of a column ("cap", "month", "core") in the chosen language."""
    labels = VALUE_LABELS.get(column, {})
    return pick(labels[code], lang()) if code in labels else code


def subsidy_kinds() -> dict[str, str]:
    """Every subsidy kind granted to firms (funds and budgets apart) and its label, in the design's order."""
    return {k: v for k, v in labels_of(SUBSIDY_KIND_LABELS, lang()).items() if k != "fund"}


def target_kinds() -> dict[str, str]:
    """Every target kind and its label, in the design's order."""
    return labels_of(TARGET_KIND_LABELS, lang())


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


def _localise(frame: pd.DataFrame) -> pd.DataFrame:
    return localise_frame(frame, lang(), hidden=HIDDEN)


def records(frame: pd.DataFrame, brief: Brief) -> pd.DataFrame:
    """A long table (one row per record) for display: whether each row comes from text or the
    registry, the registry page or the document it was read from, labels in the chosen language;
    the internal clause id last."""
    if frame.empty:
        return _localise(frame)
    where = origins(brief)
    sources = brief.table("sources").frame
    documents = dict(zip(sources["Policy id"], sources["Document"]))
    out = frame.copy()
    if "Kind" in out:
        out.insert(out.columns.get_loc("Kind"), "Origin", [where.get(p, "registry") for p in out["Policy id"]])
    out["Source"] = [documents.get(p, "") if where.get(p) == "text" else s for p, s in zip(out["Policy id"], out["Source"])]
    if "Clause id" in out:
        out = out[[c for c in out.columns if c != "Clause id"] + ["Clause id"]]
    return _localise(out)


def subsidy_matrix(frame: pd.DataFrame, kinds: Mapping[str, str]) -> pd.DataFrame:
    """The policy × kind matrix restricted to ``kinds`` (the policies granting one of them), labels
    in the chosen language; each cell lists the largest grant per instrument with its unit."""
    wanted = [f"kind:{k}" for k in kinds if f"kind:{k}" in frame]
    kept = frame[[c for c in frame.columns if not str(c).startswith("kind:") or c in wanted]]
    if wanted:
        kept = kept[kept[wanted].notna().any(axis=1)]
    return _localise(kept)


def target_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """The policy × target matrix with labels in the chosen language."""
    return _localise(frame)


def _tooltip(fields: Iterable[tuple[str, str, str]]) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{name}:{kind}", title=title) for name, kind, title in fields]


def _where_fields() -> list[tuple[str, str, str]]:
    return [("clause", "N", col("Clause")), ("source", "N", col("Source"))]


def _legend() -> alt.Legend:
    return alt.Legend(orient="bottom", columns=2, labelLimit=480, title=None)


def subsidy_chart(summary: pd.DataFrame, kinds: Mapping[str, str]) -> alt.Chart | None:
    """Points of the largest amount (万元, log scale) per subsidy kind, instrument and policy, from
    the brief's subsidy summary; the shape tells the instrument (a grant, per person, per year…)
    and the tooltip gives the amount with its unit and period. None when no row of ``kinds`` has
    an amount."""
    rows = summary[summary["Kind"].isin(list(kinds)) & summary["Largest amount (万元)"].notna()]
    if rows.empty:
        return None
    data = pd.DataFrame(
        {
            "policy": rows["Policy"],
            "kind": rows["Kind"].map(kinds),
            "instrument": [
                " · ".join(x for x in (value("Form", f), value("Per", p) if p else "") if x) for f, p in zip(rows["Form"], rows["Per"])
            ],
            "amount": rows["Largest amount (万元)"].astype(float),
            "largest": rows["Largest"],
            "clause": rows["Clause"],
            "source": rows["Source"],
        }
    )
    order = [label for k, label in kinds.items() if k in set(rows["Kind"])]
    return (
        alt.Chart(data)
        .mark_point(size=140, opacity=0.85, filled=True)
        .encode(
            x=alt.X("kind:N", sort=order, title=col("Kind"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("amount:Q", scale=alt.Scale(type="log"), title=col("Largest amount (万元)")),
            color=alt.Color("policy:N", legend=_legend()),
            shape=alt.Shape("instrument:N", title=col("Form")),
            tooltip=_tooltip(
                [
                    ("policy", "N", col("Policy")),
                    ("kind", "N", col("Kind")),
                    ("instrument", "N", col("Form")),
                    ("largest", "N", col("Largest")),
                    *_where_fields(),
                ]
            ),
        )
        .properties(height=380)
    )


def target_chart(targets: pd.DataFrame, kind: str) -> alt.Chart | None:
    """Horizontal bars of the target records of ``kind`` per policy, from the brief's long target
    table (亿元 for industry scale, counts otherwise), each target its own bar side by side: two
    different targets are never stacked into one length. None when no policy states one."""
    rows = targets[targets["Kind"] == kind]
    if rows.empty:
        return None
    data = pd.DataFrame(
        {
            "policy": rows["Policy"],
            "label": rows["Label"],
            "value": rows["Value"].astype(float),
            "unit": rows["Unit"],
            "year": rows["Year"].astype("string").fillna(""),
            "scope": rows["Scope"].map(lambda v: value("Scope", v) if v else t("prov.scope.none")),
            "clause": rows["Clause"],
            "source": rows["Source"],
        }
    )
    series = "scope" if kind == "industry_scale" else "label"
    encoding = {
        "y": alt.Y("policy:N", title=None, axis=alt.Axis(labelLimit=360)),
        "x": alt.X("value:Q", title=col("Value") + f"（{rows['Unit'].iloc[0]}）", stack=None),
        "yOffset": alt.YOffset(f"{series}:N"),
        "color": alt.Color(f"{series}:N", title=col("Scope") if series == "scope" else col("Label"), legend=_legend()),
        "tooltip": _tooltip(
            [
                ("policy", "N", col("Policy")),
                ("label", "N", col("Label")),
                ("value", "Q", col("Value")),
                ("unit", "N", col("Unit")),
                ("year", "N", col("Year")),
                ("scope", "N", col("Scope")),
                *_where_fields(),
            ]
        ),
    }
    per_policy = data.groupby("policy")[series].nunique().max()
    height = 40 + (18 * int(per_policy) + 16) * data["policy"].nunique()
    return alt.Chart(data).mark_bar(opacity=0.85).encode(**encoding).properties(height=height)


@st.cache_data(show_spinner=False, max_entries=32)
def _export_file(path: str, version: str, selectors: tuple[str, ...], fmt: str, language: str, codes: str) -> bytes:
    return brief_bytes(brief_with_instruments(selectors), fmt)


def export_file(selectors: tuple[str, ...], fmt: str) -> bytes:
    """The brief of ``selectors`` (with the policy-instrument tables) as a file in ``fmt`` in the
    interface's language, built once per corpus version and set of manual instrument codes."""
    return _export_file(db_path(), corpus_version(), selectors, fmt, lang(), codes_signature())


def file_name(fmt: str, day: str) -> str:
    """The download's file name: ``policy-brief-2026-11-27.xlsx``."""
    return f"policy-brief-{day}.{fmt}"


LEVEL_ORDER = ("district", "city", "province")


def timeline_chart(points: pd.DataFrame, links: Iterable[Containment]) -> alt.Chart | alt.LayerChart | alt.FacetChart | None:
    """The policies as points by date (x) in lanes by level (districts, cities, provinces, top to
    bottom), with an arrow (a line ending in a triangle) from each earlier policy to a later one
    that contains much of it; tooltips name the policy, its date and the shares. None when no
    policy is dated."""
    if points.empty:
        return None
    levels = {k: value("Level", k) for k in LEVEL_ORDER}
    data = points.assign(level=points["Level"].map(lambda v: levels.get(v, v or "—")))
    where = {row["Policy id"]: row for _, row in data.iterrows()}
    lane = [levels[k] for k in LEVEL_ORDER] + sorted(set(data["level"]) - set(levels.values()))
    y = alt.Y("level:N", sort=lane, title=t("overview.level"), scale=alt.Scale(domain=lane))
    dots = (
        alt.Chart(data)
        .mark_circle(size=160, opacity=0.85)
        .encode(
            x=alt.X("Date:T", title=t("overview.date"), axis=alt.Axis(format="%Y-%m")),
            y=y,
            color=alt.Color("level:N", legend=None, scale=alt.Scale(domain=lane)),
            tooltip=_tooltip(
                [
                    ("Policy", "N", col("Policy")),
                    ("Jurisdiction", "N", col("Jurisdiction")),
                    ("Date", "N", col("Date")),
                    ("level", "N", col("Level")),
                ]
            ),
        )
    )
    arrows = [
        {
            "pair": n,
            "step": step,
            "Date": where[policy]["Date"],
            "level": where[policy]["level"],
            "from": where[link.earlier]["Policy"],
            "to": where[link.later]["Policy"],
            "share": round(link.share, 2),
            "back": round(link.back, 2),
        }
        for n, link in enumerate(links)
        for step, policy in enumerate((link.earlier, link.later))
    ]
    if not arrows:
        return dots.properties(height=260)
    lines = pd.DataFrame(arrows)
    tips = _tooltip(
        [
            ("from", "N", t("overview.from")),
            ("to", "N", t("overview.to")),
            ("share", "Q", t("overview.share")),
            ("back", "Q", t("overview.back")),
        ]
    )
    line = alt.Chart(lines).mark_line(color="#888", strokeWidth=1.5).encode(x="Date:T", y=y, detail="pair:N", order="step:Q", tooltip=tips)
    heads = (
        alt.Chart(lines[lines["step"] == 1])
        .mark_point(shape="triangle-right", size=120, filled=True, color="#555")
        .encode(x="Date:T", y=y, tooltip=tips)
    )
    return alt.layer(line, heads, dots).properties(height=260)
