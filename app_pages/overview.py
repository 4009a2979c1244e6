"""Overview page: one row per policy (date, level, issuer, clauses, largest grants, funds,
headline target, instrument mix) and the policies on a timeline by date and level, with an
arrow where a later policy contains much of an earlier one."""

from __future__ import annotations

import streamlit as st

from compare.briefing.export import DROPPED
from compare.briefing.labels import localise_frame
from compare.briefing.overview import timeline
from ui.brief import pick_policies, timeline_chart
from ui.i18n import t
from ui.instruments import brief_with_instruments
from ui.resources import get_matrix, get_store


def render() -> None:
    st.title(t("nav.overview"))
    st.caption(t("overview.caption"))
    chosen = pick_policies("overview_policies", t("overview.policies"))
    if not chosen:
        st.info(t("overview.none"))
        return
    brief = brief_with_instruments(chosen)
    st.markdown(f"#### {t('overview.table')}")
    st.dataframe(localise_frame(brief.table("overview").frame, brief.lang, hidden=(*DROPPED, "Policy id")), hide_index=True)
    st.markdown(f"#### {t('overview.timeline')}")
    min_share = st.slider(t("overview.min_share"), 0.05, 1.0, 0.3, 0.05, key="overview_min_share")
    policies = [p for p in get_store().policies() if p.id in chosen]
    points, links = timeline(policies, get_matrix(), min_share=min_share)
    chart = timeline_chart(points, links)
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    missing = [p.display_title for p in policies if not p.date]
    st.caption(t("overview.timeline_caption").format(missing="、".join(missing) or "—"))
    if not links:
        st.info(t("overview.no_arrows"))


render()
