"""Policy instruments: code each clause as a supply, environment or demand tool.

The scheme (design.md, Concepts → Policy instrument) has 16 tools in three dimensions; a clause
gets a primary tool, secondary tools, its dimension (the primary tool's), an industry-chain stage
and the evidence that decided them. How a code is reached, in order:

1. **No instrument.** A body matching one of the lexicon's ``none_patterns`` (entry into force,
   validity, interpretation, scope, definitions, the covering notice, the opening "为……制定本…"
   sentence, "不重复享受") has no tool, unless a single cue of weight ≥ 3 is found in it.
2. **Cue words.** Each tool's cues (``compare/data/instrument_lexicon.yaml``) are looked for in the
   clause's body (×1), its own heading (×2) and, when it has no heading, the heading right above
   it (×1). A tool's score is the sum of its cues' weights, each cue counted once; longer cues
   mask the shorter ones they contain (技术攻关 is not also 攻关). A tool scoring ≥ 2 is decided.
3. **Targets.** A clause under a heading of aims (总体要求, 主要目标, 发展目标 …, ``target_sections``)
   is ``planning``: a target of "50 labs" is a plan, not a lab. Other tools found stay secondary.
4. **Money for a purpose.** When ``funding`` scores highest but another tool is decided (≥ 2),
   that tool — the purpose the money serves (R&D, a scenario, talent, attracting a firm) — is
   primary and ``funding`` secondary. ``funding`` is primary only for money with no purpose named
   (revenue-growth rewards, a general special fund). Loan-interest subsidies and guarantees are
   ``finance`` by their own cues.
5. **Several tools.** Every other tool scoring ≥ 2 is secondary, strongest first; ``funding`` is
   added as secondary from 1 (one money word: the clause pays money).
6. **Ties** go to the tool listed first in the lexicon's ``tie_order`` (the specific before the
   general: procurement … strategic, planning, funding).
7. **Nearest examples.** When no tool reaches 2, the clause is embedded with the chosen embedder
   (any ``embeddings`` embedder: tfidf by default, sbert, or others by name) and compared with the
   labelled examples (``instrument_examples.yaml``); the ``k`` nearest at or above the embedder's
   "related" threshold vote with their similarities. When the clause has weak cues, only
   examples of the tools those cues name may vote (the examples choose among what the words hint
   at and never bring in a tool the clause does not name; a rent subsidy stays ``funding``); with
   no cue at all, every example votes and one of "no instrument" can win. When no example votes,
   the weak cue decides (money-for-a-purpose applies among the hinted tools); with no cue
   either, the clause is ``undecided`` (no tool).
8. **Manual codes** stored in the database replace all of this for their clause (see
   ``corpus_codes``), everywhere codes are shown.

The stage is the stage whose cues score highest, plus a bonus for the stage the primary tool
leans to (``stage_prior``); an instrument clause with no stage cue is placed in ``ecosystem``.
"""

from __future__ import annotations

from compare.instruments.coder import Coding, Evidence, InstrumentCoder, fitted_coder
from compare.instruments.corpus_codes import CodedPolicy, apply_manual, code_policies, code_sets, set_manual_code
from compare.instruments.scheme import DIMENSIONS, STAGES, TOOLS, Example, Lexicon, SchemeError, load_examples, load_lexicon
from compare.instruments.tables import codes_frame, dimension_summary, tool_matrix, tool_stage, wide

__all__ = [
    "DIMENSIONS",
    "STAGES",
    "TOOLS",
    "CodedPolicy",
    "Coding",
    "Evidence",
    "Example",
    "InstrumentCoder",
    "Lexicon",
    "SchemeError",
    "apply_manual",
    "code_policies",
    "code_sets",
    "codes_frame",
    "dimension_summary",
    "fitted_coder",
    "load_examples",
    "load_lexicon",
    "set_manual_code",
    "tool_matrix",
    "tool_stage",
    "wide",
]
