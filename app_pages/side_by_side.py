"""Side by side: two policies' clauses aligned, with scores, classes and what changed in each pair
(as Word's compare marks it) or their shared spans; or one clause against the whole corpus.

The page's state (the two texts, threshold, filters, or the clause) lives in the URL query, so a
link opens the same comparison.
"""

from __future__ import annotations

import contextlib
import dataclasses
from urllib.parse import urlencode

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from compare.briefing.alignment_export import ALIGNMENT_FORMATS, ComparisonView, comparison_view
from compare.similarity.diff import char_diff
from compare.similarity.explain import explain
from compare.similarity.match import match_clauses
from compare.similarity.models import MATCH_CLASSES, Alignment, Pair, clause_text
from compare.similarity.space import Filters
from corpus.library import load_clauses
from corpus.models import Clause
from ui.choices import default_pair, text_choices
from ui.i18n import lang, level_labels, t
from ui.render import changes, clause_citation, escape_markdown, highlight
from ui.resources import get_alignment, get_alignment_file, get_space, get_store

PAGE_SIZE = 40
CLASS_COLORS = {"identical": "green", "near-identical": "green", "reworded": "blue", "related": "gray", "unrelated": "gray"}
MARKS = ("changes", "shared")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_WRITTEN = "_side_link"  # the query this page last wrote, so a widget change is not undone by it


def _class_label(name: str) -> str:
    return t(f"class.{name}")


# ------------------------------------------------------------------------------- the link


def _restore_from_link(choices: dict[str, str]) -> None:
    """Put a shared link's state into the widgets, once per link (before they are drawn)."""
    query = st.query_params.to_dict()
    if not query or query == st.session_state.get(_WRITTEN):
        return
    st.session_state[_WRITTEN] = query
    state = st.session_state
    if query.get("mode") in ("pair", "clause"):
        state["side_mode"] = query["mode"]
    for key in ("a", "b"):
        if query.get(key) in choices:
            state[f"side_{key}"] = query[key]
    with contextlib.suppress(KeyError, ValueError, OverflowError):
        state["side_threshold"] = min(1.0, max(0.0, round(float(query["t"]), 2)))
    if "classes" in query:
        state["side_classes"] = [c for c in query["classes"].split(",") if c in MATCH_CLASSES]
    if "hide" in query:
        state["side_hide"] = query["hide"] == "1"
    if query.get("marks") in MARKS:
        state["side_marks"] = query["marks"]
    if query.get("policy") in choices:
        state["side_clause_policy"] = query["policy"]
        if query.get("clause"):
            state["side_clause"] = query["clause"]
    if query.get("top", "").isdigit():
        state["side_top"] = min(20, max(1, int(query["top"])))
    if "levels" in query:
        state["side_levels"] = [v for v in query["levels"].split(",") if v in level_labels()]


def _write_link(params: dict[str, str], slot: DeltaGenerator) -> None:
    """Show the page's state in the URL (and remember it) and offer the link to copy in ``slot``."""
    st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = dict(params)
    base = str(st.context.url or "").split("?")[0]
    with slot.expander(t("side.link"), icon=":material/link:"):
        st.caption(t("side.link_help"))
        st.code(f"{base}?{urlencode(params)}", language=None, wrap_lines=True)


# ------------------------------------------------------------------------------- drawing


def _clause_block(clause: Clause, body: str, boilerplate: bool) -> None:
    citation = clause_citation(clause) or t("side.preamble")
    st.caption(escape_markdown(citation) + (f" · :gray-badge[{t('side.boilerplate')}]" if boilerplate else ""))
    st.markdown(body)


def _pair(pair: Pair, marks: str) -> None:
    with st.container(border=True):
        color = CLASS_COLORS[pair.match_class]
        st.markdown(
            f":{color}-badge[{_class_label(pair.match_class)}] **{pair.score:.2f}** · {t('side.ratio')} {pair.explanation.ratio:.2f}"
        )
        text_a, text_b = clause_text(pair.a), clause_text(pair.b)
        if marks == "changes":
            diff = char_diff(text_a, text_b)
            bodies = (changes(diff.a), changes(diff.b))
        else:
            bodies = (highlight(text_a, pair.explanation.spans_a), highlight(text_b, pair.explanation.spans_b))
        left, right = st.columns(2)
        with left:
            _clause_block(pair.a, bodies[0], pair.boilerplate)
        with right:
            _clause_block(pair.b, bodies[1], pair.boilerplate)


