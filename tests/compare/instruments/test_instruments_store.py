"""Manual instrument codes: stored, applied everywhere codes are read, refused when wrong, and
ignored once the clause text they were made for has changed."""

from __future__ import annotations

import sqlite3

import pytest

from compare.instruments import InstrumentCoder, SchemeError, code_policies, codes_frame, set_manual_code, tool_matrix
from corpus.errors import NotFoundError
from corpus.models import InstrumentCode
from tests.paths import ZHEJIANG


@pytest.fixture(scope="module")
def coder() -> InstrumentCoder:
    return InstrumentCoder().fit()


def _coding(store, coder, clause_id):
    return next(c for p in code_policies(store, [ZHEJIANG], coder) for c in p.codings if c.clause.id == clause_id)


def test_a_manual_code_overrides_the_automatic_one_with_its_note_author_and_time(store, coder):
    clause_id = store.clauses(ZHEJIANG)[29].id  # （二）加大政策引导
    before = _coding(store, coder, clause_id)
    set_manual_code(store, clause_id, "funding", ["strategic"], note="扶持政策为主", author="研究员甲")
    after = _coding(store, coder, clause_id)
    assert before.method != "manual"
    assert (after.tool, after.tools, after.dimension, after.method) == ("funding", ("funding", "strategic"), "supply", "manual")
    manual = after.evidence[0]
    assert (manual.kind, manual.note, manual.author) == ("manual", "扶持政策为主", "研究员甲") and manual.coded_at
    assert after.to_json()["evidence"][0]["author"] == "研究员甲"


def test_the_override_reaches_the_tables(store, coder):
    clause_id = store.clauses(ZHEJIANG)[0].id  # the preamble: no instrument
    set_manual_code(store, clause_id, "planning", note="序言说明目标")
    coded = code_policies(store, [ZHEJIANG], coder)
    frame = codes_frame(coded)
    assert frame.loc[frame["Clause id"] == clause_id, "Method"].item() == "manual"
    matrix = tool_matrix(coded, coder.lexicon_)
    planning = matrix[matrix["Tool"] == "planning"].iloc[0]
    assert planning["Clauses"] == 7  # six clauses under 总体要求, plus the preamble coded by hand


def test_coding_a_clause_as_none_removes_it_from_the_counts(store, coder):
    clause_id = store.clauses(ZHEJIANG)[31].id
    total = tool_matrix(code_policies(store, [ZHEJIANG], coder), coder.lexicon_)["Clauses"].sum()
    set_manual_code(store, clause_id, None, note="not an instrument")
    after = tool_matrix(code_policies(store, [ZHEJIANG], coder), coder.lexicon_)["Clauses"].sum()
    assert after == total - 1


def test_clearing_a_code_restores_the_automatic_one(store, coder):
    clause_id = store.clauses(ZHEJIANG)[30].id
    auto = _coding(store, coder, clause_id).tool
    set_manual_code(store, clause_id, "tax")
    assert store.delete_instrument_code(clause_id) is True
    assert store.delete_instrument_code(clause_id) is False
    assert _coding(store, coder, clause_id).tool == auto


def test_a_code_made_for_an_earlier_text_is_ignored_and_said_so(store, coder):
    clause_id = store.clauses(ZHEJIANG)[30].id
    store.set_instrument_code(InstrumentCode(clause_id, "0" * 16, "tax", (), "old", "someone", "2024-01-01T00:00:00+00:00"))
    coding = _coding(store, coder, clause_id)
    assert coding.method != "manual" and coding.tool == "talent"
    assert "text changed" in coding.evidence[-1].describe()


def test_wrong_codes_are_refused_and_nothing_is_stored(store):
    with pytest.raises(SchemeError):
        set_manual_code(store, store.clauses(ZHEJIANG)[5].id, "lottery")
    with pytest.raises(NotFoundError):
        set_manual_code(store, "no/such/clause", "tax")
    assert store.instrument_codes() == {}


def test_the_table_accepts_a_null_tool_but_not_a_missing_time(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO instrument_codes (clause_id, text_hash) VALUES ('x', 'y')")
