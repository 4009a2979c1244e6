"""Fetch the texts of registry policies from their known addresses, with provenance.

For each policy the official page is tried first, then the reprints and mirrors in the
order the registry (or the user) lists them. A page may be a covering notice whose policy is
an attachment: the attachment naming the policy is followed and interpretations are skipped.
A page or file is only stored when it holds the policy: numbered clauses under the policy's
title. Every source that fails says why, and one failing policy never stops the others.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from corpus.attachments import Attachment, find_attachments, is_interpretation, notice_title, rank_attachments
from corpus.errors import HostUnreachable, NoTextError, PolicyCompareError
from corpus.library import match_policy, prepare, title_key
from corpus.models import Policy, Provenance, ReadResult, Segmented, TextSource
from corpus.polite import PoliteClient
from corpus.readers import SUPPORTED, read_fetched, read_path, sniff
from corpus.readers.fetch import Fetched
from corpus.readers.html import decode_html
from corpus.store import ClauseStore

Status = Literal["fetched", "unchanged", "skipped", "not_found", "failed"]
FetchProgress = Callable[[str, int, int, str], None]  # policy id, step done, steps, what now
MAX_ATTACHMENTS = 4
MIN_NUMBERED = 3


@dataclass(frozen=True)
class SourceAttempt:
    """What one address gave: ``outcome`` is "stored", "not the policy" or "error"."""

    url: str
    kind: str
    outcome: str
    detail: str


@dataclass(frozen=True)
class FetchOutcome:
    """The result of fetching one policy, with the reason and what to do when it failed."""

    policy_id: str
    status: Status
    reason: str
    hint: str = ""
    provenance: Provenance | None = None
    document_id: int | None = None
    n_clauses: int = 0
    attempts: tuple[SourceAttempt, ...] = field(default_factory=tuple)
    unreachable: bool = False  # every address failed to resolve or connect (offline, or the sites are down)

    def to_json(self) -> dict[str, object]:
        p = self.provenance
        return {
            "policy": self.policy_id,
            "status": self.status,
            "reason": self.reason,
            "hint": self.hint,
            "document": self.document_id,
            "n_clauses": self.n_clauses,
            "provenance": None
            if p is None
            else {
                "page_url": p.page_url,
                "url": p.url,
                "kind": p.kind,
                "attachment": p.attachment,
                "fetched_at": p.fetched_at,
                "sha256": p.sha256,
            },
            "attempts": [a.__dict__ for a in self.attempts],
        }


class NotThePolicy(Exception):
    """A page or file that was read but does not hold the policy's text."""


def sources_to_try(policy: Policy, known: Sequence[TextSource]) -> list[TextSource]:
    """The addresses to try, each once: the official URL, then other official pages, then
    reprints and mirrors, each group in the order given."""
    listed = ([TextSource(policy.official_url, "official", "", policy.origin)] if policy.official_url else []) + list(known)
    seen: dict[str, TextSource] = {}
    for source in listed:
        seen.setdefault(source.url, source)
    return sorted(seen.values(), key=lambda s: s.kind != "official")


def holds_policy(segmented: Segmented, text: str, policy: Policy, *, strict: bool) -> str | None:
    """None when the text is the policy; otherwise why not.

    The text must have numbered clauses (a covering notice or a news item has few) and not be
    an interpretation; its title must be the policy's, or, for a web page (``strict`` False),
    the policy's title must appear in it (a reprint under a news headline).
    """
    if is_interpretation(segmented.title or ""):
        return f"it is an interpretation (《{segmented.title}》), not the policy"
    numbered = sum(1 for c in segmented.clauses if c.number)
    if numbered < MIN_NUMBERED:
        return f"it has {numbered} numbered clauses: a notice or a news item, not the policy's text"
    if not policy.title or match_policy([policy], segmented.title):
        return None
    if not strict and title_key(policy.title) in title_key(text):
        return None
    return f"it holds 《{segmented.title or 'untitled'}》, not 《{policy.title}》"


def _read_attachment(client: PoliteClient, attachment: Attachment) -> tuple[Fetched, ReadResult]:
    fetched = client.get(attachment.url)
    name = attachment.filename if Path(attachment.filename).suffix else attachment.text
    if "html" in fetched.content_type or sniff(fetched.data, "attachment") == "html":
        raise NotThePolicy(f"the link {attachment.label} returned a web page, not the file (an error or login page?)")
    return fetched, read_fetched(fetched, name)


