"""The Corpus page's fetching part: fetch one policy or all from their known pages, with
progress, and show where each stored text came from (its provenance).

Private and loopback addresses are refused, as everywhere in the app, unless the server is
started with ``POLICY_FETCH_ALLOW_PRIVATE=1`` (an intranet deployment, or the tests' local site).
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from corpus.harvest import FetchOutcome, fetch_policies, sources_to_try
from corpus.models import PolicySummary
from corpus.polite import PoliteClient
from ui.i18n import t
from ui.render import escape_markdown, markdown_label
from ui.resources import get_store

ALL = "__all__"


def _allow_private() -> bool:
    return os.environ.get("POLICY_FETCH_ALLOW_PRIVATE", "") == "1"


def provenance_table(policy_id: str) -> None:
    """Where each fetched document of the policy came from; nothing when none was fetched."""
    found = get_store().provenance(policy_id)
    if not found:
        return
    st.markdown(f"**{t('fetch.provenance')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "#": doc_id,
                    t("fetch.kind"): t(f"fetch.kind.{p.kind}"),
                    t("fetch.page"): p.page_url,
                    t("fetch.file"): p.url,
                    t("fetch.attachment"): p.attachment or "—",
                    t("fetch.at"): p.fetched_at,
                    "sha256": p.sha256[:12],
                }
                for doc_id, p in sorted(found.items())
            ]
        ),
        hide_index=True,
        column_config={t("fetch.page"): st.column_config.LinkColumn(), t("fetch.file"): st.column_config.LinkColumn()},
    )


def _reason(o: FetchOutcome) -> tuple[str, str]:
    """The reason and what to do, in the interface language where the case is a common one;
    the details of other failures are the library's own words."""
    p = o.provenance
    if p is not None:
        where = f"{t(f'fetch.kind.{p.kind}')} {p.url}" + (f" ({t('fetch.attachment')}: {p.attachment})" if p.attachment else "")
        return f"{o.n_clauses} {t('corpus.clauses')} · {where}", "—"
    if o.status == "skipped":
        return t("fetch.reason.has_text"), t("fetch.todo.refresh")
    if o.status == "not_found" and not o.attempts:
        return t("fetch.reason.no_address"), f"python -m corpus add {o.policy_id} --official-url URL"
    if o.unreachable:
        urls = "; ".join(a.url for a in o.attempts)
        return f"{t('fetch.reason.unreachable')}: {urls}", t("fetch.todo.unreachable")
    return o.reason, o.hint or "—"


def _outcome_rows(outcomes: list[FetchOutcome]) -> pd.DataFrame:
    rows = []
    for o in outcomes:
        reason, todo = _reason(o)
        rows.append(
            {t("col.id"): o.policy_id, t("fetch.result"): t(f"fetch.status.{o.status}"), t("fetch.reason"): reason, t("fetch.todo"): todo}
        )
    return pd.DataFrame(rows)


def fetch_section(summaries: list[PolicySummary], current: str) -> None:
    """Fetch the shown policy, or every policy without text, from the addresses the registry
    (or a user) gave; a bar per policy while it runs, then one row per policy."""
    st.markdown(f"### {t('fetch.title')}")
    st.caption(t("fetch.help"))
    flash = st.session_state.pop("_fetch_flash", None)
    if flash:
        st.success(f"{t('fetch.done')}: {flash}")
    store = get_store()
    by_id = {s.policy.id: s for s in summaries}
    choices = [current, ALL] if current in by_id else [ALL]
    labels = {ALL: t("fetch.all")} | {
        current: f"{t('fetch.one')}: {markdown_label(by_id[current].policy.display_title)}" if current in by_id else current
    }
    target = st.radio(t("fetch.which"), choices, format_func=labels.__getitem__, key="fetch_target", horizontal=True)
    if target != ALL:
        sources = sources_to_try(by_id[target].policy, store.text_sources(target))
        if sources:
            lines = [f"{i}. {t(f'fetch.kind.{s.kind}')}: {s.url}" + (f" ({s.note})" if s.note else "") for i, s in enumerate(sources, 1)]
            st.markdown("\n".join(escape_markdown(line) for line in lines))
        else:
            st.info(t("fetch.no_sources"))
            st.code(f"python -m corpus add {target} --official-url URL", language="bash")
    refresh = st.checkbox(t("fetch.refresh"), key="fetch_refresh")
    last = st.session_state.get("_fetch_outcomes")
    if not st.button(t("fetch.go"), key="fetch_go"):
        if last:
            st.dataframe(_outcome_rows(last), hide_index=True)
        return
    ids = [s.policy.id for s in summaries] if target == ALL else [target]
    bar = st.progress(0.0, text=t("fetch.running"))
    position = {policy_id: i for i, policy_id in enumerate(ids)}

    def progress(policy_id: str, done: int, steps: int, message: str) -> None:
        share = (position[policy_id] + done / max(steps, 1)) / len(ids)
        bar.progress(min(share, 1.0), text=f"{position[policy_id] + 1}/{len(ids)} {policy_id}: {message}"[:200])

    client = PoliteClient(allow_private=_allow_private())
    outcomes = fetch_policies(store, ids, client, refresh=refresh, progress=progress)
    bar.empty()
    st.session_state["_fetch_outcomes"] = outcomes
    counts = {status: sum(o.status == status for o in outcomes) for status in ("fetched", "unchanged", "skipped", "not_found", "failed")}
    st.session_state["_fetch_flash"] = " · ".join(f"{t(f'fetch.status.{k}')} {n}" for k, n in counts.items() if n)
    st.rerun()  # the table and the clause tree above show the new texts
