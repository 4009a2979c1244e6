"""``python -m corpus``: segment, ingest, list, show and add policies.

A thin shell: it parses arguments, calls one library function and prints. Errors of the
library become one message on stderr and a non-zero exit code; ``--json`` prints exactly one
JSON object on stdout.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.errors import NotFoundError, PolicyCompareError, as_policy_error
from corpus.filters import Filters
from corpus.harvest import FetchOutcome, fetch_policies, ingest_folder
from corpus.library import add_policy, add_text_sources, ingest, open_store, prepare, remove_policy, update_policy
from corpus.models import Clause, Policy, PolicySummary
from corpus.polite import PoliteClient
from corpus.readers import read_path
from corpus.registry import load_registry
from ui.console import add_allow_private, add_debug, add_json, display_width, parse, print_json, progress_bar, run, status, wrap_cjk


def render_tree(title: str, clauses: Sequence[Clause], *, width: int | None = None, brief: bool = False) -> str:
    """The clause tree as indented text: headings once, each clause under them with its
    number, heading, text (wrapped) and responsible units."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    lines = [title, "=" * min(display_width(title), width)] if title else []
    prefixes = {c.id.rsplit("/", 1)[0] for c in clauses if "/" in c.id}
    if len(prefixes) == 1:
        lines.append(f"(clause ids: {prefixes.pop()}/<n>)")
    shown: list[str] = []
    for clause in clauses:
        path = list(clause.path)
        common = 0
        while common < min(len(path), len(shown)) and path[common] == shown[common]:
            common += 1
        for depth in range(common, len(path)):
            lines.append("  " * depth + path[depth])
        shown = path
        indent = "  " * len(path)
        head = f"[{clause.id.rsplit('/', 1)[-1]}] " + "".join(
            x for x in (clause.number and f"{clause.number}. ", clause.heading and f"【{clause.heading}】") if x
        )
        body = clause.text if not brief else (clause.text[:60] + ("…" if len(clause.text) > 60 else ""))
        wrapped = wrap_cjk(head + body, max(width - len(indent), 30)) or [head]
        lines.extend(indent + w for w in wrapped)
        if clause.units:
            lines.append(indent + "  责任单位: " + "、".join(clause.units))
    return "\n".join(lines)


def _policy_line(s: PolicySummary) -> str:
    p = s.policy
    text = f"{s.n_clauses} clauses" if s.has_text else "no text"
    flags = "".join(
        f" [{x}]"
        for x in (
            p.confidence and f"confidence {p.confidence}",
            p.borderline and "borderline",
            p.status not in {None, "issued"} and p.status,
            p.origin == "user" and "added by user",
        )
        if x
    )
    return f"{p.id}\n    {p.display_title}\n    {p.jurisdiction} · {p.level or '?'} · {p.date or 'undated'} · {text}{flags}"


def cmd_segment(args: argparse.Namespace) -> int:
    read = read_path(args.path)
    for warning in read.warnings:
        print(f"warning: {args.path}: {warning}", file=sys.stderr)
    segmented = prepare(read)
    if args.json:
        payload = segmented.to_json()
        if not args.context:
            payload.pop("context")
        print_json(payload)
    else:
        print(render_tree(segmented.title, segmented.clauses, brief=args.brief))
        if segmented.context:
            print(f"\n({len(segmented.context)} paragraphs of news around the policy; --context --json lists them)")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    results = []
    failed = 0
    for i, target in enumerate(args.targets, 1):  # one file failing never stops the others
        prefix = f"[{i}/{len(args.targets)}] " if len(args.targets) > 1 else ""
        if Path(target).is_dir() and args.policy is None:
            placed = _ingest_folder(store, target)
            results += placed
            failed += sum(1 for p in placed if p["policy"] is None)
            continue
        status(f"{prefix}Reading {target} …")
        try:
            result = ingest(
                store,
                target,
                policy_id=args.policy,
                allow_private=args.allow_private,
                primary=True if args.primary else None,
                progress=progress_bar("Storing clauses"),
            )
        except Exception as exc:
            if getattr(args, "debug", False) and not isinstance(exc, PolicyCompareError):
                raise
            print(f"{prefix}error: {as_policy_error(exc, target)}", file=sys.stderr)
            failed += 1
            continue
        verb = "stored" if result.created else "already stored (unchanged)"
        status(f"{prefix}{verb}: {result.title} → policy {result.policy_id}, document {result.document_id}, {result.n_clauses} clauses")
        for warning in result.warnings:
            print(f"warning: {target}: {warning}", file=sys.stderr)
        results.append(
            {
                "target": target,
                "policy": result.policy_id,
                "document": result.document_id,
                "created": result.created,
                "n_clauses": result.n_clauses,
                "title": result.title,
                "warnings": list(result.warnings),
            }
        )
    if len(args.targets) > 1:
        status(f"{len(results)} of {len(args.targets)} stored or already stored; {failed} failed")
    if args.json:
        print_json({"ingested": results, "failed": failed})
    return 1 if failed else 0