def text_from_source(
    client: PoliteClient, source: TextSource, policy: Policy, step: Callable[[str], None] | None = None
) -> tuple[ReadResult, Segmented, Provenance]:
    """The policy's text found at ``source``: the page itself, or the attachment that holds it.

    Raises ``NotThePolicy`` with the reasons when neither the attachments nor the page hold
    it, and the readers' and fetcher's errors when the page itself cannot be had.
    """
    page = client.get(source.url)
    problems: list[str] = []
    if "html" in page.content_type or sniff(page.data, "page") == "html":
        markup = decode_html(page.data, page.url, page.charset)
        wanted = policy.title or notice_title(markup)
        for attachment in rank_attachments(find_attachments(markup, page.url), wanted)[:MAX_ATTACHMENTS]:
            if step:
                step(f"attachment {attachment.label}")
            try:
                fetched, read = _read_attachment(client, attachment)
                segmented = prepare(read)
            except NotThePolicy as exc:
                problems.append(str(exc))
                continue
            except PolicyCompareError as exc:
                problems.append(f"{attachment.label}: {exc.problem}")
                continue
            why = holds_policy(segmented, read.text, policy, strict=True)
            if why is None:
                return read, segmented, Provenance(source.url, fetched.url, source.kind, fetched.fetched_at, read.sha256, attachment.label)
            problems.append(f"{attachment.label}: {why}")
    try:
        read = read_fetched(page)
        segmented = prepare(read)
    except NoTextError as exc:
        raise NotThePolicy("; ".join([*problems, f"the page: {exc.problem}"])) from exc
    why = holds_policy(segmented, read.text, policy, strict=False)
    if why is None:
        return read, segmented, Provenance(source.url, page.url, source.kind, page.fetched_at, read.sha256, None)
    raise NotThePolicy("; ".join([*problems, f"the page: {why}"]))


def _hint(policy_id: str, error: PolicyCompareError | None) -> str:
    if isinstance(error, HostUnreachable):
        return (
            "Check the internet connection; if the site is down, download the text and run `python -m corpus ingest FILE --policy "
            + policy_id
            + "`."
        )
    if error is not None and error.hint:
        return error.hint
    return f"Open the pages in a browser; if the text is there, download it and run `python -m corpus ingest FILE --policy {policy_id}`."


def fetch_policy(
    store: ClauseStore,
    policy_id: str,
    client: PoliteClient,
    *,
    refresh: bool = False,
    progress: FetchProgress | None = None,
) -> FetchOutcome:
    """Fetch one policy's text from its known addresses and store it with its provenance.

    A policy that already has text is skipped unless ``refresh``; with ``refresh`` a text
    fetched from an official page becomes the primary one.
    """
    policy = store.policy(policy_id)
    primary = store.primary_document(policy_id)
    if primary is not None and primary.n_clauses and not refresh:
        return FetchOutcome(policy_id, "skipped", "text already stored", "Use --refresh to fetch it again.", document_id=primary.id)
    sources = sources_to_try(policy, store.text_sources(policy_id))
    if not sources:
        return FetchOutcome(
            policy_id,
            "not_found",
            "no address is known for its text",
            f"Find its page and run `python -m corpus add {policy_id} --official-url URL`, or download it and `ingest FILE --policy {policy_id}`.",
        )
    attempts: list[SourceAttempt] = []
    errors: list[PolicyCompareError] = []
    steps = len(sources)
    for i, source in enumerate(sources):

        def step(message: str, i: int = i, source: TextSource = source) -> None:
            if progress:
                progress(policy_id, i, steps, f"{source.kind} {source.url}: {message}")

        step("fetching")
        try:
            read, segmented, provenance = text_from_source(client, source, policy, step)
        except NotThePolicy as exc:
            attempts.append(SourceAttempt(source.url, source.kind, "not the policy", str(exc)))
            continue
        except PolicyCompareError as exc:
            attempts.append(SourceAttempt(source.url, source.kind, "error", exc.problem))
            errors.append(exc)
            continue
        result = store.add_document(
            read, segmented, policy, primary=True if refresh and source.kind == "official" else None, provenance=provenance
        )
        attempts.append(SourceAttempt(source.url, source.kind, "stored", provenance.attachment or provenance.url))
        if progress:
            progress(policy_id, steps, steps, "done")
        where = f"{source.kind} {provenance.url}" + (f" (attachment {provenance.attachment})" if provenance.attachment else "")
        if not result.created:
            return FetchOutcome(
                policy_id,
                "unchanged",
                f"the same text is already stored, from {where}",
                "",
                provenance,
                result.document_id,
                result.n_clauses,
                tuple(attempts),
            )
        return FetchOutcome(
            policy_id,
            "fetched",
            f"{result.n_clauses} clauses from {where}",
            "",
            provenance,
            result.document_id,
            result.n_clauses,
            tuple(attempts),
        )
    if progress:
        progress(policy_id, steps, steps, "done")
    reason = "; ".join(f"{a.url}: {a.detail}" for a in attempts)
    unreachable = len(errors) == len(attempts) and all(isinstance(e, HostUnreachable) for e in errors)
    if unreachable:
        reason = "could not connect: " + reason
    status: Status = "failed" if errors else "not_found"
    hint = _hint(policy_id, errors[-1] if errors else None)
    return FetchOutcome(policy_id, status, reason, hint, attempts=tuple(attempts), unreachable=unreachable)


