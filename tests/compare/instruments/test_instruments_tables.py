"""The instrument tables: counts equal the clauses cited, shares add up, policies without text
have no rows."""

from __future__ import annotations

import pytest

from compare.instruments import (
    DIMENSIONS,
    STAGES,
    TOOLS,
    InstrumentCoder,
    code_policies,
    codes_frame,
    dimension_summary,
    tool_matrix,
    tool_stage,
    wide,
)
from compare.instruments.tables import SEP
from tests.paths import ZHEJIANG

NO_TEXT = "guangzhou-nansha-2022-nine-measures"


@pytest.fixture(scope="module")
def coded(shared_store):
    coder = InstrumentCoder().fit()
    return coder, code_policies(shared_store, [ZHEJIANG, NO_TEXT], coder)


def test_policies_without_text_are_kept_apart(coded):
    _coder, policies = coded
    assert [p.has_text for p in policies] == [True, False]
    assert set(codes_frame(policies)["Policy id"]) == {ZHEJIANG}


def test_the_tool_matrix_counts_primary_tools_and_cites_every_clause(coded):
    coder, policies = coded
    matrix = tool_matrix(policies, coder.lexicon_)
    assert list(matrix["Tool"]) == list(TOOLS)
    instrumented = [c for c in policies[0].codings if c.tool]
    assert matrix["Clauses"].sum() == len(instrumented) == 31  # all but the preamble
    assert matrix["Share"].sum() == pytest.approx(1.0)
    for _, row in matrix.iterrows():
        cited = [x for x in row["Cited clauses"].split(SEP) if x]
        assert len(cited) == row["Clauses"]
    assert dict(zip(matrix["Tool"], matrix["Clauses"], strict=True))["demonstration"] == 8


def test_the_dimension_summary_adds_up_to_the_matrix(coded):
    coder, policies = coded
    dims = dimension_summary(policies)
    matrix = tool_matrix(policies, coder.lexicon_)
    assert list(dims["Dimension"]) == list(DIMENSIONS)
    by_dim = matrix.groupby("Dimension")["Clauses"].sum()
    assert {d: int(n) for d, n in zip(dims["Dimension"], dims["Clauses"], strict=True)} == {d: int(by_dim.get(d, 0)) for d in DIMENSIONS}
    assert dims["Share"].sum() == pytest.approx(1.0)


def test_the_tool_stage_table_covers_every_pair_and_every_coded_clause(coded):
    _coder, policies = coded
    table = tool_stage(policies)
    assert len(table) == len(TOOLS) * len(STAGES)
    assert table["Clauses"].sum() == 31
    assert wide(table, "Tool", "Stage").shape == (len(TOOLS), len(STAGES))
    infra = table[(table["Tool"] == "infrastructure") & (table["Stage"] == "infrastructure")].iloc[0]
    assert infra["Clauses"] == 1 and "夯实“元设施”基础底座" in infra["Cited clauses"]