def _ingest_folder(store: Any, folder: str) -> list[dict[str, Any]]:
    """Ingest a folder of downloaded files, each under the policy its title names."""
    placed = ingest_folder(store, folder, progress=lambda done, total, name: progress_bar(f"Reading {folder}")(done, total))
    for p in placed:
        if p.policy_id is None:
            print(f"not placed: {p.path}: {p.problem}", file=sys.stderr)
        else:
            status(f"{'stored' if p.created else 'already stored'}: {p.path} → policy {p.policy_id}, document {p.document_id}")
    n_placed = sum(1 for p in placed if p.policy_id)
    status(
        f"{folder}: {n_placed} of {len(placed)} files placed"
        + (f"; {len(placed) - n_placed} not placed (listed above)" if n_placed < len(placed) else "")
    )
    return [
        {"target": p.path, "policy": p.policy_id, "document": p.document_id, "created": p.created, "title": p.title, "problem": p.problem}
        for p in placed
    ]


_VERDICT = {"fetched": "fetched", "unchanged": "unchanged", "skipped": "has text", "not_found": "not found", "failed": "failed"}


def _fetch_progress(total: int) -> Any:
    """Draw, on a terminal, one bar per policy: its sources tried so far and what is being done."""
    interactive = sys.stderr.isatty()
    order: dict[str, int] = {}

    def progress(policy_id: str, done: int, steps: int, message: str) -> None:
        order.setdefault(policy_id, len(order) + 1)
        if not interactive:
            return
        width = 20
        filled = int(width * done / max(steps, 1))
        line = f"[{order[policy_id]}/{total}] {policy_id} [{'#' * filled}{'.' * (width - filled)}] {message}"
        columns = shutil.get_terminal_size((100, 24)).columns
        sys.stderr.write("\r" + line[: columns - 1].ljust(columns - 1))
        sys.stderr.flush()

    return progress


def fetch_summary(outcomes: Sequence[FetchOutcome]) -> str:
    """The table printed after `fetch`: one row per policy, its result, why, and what to do."""
    width = max([len(o.policy_id) for o in outcomes] + [6])
    lines = [f"{'policy'.ljust(width)}  {'result'.ljust(10)}  details", "-" * (width + 40)]
    for o in outcomes:
        lines.append(f"{o.policy_id.ljust(width)}  {_VERDICT[o.status].ljust(10)}  {o.reason}")
        if o.hint and o.status in {"failed", "not_found"}:
            lines.append(f"{' ' * width}  {' ' * 10}  → {o.hint}")
    counts = {v: sum(1 for o in outcomes if o.status == k) for k, v in _VERDICT.items()}
    lines.append(", ".join(f"{n} {label}" for label, n in counts.items() if n) or "nothing to fetch")
    return "\n".join(lines)


