"""Policy instruments: every clause coded as a supply, environment or demand tool, the policy × tool
matrix as a heatmap (a click shows the clauses behind a cell, with their evidence), dimension
shares, the tool × stage table, and a form to correct a clause's code (stored, overriding)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from compare.briefing.labels import word
from compare.instruments import TOOLS, CodedPolicy, codes_frame, dimension_summary, set_manual_code, tool_matrix, tool_stage
from compare.instruments.tables import SEP
from ui.i18n import lang, t
from ui.instruments import coder, dimension_bars, dimension_label, evidence_column, get_coded, heatmap, stage_label, stage_table, tool_label
from ui.render import policies_table
from ui.resources import get_store

CELL_KEY = "tools_cell"


def _policy_labels(coded: list[CodedPolicy]) -> tuple[dict[str, str], dict[str, str]]:
    """Policy key → short axis label (jurisdiction and date) and → full title."""
    labels, titles = {}, {}
    for p in coded:
        if p.policy is not None:
            doc = f" #{p.selector.split('@')[1]}" if "@" in p.selector else ""
            labels[p.key] = f"{p.policy.jurisdiction} {p.policy.date or '—'}{doc}"
            titles[p.key] = p.policy.display_title
        else:
            labels[p.key] = titles[p.key] = p.title
    return labels, titles


def _clauses_view(frame: pd.DataFrame) -> pd.DataFrame:
    """The per-clause table with translated names and columns."""
    out = pd.DataFrame(
        {
            t("tools.col.policy"): frame["Policy"],
            t("tools.col.clause"): frame["Clause"].replace("(preamble)", word("preamble", lang())),
            t("tools.col.dimension"): [dimension_label(d) for d in frame["Dimension"]],
            t("tools.col.tool"): [tool_label(x) for x in frame["Tool"]],
            t("tools.col.tools"): ["、".join(tool_label(x) for x in s.split(", ") if x) for s in frame["Tools"]],
            t("tools.col.stage"): [stage_label(s) for s in frame["Stage"]],
            t("tools.col.method"): [t(f"tools.method.{m}") for m in frame["Method"]],
            t("tools.col.evidence"): frame["Evidence"],
            t("tools.col.text"): frame["Text"],
        }
    )
    return out


def _matrix_tab(coded: list[CodedPolicy], matrix: pd.DataFrame, frame: pd.DataFrame) -> None:
    labels, titles = _policy_labels([p for p in coded if p.has_text])
    st.caption(t("tools.matrix_help"))
    event = st.altair_chart(heatmap(matrix, labels, titles), width="stretch", on_select="rerun", key="tools_heatmap")
    points = (getattr(event, "selection", None) or {}).get("cell") or []
    if points and isinstance(points, list) and "Tool" in points[0]:
        st.session_state[CELL_KEY] = (str(points[0]["Policy id"]), str(points[0]["Tool"]))
    cell = st.session_state.get(CELL_KEY)
    if cell and cell[0] in labels:
        policy, tool = cell
        st.markdown(f"#### {t('tools.cell')}: {titles[policy]} · {tool_label(tool)}")
        chosen = frame[(frame["Policy id"] == policy) & (frame["Tool"] == tool)]
        if chosen.empty:
            st.info(t("tools.empty_cell"))
        else:
            st.dataframe(_clauses_view(chosen), hide_index=True, key="tools_cell_table")
    else:
        st.info(t("tools.click_hint"))
    st.markdown(f"#### {t('tools.counts')}")
    counts = matrix.pivot_table(index="Policy id", columns="Tool", values="Clauses", aggfunc="sum", sort=False)[list(TOOLS)]
    counts.index = [titles[p] for p in counts.index]
    counts.columns = [tool_label(x) for x in counts.columns]
    st.dataframe(counts)


def _dimensions_tab(summary: pd.DataFrame, coded: list[CodedPolicy]) -> None:
    labels, titles = _policy_labels([p for p in coded if p.has_text])
    st.caption(t("tools.dimension_help"))
    st.altair_chart(dimension_bars(summary, labels), width="stretch")
    view = pd.DataFrame(
        {
            t("tools.col.policy"): [titles[p] for p in summary["Policy id"]],
            t("tools.col.dimension"): [dimension_label(d) for d in summary["Dimension"]],
            t("tools.col.clauses"): summary["Clauses"],
            t("tools.col.share"): summary["Share"],
            t("tools.col.cited"): summary["Cited clauses"],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        column_config={t("tools.col.share"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")},
    )


def _stages_tab(stages: pd.DataFrame) -> None:
    st.caption(t("tools.stage_help"))
    table = stage_table(stages)
    st.dataframe(table, height=36 * (len(table) + 1) + 4)
    with st.expander(t("tools.stage_cells")):
        cited = stages[stages["Clauses"] > 0]
        st.dataframe(
            pd.DataFrame(
                {
                    t("tools.col.tool"): [tool_label(x) for x in cited["Tool"]],
                    t("tools.col.stage"): [stage_label(s) for s in cited["Stage"]],
                    t("tools.col.clauses"): cited["Clauses"],
                    t("tools.col.cited"): [c.replace(SEP, "\n") for c in cited["Cited clauses"]],
                }
            ),
            hide_index=True,
        )


def _correction(frame: pd.DataFrame) -> None:
    st.markdown(f"#### {t('tools.correct')}")
    st.caption(t("tools.correct_help"))
    rows = {r["Clause id"]: r for _, r in frame.iterrows()}
    options = {cid: f"{r['Policy id']} · {r['Clause']}" for cid, r in rows.items()}
    clause_id = st.selectbox(t("tools.clause"), list(options), format_func=options.__getitem__, key="tools_clause")
    if clause_id is None:
        return
    row = rows[clause_id]
    st.markdown(
        f"**{t('tools.current')}:** {tool_label(row['Tool'])} · {dimension_label(row['Dimension'])} · {t('tools.method.' + row['Method'])}"
    )
    st.text(row["Text"])
    choices = ["none", *TOOLS]
    names = {"none": t("tools.no_instrument")} | {x: tool_label(x) for x in TOOLS}
    with st.form("tools_form"):
        current = row["Tool"] if row["Tool"] in TOOLS else "none"
        tool = st.selectbox(t("tools.primary"), choices, index=choices.index(current), format_func=names.__getitem__)
        also = st.multiselect(t("tools.secondary"), list(TOOLS), format_func=names.__getitem__)
        note = st.text_input(t("tools.note"))
        author = st.text_input(t("tools.author"))
        if st.form_submit_button(t("tools.save")):
            set_manual_code(get_store(), clause_id, None if tool == "none" else tool, also, note=note, author=author)
            st.session_state["tools_flash"] = t("tools.saved")
            st.rerun()
    if row["Method"] == "manual" and st.button(t("tools.clear"), key="tools_clear"):
        get_store().delete_instrument_code(clause_id)
        st.session_state["tools_flash"] = t("tools.cleared")
        st.rerun()


def _clauses_tab(frame: pd.DataFrame) -> None:
    names = {x: tool_label(x) for x in TOOLS}
    only = st.multiselect(
        t("tools.filter_tool"), list(TOOLS), format_func=names.__getitem__, key="tools_filter", placeholder=t("common.all")
    )
    shown = frame[frame["Tool"].isin(only)] if only else frame
    st.dataframe(_clauses_view(shown), hide_index=True, key="tools_clauses_table")
    _correction(frame)


def render() -> None:
    st.title(t("nav.instruments"))
    st.caption(t("tools.caption"))
    if flash := st.session_state.pop("tools_flash", None):
        st.success(flash)
    summaries = get_store().summaries()
    titles = {s.policy.id: s.policy.display_title for s in summaries if s.has_text}
    missing = [s.policy for s in summaries if not s.has_text]
    with st.expander(t("tools.policies")):
        chosen = st.multiselect(
            t("tools.policies"), list(titles), default=list(titles), format_func=titles.__getitem__, key="tools_policies"
        )
    if not chosen:
        st.info(t("tools.none_chosen"))
    else:
        coded = get_coded(tuple(chosen))
        lexicon = coder().lexicon_
        frame = codes_frame(coded)
        frame["Evidence"] = frame["Clause id"].map(evidence_column(coded))
        cols = st.columns(4)
        cols[0].metric(t("tools.n_policies"), len(coded))
        cols[1].metric(t("tools.n_coded"), int(frame["Tool"].notna().sum()))
        cols[2].metric(t("tools.n_none"), int(frame["Tool"].isna().sum()))
        cols[3].metric(t("tools.n_manual"), int((frame["Method"] == "manual").sum()))
        tabs = st.tabs([t("tools.tab.matrix"), t("tools.tab.dimensions"), t("tools.tab.stages"), t("tools.tab.clauses")])
        with tabs[0]:
            _matrix_tab(coded, tool_matrix(coded, lexicon), frame)
        with tabs[1]:
            _dimensions_tab(dimension_summary(coded), coded)
        with tabs[2]:
            _stages_tab(tool_stage(coded))
        with tabs[3]:
            _clauses_tab(frame)
    if missing:
        with st.expander(f"{t('tools.missing')} ({len(missing)})"):
            st.dataframe(policies_table(missing), hide_index=True)


render()
