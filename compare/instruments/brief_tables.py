"""The instrument tables as briefing tables, so that they join the brief's exports (xlsx, docx,
md, csv) and every row cites its clauses.

Four tables, in the brief's language: ``instrument_matrix`` (policy × tool, the tools a policy
uses, with counts, shares and the clauses), ``instrument_dimensions`` (policy × dimension),
``instrument_stages`` (tool × industry-chain stage) and ``instrument_codes`` (every clause, its
code and evidence). Tool, dimension and stage names come from the lexicon file; column headers
from ``compare.briefing.labels``. Zero cells are left out of the long tables: a reader cites what a
policy does, and the matrix on screen shows the zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from compare.briefing.brief import Brief, Table
from compare.briefing.labels import pick, table_title, word
from compare.instruments.coder import Coding, fitted_coder
from compare.instruments.corpus_codes import CodedPolicy, code_policies
from compare.instruments.scheme import DIMENSIONS, Lexicon
from compare.instruments.tables import SEP, codes_frame, dimension_summary, tool_matrix, tool_stage
from corpus.store import ClauseStore

INSTRUMENT_TABLES = ("instrument_matrix", "instrument_dimensions", "instrument_stages", "instrument_codes")
METHOD_LABELS = {
    "lexicon": ("关键词", "cue words"),
    "section": ("目标章节", "aims section"),
    "examples": ("相近例句", "nearest examples"),
    "none": ("无工具规则", "no-instrument rule"),
    "undecided": ("未能判定", "undecided"),
    "manual": ("人工编码", "manual code"),
}


def _namer(lexicon: Lexicon, lang: str) -> tuple:
    def tool(name: object) -> object:
        return pick((lexicon.tools[name].zh, lexicon.tools[name].en), lang) if isinstance(name, str) and name in lexicon.tools else "—"

    def dimension(name: object) -> object:
        return pick(lexicon.dimensions[name], lang) if isinstance(name, str) and name in lexicon.dimensions else "—"

    def stage(name: object) -> object:
        return pick((lexicon.stages[name].zh, lexicon.stages[name].en), lang) if isinstance(name, str) and name in lexicon.stages else "—"

    return tool, dimension, stage


def evidence_text(coding: Coding, lexicon: Lexicon, lang: str = "zh") -> str:
    """A coding's evidence in one line for readers, tool names in ``lang``: cue words per tool,
    nearest examples with their similarity, the no-instrument wording found, a manual code's
    author, time and note."""
    tool, _, _ = _namer(lexicon, lang)
    parts = []
    for e in coding.evidence:
        if e.kind == "cues":
            parts.append(f"{tool(e.tool)}：{'、'.join(e.words)}" if lang == "zh" else f"{tool(e.tool)}: {', '.join(e.words)}")
        elif e.kind == "example":
            label = tool(e.tool) if e.tool else pick(("无政策工具", "no instrument"), lang)
            parts.append(f"≈{e.score:.2f} {label}：{e.text}" if lang == "zh" else f"≈{e.score:.2f} {label}: {e.text}")
        elif e.kind == "rule":
            parts.append(e.describe() if lang == "en" else f"无政策工具：「{'、'.join(e.words)}」" if e.words else (e.note or ""))
        else:
            who = "，".join(x for x in (e.author, e.coded_at) if x) if lang == "zh" else ", ".join(x for x in (e.author, e.coded_at) if x)
            parts.append(f"人工编码（{who}）：{e.note or ''}" if lang == "zh" else f"manual code ({who}): {e.note or ''}")
    return SEP.join(parts)


def _cited(frame: pd.DataFrame, lang: str) -> pd.Series:
    return frame["Cited clauses"].str.replace("(preamble)", word("preamble", lang), regex=False)


def instrument_tables(coded: Sequence[CodedPolicy], lexicon: Lexicon, lang: str = "zh") -> tuple[Table, ...]:
    """The four instrument tables of the coded policies (only those with text have rows)."""
    tool, dimension, stage = _namer(lexicon, lang)
    with_text = [p for p in coded if p.has_text]
    ids = tuple(p.key for p in with_text)

    matrix = tool_matrix(with_text, lexicon)
    matrix = matrix[matrix["Clauses"] > 0].assign(
        Share=lambda f: f["Share"].round(4),
        Dimension=lambda f: f["Dimension"].map(dimension),
        Tool=lambda f: f["Tool"].map(tool),
        **{"Cited clauses": _cited(matrix[matrix["Clauses"] > 0], lang)},
    )
    dims = dimension_summary(with_text)
    dims = dims.assign(Dimension=dims["Dimension"].map(dimension), Share=dims["Share"].round(4), **{"Cited clauses": _cited(dims, lang)})
    stages = tool_stage(with_text)
    stages = stages[stages["Clauses"] > 0]
    stages = stages.assign(
        Dimension=stages["Tool"].map(lambda t: dimension(lexicon.dimension_of(t))),
        Tool=stages["Tool"].map(tool),
        Stage=stages["Stage"].map(stage),
        **{"Cited clauses": _cited(stages, lang)},
    )[["Dimension", "Tool", "Stage", "Clauses", "Cited clauses"]]
    codes = codes_frame(with_text)
    evidence = [evidence_text(c, lexicon, lang) for p in with_text for c in p.codings]
    codes = codes.assign(
        Evidence=evidence,
        Clause=codes["Clause"].replace("(preamble)", word("preamble", lang)),
        Dimension=codes["Dimension"].map(dimension),
        Tool=codes["Tool"].map(tool),
        Tools=codes["Tools"].map(lambda s: "、".join(str(tool(x)) for x in s.split(", ") if x)),
        Stage=codes["Stage"].map(stage),
        Method=codes["Method"].map(lambda m: pick(METHOD_LABELS[m], lang)),
    )
    frames = (
        ("instrument_matrix", matrix),
        ("instrument_dimensions", dims),
        ("instrument_stages", stages),
        ("instrument_codes", codes),
    )
    return tuple(Table(name, table_title(name, lang), frame.reset_index(drop=True), ids) for name, frame in frames)


def with_instruments(brief: Brief, tables: Sequence[Table]) -> Brief:
    """The brief with the instrument tables added before its sources table (replacing any
    instrument tables it had); references are the brief's own."""
    kept = [t for t in brief.tables if t.name not in INSTRUMENT_TABLES]
    at = next((i for i, t in enumerate(kept) if t.name == "sources"), len(kept))
    return replace(brief, tables=tuple(kept[:at]) + tuple(tables) + tuple(kept[at:]))


