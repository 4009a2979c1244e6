"""``python -m compare subsidies | targets | brief``: the provision commands of the compare CLI.

Part of the compare CLI's shell: ``register`` adds the three subcommands to ``compare.cli``'s
subparsers; each handler makes one or two library calls and prints. ``--json`` prints exactly
one JSON object on stdout; errors go to stderr with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from compare.briefing.brief import build_brief
from compare.briefing.export import FORMATS, check_output, export_brief
from compare.briefing.labels import LANGS
from compare.instruments import InstrumentCoder, code_policies
from compare.instruments.brief_tables import instrument_mix, instrument_tables, with_instruments
from compare.provisions.facts import Provisions, merge_provisions, provisions_for, provisions_of
from compare.provisions.money import money_text
from compare.provisions.subsidies import Subsidy
from compare.provisions.targets import Target
from corpus.library import open_store
from ui.console import add_json, print_json, resolve_clauses


def _where(record: Subsidy | Target) -> str:
    """The clause as a reader cites it, then the internal id; the registry page for a registry figure."""
    if record.source == "registry":
        return f"registry {record.source_url or ''}"
    return f"{record.citation or '(preamble)'}  [{record.clause_id}]"


def subsidy_line(s: Subsidy) -> str:
    """One subsidy as a line of text: policy, kind, amount with 最高/不少于, rate, area, years."""
    bound = {True: "最高", False: "不少于", None: ""}[s.cap]
    parts = [f"{s.kind:<10}", bound + (money_text(s.amount_yuan) if s.amount_yuan is not None else "-")]
    parts += [
        x for x in (s.rate is not None and f"{s.rate:.0%}", s.area_m2 and f"{s.area_m2:g}㎡", s.years and f"{s.years:g}年", s.per) if x
    ]
    return f"{s.policy_id}  " + "  ".join(parts) + f"\n    {s.text[:80]}\n    ← {_where(s)}"


def target_line(t: Target) -> str:
    """One target as a line of text: policy, kind, label, value with its unit, comparator and year."""
    value = money_text(t.value) if t.unit == "元" else (f"{t.value:.0%}" if t.unit == "%" else f"{t.value:g}{t.unit}")
    year = f"{t.year}年" if t.year else ""
    return f"{t.policy_id}  {t.kind:<14} {t.label}  {value}{t.comparator or ''}  {year}\n    ← {_where(t)}"


def _provisions(selectors: Sequence[str]) -> Provisions:
    """Records of stored policies or files named on the command line (every policy when none)."""
    store = open_store(seed=True)
    if not selectors:
        return provisions_for(store)
    return merge_provisions([provisions_of(resolve_clauses(store, s)) for s in selectors])


def cmd_subsidies(args: argparse.Namespace) -> int:
    records = _provisions(args.policies).subsidies
    return _print_records(args, records, subsidy_line, "No subsidies found.")


def cmd_targets(args: argparse.Namespace) -> int:
    records = _provisions(args.policies).targets
    return _print_records(args, records, target_line, "No targets found.")


def _print_records(args: argparse.Namespace, records: Sequence[Any], line: Any, empty: str) -> int:
    if args.json:
        print_json({"records": [r.to_json() for r in records]})
    else:
        print("\n".join(line(r) for r in records) or empty)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    check_output(args.out)  # before the work: a missing folder is refused at once
    store = open_store(seed=True)
    coder = InstrumentCoder(embedder="tfidf").fit()
    coded = code_policies(store, args.policies or [s.policy.id for s in store.summaries() if s.has_text], coder)
    mix = instrument_mix(coded, coder.lexicon_, args.lang)  # the overview's instrument column
    brief = build_brief(provisions_for(store, args.policies or None), lang=args.lang, instruments=mix)
    brief = with_instruments(brief, instrument_tables(coded, coder.lexicon_, args.lang))
    path = export_brief(brief, args.out)
    rows = {t.name: len(t.frame) for t in brief.tables}
    print(f"wrote {path}: " + ", ".join(f"{n} {name}" for name, n in rows.items()), file=sys.stderr)
    return 0


def register(subparsers: Any) -> None:
    """Add ``subsidies``, ``targets`` and ``brief`` to an argparse subparsers object."""
    p = subparsers.add_parser("subsidies", help="the subsidies of policies (from their text, or the registry)")
    p.add_argument("policies", nargs="+", metavar="POLICY", help="policy id, ID@DOC or a file")
    add_json(p, "print {records: [...]} as JSON")
    p.set_defaults(func=cmd_subsidies)

    p = subparsers.add_parser("targets", help="the targets of policies (from their text, or the registry)")
    p.add_argument("policies", nargs="+", metavar="POLICY", help="policy id, ID@DOC or a file")
    add_json(p, "print {records: [...]} as JSON")
    p.set_defaults(func=cmd_targets)

    p = subparsers.add_parser("brief", help="write the subsidy and target tables of policies (all when none given)")
    p.add_argument("policies", nargs="*", metavar="POLICY")
    p.add_argument("--out", required=True, help=f"output file; its extension picks the format ({', '.join('.' + f for f in FORMATS)})")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of sheet names, headers and kinds (default zh)")
    p.set_defaults(func=cmd_brief)
