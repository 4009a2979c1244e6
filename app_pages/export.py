"""Export page: the subsidies and targets brief of the chosen policies as .xlsx, .docx, .md or .csv,
with a preview of its tables and its GB/T 7714 reference list."""

from __future__ import annotations

from datetime import date

import streamlit as st

from compare.briefing.export import DROPPED, FORMATS
from compare.briefing.labels import localise_frame
from ui.brief import MIME, export_file, file_name, pick_policies
from ui.i18n import t
from ui.instruments import brief_with_instruments


def render() -> None:
    st.title(t("nav.export"))
    st.caption(t("export.caption"))
    chosen = pick_policies("export_policies", t("export.policies"))
    if not chosen:
        st.info(t("export.none"))
        return
    brief = brief_with_instruments(chosen)
    day = date.today().isoformat()
    st.markdown(f"#### {t('export.download')}")
    for col, fmt in zip(st.columns(len(FORMATS)), FORMATS):
        col.download_button(
            f"{t(f'export.{fmt}')} (.{fmt})",
            data=export_file(chosen, fmt),
            file_name=file_name(fmt, day),
            mime=MIME[fmt],
            key=f"export_{fmt}",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
    st.markdown(f"#### {t('export.preview')}")
    st.caption(t("export.preview_caption"))
    for tab, table in zip(st.tabs([table.title for table in brief.tables]), brief.tables):
        with tab:
            tab.dataframe(localise_frame(table.frame, brief.lang, hidden=DROPPED), hide_index=True)
    st.markdown(f"#### {t('export.references')}")
    st.text("\n".join(f"[{i}] {ref}" for i, ref in enumerate(brief.references.values(), 1)))


render()