def instrument_mix(coded: Sequence[CodedPolicy], lexicon: Lexicon, lang: str = "zh") -> dict[str, str]:
    """Policy key → its mix in one line, dimensions with their counts and leading tools:
    "供给型 8（技术支持 5、人才培养与引进 1…）；环境型 13（…）；需求型 10（…）" — counts of the policy's
    coded clauses by primary tool. Policies without text are left out."""
    tool, dimension, _ = _namer(lexicon, lang)
    out = {}
    for p in coded:
        if not p.has_text:
            continue
        parts = []
        for dim in DIMENSIONS:
            counts: dict[str, int] = {}
            for c in p.codings:
                if c.tool and c.dimension == dim:
                    counts[c.tool] = counts.get(c.tool, 0) + 1
            if counts:
                ranked = sorted(counts.items(), key=lambda kv: -kv[1])
                inner = "、".join(f"{tool(t)} {n}" for t, n in ranked)
                parts.append(
                    f"{dimension(dim)} {sum(counts.values())}（{inner}）"
                    if lang == "zh"
                    else f"{dimension(dim)} {sum(counts.values())} ({inner})"
                )
        out[p.key] = "；".join(parts) if lang == "zh" else "; ".join(parts)
    return out


def policy_instrument_tables(
    store: ClauseStore, selectors: Sequence[str] | None = None, *, lang: str = "zh", embedder: str = "tfidf"
) -> tuple[Table, ...]:
    """The instrument tables of stored policies (all those with text when ``selectors`` is empty),
    manual codes applied: what the brief command and the app's export add to a brief."""
    if not selectors:
        selectors = [s.policy.id for s in store.summaries() if s.has_text]
    coder = fitted_coder(embedder)
    return instrument_tables(code_policies(store, list(selectors), coder), coder.lexicon_, lang)
