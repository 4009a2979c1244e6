"""``python -m compare``: match, align, search and the policy matrix (plus provisions).

A thin shell over the library: parse, open the store, build the clause space, call one
function, print. ``--json`` prints exactly one JSON object on stdout; errors go to stderr with a
non-zero exit code; an empty result is an empty answer.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from compare import cli_provisions, cli_scale, cli_tools
from compare.briefing.alignment_export import ALIGNMENT_FORMATS, alignment_bytes, comparison_view
from compare.briefing.export import check_folder, write_output
from compare.similarity.align import align_sets, side
from compare.similarity.match import match_clauses, search
from compare.similarity.matrix import policy_matrix
from compare.similarity.models import Side, clause_text
from compare.similarity.space import ClauseSpace, Filters, build_space
from corpus.errors import PolicyCompareError
from corpus.library import open_store
from corpus.metadata import check_date
from corpus.store import ClauseStore
from embeddings import DEFAULT_EMBEDDER, resolve_embedder
from ui.console import (
    add_allow_private,
    add_debug,
    add_json,
    parse,
    print_json,
    progress_bar,
    resolve_clauses,
    run,
    short,
    status,
    wrap_cjk,
)

EMBEDDER_HELP = (
    "hybrid (default): shared words and shared meaning (TF-IDF + the bundled e5 model), finds copies and paraphrases; "
    "embeds a few clauses per second the first time, cached after. "
    "tfidf: shared words only, instant at any size: choose it for very large corpora (tens of thousands of clauses not yet embedded). "
    "e5: the semantic part alone. "
    "sbert:FOLDER: a downloaded sentence-transformers model, e.g. a Chinese one such as bge-small-zh"
)


def _space(args: argparse.Namespace) -> tuple[ClauseStore, ClauseSpace]:
    store = open_store(seed=True, progress=status)
    resolved = resolve_embedder(args.embedder)
    if resolved.warning:
        status(f"warning: {resolved.warning}")
    space = build_space(store, resolved.embedder, progress=progress_bar("Embedding clauses"))
    for note in space.notes:
        status(f"note: {note}")
    return store, space


def _filters(args: argparse.Namespace) -> Filters | None:
    if not any([args.level, args.province, args.date_from, args.date_to]):
        return None
    return Filters(
        levels=tuple(args.level) if args.level else None,
        provinces=tuple(args.province) if args.province else None,
        date_from=args.date_from,
        date_to=args.date_to,
    )


def _no_text_hint(side: Side) -> None:
    """Tell the user how to give a policy without text its text (on stderr, never in JSON)."""
    if side.n_clauses == 0 and side.policy_id:
        status(f"{side.policy_id} has no text yet; add one with: python -m corpus ingest FILE_OR_URL --policy {side.policy_id}")


def cmd_match(args: argparse.Namespace) -> int:
    store, space = _space(args)
    source = resolve_clauses(store, args.source, allow_private=args.allow_private)
    target = resolve_clauses(store, args.target, allow_private=args.allow_private) if args.target else None
    matches = match_clauses(space, source, target, k=args.top, filters=_filters(args))
    for clause_set in (source, target):
        if clause_set is not None:
            _no_text_hint(side(clause_set))
    if args.json:
        print_json({"embedder": space.embedder.id, "source": args.source, "target": args.target, "matches": [m.to_json() for m in matches]})
        return 0
    if not matches:
        print(f"{args.source} has no clauses to match.")
    for m in matches:
        print(m.clause.label or m.clause.id)
        print("    " + short(clause_text(m.clause)))
        for hit in m.candidates:
            print(f"    {hit.score:5.3f}  {hit.policy_id or ''} {hit.clause.label}")
        if not m.candidates:
            print("    (nothing similar)")
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    if args.out:
        check_folder(args.out)  # before the work
    store, space = _space(args)
    a = resolve_clauses(store, args.source, allow_private=args.allow_private)
    b = resolve_clauses(store, args.target, allow_private=args.allow_private)
    alignment = align_sets(space, a, b, threshold=args.threshold, hide_boilerplate=args.hide_boilerplate)
    _no_text_hint(alignment.a)
    _no_text_hint(alignment.b)
    if args.out:
        fmt = Path(args.out).suffix.lstrip(".").lower()
        write_output(
            Path(args.out), alignment_bytes(comparison_view(alignment, hide_boilerplate=args.hide_boilerplate), fmt, lang=args.lang)
        )
        status(f"wrote {args.out}: {len(alignment.pairs)} pairs, {len(alignment.only_a)} only in A, {len(alignment.only_b)} only in B")
    if args.json:
        print_json(alignment.to_json())
        return 0
    print(f"A: {alignment.a.title} ({alignment.a.n_clauses} clauses)")
    print(f"B: {alignment.b.title} ({alignment.b.n_clauses} clauses)")
    print(
        f"{alignment.containment_ab:.0%} of A is found in B; {alignment.containment_ba:.0%} of B in A (threshold {alignment.threshold:.2f}).\n"
    )
    for pair in alignment.pairs:
        flag = " [boilerplate]" if pair.boilerplate else ""
        print(f"{pair.score:5.3f} {pair.match_class}{flag}")
        for name, clause in (("A", pair.a), ("B", pair.b)):
            for line in wrap_cjk(f"{name} {clause.label or short(clause.text, 30)}", 100):
                print("    " + line)
    for name, rest in (("A", alignment.only_a), ("B", alignment.only_b)):
        print(f"\nOnly in {name}: {len(rest)}")
        for clause in rest:
            print(f"    {clause.label} — {short(clause_text(clause), 40)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    _store, space = _space(args)
    hits = search(space, args.query, k=args.top, filters=_filters(args), include_context=args.context, exact=args.exact)
    if args.json:
        print_json({"query": args.query, "embedder": space.embedder.id, "results": [h.to_json() for h in hits]})
        return 0
    if not hits:
        print("No clause matches this query.")
    for hit in hits:
        title = space.policies[hit.policy_id].display_title if hit.policy_id in space.policies else ""
        print(f"{hit.score:5.3f}  {title}\n       {hit.clause.label}\n       {short(clause_text(hit.clause), 90)}")
    return 0


def cmd_matrix(args: argparse.Namespace) -> int:
    _store, space = _space(args)
    matrix = policy_matrix(space, threshold=args.threshold, filters=_filters(args), hide_boilerplate=args.hide_boilerplate)
    if args.json:
        print_json(matrix.to_json())
        return 0
    ids = [matrix.policies[i].id for i in matrix.order]
    print(f"{len(ids)} policies with text; {len(matrix.missing)} without (not compared).")
    print("Row policy found in column policy (share of the row's clauses):")
    width = max((len(i) for i in ids), default=0)
    for n, i in enumerate(matrix.order):
        cells = " ".join(f"{matrix.containment[i, j]:5.2f}" for j in matrix.order)
        print(f"[{n:2}] {ids[n]:<{width}}  {matrix.policies[i].date or 'undated':<10} {cells}")
    return 0


def _date(value: str) -> str:
    try:
        return check_date(value)
    except PolicyCompareError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY") from exc


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0.0 <= number <= 1.0:  # also false for nan
        raise argparse.ArgumentTypeError(f"{value!r} is not a score between 0 and 1")
    return number


def _top(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 10_000:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 1 to 10000")
    return int(value)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--level", action="append", choices=["province", "city", "district"], help="repeatable")
    p.add_argument("--province", action="append", help="e.g. 浙江; repeatable")
    p.add_argument("--from", dest="date_from", type=_date, help="issued on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, help="issued on or before YYYY-MM-DD")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--embedder", default=DEFAULT_EMBEDDER, help=EMBEDDER_HELP)
    add_json(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m compare", description="Compare policies clause by clause.")
    add_debug(parser)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("match", help="the top-k clauses of TARGET (or of the corpus) for every clause of SOURCE")
    p.add_argument("source", help="policy id, ID@DOC, file or URL")
    p.add_argument("target", nargs="?", help="policy id, ID@DOC, file or URL; omit to search the whole corpus")
    p.add_argument("--top", type=_top, default=3)
    add_allow_private(p)
    _add_filters(p)
    _add_common(p)
    p.set_defaults(func=cmd_match)

    p = sub.add_parser("align", help="one-to-one clause alignment of two policies")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--threshold", type=_threshold, help="minimum score of a pair (default: the embedder's 'related' threshold)")
    p.add_argument("--hide-boilerplate", action="store_true", help="leave boilerplate clauses out of containment (and of --out)")
    p.add_argument("--out", metavar="FILE.docx|.xlsx", help="also write the comparison: Word (two columns, changes marked) or Excel")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the --out file's labels (default zh)")
    add_allow_private(p)
    _add_common(p)
    p.set_defaults(func=cmd_align)

    p = sub.add_parser("search", help="clauses of the whole corpus closest to a free-text query")
    p.add_argument("query")
    p.add_argument("--top", type=_top, default=10)
    p.add_argument("--context", action="store_true", help="also search the news paragraphs around reprints")
    p.add_argument("--exact", action="store_true", help="only clauses containing the whole query as one phrase")
    _add_filters(p)
    _add_common(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("matrix", help="policy × policy containment over the policies with text")
    p.add_argument("--threshold", type=_threshold, help="minimum score that counts as found (default: the embedder's threshold)")
    p.add_argument("--hide-boilerplate", action="store_true")
    _add_filters(p)
    _add_common(p)
    p.set_defaults(func=cmd_matrix)

    cli_provisions.register(sub)
    cli_tools.register(sub)
    cli_scale.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(build_parser(), argv)
    if isinstance(args, int):
        return args
    if args.command == "align" and getattr(args, "out", None) and Path(args.out).suffix.lstrip(".").lower() not in ALIGNMENT_FORMATS:
        print("error: --out names a .docx or .xlsx file", file=sys.stderr)
        return 2
    return run(args)
