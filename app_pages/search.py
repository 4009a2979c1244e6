"""Search: a free-text query (Chinese) against every clause of the corpus, with filters."""

from __future__ import annotations

import streamlit as st

from compare.similarity.explain import query_terms, shared_spans, term_spans
from compare.similarity.match import search
from compare.similarity.models import clause_text
from compare.similarity.space import Filters
from ui.i18n import level_labels, t
from ui.render import clause_citation, escape_markdown, highlight
from ui.resources import get_space, get_store


def _filters() -> Filters | None:
    summaries = get_store().summaries()
    cols = st.columns(4)
    levels_shown = level_labels()
    levels = cols[0].multiselect(
        t("corpus.level"), list(levels_shown), format_func=levels_shown.__getitem__, key="search_levels", placeholder=t("common.all")
    )
    provinces = sorted({s.policy.province for s in summaries if s.policy.province and s.has_text})
    chosen = cols[1].multiselect(t("corpus.province"), provinces, key="search_provinces", placeholder=t("common.all"))
    date_from = cols[2].text_input(t("search.from"), key="search_from", placeholder="2022-01-01")
    date_to = cols[3].text_input(t("search.to"), key="search_to", placeholder="2022-12-31")
    if not (levels or chosen or date_from.strip() or date_to.strip()):
        return None
    return Filters(
        levels=tuple(levels) or None,
        provinces=tuple(chosen) or None,
        date_from=date_from.strip() or None,
        date_to=date_to.strip() or None,
    )


def render() -> None:
    st.title(t("nav.search"))
    query = st.text_input(t("search.query"), key="search_query", placeholder="虚拟数字人 应用场景")
    filters = _filters()
    cols = st.columns(3)
    k = cols[0].slider(t("search.top"), 1, 50, 10, key="search_top")
    exact = cols[1].toggle(t("search.exact"), key="search_exact", help=t("search.exact_help"))
    context = cols[2].toggle(t("search.context"), key="search_context")
    if not query.strip():
        st.info(t("search.hint"))
        return
    space = get_space()
    hits = search(space, query, k=k, filters=filters, include_context=context, exact=exact)
    st.caption(t("search.count").format(n=len(hits), embedder=space.embedder.id))
    if not hits:
        st.info(t("search.no_exact") if exact else t("search.no_match"))
    terms = query_terms(query)
    wanted = ("".join(terms),) if exact else terms
    for hit in hits:
        policy = space.policies.get(hit.policy_id or "")
        text = clause_text(hit.clause)
        spans = term_spans(text, wanted) or shared_spans(query, text, min_span=2)[2]
        with st.container(border=True):
            title = policy.display_title if policy else hit.policy_id or ""
            meta = " · ".join(x for x in (policy.jurisdiction if policy else "", policy.date if policy and policy.date else "") if x)
            role = f" · :gray-badge[{t('search.news')}]" if hit.clause.role == "context" else ""
            st.markdown(f"**{hit.score:.2f}** · {escape_markdown(title)} · {escape_markdown(meta)}{role}")
            st.caption(escape_markdown(clause_citation(hit.clause) or "—"))
            st.markdown(highlight(text, spans))


render()
