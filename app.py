"""policy-compare: the Streamlit app. Run with ``streamlit run app.py``.

A thin shell: each page in ``app_pages/`` reads the library (``corpus``, ``embeddings``,
``compare``) and renders; nothing here computes. The interface language and the embedder are
chosen in the sidebar; documents stay in Chinese.
"""

from __future__ import annotations

import streamlit as st

from embeddings import DEFAULT_EMBEDDER
from ui.failures import show_failure
from ui.i18n import LANGUAGES, t
from ui.resources import EMBEDDER_KEY

st.set_page_config(page_title="policy-compare · 政策比较", page_icon="⚖️", layout="wide")

PAGES = [
    st.Page("app_pages/corpus.py", title=t("nav.corpus"), icon=":material/library_books:", default=True),
    st.Page("app_pages/overview.py", title=t("nav.overview"), icon=":material/timeline:"),
    st.Page("app_pages/side_by_side.py", title=t("nav.side"), icon=":material/compare:"),
    st.Page("app_pages/search.py", title=t("nav.search"), icon=":material/search:"),
    st.Page("app_pages/provisions.py", title=t("nav.provisions"), icon=":material/payments:"),
    st.Page("app_pages/similarity_map.py", title=t("nav.map"), icon=":material/grid_on:"),
    st.Page("app_pages/instruments.py", title=t("nav.instruments"), icon=":material/category:"),
    st.Page("app_pages/export.py", title=t("nav.export"), icon=":material/download:"),
]
navigation = st.navigation(PAGES)

with st.sidebar:
    st.segmented_control(t("app.language"), list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="lang", default="zh")
    if EMBEDDER_KEY not in st.session_state:
        st.session_state[EMBEDDER_KEY] = DEFAULT_EMBEDDER
    st.text_input(t("app.embedder"), key=EMBEDDER_KEY, help=t("app.embedder_help"))

try:
    navigation.run()
except Exception as exc:  # Streamlit's own rerun and stop signals are BaseExceptions and pass through
    show_failure(exc, navigation.title)
