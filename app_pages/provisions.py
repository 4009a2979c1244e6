"""Subsidies & targets page: the chosen policies' grants and aims side by side, as tables and charts.

Records come from a policy's text where it has one, else from the research registry (marked so,
with the page they were read on). Each chart's tooltip names the clause or registry page.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from compare.briefing.brief import Brief
from compare.provisions.numbers import number_text
from ui.brief import col, kinds_present, origins, pick_policies, records, subsidy_chart, subsidy_kinds, target_chart, target_kinds
from ui.brief import subsidy_matrix as subsidy_matrix_view
from ui.brief import target_matrix as target_matrix_view
from ui.i18n import t
from ui.resources import get_brief

ORIGINS = ("all", "text", "registry")
NUMBERS = {
    "Amount (万元)": st.column_config.NumberColumn(format="localized"),
    "Largest amount (万元)": st.column_config.NumberColumn(format="localized"),
    "Size (万元)": st.column_config.NumberColumn(format="localized"),
    "Rate": st.column_config.NumberColumn(format="percent"),
    "Value": st.column_config.NumberColumn(format="localized"),
}


def _number(value: object) -> str:
    """Numbers as written in a briefing: thousands separated, no trailing zeros."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, int | float):
        return number_text(value, grouped=True)
    return str(value)


def _dashed(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text cells shown as a dash: the grid would print a missing string as "None"."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.assign(**{c: frame[c].astype(object).where(frame[c].notna(), "—") for c in text})


def _column_config() -> dict[str, Any]:
    return {col(key): config for key, config in NUMBERS.items()}


def _kind_filter(label_key: str, kinds: dict[str, str], key: str) -> dict[str, str]:
    """The kinds the user keeps (all when none is chosen), with their labels."""
    chosen = st.multiselect(t(label_key), list(kinds), format_func=kinds.__getitem__, key=key, placeholder=t("prov.all_kinds"))
    return {k: v for k, v in kinds.items() if k in chosen} if chosen else kinds


def _section(brief: Brief, name: str, labels: dict[str, str], empty_key: str, key: str) -> tuple[pd.DataFrame, dict[str, str]] | None:
    """The long table ``name`` and the kinds the user keeps; None (and a note) when it is empty."""
    long = brief.table(name).frame
    if long.empty:
        st.info(t(empty_key))
        return None
    return long, _kind_filter("prov.kinds", kinds_present(long, labels), key)


def _records(brief: Brief, long: pd.DataFrame, kinds: dict[str, str], title_key: str, key: str) -> None:
    st.markdown(f"#### {t(title_key)}")
    shown = long[long["Kind"].isin(list(kinds))]
    st.dataframe(records(shown, brief), hide_index=True, column_config=_column_config(), key=key)
    st.caption(t("prov.table_caption"))


def _subsidies(brief: Brief) -> None:
    labels = subsidy_kinds()
    section = _section(brief, "subsidies", labels, "prov.no_subsidies", "prov_subsidy_kinds")
    if section is None:
        return
    long, kinds = section
    st.markdown(f"#### {t('prov.subsidy_matrix')}")
    st.dataframe(
        _dashed(subsidy_matrix_view(brief.table("subsidy_matrix").frame, kinds)).style.format(_number, na_rep="—"),
        hide_index=True,
        column_config=_column_config(),
    )
    st.markdown(f"#### {t('prov.subsidy_chart')}")
    chart = subsidy_chart(brief.table("subsidy_summary").frame, kinds)
    if chart is None:
        st.info(t("prov.no_amounts"))
    else:
        st.altair_chart(chart, width="stretch")
        st.caption(t("prov.chart_caption"))
    _records(brief, long, kinds, "prov.subsidy_records", "prov_subsidies_table")
    funds = brief.table("funds").frame
    if not funds.empty:
        st.markdown(f"#### {brief.table('funds').title}")
        st.dataframe(records(funds, brief), hide_index=True, column_config=_column_config(), key="prov_funds_table")


def _targets(brief: Brief) -> None:
    labels = target_kinds()
    section = _section(brief, "targets", labels, "prov.no_targets", "prov_target_kinds")
    if section is None:
        return
    long, kinds = section
    st.markdown(f"#### {t('prov.target_matrix')}")
    st.dataframe(
        _dashed(target_matrix_view(brief.table("target_matrix").frame)).style.format(_number, na_rep="—"),
        hide_index=True,
        column_config=_column_config(),
    )
    for kind, title, empty in (
        ("industry_scale", "prov.scale_chart", "prov.no_scale"),
        ("enterprises", "prov.enterprise_chart", "prov.no_enterprises"),
    ):
        st.markdown(f"#### {t(title)}")
        chart = target_chart(long, kind)
        if chart is None:
            st.info(t(empty))
        else:
            st.altair_chart(chart, width="stretch")
    st.caption(t("prov.chart_caption"))
    _records(brief, long, kinds, "prov.target_records", "prov_targets_table")


def render() -> None:
    st.title(t("nav.provisions"))
    st.caption(t("prov.caption"))
    chosen = pick_policies("prov_policies", t("prov.policies"))
    labels = {o: t(f"prov.origin.{o}") for o in ORIGINS}
    origin = st.segmented_control(
        t("prov.origin"), list(labels), format_func=labels.__getitem__, default="all", required=True, key="prov_origin"
    )
    if chosen and origin in ("text", "registry"):
        where = origins(get_brief(chosen))
        chosen = tuple(p for p in chosen if where.get(p) == origin)
    if not chosen:
        st.info(t("prov.none"))
        return
    brief = get_brief(chosen)
    cols = st.columns(4)
    cols[0].metric(t("prov.n_policies"), len(chosen))
    cols[1].metric(t("prov.n_text"), sum(o == "text" for o in origins(brief).values()))
    cols[2].metric(t("prov.n_subsidies"), len(brief.table("subsidies").frame))
    cols[3].metric(t("prov.n_targets"), len(brief.table("targets").frame))
    subsidies, targets = st.tabs([t("prov.subsidies"), t("prov.targets")])
    with subsidies:
        _subsidies(brief)
    with targets:
        _targets(brief)


render()
