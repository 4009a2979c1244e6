"""Instrument codes of stored policies (or files), with researchers' manual codes applied.

This is the one place where automatic and manual codes meet, so the CLI, the app and the
exports all show the same code for a clause: a manual code made for the clause's current text
replaces the automatic one (its evidence says who coded it, when and why); a manual code made for
an earlier text is ignored, and the automatic code says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from compare.instruments.coder import Coding, Evidence, InstrumentCoder
from compare.instruments.scheme import TOOLS, SchemeError
from compare.similarity.models import clause_text
from corpus.library import ClauseSet, load_clauses
from corpus.models import InstrumentCode, Policy
from corpus.store import ClauseStore, text_hash
from embeddings.cache import TextCache


@dataclass(frozen=True)
class CodedPolicy:
    """One selector's clauses coded; ``has_text`` is False for a policy without text."""

    selector: str
    title: str
    policy: Policy | None
    codings: tuple[Coding, ...]

    @property
    def key(self) -> str:
        return self.policy.id if self.policy else self.selector

    @property
    def has_text(self) -> bool:
        return bool(self.codings)


def apply_manual(codings: Sequence[Coding], codes: dict[str, InstrumentCode], coder: InstrumentCoder) -> list[Coding]:
    """Codings with the manual codes of their clauses applied (those made for the same text)."""
    out = []
    for coding in codings:
        code = codes.get(coding.clause.id)
        if code is None:
            out.append(coding)
        elif code.text_hash != text_hash(clause_text(coding.clause)):
            stale = Evidence("rule", None, note=f"manual code of {code.coded_at} ignored: the clause text changed since")
            out.append(replace(coding, evidence=(*coding.evidence, stale)))
        else:
            manual = Evidence("manual", code.tool, note=code.note, author=code.author, coded_at=code.coded_at)
            tools = (code.tool, *[t for t in code.tools if t != code.tool]) if code.tool else ()
            out.append(
                replace(
                    coding,
                    tool=code.tool,
                    tools=tools,
                    dimension=coder.lexicon_.dimension_of(code.tool),
                    stage=coding.stage or ("ecosystem" if code.tool else None),
                    method="manual",
                    evidence=(manual, *coding.evidence),
                )
            )
    return out


def code_sets(store: ClauseStore, sets: Sequence[ClauseSet], coder: InstrumentCoder) -> list[CodedPolicy]:
    """Each clause set coded, manual codes applied; a set without clauses gives an empty entry.

    Clauses are embedded through the store's cache, read only: stored clauses reuse the work of
    the corpus space, and nothing is written for a file's clauses."""
    codes = store.instrument_codes()
    cache = TextCache(store, writable=False)
    out = []
    for s in sets:
        codings = apply_manual(coder.code(list(s.clauses), s.policy_id or s.selector, cache=cache), codes, coder)
        out.append(CodedPolicy(s.selector, s.title, s.policy, tuple(codings)))
    return out


def code_policies(store: ClauseStore, selectors: Sequence[str], coder: InstrumentCoder) -> list[CodedPolicy]:
    """The stored policies (ids or ``ID@DOC``) coded, in the order given; never reads a file or the network."""
    return code_sets(store, [load_clauses(store, s) for s in selectors], coder)


def set_manual_code(
    store: ClauseStore, clause_id: str, tool: str | None, tools: Sequence[str] = (), *, note: str = "", author: str = ""
) -> InstrumentCode:
    """Record a researcher's code for a stored clause (``tool`` None: no instrument)."""
    for name in (tool, *tools):
        if name is not None and name not in TOOLS:
            raise SchemeError(str(name), "not a tool of the scheme", f"Use one of: {', '.join(TOOLS)}.")
    _policy, clause = store.clause(clause_id)
    code = InstrumentCode(
        clause_id,
        text_hash(clause_text(clause)),
        tool,
        tuple(t for t in tools if t != tool),
        note.strip(),
        author.strip(),
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    store.set_instrument_code(code)
    return code
