"""``python -m compare tools | code``: policy-instrument codes of policies, and manual codes.

A thin shell like ``compare.cli``: ``register`` adds the subcommands; each handler makes one or
two library calls and prints. ``tools --json`` prints ``{"records": [...]}`` per the contract
(one record per clause, manual codes applied); ``--matrix`` prints the policy × tool counts.
"""

from __future__ import annotations

import argparse
from typing import Any

from compare.instruments import TOOLS, InstrumentCoder, code_sets, load_lexicon, set_manual_code, tool_matrix, wide
from compare.instruments.tables import cite
from corpus.library import open_store
from ui.console import add_allow_private, add_json, print_json, resolve_clauses, status, wrap_cjk


def cmd_tools(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    coder = InstrumentCoder(embedder=args.embedder).fit()
    coded = code_sets(store, [resolve_clauses(store, s, allow_private=args.allow_private) for s in args.policies], coder)
    for p in coded:
        if not p.has_text and p.policy is not None:
            status(f"{p.key} has no text yet; add one with: python -m corpus ingest FILE_OR_URL --policy {p.key}")
    if args.json:
        payload: dict[str, Any] = {"embedder": coder.embedder_.id, "records": [c.to_json() for p in coded for c in p.codings]}
        if args.matrix:
            payload["matrix"] = tool_matrix(coded, coder.lexicon_).drop(columns=["Cited clauses"]).to_dict(orient="records")
        print_json(payload)
        return 0
    lexicon = coder.lexicon_
    if args.matrix:
        counts = wide(tool_matrix(coded, lexicon), "Policy id", "Tool").fillna(0).astype(int)
        print("Clauses per primary tool (rows: policies with text)")
        print(counts.T.to_string() if not counts.empty else "(no policy with text)")
        return 0
    for p in coded:
        print(f"{p.title}  ({len(p.codings)} clauses)")
        for c in p.codings:
            name = f"{lexicon.tools[c.tool].zh} {c.tool}" if c.tool else "—"
            extra = f" (+{', '.join(c.tools[1:])})" if len(c.tools) > 1 else ""
            print(f"  {cite(c)}")
            print(f"      {c.dimension or '—':<11} {name}{extra}  [{c.method}]")
            for e in c.evidence[:3]:
                for line in wrap_cjk(e.describe(), 96):
                    print("        · " + line)
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    store = open_store(seed=True)
    if args.clear:
        removed = store.delete_instrument_code(args.clause)
        status(f"{args.clause}: manual code removed" if removed else f"{args.clause} had no manual code")
        return 0
    if args.tool is None:
        status("error: give a TOOL (or none), or --clear")
        return 2
    tool = None if args.tool == "none" else args.tool
    code = set_manual_code(store, args.clause, tool, args.also or (), note=args.note, author=args.author)
    label = load_lexicon().tools[tool].zh if tool else "no instrument"
    status(f"{code.clause_id}: coded {tool or 'none'} ({label}) by {code.author or 'anonymous'} at {code.coded_at}")
    return 0


def register(subparsers: Any) -> None:
    """Add ``tools`` and ``code`` to an argparse subparsers object."""
    p = subparsers.add_parser("tools", help="the policy-instrument code of every clause (supply / environment / demand)")
    p.add_argument("policies", nargs="+", metavar="POLICY", help="policy id, ID@DOC, file or URL")
    p.add_argument("--matrix", action="store_true", help="the policy × tool matrix instead of the clauses")
    p.add_argument("--embedder", default="tfidf", help="embedder of the nearest-example layer (default tfidf)")
    add_allow_private(p)
    add_json(p, "print {records: [...]} as JSON")
    p.set_defaults(func=cmd_tools)

    p = subparsers.add_parser("code", help="store your own instrument code for a clause (overrides the automatic one)")
    p.add_argument("clause", help="clause id, as `tools --json` lists them")
    p.add_argument("tool", nargs="?", choices=[*TOOLS, "none"], help="the primary tool, or none")
    p.add_argument("--also", action="append", choices=TOOLS, help="a secondary tool; repeatable")
    p.add_argument("--note", default="", help="why (shown as the evidence)")
    p.add_argument("--author", default="", help="who coded it")
    p.add_argument("--clear", action="store_true", help="remove the manual code; the automatic one applies again")
    p.set_defaults(func=cmd_code)
