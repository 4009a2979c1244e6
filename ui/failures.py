"""What a page shows when something fails: our typed error as a headline in the interface's
language (what went wrong, what to do) over the library's own English message, or anything else
as a generic message (the details go to the server's log, never to the browser)."""

from __future__ import annotations

import logging

import streamlit as st

from corpus.errors import PolicyCompareError, StoreError, as_policy_error
from ui.i18n import LABELS, t
from ui.render import escape_markdown

log = logging.getLogger("policy-compare")


def _readable(exc: BaseException) -> PolicyCompareError | None:
    """``exc`` as one of our errors a user may read, or None when it is unexpected (a bug whose
    details, which may hold server paths, belong in the log). A database error names no path."""
    if isinstance(exc, StoreError):
        return StoreError("", exc.problem, exc.hint)
    if isinstance(exc, (PolicyCompareError, MemoryError, RecursionError)):
        return as_policy_error(exc)
    return None


def failure_message(exc: BaseException) -> str | None:
    """The library's English message for ``exc`` (unescaped), or None when it is unexpected."""
    error = _readable(exc)
    return None if error is None else error.message


def failure_headline(error: PolicyCompareError) -> str:
    """What went wrong and what to do, in the interface's language: the label of the nearest
    class in the error's MRO that has one, so a new subclass falls back to its parent's."""
    key = next(f"error.{cls.__name__}" for cls in type(error).__mro__ if f"error.{cls.__name__}" in LABELS)
    return t(key)


def failure_markdown(exc: BaseException, lead: str = "") -> str | None:
    """The escaped markdown a page shows for ``exc``: ``lead`` and the headline on one line, the
    library's message on the next; None when ``exc`` is unexpected."""
    error = _readable(exc)
    if error is None:
        return None
    headline = failure_headline(error)
    if lead:
        headline = t("error.lead").format(lead=lead, headline=headline)
    return f"{headline}  \n{t('error.detail').format(detail=escape_markdown(error.message))}"


def show_failure(exc: BaseException, where: str = "", lead: str = "") -> None:
    """One ``st.error`` for ``exc``: our headline and escaped text, or a generic message plus a log line."""
    markdown = failure_markdown(exc, lead)
    if markdown is None:
        log.error("unexpected error %s", where, exc_info=exc)
        st.error(t("app.unexpected"))
    else:
        st.error(markdown)
