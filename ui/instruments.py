"""The policy-instrument codes on screen: the cached coder and codes, labels in the chosen
language, and the charts.

Automatic codes are cached by database, embedder, corpus version and the policies chosen; the
manual codes are part of the key (their signature), so a correction shows at once everywhere.
Every figure comes from ``compare.instruments``; here names are translated and figures drawn.
"""

from __future__ import annotations

import hashlib

import altair as alt
import pandas as pd
import streamlit as st

from compare.briefing.brief import Brief
from compare.instruments import DIMENSIONS, STAGES, TOOLS, CodedPolicy, InstrumentCoder, code_policies, load_lexicon
from compare.instruments.brief_tables import evidence_text, instrument_mix, instrument_tables, with_instruments
from ui.i18n import lang, t
from ui.resources import corpus_version, db_path, embedder_name, get_brief, get_store


@st.cache_resource(show_spinner=False, max_entries=4)
def _coder(embedder: str) -> InstrumentCoder:
    return InstrumentCoder(embedder=embedder).fit()


def codes_signature() -> str:
    """Changes whenever a manual code is saved or removed: part of every cache key that shows codes."""
    return _codes_signature()


def _codes_signature() -> str:
    codes = get_store().instrument_codes()
    return hashlib.sha256(repr(sorted(codes.items())).encode()).hexdigest()[:16]


@st.cache_data(show_spinner=False, max_entries=32)
def _coded(path: str, embedder: str, version: str, selectors: tuple[str, ...], codes: str) -> list[CodedPolicy]:
    return code_policies(get_store(), list(selectors), _coder(embedder))


def get_coded(selectors: tuple[str, ...]) -> list[CodedPolicy]:
    """The chosen policies coded, manual codes applied (cached until the corpus or a code changes)."""
    name = embedder_name()
    return _coded(db_path(), name, corpus_version(), selectors, codes_signature())


def coder() -> InstrumentCoder:
    return _coder(embedder_name())


def brief_with_instruments(selectors: tuple[str, ...]) -> Brief:
    """The brief of ``selectors`` (``get_brief``) with each policy's instrument mix in its overview
    and the instrument tables of those with text added, in the interface's language: what the
    Export and Overview pages show and the files hold."""
    with st.spinner(t("app.coding")):
        coded = get_coded(selectors)
    lexicon = coder().lexicon_
    brief = get_brief(selectors, instrument_mix(coded, lexicon, lang()))  # the mix fills the overview's column
    return with_instruments(brief, instrument_tables(coded, lexicon, lang()))


def evidence_column(coded: list[CodedPolicy]) -> dict[str, str]:
    """Clause id → its evidence in one line, tool names in the interface's language."""
    lexicon = coder().lexicon_
    return {c.clause.id: evidence_text(c, lexicon, lang()) for p in coded for c in p.codings}


def tool_label(tool: str | None) -> str:
    """A tool's name in the chosen language ("—" for no instrument)."""
    if not isinstance(tool, str) or not tool:  # None, or NaN out of a frame
        return "—"
    cat = load_lexicon().tools[tool]
    return cat.en if lang() == "en" else cat.zh


def dimension_label(dimension: str | None) -> str:
    if not isinstance(dimension, str) or not dimension:
        return "—"
    zh, en = load_lexicon().dimensions[dimension]
    return en if lang() == "en" else zh


def stage_label(stage: str | None) -> str:
    if not isinstance(stage, str) or not stage:
        return "—"
    cat = load_lexicon().stages[stage]
    return cat.en if lang() == "en" else cat.zh


def tool_order() -> list[str]:
    return [tool_label(t) for t in TOOLS]


def heatmap(matrix: pd.DataFrame, labels: dict[str, str], titles: dict[str, str]) -> alt.Chart:
    """Policy × tool heatmap of shares, counts written in the cells; a click selects a cell."""
    frame = matrix.assign(
        tool_name=[tool_label(t) for t in matrix["Tool"]],
        dimension_name=[dimension_label(d) for d in matrix["Dimension"]],
        policy_name=[labels[p] for p in matrix["Policy id"]],
        title=[titles[p] for p in matrix["Policy id"]],
    )
    pick = alt.selection_point(fields=["Policy id", "Tool"], name="cell", on="click")
    base = alt.Chart(frame).encode(
        x=alt.X("tool_name:N", sort=tool_order(), title=None, axis=alt.Axis(labelAngle=-35, labelLimit=160, labelOverlap=False)),
        y=alt.Y("policy_name:N", sort=list(labels.values()), title=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = (
        base.mark_rect()
        .encode(
            color=alt.Color(
                "Share:Q",
                scale=alt.Scale(scheme="oranges", domain=[0, max(0.3, float(frame["Share"].max() or 0))]),
                title=None,
                legend=alt.Legend(format=".0%"),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
            tooltip=[
                alt.Tooltip("title:N", title="政策 Policy"),
                alt.Tooltip("dimension_name:N", title="维度 Dimension"),
                alt.Tooltip("tool_name:N", title="工具 Tool"),
                alt.Tooltip("Clauses:Q", title="条款 Clauses"),
                alt.Tooltip("Share:Q", title="占比 Share", format=".0%"),
            ],
        )
        .add_params(pick)
    )
    counts = base.mark_text(fontSize=12).encode(text=alt.Text("Clauses:Q"), color=alt.value("#222"))
    return (cells + counts).properties(height=alt.Step(40))


def dimension_bars(summary: pd.DataFrame, labels: dict[str, str]) -> alt.Chart:
    """Dimension shares per policy as stacked horizontal bars, supply → environment → demand."""
    order = [dimension_label(d) for d in DIMENSIONS]
    frame = summary.assign(
        dimension_name=[dimension_label(d) for d in summary["Dimension"]],
        order=[DIMENSIONS.index(d) for d in summary["Dimension"]],
        policy_name=[labels[p] for p in summary["Policy id"]],
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Share:Q", stack="normalize", axis=alt.Axis(format="%"), title=None),
            y=alt.Y("policy_name:N", sort=list(labels.values()), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "dimension_name:N", sort=order, scale=alt.Scale(domain=order, range=["#4c78a8", "#f58518", "#54a24b"]), title=None
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("policy_name:N", title="政策 Policy"),
                alt.Tooltip("dimension_name:N", title="维度 Dimension"),
                alt.Tooltip("Clauses:Q", title="条款 Clauses"),
                alt.Tooltip("Share:Q", title="占比 Share", format=".0%"),
            ],
        )
        .properties(height=max(90, 40 * len(labels)))
    )


def stage_table(long: pd.DataFrame) -> pd.DataFrame:
    """The tool × stage counts as a wide table with translated names (tools without clauses left out)."""
    if long.empty:
        return pd.DataFrame()
    wide = long.pivot_table(index="Tool", columns="Stage", values="Clauses", aggfunc="sum", sort=False)[list(STAGES)]
    wide = wide.reindex(list(TOOLS))
    wide = wide[wide.sum(axis=1) > 0]
    wide.index = [f"{dimension_label(load_lexicon().dimension_of(t))} · {tool_label(t)}" for t in wide.index]
    wide.columns = [stage_label(s) for s in wide.columns]
    wide.loc[("∑")] = wide.sum(axis=0)
    return wide.astype(int)
