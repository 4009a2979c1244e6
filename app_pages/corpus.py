"""Corpus page: every registry policy, filters, a policy's clause tree, and adding a text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corpus.errors import DuplicateError
from corpus.filters import Filters
from corpus.library import UPLOAD_SUFFIXES, ingest, ingest_upload, load_clauses
from corpus.models import Clause, PolicySummary
from corpus.readers import MAX_FILE_MB
from corpus.registry import load_registry
from ui.corpus_manage import FLASH, NEXT, WARNINGS, duplicate_choice, edit_form, remember_duplicate, remove_document, remove_whole_policy
from ui.failures import show_failure
from ui.fetch_panel import fetch_section, provenance_table
from ui.i18n import lang, level_labels, t
from ui.render import clause_title, escape_markdown, markdown_label
from ui.resources import get_store

NEW = "__new__"


def _level_label(level: str | None) -> str:
    return t(f"level.{level}") if level in {"province", "city", "district"} else "—"


def _table(summaries: list[PolicySummary]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("col.title"): s.policy.display_title,
                t("col.jurisdiction"): s.policy.jurisdiction,
                t("col.level"): _level_label(s.policy.level),
                t("col.province"): s.policy.province or "—",
                t("col.date"): s.policy.date or "—",
                t("col.clauses"): s.n_clauses,
                t("col.text"): t("yes") if s.has_text else t("no"),
                t("col.confidence"): s.policy.confidence or "—",
                t("col.source"): s.policy.source_url,
                t("col.id"): s.policy.id,
            }
            for s in summaries
        ]
    )


def _filters(summaries: list[PolicySummary]) -> list[PolicySummary]:
    with st.expander(t("corpus.filters"), expanded=False):
        cols = st.columns(4)
        levels_shown = level_labels()
        levels = cols[0].multiselect(t("corpus.level"), list(levels_shown), format_func=levels_shown.__getitem__, key="corpus_levels")
        provinces = sorted({s.policy.province for s in summaries if s.policy.province})
        chosen = cols[1].multiselect(t("corpus.province"), provinces, key="corpus_provinces")
        months = sorted({(s.policy.date or "")[:7] for s in summaries if s.policy.date})
        window = (
            cols[2].select_slider(t("corpus.date"), options=months, value=(months[0], months[-1]), key="corpus_dates")
            if len(months) > 1
            else None
        )
        needle = cols[3].text_input(t("corpus.title_filter"), key="corpus_needle")
        only_text = st.checkbox(t("corpus.only_text"), key="corpus_only_text")
    keep = Filters(levels=tuple(levels) or None, provinces=tuple(chosen) or None)
    out = []
    for s in summaries:
        p = s.policy
        if not keep.allows(p):
            continue
        if window and p.date and not (window[0] <= p.date[:7] <= window[1]):
            continue
        if needle and needle not in p.display_title and needle not in p.jurisdiction:
            continue
        if only_text and not s.has_text:
            continue
        out.append(s)
    return out


def _clause_tree(clauses: tuple[Clause, ...]) -> None:
    groups: dict[str, list[Clause]] = {}
    for clause in clauses:
        groups.setdefault(clause.path[0] if clause.path else "", []).append(clause)
    for top, members in groups.items():
        with st.expander(markdown_label(top) or "—", expanded=top == ""):
            shown: tuple[str, ...] = ()
            for clause in members:
                inner = clause.path[1:]
                if inner and inner != shown:
                    st.markdown(f"**{escape_markdown(' › '.join(inner))}**")
                    shown = inner
                title = clause_title(clause) if (clause.number or clause.heading) else ""
                prefix = f"**{escape_markdown(title)}** " if title else ""
                st.markdown(prefix + escape_markdown(clause.text))
                if clause.units:
                    st.caption(f"{t('corpus.units')}：" + escape_markdown("、".join(clause.units)))


def _detail(summary: PolicySummary) -> None:
    store = get_store()
    p = summary.policy
    st.subheader(escape_markdown(p.display_title))
    st.caption(
        escape_markdown(
            " · ".join(
                x
                for x in (p.jurisdiction, p.province or "", _level_label(p.level), p.date or "—", p.issuer or "", f"{t('col.id')}: {p.id}")
                if x
            )
        )
    )
    if p.source_url:
        st.markdown(f"{t('col.source')}: {escape_markdown(p.source_url)}")
    if p.notes:
        with st.expander(t("corpus.notes")):
            st.text(p.notes)
    if summary.documents:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "#": d.id,
                        t("col.source"): d.source,
                        t("col.sha"): d.sha256[:12],
                        t("col.clauses"): d.n_clauses,
                        t("col.primary"): t("yes") if d.is_primary else "",
                        t("col.read"): d.fetched_at,
                    }
                    for d in summary.documents
                ]
            ),
            hide_index=True,
        )
        provenance_table(p.id)
        documents = {d.id: d for d in summary.documents}
        doc_id = st.radio(
            t("corpus.documents"),
            list(documents),
            format_func=lambda i: escape_markdown(f"{i}: {documents[i].source[:80]}"),
            horizontal=True,
            key=f"doc_{p.id}",
        )
        remove_document(documents[doc_id])
        clause_set = load_clauses(store, f"{p.id}@{doc_id}")
        st.markdown(f"#### {t('corpus.tree')} · {escape_markdown(clause_set.title)}")
        _clause_tree(clause_set.clauses)
        if clause_set.context:
            with st.expander(f"{t('corpus.context')} ({len(clause_set.context)})"):
                for clause in clause_set.context:
                    st.markdown(escape_markdown(clause.text))
    else:
        st.info(t("corpus.no_text"))
        st.code(f"python -m corpus ingest FILE_OR_URL --policy {p.id}", language="bash")
    if p.facts:
        st.markdown(f"#### {t('corpus.facts')}")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col.kind"): f.kind,
                        t("col.item"): f.item,
                        t("col.amount"): f.amount,
                        t("col.unit"): f.unit,
                        t("col.condition"): f.condition,
                        t("col.source"): f.source_url,
                    }
                    for f in p.facts
                ]
            ),
            hide_index=True,
            column_config={t("col.source"): st.column_config.LinkColumn()},
        )
    with st.expander(t("manage.title"), icon=":material/edit:"):
        edit_form(p)
        remove_whole_policy(summary)


def _add_text(summaries: list[PolicySummary]) -> None:
    st.markdown(f"### {t('corpus.add')}")
    st.caption(t("corpus.add_help"))
    duplicate_choice()
    labels = {NEW: t("corpus.new_policy")} | {s.policy.id: f"{s.policy.display_title} ({s.policy.id})" for s in summaries}
    with st.form("add_text", clear_on_submit=False):
        upload = st.file_uploader(
            t("corpus.upload"), type=[s.lstrip(".") for s in UPLOAD_SUFFIXES], key="upload", max_upload_size=MAX_FILE_MB
        )
        url = st.text_input(t("corpus.url"), key="upload_url", placeholder="https://…")
        target = st.selectbox(t("corpus.target"), list(labels), format_func=labels.__getitem__, key="upload_target")
        new_id = st.text_input(t("corpus.new_id"), key="upload_new_id")
        primary = st.checkbox(t("corpus.primary"), key="upload_primary")
        submitted = st.form_submit_button(t("corpus.submit"), key="upload_submit")
    if not submitted:
        return
    if upload is None and not url.strip():
        st.warning(t("corpus.nothing"))
        return
    policy_id = None if target == NEW else target
    if target == NEW and new_id.strip():
        policy_id = new_id.strip()
    bar = st.progress(0.0, text=t("corpus.reading"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"{t('corpus.reading')} {done}/{total}")

    try:
        if upload is not None:
            result = ingest_upload(
                get_store(),
                upload.getvalue(),
                upload.name,
                policy_id=policy_id,
                primary=True if primary else None,
                progress=progress,
                duplicates="refuse",  # a file already stored is offered as a choice, never a second policy
            )
        else:
            result = ingest(
                get_store(),
                url.strip(),
                policy_id=policy_id,
                primary=True if primary else None,
                local_files=False,  # the URL field must never read a file on the server
                progress=progress,
                duplicates="refuse",
            )
    except DuplicateError as exc:
        bar.empty()
        remember_duplicate(exc, upload.name if upload is not None else url.strip())
        return
    except Exception as exc:
        bar.empty()
        show_failure(exc, "ingest")
        return
    bar.empty()
    verb = t("corpus.stored") if result.created else t("corpus.unchanged")
    st.session_state[FLASH] = escape_markdown(f"{verb}: {result.title} → {result.policy_id} ({result.n_clauses} {t('corpus.clauses')})")
    st.session_state[WARNINGS] = result.warnings
    st.session_state[NEXT] = result.policy_id
    st.rerun()  # show the new text in the table and the tree above


def render() -> None:
    store = get_store()
    summaries = store.summaries()
    registry = load_registry()
    st.title(t("nav.corpus"))
    st.caption(t("app.tagline"))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    for warning in st.session_state.pop(WARNINGS, ()):
        st.warning(f"{t('corpus.read_warning')}: {escape_markdown(warning)}")
    cols = st.columns(4)
    cols[0].metric(t("corpus.policies"), len(summaries))
    cols[1].metric(t("corpus.with_text"), sum(s.has_text for s in summaries))
    cols[2].metric(t("corpus.clauses"), sum(s.n_clauses for s in summaries))
    cols[3].metric(t("corpus.gap"), f"≈10 / {registry.article_count.get('policies', 29)}")
    st.caption(t("corpus.gap_note") if lang() == "zh" else registry.gap)  # the registry states it in English
    shown = _filters(summaries)
    table = _table(shown)
    event = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="corpus_table",
        column_config={t("col.source"): st.column_config.LinkColumn(), t("col.clauses"): st.column_config.NumberColumn(format="%d")},
    )
    st.caption(t("corpus.table_caption"))
    ids = [s.policy.id for s in shown]
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if rows and rows != st.session_state.get("_corpus_rows") and rows[0] < len(ids):
        st.session_state["corpus_pick"] = ids[rows[0]]
    st.session_state["_corpus_rows"] = rows
    by_id = {s.policy.id: s for s in summaries}
    if st.session_state.get(NEXT) in by_id:
        st.session_state["corpus_pick"] = st.session_state.pop(NEXT)
    if st.session_state.get("corpus_pick") not in by_id:
        st.session_state["corpus_pick"] = next((s.policy.id for s in summaries if s.has_text), summaries[0].policy.id)
    pick = st.selectbox(t("corpus.pick"), list(by_id), format_func=lambda i: f"{by_id[i].policy.display_title} ({i})", key="corpus_pick")
    _detail(by_id[pick])
    st.divider()
    _add_text(summaries)
    st.divider()
    fetch_section(summaries, pick)


render()
