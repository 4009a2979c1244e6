"""Similarity map: the policy × policy containment matrix as a heatmap with dates; clicking a
cell opens that pair side by side."""

from __future__ import annotations

from collections import Counter

import altair as alt
import pandas as pd
import streamlit as st

from compare.similarity.matrix import PolicyMatrix
from ui.choices import text_choices
from ui.i18n import level_labels, t
from ui.render import policies_table
from ui.resources import get_matrix, get_space, get_store

SIDE_PAGE = "app_pages/side_by_side.py"


def _labels(matrix: PolicyMatrix) -> dict[str, str]:
    """Axis labels: place and date, with the id when two policies would read alike (the chart
    groups by label, so two alike would merge into one row)."""
    out = {}
    for key, p in zip(matrix.keys, matrix.policies, strict=True):
        doc = f" #{key.split('@')[1]}" if "@" in key else ""
        out[key] = f"{p.jurisdiction} {p.date or '—'}{doc}"
    counts = Counter(out.values())
    return {key: f"{label} ({key})" if counts[label] > 1 else label for key, label in out.items()}


def _frame(matrix: PolicyMatrix, labels: dict[str, str]) -> pd.DataFrame:
    titles = {k: p.display_title for k, p in zip(matrix.keys, matrix.policies, strict=True)}
    rows = [
        {
            "a": c["a"],
            "b": c["b"],
            "A": labels[c["a"]],
            "B": labels[c["b"]],
            "title_a": titles[c["a"]],
            "title_b": titles[c["b"]],
            "a_in_b": c["a_in_b"],
            "b_in_a": c["b_in_a"],
            "symmetric": c["symmetric"],
            "date_a": c["date_a"] or "—",
            "date_b": c["date_b"] or "—",
            "earlier": labels.get(c["earlier"] or "", "—") if c["earlier"] else "—",
        }
        for c in matrix.cells()
    ]
    return pd.DataFrame(rows)


def _open_pair(a: str, b: str) -> None:
    st.session_state["side_a"], st.session_state["side_b"] = a, b
    st.session_state["side_mode"] = "pair"
    st.switch_page(SIDE_PAGE)


def _heatmap(frame: pd.DataFrame, order: list[str]) -> None:
    pick = alt.selection_point(fields=["a", "b"], name="cell", on="click")
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("B:N", sort=order, title=t("map.found_in"), axis=alt.Axis(labelLimit=260, labelAngle=-30)),
            y=alt.Y("A:N", sort=order, title=t("map.policy"), axis=alt.Axis(labelLimit=260)),
            color=alt.Color("a_in_b:Q", scale=alt.Scale(domain=[0, 1], scheme="blues"), title=t("map.share")),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6)),
            tooltip=[
                alt.Tooltip("title_a:N", title="A"),
                alt.Tooltip("title_b:N", title="B"),
                alt.Tooltip("a_in_b:Q", title=t("side.a_in_b"), format=".0%"),
                alt.Tooltip("b_in_a:Q", title=t("side.b_in_a"), format=".0%"),
                alt.Tooltip("date_a:N", title="A " + t("col.date")),
                alt.Tooltip("date_b:N", title="B " + t("col.date")),
                alt.Tooltip("earlier:N", title=t("map.earlier")),
            ],
        )
        .add_params(pick)
        .properties(height=max(240, 28 * len(order)))
    )
    event = st.altair_chart(chart, width="stretch", on_select="rerun", key="map_chart")
    points = (getattr(event, "selection", None) or {}).get("cell") or []
    if points and isinstance(points, list) and "a" in points[0] and "b" in points[0]:
        _open_pair(str(points[0]["a"]), str(points[0]["b"]))


def render() -> None:
    st.title(t("nav.map"))
    st.caption(t("map.help"))
    store = get_store()
    n_policies = sum(s.has_text for s in store.summaries())
    space = get_space()
    cols = st.columns([2, 1, 1, 2])
    threshold = cols[0].slider(t("side.threshold"), 0.0, 1.0, float(space.thresholds["related"]), 0.01, key="map_threshold")
    hide = cols[1].toggle(t("side.hide_boilerplate"), key="map_hide")
    by_document = cols[2].toggle(t("map.by_document"), value=n_policies < 2, key="map_by_document")
    levels_shown = level_labels()
    levels = cols[3].multiselect(
        t("corpus.level"), list(levels_shown), format_func=levels_shown.__getitem__, key="map_levels", placeholder=t("common.all")
    )
    matrix = get_matrix(threshold, hide, tuple(levels) or None, by_document)
    labels = _labels(matrix)
    if len(matrix.keys) < 2:
        st.info(t("map.need_two"))
    else:
        frame = _frame(matrix, labels)
        _heatmap(frame, [labels[matrix.keys[i]] for i in matrix.order])
        st.markdown(f"#### {t('map.pairs')}")
        table = frame.sort_values("symmetric", ascending=False)
        st.dataframe(
            table[["title_a", "date_a", "title_b", "date_b", "a_in_b", "b_in_a", "earlier"]].rename(
                columns={
                    "title_a": "A",
                    "title_b": "B",
                    "date_a": "A " + t("col.date"),
                    "date_b": "B " + t("col.date"),
                    "a_in_b": t("side.a_in_b"),
                    "b_in_a": t("side.b_in_a"),
                    "earlier": t("map.earlier"),
                }
            ),
            hide_index=True,
            column_config={
                t("side.a_in_b"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent"),
                t("side.b_in_a"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent"),
            },
        )
        choices = text_choices(store)
        pairs = {f"{r.a}|{r.b}": f"{choices.get(r.a, r.a)}  ⟷  {choices.get(r.b, r.b)}" for r in table.itertuples()}
        chosen = st.selectbox(t("map.open"), list(pairs), format_func=pairs.__getitem__, key="map_pair")
        if st.button(t("map.open_button"), key="map_open"):
            a, b = chosen.split("|")
            _open_pair(a, b)
    if matrix.missing:
        with st.expander(f"{t('map.missing')} ({len(matrix.missing)})"):
            st.dataframe(policies_table(matrix.missing), hide_index=True)


render()
