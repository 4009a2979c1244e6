"""policy-compare: the Streamlit app (``streamlit run app.py``).

For now a single page that lists the corpus; the full app (side by side, search, subsidies,
similarity map, export) comes with the UI issue.
"""

from __future__ import annotations

import streamlit as st

from corpus.library import open_store

st.set_page_config(page_title="policy-compare", layout="wide")
st.title("policy-compare · 政策比较")
store = open_store()
rows = [s.to_json() for s in store.summaries()]
st.dataframe(
    [{k: r[k] for k in ("id", "display_title", "jurisdiction", "level", "date", "n_clauses", "has_text", "source_url")} for r in rows],
    hide_index=True,
)
