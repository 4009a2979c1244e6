"""Heavy objects shared across sessions, cached as Streamlit resources.

Caches are keyed by what they depend on: the store by its database path, so tests and users
with another ``$POLICY_DB`` never share one.
"""

from __future__ import annotations

import streamlit as st

from corpus.library import open_store
from corpus.store import ClauseStore, default_db_path


@st.cache_resource(show_spinner=False)
def _store(path: str) -> ClauseStore:
    return open_store(path)


def get_store() -> ClauseStore:
    """The store at ``$POLICY_DB`` (seeded on first use), one per database path and process."""
    return _store(str(default_db_path().resolve()))
