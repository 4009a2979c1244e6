"""Side by side: two policies' clauses aligned, with scores, classes and shared spans; or one
clause against the whole corpus."""

from __future__ import annotations

import dataclasses

import streamlit as st

from compare.explain import explain
from compare.match import match_clauses
from compare.models import MATCH_CLASSES, Alignment, Pair, clause_text
from compare.space import Filters
from corpus.library import load_clauses
from corpus.models import Clause
from ui.choices import default_pair, text_choices
from ui.i18n import level_labels, t
from ui.render import clause_citation, escape_markdown, highlight
from ui.resources import get_alignment, get_space, get_store

PAGE_SIZE = 40
CLASS_COLORS = {"identical": "green", "near-identical": "green", "reworded": "blue", "related": "gray", "unrelated": "gray"}


def _class_label(name: str) -> str:
    return t(f"class.{name}")


def _clause_block(clause: Clause, spans: tuple[tuple[int, int], ...], boilerplate: bool) -> None:
    citation = clause_citation(clause) or t("side.preamble")
    st.caption(escape_markdown(citation) + (f" · :gray-badge[{t('side.boilerplate')}]" if boilerplate else ""))
    st.markdown(highlight(clause_text(clause), spans))


def _pair(pair: Pair) -> None:
    with st.container(border=True):
        color = CLASS_COLORS[pair.match_class]
        st.markdown(
            f":{color}-badge[{_class_label(pair.match_class)}] **{pair.score:.2f}** · {t('side.ratio')} {pair.explanation.ratio:.2f}"
        )
        left, right = st.columns(2)
        with left:
            _clause_block(pair.a, pair.explanation.spans_a, pair.boilerplate)
        with right:
            _clause_block(pair.b, pair.explanation.spans_b, pair.boilerplate)


def _unmatched(title: str, clauses: tuple[Clause, ...], boilerplate: frozenset[str], hide: bool) -> None:
    shown = [c for c in clauses if not (hide and c.id in boilerplate)]
    st.markdown(f"**{title}** ({len(shown)})")
    if not shown:
        st.caption(t("side.none"))
    for clause in shown:
        with st.container(border=True):
            _clause_block(clause, (), clause.id in boilerplate)


def _summary(alignment: Alignment) -> None:
    a, b = alignment.a, alignment.b
    cols = st.columns(5)
    cols[0].metric(t("side.a_in_b"), f"{alignment.containment_ab:.0%}")
    cols[1].metric(t("side.b_in_a"), f"{alignment.containment_ba:.0%}")
    cols[2].metric(t("side.pairs"), len(alignment.pairs))
    cols[3].metric(t("side.only_a"), len(alignment.only_a))
    cols[4].metric(t("side.only_b"), len(alignment.only_b))
    dates = f"A {a.date or '—'} · B {b.date or '—'}"
    if a.date and b.date and a.date != b.date:
        dates += " · " + (t("side.a_earlier") if a.date < b.date else t("side.b_earlier"))
    st.caption(dates + " · " + t("side.containment_help"))


def _two_policies(choices: dict[str, str]) -> None:
    first, second = default_pair(choices)
    for key, default in (("side_a", first), ("side_b", second)):
        if st.session_state.get(key) not in choices:
            st.session_state[key] = default
    cols = st.columns(2)
    a = cols[0].selectbox("A", list(choices), format_func=choices.__getitem__, key="side_a")
    b = cols[1].selectbox("B", list(choices), format_func=choices.__getitem__, key="side_b")
    space = get_space()
    controls = st.columns([2, 1, 2])
    threshold = controls[0].slider(t("side.threshold"), 0.0, 1.0, float(space.thresholds["related"]), 0.01, key="side_threshold")
    hide = controls[1].toggle(t("side.hide_boilerplate"), key="side_hide")
    labels = {c: _class_label(c) for c in MATCH_CLASSES[:-1]}
    classes = controls[2].multiselect(
        t("side.classes"), list(labels), default=list(labels), format_func=labels.__getitem__, key="side_classes"
    )
    if a is None or b is None:
        st.info(t("side.need_two"))
        return
    with st.spinner(t("side.aligning")):
        alignment = get_alignment(a, b, threshold, hide)
    _summary(alignment)
    pairs = [p for p in alignment.pairs if p.match_class in classes and not (hide and p.boilerplate)]
    tabs = st.tabs(
        [
            f"{t('side.aligned')} ({len(pairs)})",
            f"{t('side.only_a')} ({len(alignment.only_a)})",
            f"{t('side.only_b')} ({len(alignment.only_b)})",
        ]
    )
    with tabs[0]:
        if not pairs:
            st.info(t("side.no_pairs"))
        pages = max(1, -(-len(pairs) // PAGE_SIZE))
        page = st.number_input(t("side.page"), 1, pages, 1, key="side_page") if pages > 1 else 1
        for pair in pairs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
            _pair(pair)
    with tabs[1]:
        _unmatched(alignment.a.title, alignment.only_a, alignment.boilerplate_a, hide)
    with tabs[2]:
        _unmatched(alignment.b.title, alignment.only_b, alignment.boilerplate_b, hide)


def _clause_vs_corpus(choices: dict[str, str]) -> None:
    store = get_store()
    source = st.selectbox(t("side.policy"), list(choices), format_func=choices.__getitem__, key="side_clause_policy")
    clause_set = load_clauses(store, source)
    clauses = {c.id: c for c in clause_set.clauses}
    labels = {cid: (clause_citation(c) or c.text[:30]) + " — " + c.text[:30] for cid, c in clauses.items()}
    cid = st.selectbox(t("side.clause"), list(labels), format_func=labels.__getitem__, key="side_clause")
    cols = st.columns(2)
    k = cols[0].slider(t("side.top"), 1, 20, 5, key="side_top")
    levels_shown = level_labels()
    levels = cols[1].multiselect(
        t("corpus.level"), list(levels_shown), format_func=levels_shown.__getitem__, key="side_levels", placeholder=t("common.all")
    )
    clause = clauses[cid]
    space = get_space()
    one = dataclasses.replace(clause_set, clauses=(clause,), context=())
    matches = match_clauses(space, one, k=k, filters=Filters(levels=tuple(levels)) if levels else None)
    hits = matches[0].candidates if matches else ()
    st.markdown(f"#### {t('side.this_clause')}")
    _clause_block(clause, (), False)
    st.markdown(f"#### {t('side.in_corpus')} ({len(hits)})")
    if not hits:
        st.info(t("side.no_hits"))
    for hit in hits:
        why = hit.explanation or explain(clause_text(clause), clause_text(hit.clause), hit.score, space.thresholds)
        policy = space.policies.get(hit.policy_id or "")
        with st.container(border=True):
            title = policy.display_title if policy else hit.policy_id or ""
            st.markdown(
                f":{CLASS_COLORS[why.match_class]}-badge[{_class_label(why.match_class)}] **{hit.score:.2f}** · {escape_markdown(title)}"
            )
            _clause_block(hit.clause, why.spans_b, hit.boilerplate)


def render() -> None:
    st.title(t("nav.side"))
    choices = text_choices(get_store())
    if not choices:
        st.info(t("side.no_texts"))
        return
    mode = st.segmented_control(
        t("side.mode"),
        ["pair", "clause"],
        format_func={"pair": t("side.mode_pair"), "clause": t("side.mode_clause")}.__getitem__,
        key="side_mode",
        default="pair",
    )
    if mode == "clause":
        _clause_vs_corpus(choices)
    else:
        _two_policies(choices)


render()