def cmd_fetch(args: argparse.Namespace) -> int:
    if not args.ids and not args.all:
        raise PolicyCompareError("", "name the policies to fetch, or --all", "`python -m corpus list` shows the ids.")
    store = open_store(seed=True, progress=status)
    ids = [p.id for p in store.policies()] if args.all else list(dict.fromkeys(args.ids))
    for policy_id in ids:
        store.policy(policy_id)  # an unknown id is an error before anything is fetched
    client = PoliteClient(allow_private=args.allow_private)
    interactive = sys.stderr.isatty()

    def done(outcome: FetchOutcome) -> None:
        if interactive:
            sys.stderr.write("\r" + " " * (shutil.get_terminal_size((100, 24)).columns - 1) + "\r")
        status(f"{outcome.policy_id}: {_VERDICT[outcome.status]}: {outcome.reason}")

    outcomes = fetch_policies(store, ids, client, refresh=args.refresh, progress=_fetch_progress(len(ids)), done=done)
    if args.json:
        print_json({"fetched": [o.to_json() for o in outcomes], "failed": sum(o.status == "failed" for o in outcomes)})
    else:
        print(fetch_summary(outcomes))
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    summaries = store.summaries()
    keep = Filters(levels=(args.level,) if args.level else None, provinces=(args.province,) if args.province else None)
    summaries = [s for s in summaries if keep.allows(s.policy)]
    registry = load_registry()
    if args.json:
        print_json(
            {
                "policies": [s.to_json() for s in summaries],
                "article_count": registry.article_count,
                "gap": registry.gap,
            }
        )
        return 0
    for s in summaries:
        print(_policy_line(s))
    with_text = sum(s.has_text for s in summaries)
    print(f"\n{len(summaries)} policies, {with_text} with text. {registry.gap}")
    if with_text < len(summaries):
        print("Add a policy's text: python -m corpus ingest FILE_OR_URL --policy ID")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    policy = store.policy(args.id)
    documents = store.documents(policy.id)
    document = store.document(args.document) if args.document else None
    if document is not None and document.policy_id != policy.id:
        raise NotFoundError(
            args.document,
            f"this document belongs to policy {document.policy_id}, not {policy.id}",
            f"See `python -m corpus show {policy.id}`.",
        )
    document_id = document.id if document else None
    role = "context" if args.context else "body"
    clauses = store.clauses(policy.id, document_id=document_id, role=role)
    if args.json:
        summary = next(s for s in store.summaries() if s.policy.id == policy.id)
        print_json({"policy": summary.to_json(), "facts": [f.__dict__ for f in policy.facts], "clauses": [c.to_json() for c in clauses]})
        return 0
    print(_policy_line(next(s for s in store.summaries() if s.policy.id == policy.id)))
    if policy.notes:
        print(textwrap.indent(policy.notes, "    note: "))
    provenance = store.provenance(policy.id)
    for d in documents:
        print(f"    document {d.id}{' (primary)' if d.is_primary else ''}: {d.source} · sha256 {d.sha256[:12]} · read {d.fetched_at}")
        if d.id in provenance:
            p = provenance[d.id]
            attachment = f", attachment {p.attachment}" if p.attachment else ""
            print(f"        fetched from the {p.kind} page {p.page_url}{attachment} at {p.fetched_at}")
    if policy.source_url:
        print(f"    source: {policy.source_url}")
    print()
    if not clauses:
        print(f"No text stored for this policy. Add it with: python -m corpus ingest FILE_OR_URL --policy {policy.id}")
        if policy.facts:
            print(f"The registry holds {len(policy.facts)} facts about it (see --json).")
        return 0
    title = next((d.title for d in documents if (d.id == document_id if document_id else d.is_primary)), policy.display_title)
    print(render_tree(title, clauses, brief=args.brief))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    if args.title is None and args.jurisdiction is None and (args.official_url or args.text_url):
        added = add_text_sources(store, args.id, official_url=args.official_url, text_urls=tuple(args.text_url))
        status(f"{args.id}: {len(added)} address(es) of your own to fetch from. Fetch the text with: python -m corpus fetch {args.id}")
        return 0
    if store.has_policy(args.id):
        if not args.update:
            raise PolicyCompareError(
                args.id,
                "a policy with this id already exists",
                "Add --update to change the fields you give; the fields you leave out keep their values.",
            )
        given = {
            "title": args.title,
            "jurisdiction": args.jurisdiction,
            "province": args.province,
            "level": args.level,
            "issuer": args.issuer,
            "date": args.date,
            "period": args.period,
            "source_url": args.url,
            "official_url": args.official_url,
            "confidence": args.confidence,
        }
        changes = {k: v for k, v in given.items() if v is not None}
        policy = update_policy(store, args.id, changes)
        if args.official_url or args.text_url:
            add_text_sources(store, policy.id, official_url=args.official_url, text_urls=tuple(args.text_url))
        status(f"updated policy {policy.id}: {', '.join(changes) or 'nothing given, nothing changed'}")
        return 0
    if args.title is None or args.jurisdiction is None:
        raise PolicyCompareError(
            args.id,
            "a new policy needs --title and --jurisdiction",
            "To record where an existing policy's text is, give only --official-url or --text-url.",
        )
    policy = add_policy(
        store,
        Policy(
            id=args.id,
            title=args.title,
            jurisdiction=args.jurisdiction,
            province=args.province,
            level=args.level,
            issuer=args.issuer,
            date=args.date,
            period=args.period,
            source_url=args.url or args.official_url,
            confidence=args.confidence,
            notes=args.notes or "",
            origin="user",
            status="issued",
            official_url=args.official_url,
        ),
    )
    if args.official_url or args.text_url:
        add_text_sources(store, policy.id, official_url=args.official_url, text_urls=tuple(args.text_url))
        status(f"added policy {policy.id}: {policy.display_title}. Fetch its text with: python -m corpus fetch {policy.id}")
        return 0
    status(f"added policy {policy.id}: {policy.display_title}. Add its text with: python -m corpus ingest FILE --policy {policy.id}")
    return 0