def _unmatched(title: str, clauses: tuple[Clause, ...], boilerplate: frozenset[str]) -> None:
    st.markdown(f"**{escape_markdown(title)}** ({len(clauses)})")
    if not clauses:
        st.caption(t("side.none"))
    for clause in clauses:
        with st.container(border=True):
            _clause_block(clause, escape_markdown(clause_text(clause)), clause.id in boilerplate)


def _summary(alignment: Alignment, view: ComparisonView) -> None:
    a, b = alignment.a, alignment.b
    cols = st.columns(5)
    cols[0].metric(t("side.a_in_b"), f"{alignment.containment_ab:.0%}")
    cols[1].metric(t("side.b_in_a"), f"{alignment.containment_ba:.0%}")
    cols[2].metric(t("side.pairs"), len(view.pairs))
    cols[3].metric(t("side.only_a"), len(view.only_a))
    cols[4].metric(t("side.only_b"), len(view.only_b))
    hidden = len(alignment.pairs) - len(view.pairs)
    if hidden:
        st.caption(t("side.hidden").format(shown=len(view.pairs), total=len(alignment.pairs), hidden=hidden))
    dates = f"A {a.date or '—'} · B {b.date or '—'}"
    if a.date and b.date and a.date != b.date:
        dates += " · " + (t("side.a_earlier") if a.date < b.date else t("side.b_earlier"))
    st.caption(escape_markdown(dates) + " · " + t("side.containment_help"))


def _downloads(a: str, b: str, threshold: float, hide: bool, classes: tuple[str, ...]) -> None:
    cols = st.columns(len(ALIGNMENT_FORMATS) + 1)
    for col, fmt in zip(cols, ALIGNMENT_FORMATS):
        col.download_button(
            f"{t(f'side.download_{fmt}')} (.{fmt})",
            data=get_alignment_file(a, b, threshold, hide, classes, fmt, lang()),
            file_name=f"side-by-side-{a.replace('@', '-')}-{b.replace('@', '-')}.{fmt}",
            mime=MIME[fmt],
            key=f"side_download_{fmt}",
            icon=":material/download:",
            on_click="ignore",
        )


