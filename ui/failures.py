"""What a page shows when something fails: our typed error as one message, anything else as a
generic message (the details go to the server's log, never to the browser)."""

from __future__ import annotations

import logging

import streamlit as st

from corpus.errors import PolicyCompareError, StoreError, as_policy_error
from ui.i18n import t
from ui.render import escape_markdown

log = logging.getLogger("policy-compare")


def failure_message(exc: BaseException) -> str | None:
    """The message a user may read for ``exc``, or None when it is unexpected (a bug whose
    details, which may hold server paths, belong in the log). A database error names no path."""
    if isinstance(exc, StoreError):
        return PolicyCompareError("", exc.problem, exc.hint).message
    if isinstance(exc, (PolicyCompareError, MemoryError, RecursionError)):
        return as_policy_error(exc).message
    return None


def show_failure(exc: BaseException, where: str = "") -> None:
    """One ``st.error`` for ``exc``: our text escaped, or a generic message plus a log line."""
    message = failure_message(exc)
    if message is None:
        log.error("unexpected error %s", where, exc_info=exc)
        st.error(t("app.unexpected"))
    else:
        st.error(escape_markdown(message))
