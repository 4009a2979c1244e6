"""``python -m corpus``: segment, ingest, list, show and add policies.

A thin shell: it parses arguments, calls one library function and prints. Errors of the
library become one message on stderr and a non-zero exit code; ``--json`` prints exactly one
JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Any

from corpus.errors import PolicyCompareError
from corpus.library import add_policy, ingest, open_store, prepare
from corpus.models import Clause, Policy, PolicySummary
from corpus.readers import read_path
from corpus.registry import load_registry


def print_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def status(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _bar(label: str) -> Any:
    """A progress callback drawing a one-line bar on stderr (only on a terminal)."""
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if not interactive or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_cjk(text: str, width: int) -> list[str]:
    """Wrap by display columns (a Chinese character takes two), breaking anywhere."""
    lines, current, used = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width and current:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    if current:
        lines.append(current)
    return lines


def render_tree(title: str, clauses: Sequence[Clause], *, width: int | None = None, brief: bool = False) -> str:
    """The clause tree as indented text: headings once, each clause under them with its
    number, heading, text (wrapped) and responsible units."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    lines = [title, "=" * min(_display_width(title), width)] if title else []
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
    store = open_store(progress=status)
    results = []
    failed = 0
    for i, target in enumerate(args.targets, 1):
        prefix = f"[{i}/{len(args.targets)}] " if len(args.targets) > 1 else ""
        status(f"{prefix}Reading {target} …")
        try:
            result = ingest(
                store,
                target,
                policy_id=args.policy,
                allow_private=args.allow_private,
                primary=True if args.primary else None,
                progress=_bar("Storing clauses"),
            )
        except PolicyCompareError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        verb = "stored" if result.created else "already stored (unchanged)"
        status(f"{prefix}{verb}: {result.title} → policy {result.policy_id}, document {result.document_id}, {result.n_clauses} clauses")
        results.append(
            {
                "target": target,
                "policy": result.policy_id,
                "document": result.document_id,
                "created": result.created,
                "n_clauses": result.n_clauses,
                "title": result.title,
            }
        )
    if args.json:
        print_json({"ingested": results, "failed": failed})
    return 1 if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store(progress=status)
    summaries = store.summaries()
    if args.level:
        summaries = [s for s in summaries if s.policy.level == args.level]
    if args.province:
        summaries = [s for s in summaries if s.policy.province and args.province in s.policy.province]
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
    store = open_store(progress=status)
    policy = store.policy(args.id)
    documents = store.documents(policy.id)
    document_id = store.document(args.document).id if args.document else None
    role = "context" if args.context else "body"
    clauses = store.clauses(policy.id, document_id=document_id, role=role)
    if args.json:
        summary = next(s for s in store.summaries() if s.policy.id == policy.id)
        print_json({"policy": summary.to_json(), "facts": [f.__dict__ for f in policy.facts], "clauses": [c.to_json() for c in clauses]})
        return 0
    print(_policy_line(next(s for s in store.summaries() if s.policy.id == policy.id)))
    if policy.notes:
        print(textwrap.indent(policy.notes, "    note: "))
    for d in documents:
        print(f"    document {d.id}{' (primary)' if d.is_primary else ''}: {d.source} · sha256 {d.sha256[:12]} · read {d.fetched_at}")
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
    store = open_store(progress=status)
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
            source_url=args.url,
            confidence=args.confidence,
            notes=args.notes or "",
            origin="user",
            status="issued",
        ),
    )
    status(f"added policy {policy.id}: {policy.display_title}. Add its text with: python -m corpus ingest FILE --policy {policy.id}")
    return 0


def cmd_primary(args: argparse.Namespace) -> int:
    store = open_store(progress=status)
    document = store.document(args.document)
    store.set_primary(document.id)
    status(f"document {document.id} ({document.source}) is now the primary text of {document.policy_id}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = open_store(progress=status)
    document = store.document(args.document)
    store.delete_document(document.id)
    status(f"removed document {document.id} ({document.source}) and its {document.n_clauses} clauses from {document.policy_id}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description="Read, segment and store policy documents.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("segment", help="print the clauses of a file (stores nothing)")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="print {title, clauses} as JSON")
    p.add_argument("--context", action="store_true", help="with --json, also list the news paragraphs around a reprinted policy")
    p.add_argument("--brief", action="store_true", help="shorten clause texts")
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser("ingest", help="store files or URLs (idempotent by content hash)")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--policy", help="the policy the text belongs to (created if new)")
    p.add_argument("--primary", action="store_true", help="make this the policy's primary text")
    p.add_argument("--allow-private", action="store_true", help="allow URLs on private or loopback addresses")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("list", help="every policy of the registry and the store")
    p.add_argument("--json", action="store_true")
    p.add_argument("--level", choices=["province", "city", "district"])
    p.add_argument("--province", help="e.g. 浙江")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a policy's metadata, documents and clause tree")
    p.add_argument("id")
    p.add_argument("--document", help="a document id or sha256 prefix instead of the primary one")
    p.add_argument("--context", action="store_true", help="show the news paragraphs around a reprint instead")
    p.add_argument("--brief", action="store_true", help="shorten clause texts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("primary", help="make a stored document its policy's primary text")
    p.add_argument("document", help="document id or sha256 prefix (see `show`)")
    p.set_defaults(func=cmd_primary)

    p = sub.add_parser("remove", help="remove a stored document and its clauses")
    p.add_argument("document", help="document id or sha256 prefix (see `show`)")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("add", help="add a policy to the registry of this database")
    p.add_argument("id", help="ascii id, e.g. suzhou-2022-action-plan")
    p.add_argument("--title", required=True)
    p.add_argument("--jurisdiction", required=True)
    p.add_argument("--province")
    p.add_argument("--level", choices=["province", "city", "district"])
    p.add_argument("--issuer")
    p.add_argument("--date", help="YYYY-MM-DD or YYYY-MM")
    p.add_argument("--period")
    p.add_argument("--url")
    p.add_argument("--confidence", choices=["high", "medium", "low"])
    p.add_argument("--notes")
    p.set_defaults(func=cmd_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command: library errors become one line on stderr and exit code 1."""
    try:
        return int(args.func(args))
    except PolicyCompareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