def _two_policies(choices: dict[str, str]) -> dict[str, str]:
    first, second = default_pair(choices)
    for key, default in (("side_a", first), ("side_b", second)):
        if st.session_state.get(key) not in choices:
            st.session_state[key] = default
    cols = st.columns(2)
    a = cols[0].selectbox("A", list(choices), format_func=choices.__getitem__, key="side_a")
    b = cols[1].selectbox("B", list(choices), format_func=choices.__getitem__, key="side_b")
    space = get_space()
    if "side_threshold" not in st.session_state:
        st.session_state["side_threshold"] = float(space.thresholds["related"])
    if "side_classes" not in st.session_state:
        st.session_state["side_classes"] = list(MATCH_CLASSES)
    controls = st.columns([2, 1, 2, 1])
    threshold = controls[0].slider(t("side.threshold"), 0.0, 1.0, step=0.01, key="side_threshold")
    hide = controls[1].toggle(t("side.hide_boilerplate"), key="side_hide")
    labels = {c: _class_label(c) for c in MATCH_CLASSES}
    chosen = controls[2].multiselect(t("side.classes"), list(labels), format_func=labels.__getitem__, key="side_classes")
    marks = controls[3].radio(
        t("side.marks"), MARKS, format_func=lambda m: t(f"side.marks_{m}"), key="side_marks", help=t("side.marks_help")
    )
    classes = tuple(c for c in MATCH_CLASSES if c in chosen)
    params = {"mode": "pair", "t": f"{threshold:.2f}", "classes": ",".join(classes), "hide": "1" if hide else "0", "marks": marks}
    if a is None or b is None:
        st.info(t("side.need_two"))
        return params
    params |= {"a": a, "b": b}
    with st.spinner(t("side.aligning")):
        alignment = get_alignment(a, b, threshold, hide)
    view = comparison_view(alignment, classes, hide_boilerplate=hide)
    _summary(alignment, view)
    _downloads(a, b, threshold, hide, classes)
    tabs = st.tabs(
        [
            f"{t('side.aligned')} ({len(view.pairs)})",
            f"{t('side.only_a')} ({len(view.only_a)})",
            f"{t('side.only_b')} ({len(view.only_b)})",
        ]
    )
    with tabs[0]:
        if not view.pairs:
            st.info(t("side.no_pairs"))
            if not alignment.pairs:  # none reached the threshold (not: the class filter hid them)
                _closest_below(a, b, threshold, hide)
        pages = max(1, -(-len(view.pairs) // PAGE_SIZE))
        page = st.number_input(t("side.page"), 1, pages, 1, key="side_page") if pages > 1 else 1
        for pair in view.pairs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
            _pair(pair, marks)
    with tabs[1]:
        _unmatched(alignment.a.title, view.only_a, alignment.boilerplate_a)
    with tabs[2]:
        _unmatched(alignment.b.title, view.only_b, alignment.boilerplate_b)
    return params


CLOSEST = 3  # pairs offered when none reaches the threshold


def _show_closest(threshold: float) -> None:
    st.session_state["side_threshold"] = threshold
    st.session_state["side_classes"] = list(MATCH_CLASSES)


def _closest_below(a: str, b: str, threshold: float, hide: bool) -> None:
    """When no pair reaches the threshold (two policies of different styles, a district measure
    next to a provincial plan), say how close the best pairs come and offer to list them, so an
    empty page is never the last word."""
    best = sorted((p for p in get_alignment(a, b, 0.0, hide).pairs if 0 < p.score < threshold), key=lambda p: -p.score)[:CLOSEST]
    if not best:
        return

    def cite(clause: Clause) -> str:
        text = clause_text(clause)
        return escape_markdown(f"{clause_citation(clause) or t('side.preamble')}「{text[:18]}{'…' if len(text) > 18 else ''}」")

    lines = [f"- **{p.score:.2f}** · A {cite(p.a)} ↔ B {cite(p.b)}" for p in best]
    st.markdown(t("side.closest").format(n=len(best), threshold=f"{threshold:.2f}") + "\n" + "\n".join(lines))
    lower = int(best[-1].score * 100) / 100
    st.button(t("side.show_closest").format(threshold=f"{lower:.2f}"), on_click=_show_closest, args=(lower,), key="side_show_closest")


def _clause_vs_corpus(choices: dict[str, str]) -> dict[str, str]:
    store = get_store()
    if st.session_state.get("side_clause_policy") not in choices:
        st.session_state["side_clause_policy"] = next(iter(choices))
    source = st.selectbox(t("side.policy"), list(choices), format_func=choices.__getitem__, key="side_clause_policy")
    clause_set = load_clauses(store, source)
    clauses = {c.id: c for c in clause_set.clauses}
    if st.session_state.get("side_clause") not in clauses:
        st.session_state.pop("side_clause", None)
    labels = {cid: (clause_citation(c) or t("side.preamble")) + " — " + c.text[:30] for cid, c in clauses.items()}
    cid = st.selectbox(t("side.clause"), list(labels), format_func=labels.__getitem__, key="side_clause")
    cols = st.columns(2)
    st.session_state.setdefault("side_top", 5)
    k = cols[0].slider(t("side.top"), 1, 20, key="side_top")
    levels_shown = level_labels()
    levels = cols[1].multiselect(
        t("corpus.level"), list(levels_shown), format_func=levels_shown.__getitem__, key="side_levels", placeholder=t("common.all")
    )
    params = {"mode": "clause", "policy": source, "top": str(k), "levels": ",".join(levels)}
    if cid is None:
        st.info(t("side.no_clauses"))
        return params
    params["clause"] = cid
    clause = clauses[cid]
    space = get_space()
    one = dataclasses.replace(clause_set, clauses=(clause,), context=())
    matches = match_clauses(space, one, k=k, filters=Filters(levels=tuple(levels)) if levels else None)
    hits = matches[0].candidates if matches else ()
    st.markdown(f"#### {t('side.this_clause')}")
    _clause_block(clause, escape_markdown(clause_text(clause)), False)
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
            _clause_block(hit.clause, highlight(clause_text(hit.clause), why.spans_b), hit.boilerplate)
    return params


def render() -> None:
    st.title(t("nav.side"))
    choices = text_choices(get_store())
    if not choices:
        st.info(t("side.no_texts"))
        return
    _restore_from_link(choices)
    st.session_state.setdefault("side_mode", "pair")
    mode = st.segmented_control(
        t("side.mode"),
        ["pair", "clause"],
        format_func={"pair": t("side.mode_pair"), "clause": t("side.mode_clause")}.__getitem__,
        key="side_mode",
    )
    slot = st.container()
    params = _clause_vs_corpus(choices) if mode == "clause" else _two_policies(choices)
    _write_link(params, slot)


render()
