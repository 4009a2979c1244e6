"""Heavy objects and results shared across reruns, cached by what they depend on.

- the store: by database path;
- the clause space (fitted embedder and corpus vectors): by database path, embedder name and the
  store's ``version()`` (one row read), which changes with every write to policies, facts,
  documents, clauses or text sources, so an upload invalidates the space and the results
  computed on it, and nothing else;
- results (alignments, matrices, briefing tables): by the ids and parameters they depend on plus that
  version.
"""

from __future__ import annotations

import threading

import streamlit as st

from compare.briefing.alignment_export import alignment_bytes, comparison_view
from compare.briefing.brief import Brief, build_brief
from compare.provisions.facts import provisions_for
from compare.similarity.align import align_sets
from compare.similarity.matrix import PolicyMatrix, policy_matrix
from compare.similarity.models import Alignment
from compare.similarity.space import ClauseSpace, Filters, build_space
from corpus.library import load_clauses, open_store
from corpus.store import ClauseStore, default_db_path
from embeddings import DEFAULT_EMBEDDER, EmbedderError, resolve_embedder
from embeddings.cache import Progress
from ui.i18n import lang, t
from ui.render import escape_markdown

EMBEDDER_KEY = "embedder"


@st.cache_resource(show_spinner=False)
def _store(path: str) -> ClauseStore:
    return open_store(path, seed=True)


def db_path() -> str:
    return str(default_db_path().resolve())


def get_store() -> ClauseStore:
    """The store at ``$POLICY_DB`` (seeded on first use), one per database path and process."""
    return _store(db_path())


def corpus_version() -> str:
    return get_store().version()


def _chosen_embedder() -> str:
    return str(st.session_state.get(EMBEDDER_KEY) or DEFAULT_EMBEDDER).strip() or DEFAULT_EMBEDDER


class _Spaces:
    """Built clause spaces by (database, embedder, corpus version), the last few kept, one process-wide.

    Not an ``st.cache_resource`` function: building one may draw a progress bar, and Streamlit
    cannot replay elements drawn from inside a cached function. Failures are kept too, so a
    model that cannot load is tried once.
    """

    KEEP = 4

    def __init__(self) -> None:
        self.built: dict[tuple[str, str, str], ClauseSpace] = {}
        self.failed: dict[tuple[str, str, str], str] = {}
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str, str], progress: Progress | None = None) -> ClauseSpace:
        with self.lock:
            if key not in self.built:
                self.built[key] = build_space(_store(key[0]), key[1], progress=progress)
                while len(self.built) > self.KEEP:
                    self.built.pop(next(iter(self.built)))
            return self.built[key]


@st.cache_resource(show_spinner=False)
def _spaces() -> _Spaces:
    return _Spaces()


def _space(path: str, embedder: str, version: str) -> ClauseSpace:
    return _spaces().get((path, embedder, version))


def _space_with_progress(path: str, embedder: str, version: str) -> ClauseSpace:
    """``_space``, with a progress bar while clauses never embedded before are embedded."""
    bar = st.empty()

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=f"{t('app.embedding')} {done}/{total}")

    try:
        return _spaces().get((path, embedder, version), progress)
    finally:
        bar.empty()


def _load_error(path: str, embedder: str, version: str) -> str | None:
    """Why an embedder cannot build the space (remembered, so a bad model is tried once), or None.

    The bundled model (e5, hybrid) is loaded first, so that a damaged install is caught even
    when every clause vector is already cached.
    """
    spaces, key = _spaces(), (path, embedder, version)
    if key not in spaces.failed:
        try:
            reason = resolve_embedder(embedder).reason
            if reason is None:
                _space_with_progress(path, embedder, version)
        except EmbedderError as exc:
            reason = str(exc)
        if reason is not None:
            spaces.failed[key] = reason
    return spaces.failed.get(key)


def embedder_name() -> str:
    """The embedder chosen in the sidebar if it loads, else "tfidf" (with a warning on the page)."""
    name = _chosen_embedder()
    if name == "tfidf":
        return name
    with st.spinner(f"{name} …"):
        error = _load_error(db_path(), name, corpus_version())
    if error:
        st.warning(f"{t('app.embedder_error')} {escape_markdown(error)}")
        return "tfidf"
    return name


def get_space() -> ClauseSpace:
    """The corpus embedded with the chosen embedder; rebuilt only when the corpus changes."""
    name = embedder_name()
    with st.spinner(t("app.embedding")):
        return _space_with_progress(db_path(), name, corpus_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _alignment(path: str, embedder: str, version: str, a: str, b: str, threshold: float | None, hide: bool) -> Alignment:
    store = _store(path)
    return align_sets(
        _space(path, embedder, version), load_clauses(store, a), load_clauses(store, b), threshold=threshold, hide_boilerplate=hide
    )


def get_alignment(a: str, b: str, threshold: float | None, hide_boilerplate: bool) -> Alignment:
    """Alignment of two stored selectors (``ID`` or ``ID@DOC``), cached by ids and parameters."""
    name = embedder_name()
    return _alignment(db_path(), name, corpus_version(), a, b, threshold, hide_boilerplate)


@st.cache_data(show_spinner=False, max_entries=16)
def _alignment_file(
    path: str, embedder: str, version: str, a: str, b: str, threshold: float, hide: bool, classes: tuple[str, ...], fmt: str, lang: str
) -> bytes:
    alignment = _alignment(path, embedder, version, a, b, threshold, hide)
    return alignment_bytes(comparison_view(alignment, classes, hide_boilerplate=hide), fmt, lang=lang)


def get_alignment_file(a: str, b: str, threshold: float, hide_boilerplate: bool, classes: tuple[str, ...], fmt: str, lang: str) -> bytes:
    """The comparison as listed on the page (same classes, same boilerplate choice) as .docx or .xlsx bytes."""
    return _alignment_file(db_path(), embedder_name(), corpus_version(), a, b, threshold, hide_boilerplate, classes, fmt, lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _matrix(
    path: str, embedder: str, version: str, threshold: float | None, hide: bool, levels: tuple[str, ...] | None, by_document: bool
) -> PolicyMatrix:
    filters = Filters(levels=levels) if levels else None
    return policy_matrix(
        _space(path, embedder, version), threshold=threshold, hide_boilerplate=hide, filters=filters, by_document=by_document
    )


def get_matrix(
    threshold: float | None = None, hide_boilerplate: bool = False, levels: tuple[str, ...] | None = None, by_document: bool = False
) -> PolicyMatrix:
    """The policy matrix, cached by embedder, corpus version and parameters."""
    name = embedder_name()
    return _matrix(db_path(), name, corpus_version(), threshold, hide_boilerplate, levels, by_document)


@st.cache_data(show_spinner=False, max_entries=16)
def _brief(
    path: str, version: str, selectors: tuple[str, ...] | None, language: str, instruments: tuple[tuple[str, str], ...] | None
) -> Brief:
    return build_brief(
        provisions_for(_store(path), list(selectors) if selectors is not None else None),
        lang=language,
        instruments=dict(instruments) if instruments is not None else None,
    )


def get_brief(selectors: tuple[str, ...] | None = None, instruments: dict[str, str] | None = None) -> Brief:
    """The briefing tables of the given policies (all when None), in the interface's language;
    ``instruments`` (policy id → instrument mix, see ``ui.brief.instrument_mix``) fills the
    overview's column."""
    frozen = tuple(sorted(instruments.items())) if instruments is not None else None
    return _brief(db_path(), corpus_version(), selectors, lang(), frozen)
