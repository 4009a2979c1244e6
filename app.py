"""policy-compare: the Streamlit app. Run with ``streamlit run app.py``.

A thin shell: each page in ``app_pages/`` reads the library (``corpus``, ``embeddings``,
``compare``) and renders; nothing here computes. The interface language is switched in the
sidebar; documents stay in Chinese.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANGUAGES, t

st.set_page_config(page_title="policy-compare · 政策比较", page_icon="⚖️", layout="wide")

with st.sidebar:
    st.segmented_control(t("app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", default="zh")

PAGES = [
    st.Page("app_pages/corpus.py", title=t("nav.corpus"), icon=":material/library_books:", default=True),
    st.Page("app_pages/provisions.py", title=t("nav.provisions"), icon=":material/payments:"),
    st.Page("app_pages/export.py", title=t("nav.export"), icon=":material/download:"),
]
st.navigation(PAGES).run()
