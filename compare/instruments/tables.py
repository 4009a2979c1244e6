"""The tables policy-instrument studies publish, from coded policies, every cell citing its clauses.

- ``codes_frame``: one row per clause: its tools, dimension, stage and evidence.
- ``tool_matrix``: policy × tool, counted on primary tools, with the share of the policy's
  coded clauses (clauses with an instrument) in [0, 1].
- ``dimension_summary``: policy × dimension, the same counts grouped by dimension.
- ``tool_stage``: tool × industry-chain stage over all the given policies.

Only clauses with an instrument are counted; a policy without text has no rows (callers list it
apart). Shares of one policy add up to 1 over its tools and over its dimensions.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from compare.instruments.coder import Coding
from compare.instruments.corpus_codes import CodedPolicy
from compare.instruments.scheme import DIMENSIONS, STAGES, TOOLS, Lexicon

SEP = "；"
CODE_COLUMNS = ["Policy", "Policy id", "Clause", "Clause id", "Dimension", "Tool", "Tools", "Stage", "Method", "Evidence", "Text"]


def cite(coding: Coding) -> str:
    """A clause as a reader cites it (第三条 支持研发投入, 二、（一）1. …); "(preamble)" for the
    unnumbered text before the first heading, as the briefing tables name it."""
    return coding.clause.label or "(preamble)"


def _title(p: CodedPolicy) -> str:
    return p.policy.display_title if p.policy else p.title


def codes_frame(coded: Sequence[CodedPolicy]) -> pd.DataFrame:
    """One row per clause of every policy, in reading order; no rows for policies without text."""
    rows = [
        {
            "Policy": _title(p),
            "Policy id": p.key,
            "Clause": cite(c),
            "Clause id": c.clause.id,
            "Dimension": c.dimension,
            "Tool": c.tool,
            "Tools": ", ".join(c.tools),
            "Stage": c.stage,
            "Method": c.method,
            "Evidence": SEP.join(e.describe() for e in c.evidence),
            "Text": c.clause.text,
        }
        for p in coded
        for c in p.codings
    ]
    return pd.DataFrame(rows, columns=CODE_COLUMNS)


def _grouped(coded: Sequence[CodedPolicy], field: str, names: Sequence[str]) -> pd.DataFrame:
    rows = []
    for p in coded:
        instrumented = [c for c in p.codings if c.tool]
        for name in names:
            cited = [c for c in instrumented if getattr(c, field) == name]
            rows.append(
                {
                    "Policy": _title(p),
                    "Policy id": p.key,
                    field.capitalize(): name,
                    "Clauses": len(cited),
                    "Share": len(cited) / len(instrumented) if instrumented else 0.0,
                    "Cited clauses": SEP.join(cite(c) for c in cited),
                }
            )
    return pd.DataFrame(rows, columns=["Policy", "Policy id", field.capitalize(), "Clauses", "Share", "Cited clauses"])


def tool_matrix(coded: Sequence[CodedPolicy], lexicon: Lexicon) -> pd.DataFrame:
    """Long policy × tool table: every tool of the scheme for every policy with text (zeros kept)."""
    frame = _grouped([p for p in coded if p.has_text], "tool", TOOLS)
    frame.insert(2, "Dimension", [lexicon.dimension_of(t) for t in frame["Tool"]])
    return frame


def dimension_summary(coded: Sequence[CodedPolicy]) -> pd.DataFrame:
    """Long policy × dimension table (supply, environment, demand), zeros kept."""
    return _grouped([p for p in coded if p.has_text], "dimension", DIMENSIONS)


def tool_stage(coded: Sequence[CodedPolicy]) -> pd.DataFrame:
    """Tool × stage over all the policies: clause counts and the clauses, qualified by the
    policy's jurisdiction (its id when two policies share one)."""
    rows = []
    places = [p.policy.jurisdiction if p.policy else p.key for p in coded]
    name = {p.key: (place if places.count(place) == 1 else p.key) for p, place in zip(coded, places, strict=True)}
    everything = [(p, c) for p in coded for c in p.codings if c.tool]
    for tool in TOOLS:
        for stage in STAGES:
            cited = [(p, c) for p, c in everything if c.tool == tool and c.stage == stage]
            rows.append(
                {
                    "Tool": tool,
                    "Stage": stage,
                    "Clauses": len(cited),
                    "Cited clauses": SEP.join(f"{name[p.key]}: {cite(c)}" for p, c in cited),
                }
            )
    return pd.DataFrame(rows, columns=["Tool", "Stage", "Clauses", "Cited clauses"])


def wide(long: pd.DataFrame, index: str, columns: str, value: str = "Clauses") -> pd.DataFrame:
    """A long table pivoted for reading (rows ``index``, columns in the scheme's order)."""
    if long.empty:
        return pd.DataFrame()
    order = list(dict.fromkeys(long[columns]))
    return long.pivot_table(index=index, columns=columns, values=value, aggfunc="sum", sort=False)[order]