def fetch_policies(
    store: ClauseStore,
    policy_ids: Sequence[str],
    client: PoliteClient,
    *,
    refresh: bool = False,
    progress: FetchProgress | None = None,
    done: Callable[[FetchOutcome], None] | None = None,
) -> list[FetchOutcome]:
    """Fetch several policies in order; a policy that fails is reported and the rest go on."""
    outcomes = []
    for policy_id in policy_ids:
        try:
            outcome = fetch_policy(store, policy_id, client, refresh=refresh, progress=progress)
        except PolicyCompareError as exc:
            outcome = FetchOutcome(policy_id, "failed", exc.problem, exc.hint)
        outcomes.append(outcome)
        if done:
            done(outcome)
    return outcomes


@dataclass(frozen=True)
class PlacedFile:
    """A file of an ingested folder: the policy it went to, or why it could not be placed."""

    path: str
    policy_id: str | None
    document_id: int | None
    created: bool
    title: str
    problem: str = ""


def _read_prepared(path: Path) -> tuple[ReadResult, Segmented] | PolicyCompareError:
    try:
        read = read_path(path)
        return read, prepare(read)
    except PolicyCompareError as exc:
        return exc


def ingest_folder(
    store: ClauseStore, folder: str | Path, *, progress: Callable[[int, int, str], None] | None = None, workers: int | None = None
) -> list[PlacedFile]:
    """Store each document file of ``folder`` (and its subfolders) under the policy its title
    names; a file whose title matches no policy, or that cannot be read, is reported, not stored.

    Files are read ``workers`` at a time (default: one per core): each is parsed in its own
    bounded child process, so reading runs on every core while this process stores the
    documents one by one, in file order, each in its own transaction.
    """
    files = sorted(
        p for p in Path(folder).rglob("*") if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in {*SUPPORTED, ".ofd"}
    )
    policies = store.policies()
    placed = []
    workers = max(1, workers or os.cpu_count() or 1)
    # The first file is read alone, so that whatever the readers load once is loaded before threads fork children.
    first = [_read_prepared(files[0])] if files else []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        reads = itertools.chain(first, pool.map(_read_prepared, files[1:]))
        for i, (path, outcome) in enumerate(zip(files, reads, strict=True)):
            if progress:
                progress(i, len(files), path.name)
            if isinstance(outcome, PolicyCompareError):
                placed.append(PlacedFile(str(path), None, None, False, "", str(outcome)))
                continue
            read, segmented = outcome
            policy = match_policy(policies, segmented.title)
            if policy is None:
                placed.append(
                    PlacedFile(
                        str(path),
                        None,
                        None,
                        False,
                        segmented.title,
                        f"its title 《{segmented.title}》 matches no policy; run `python -m corpus ingest {path} --policy ID`",
                    )
                )
                continue
            result = store.add_document(read, segmented, policy)
            placed.append(PlacedFile(str(path), policy.id, result.document_id, result.created, segmented.title))
    if progress:
        progress(len(files), len(files), "")
    return placed