def cmd_remove_policy(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    policy = store.policy(args.id)
    documents = store.documents(policy.id)
    if not args.yes:
        raise PolicyCompareError(
            policy.id,
            f"removing it deletes {len(documents)} document(s) and their clauses",
            f"Run again with --yes to remove {policy.display_title}.",
        )
    remove_policy(store, policy.id)
    status(f"removed policy {policy.id} ({policy.display_title}) with {len(documents)} document(s)")
    return 0


def cmd_primary(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    document = store.document(args.document)
    store.set_primary(document.id)
    status(f"document {document.id} ({document.source}) is now the primary text of {document.policy_id}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = open_store(seed=True, progress=status)
    document = store.document(args.document)
    store.delete_document(document.id)
    status(f"removed document {document.id} ({document.source}) and its {document.n_clauses} clauses from {document.policy_id}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Clauses and vectors as files for Dask workers (``python -m compare allpairs --from DIR``)."""
    from compare.similarity.pairs import export_space  # the vectors come from the comparison layer
    from compare.similarity.space import build_space

    space = build_space(open_store(seed=True, progress=status), args.embedder)
    out = export_space(space, args.parquet)
    status(f"{len(space.rows):,} clauses and their {space.embedder.id} vectors written to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description="Read, segment and store policy documents.")
    add_debug(parser)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("segment", help="print the clauses of a file (stores nothing)")
    p.add_argument("path")
    add_json(p, "print {title, clauses} as JSON")
    p.add_argument("--context", action="store_true", help="with --json, also list the news paragraphs around a reprinted policy")
    p.add_argument("--brief", action="store_true", help="shorten clause texts")
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser("ingest", help="store files, folders or URLs (idempotent by content hash)")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL", help="a folder ingests each file under the policy its title names")
    p.add_argument("--policy", help="the policy the text belongs to (created if new)")
    p.add_argument("--primary", action="store_true", help="make this the policy's primary text")
    add_allow_private(p)
    add_json(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("list", help="every policy of the registry and the store")
    add_json(p)
    p.add_argument("--level", choices=["province", "city", "district"])
    p.add_argument("--province", help="e.g. 浙江")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a policy's metadata, documents and clause tree")
    p.add_argument("id")
    p.add_argument("--document", help="a document id or sha256 prefix instead of the primary one")
    p.add_argument("--context", action="store_true", help="show the news paragraphs around a reprint instead")
    p.add_argument("--brief", action="store_true", help="shorten clause texts")
    add_json(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("primary", help="make a stored document its policy's primary text")
    p.add_argument("document", help="document id or sha256 prefix (see `show`)")
    p.set_defaults(func=cmd_primary)

    p = sub.add_parser("remove", help="remove a stored document and its clauses")
    p.add_argument("document", help="document id or sha256 prefix (see `show`)")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("add", help="add a policy to the registry of this database")
    p.add_argument("id", help="ascii id, e.g. suzhou-2022-action-plan")
    p.add_argument("--title", help="required for a new policy")
    p.add_argument("--jurisdiction", help="required for a new policy")
    p.add_argument("--province")
    p.add_argument("--level", choices=["province", "city", "district"])
    p.add_argument("--issuer")
    p.add_argument("--date", help="YYYY-MM-DD or YYYY-MM")
    p.add_argument("--period")
    p.add_argument("--url")
    p.add_argument("--confidence", choices=["high", "medium", "low"])
    p.add_argument("--notes")
    p.add_argument("--official-url", help="the government page of the policy or of its covering notice (for `fetch`)")
    p.add_argument("--text-url", action="append", default=[], metavar="URL", help="a reprint or mirror carrying the text (repeatable)")
    p.add_argument("--update", action="store_true", help="change an existing policy: only the fields given, the others keep their values")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("remove-policy", help="remove a policy with all its texts, clauses and facts")
    p.add_argument("id")
    p.add_argument("--yes", action="store_true", help="confirm: without it nothing is removed")
    p.set_defaults(func=cmd_remove_policy)

    p = sub.add_parser("fetch", help="download policies' texts from their official pages or reprints")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="every policy of the registry and the store")
    p.add_argument("--refresh", action="store_true", help="fetch also policies that already have a text")
    add_allow_private(p)
    add_json(p)
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("export", help="write every clause and its vector for distributed work (Parquet + .npy)")
    p.add_argument("--parquet", required=True, metavar="DIR", help="folder to write clauses.parquet and vectors/ into")
    p.add_argument("--embedder", default="tfidf", help="the vectors' embedder (default tfidf)")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(build_parser(), argv)
    return args if isinstance(args, int) else run(args)
