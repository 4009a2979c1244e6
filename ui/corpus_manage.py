"""Managing the corpus from the Corpus page: edit a policy's metadata, remove a text or a policy
(each after a confirmation), and the choice offered when an upload is already stored."""

from __future__ import annotations

import streamlit as st

from corpus.errors import DuplicateError, PolicyCompareError
from corpus.library import remove_policy, update_policy
from corpus.metadata import LEVELS
from corpus.models import Document, Policy, PolicySummary
from ui.failures import show_failure
from ui.i18n import t
from ui.render import escape_markdown
from ui.resources import get_store

FLASH = "_corpus_flash"  # a message shown once after the rerun that follows a change
NEXT = "_corpus_next"  # the policy to show after that rerun
WARNINGS = "_corpus_warnings"  # what the reader skipped in the file just added, shown after that rerun
PENDING = "_corpus_duplicate"  # an upload found already stored, waiting for the user's choice
CONFIRM = "_corpus_confirm"  # ("policy", id) or ("document", id) waiting for confirmation


def _done(message: str, policy_id: str | None = None) -> None:
    st.session_state[FLASH] = message
    if policy_id is not None:
        st.session_state[NEXT] = policy_id
    st.rerun()


def edit_form(policy: Policy) -> None:
    """A form with the policy's title, jurisdiction, province, level, issuer and date."""
    levels = {"": "—"} | {level: t(f"level.{level}") for level in LEVELS}
    with st.form(f"edit_{policy.id}"):
        cols = st.columns(2)
        title = cols[0].text_input(t("col.title"), policy.title or "", key=f"edit_title_{policy.id}")
        jurisdiction = cols[1].text_input(t("col.jurisdiction"), policy.jurisdiction, key=f"edit_jurisdiction_{policy.id}")
        province = cols[0].text_input(t("col.province"), policy.province or "", key=f"edit_province_{policy.id}")
        level = cols[1].selectbox(
            t("col.level"),
            list(levels),
            index=list(levels).index(policy.level or "") if (policy.level or "") in levels else 0,
            format_func=levels.__getitem__,
            key=f"edit_level_{policy.id}",
        )
        issuer = cols[0].text_input(t("col.issuer"), policy.issuer or "", key=f"edit_issuer_{policy.id}")
        date = cols[1].text_input(t("col.date"), policy.date or "", placeholder="2022-09-20", key=f"edit_date_{policy.id}")
        if policy.origin == "registry":
            st.caption(t("manage.registry_note"))
        saved = st.form_submit_button(t("manage.save"))
    if not saved:
        return
    changes = {"title": title, "jurisdiction": jurisdiction, "province": province, "level": level, "issuer": issuer, "date": date}
    try:
        update_policy(get_store(), policy.id, changes)
    except PolicyCompareError as exc:
        show_failure(exc, "edit", lead=t("manage.not_saved"))
        return
    _done(f"{t('manage.saved')}: {escape_markdown(policy.id)}", policy.id)


def _confirm(kind: str, key: str, question: str) -> bool:
    """A remove button that asks first: True once the user has confirmed."""
    if st.session_state.get(CONFIRM) != (kind, key):
        if st.button(t(f"manage.remove_{kind}"), key=f"remove_{kind}_{key}", icon=":material/delete:"):
            st.session_state[CONFIRM] = (kind, key)
            st.rerun()
        return False
    st.warning(question)
    cols = st.columns(2)
    if cols[1].button(t("manage.cancel"), key=f"cancel_{kind}_{key}"):
        st.session_state.pop(CONFIRM, None)
        st.rerun()
    if cols[0].button(t("manage.confirm"), key=f"confirm_{kind}_{key}", type="primary"):
        st.session_state.pop(CONFIRM, None)
        return True
    return False


def remove_document(document: Document) -> None:
    question = t("manage.ask_document").format(id=document.id, source=escape_markdown(document.source[:80]), n=document.n_clauses)
    if _confirm("document", str(document.id), question):
        get_store().delete_document(document.id)
        _done(t("manage.removed_document").format(id=document.id), document.policy_id)


def remove_whole_policy(summary: PolicySummary) -> None:
    p = summary.policy
    question = t("manage.ask_policy").format(title=escape_markdown(p.display_title), n=summary.n_documents)
    if _confirm("policy", p.id, question):
        remove_policy(get_store(), p.id)
        _done(t("manage.removed_policy").format(title=escape_markdown(p.display_title)))


def remember_duplicate(error: DuplicateError, name: str) -> None:
    """Keep an upload found already stored, so that the user can choose what to do."""
    document = error.document
    if isinstance(document, Document):
        st.session_state[PENDING] = {"policy": document.policy_id, "document": document.id, "name": name}
        st.rerun()
    show_failure(error, "duplicate")


def duplicate_choice() -> None:
    """The upload already stored: use the policy holding it, or cancel; nothing is stored either way."""
    pending = st.session_state.get(PENDING)
    if not pending:
        return
    store = get_store()
    if not store.has_policy(pending["policy"]):
        st.session_state.pop(PENDING)
        return
    policy = store.policy(pending["policy"])
    st.warning(
        t("manage.duplicate").format(
            name=escape_markdown(pending["name"]), title=escape_markdown(policy.display_title), id=pending["document"]
        )
    )
    cols = st.columns(2)
    if cols[0].button(t("manage.use_existing"), key="duplicate_use", type="primary"):
        st.session_state.pop(PENDING)
        _done(t("manage.used_existing").format(title=escape_markdown(policy.display_title)), policy.id)
    if cols[1].button(t("manage.cancel"), key="duplicate_cancel"):
        st.session_state.pop(PENDING)
        _done(t("manage.cancelled"))
