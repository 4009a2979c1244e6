"""The corpus as users see it: open and seed the store, ingest files and URLs, add policies.

Reading and segmenting happen before the store's transaction opens, so a file that fails to
read leaves the database exactly as it was.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from corpus.clean import fold_widths
from corpus.errors import DuplicateError, FetchError, NoTextError, NotFoundError, PolicyCompareError
from corpus.metadata import EDITABLE, check_url, checked_changes, guess_issuer, guess_province
from corpus.models import Clause, Document, Policy, ReadResult, Segmented, TextSource
from corpus.readers import SUPPORTED, read_any, read_bytes, read_path, read_url
from corpus.registry import REGISTRY_PATH, SHIPPED_TEXTS, Registry, load_registry
from corpus.segment import SEGMENTER_VERSION, segment_text
from corpus.store import ClauseStore, IngestResult, Progress

UPLOAD_SUFFIXES = SUPPORTED  # the file types an upload may have (.txt, .docx, .pdf, …)
_PERIOD = re.compile(r"[(（]\s*\d{4}\s*[—–\-~至]+\s*\d{4}\s*年?\s*[)）]")
POLICY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
_JURISDICTION = re.compile(r"^(.{2,12}?(?:自治区|特别行政区|省|市|自治州|州|盟|区|县|旗|新区|开发区|高新区))")


def prepare(read: ReadResult) -> Segmented:
    """Clean and segment what a reader returned; refuses text that yields no clause."""
    fallback = read.html_title or Path(read.source.split("?")[0]).stem
    segmented = segment_text(read.text, fallback_title=fallback)
    if not segmented.clauses:
        raise NoTextError(read.source, "no clause could be found in the text", "Check that the file holds the policy itself.")
    return segmented


def title_key(title: str) -> str:
    """A title reduced for matching: folded widths, no punctuation, spaces or brackets."""
    return re.sub(r"[\W_]+", "", fold_widths(title)).replace("—", "").replace("-", "")


def match_policy(policies: list[Policy], title: str) -> Policy | None:
    """The stored policy whose title is this document's title, allowing small differences
    (brackets, dashes, a missing period). None when no title is close enough or two are."""
    key = title_key(title)
    if len(key) < 6:
        return None
    base, period = _split_period(title)
    scored = []
    for policy in policies:
        if not policy.title:
            continue
        other = title_key(policy.title)
        other_base, other_period = _split_period(policy.title)
        if other == key or (other_base == base and (not period or not other_period)):
            return policy  # the same title, or the same title with its period left out
        if period and other_period and period != other_period:
            continue  # another edition of a plan is another policy
        scored.append((difflib.SequenceMatcher(None, key, other).ratio(), policy))
    scored.sort(key=lambda x: -x[0])
    if scored and scored[0][0] >= 0.9 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05):
        return scored[0][1]
    return None


def _split_period(title: str) -> tuple[str, str]:
    """(title key without the "（2023—2025年）" period, the period's digits or "")."""
    folded = fold_widths(title)
    m = _PERIOD.search(folded)
    return title_key(_PERIOD.sub("", folded)), ("".join(re.findall(r"\d{4}", m.group(0))) if m else "")


def guess_policy(policy_id: str, title: str, date: str | None = None, *, text: str = "", known: Sequence[Policy] = ()) -> Policy:
    """A new user policy named after a document: jurisdiction and level read off the title, the
    date off the document's signature, the issuer off its notice line or signature (``text``) and
    the province off the title or a ``known`` policy of the same place (see corpus.metadata)."""
    m = _JURISDICTION.match(title)
    jurisdiction = m.group(1) if m else "未注明"
    level = None
    if m:
        if jurisdiction.endswith(("省", "自治区")) or jurisdiction in {"北京市", "上海市", "天津市", "重庆市"}:
            level = "province"
        elif jurisdiction.endswith(("区", "县", "旗", "新区", "开发区", "高新区")):
            level = "district"
        elif jurisdiction.endswith(("市", "州", "盟")):
            level = "city"
    return Policy(
        id=policy_id,
        title=title or None,
        jurisdiction=jurisdiction,
        province=guess_province(jurisdiction if m else "", title, known),
        level=level,
        issuer=guess_issuer(text),
        date=date,
        origin="user",
        status="issued",
        notes="Added by a user from a document: jurisdiction, province, level, issuer and date were read off its text; check them.",
    )


def check_policy_id(policy_id: str) -> None:
    if not POLICY_ID.match(policy_id):
        raise PolicyCompareError(
            policy_id, "a policy id is 2-80 lowercase ASCII letters, digits and hyphens", "For example: suzhou-2022-action-plan."
        )


SEED_KEY = "seed_fingerprint"  # meta: the fingerprint of what the last seeding brought in


def sync_registry(store: ClauseStore, registry: Registry | None = None) -> bool:
    """Bring the registry's policies and facts into the store when the registry changed.

    User-added policies are never touched. Returns True when anything was written; a write
    also clears the seed fingerprint, so the next ``seed_store`` checks the shipped registry again.
    """
    registry = registry or load_registry()
    if store.get_meta("registry_version") == registry.version:
        return False
    with store.transaction() as conn:
        if store.get_meta("registry_version") == registry.version:
            return False
        store.upsert_policies(list(registry.policies), conn=conn)
        for policy in registry.policies:
            store.set_text_sources(policy.id, registry.text_sources.get(policy.id, ()), origin="registry", conn=conn)
        store.set_meta("registry_version", registry.version, conn=conn)
        store.set_meta(SEED_KEY, "", conn=conn)
    return True


def seed_fingerprint() -> str:
    """What seeding depends on, hashed: the registry file's bytes, each shipped text's bytes and
    place, and the segmenter's version. Reads three small files; parses none of them."""
    h = hashlib.sha256(SEGMENTER_VERSION.encode())
    h.update(REGISTRY_PATH.read_bytes())
    for shipped in SHIPPED_TEXTS:
        h.update(repr((shipped.policy_id, shipped.primary, shipped.source)).encode())
        h.update(shipped.path.read_bytes())
    return h.hexdigest()[:16]


def seed_store(store: ClauseStore, *, progress: Callable[[str], None] | None = None) -> bool:
    """Bring the registry, the shipped texts and the current segmentation into the store, so that
    every command works on a fresh database; True when it had to.

    Skipped, at the cost of one fingerprint, when none of them changed since the last seeding.
    Otherwise the registry syncs if it changed, each shipped text is ingested once (its
    ``shipped:<sha>`` marker stays, so a text the user removed is not brought back) and documents
    an older segmenter split are re-segmented.
    """
    fingerprint = seed_fingerprint()
    if store.get_meta(SEED_KEY) == fingerprint:
        return False
    sync_registry(store)
    for shipped in SHIPPED_TEXTS:
        read = replace(read_path(shipped.path), source=shipped.source)
        marker = f"shipped:{read.sha256}"
        if store.get_meta(marker):
            continue  # ingested once already; a user may have removed it since
        if progress:
            progress(f"Ingesting the shipped text {shipped.path.name}")
        store.add_document(read, prepare(read), store.policy(shipped.policy_id), primary=shipped.primary)
        store.set_meta(marker, "ingested")
    reindex(store, progress=progress)
    store.set_meta(SEED_KEY, fingerprint)
    return True


def open_store(path: str | Path | None = None, *, seed: bool = True, progress: Callable[[str], None] | None = None) -> ClauseStore:
    """The store at ``path`` (default ``$POLICY_DB``), migrated; with ``seed`` also seeded
    (``seed_store``: a fingerprint compared when nothing changed). ``seed=False`` only opens."""
    store = ClauseStore(path)
    if seed:
        seed_store(store, progress=progress)
    return store


def reindex(store: ClauseStore, *, progress: Callable[[str], None] | None = None) -> int:
    """Re-segment, from their stored text, the documents an older segmenter split.

    Clause ids keep their form (policy/sha/seq); returns how many documents changed.
    """
    stale = store.stale_documents(SEGMENTER_VERSION)
    for doc in stale:
        if progress:
            progress(f"Re-segmenting document {doc.document_id} with the current segmenter")
        store.replace_clauses(doc.document_id, segment_text(doc.text, fallback_title=doc.title))
    return len(stale)


def ingest(
    store: ClauseStore,
    target: str,
    *,
    policy_id: str | None = None,
    allow_private: bool = False,
    primary: bool | None = None,
    progress: Progress | None = None,
    read: ReadResult | None = None,
    local_files: bool = True,
    duplicates: Literal["reuse", "refuse"] = "reuse",
) -> IngestResult:
    """Read ``target`` (a path or URL, or an already read upload) and store it under a policy.

    ``local_files=False`` accepts only http(s) URLs: a shell serving other people (the app) must
    never let them read files on the server; the CLI runs as its own user and reads paths.

    With ``policy_id`` the document goes to that policy, which is created if it does not
    exist. Without it, bytes already stored are a no-op (``duplicates="refuse"``: a
    DuplicateError), a title matching a known policy attaches the text to it, and otherwise a new
    policy ``doc-<sha>`` is created. Bytes stored under another policy never silently become a
    second policy: with ``policy_id`` they raise DuplicateError, which names the stored copy.
    """
    if policy_id is not None:
        check_policy_id(policy_id)
    if read is None and not local_files and not re.match(r"(?i)^https?://", target.strip()):
        raise FetchError(
            target,
            "only http(s) addresses are accepted here, not a path or another scheme",
            "Give a full http(s):// address, or upload the file.",
        )
    if read is None:
        read = read_any(target, allow_private=allow_private) if local_files else read_url(target, allow_private=allow_private)
    copy = next((d for d in store.find_sha(read.sha256) if d.policy_id != policy_id), None)
    if copy is not None and policy_id is None and duplicates == "reuse":
        return IngestResult(copy.policy_id, copy.id, False, copy.n_clauses, copy.title, read.warnings)
    if copy is not None:
        raise DuplicateError(
            read.source,
            f"the same file is already stored as document {copy.id} of policy {copy.policy_id}",
            f"Use that policy ({copy.policy_id}), or remove its copy first.",
            document=copy,
        )
    segmented = prepare(read)
    known = store.policies()
    if policy_id is not None and store.has_policy(policy_id):
        policy = store.policy(policy_id)
    elif policy_id is not None:
        policy = guess_policy(policy_id, segmented.title, segmented.date, text=read.text, known=known)
    else:
        found = match_policy(known, segmented.title)
        policy = found or guess_policy(f"doc-{read.sha256[:10]}", segmented.title, segmented.date, text=read.text, known=known)
    stored_result = store.add_document(read, segmented, policy, primary=primary, progress=progress)
    return replace(stored_result, warnings=read.warnings)


def ingest_upload(
    store: ClauseStore,
    data: bytes,
    name: str,
    *,
    policy_id: str | None = None,
    primary: bool | None = None,
    progress: Progress | None = None,
    duplicates: Literal["reuse", "refuse"] = "reuse",
) -> IngestResult:
    """Store an uploaded file's bytes, read as a file called ``name``, like ``ingest`` stores a path."""
    read = read_bytes(data, name, source=f"upload:{name}")
    return ingest(store, name, policy_id=policy_id, primary=primary, progress=progress, read=read, duplicates=duplicates)


def add_policy(store: ClauseStore, policy: Policy) -> Policy:
    """Add a new user policy. An id already stored is refused (``update_policy`` changes one), so
    adding never overwrites a policy or drops the fields it had."""
    check_policy_id(policy.id)
    if store.has_policy(policy.id):
        raise PolicyCompareError(
            policy.id, "a policy with this id already exists", "Add --update to change the fields you give; the others keep their values."
        )
    checked_changes({f: getattr(policy, f) for f in (*EDITABLE, "source_url", "official_url")})
    store.upsert_policies([replace(policy, origin="user")])
    return store.policy(policy.id)


def add_text_sources(
    store: ClauseStore, policy_id: str, *, official_url: str | None = None, text_urls: tuple[str, ...] = ()
) -> list[TextSource]:
    """Record where a policy's text can be fetched: the official page and reprints a user found.
    They are kept apart from the registry's (a registry update never drops them) and tried
    first. Returns the policy's user addresses after the addition.
    """
    store.policy(policy_id)  # raises NotFoundError for an unknown id
    for url in (official_url, *text_urls):
        if url is not None:
            check_url(url)
    given = ([TextSource(official_url, "official", "", "user")] if official_url else []) + [
        TextSource(u, "reprint", "", "user") for u in text_urls
    ]
    merged = {s.url: s for s in [s for s in store.text_sources(policy_id) if s.origin == "user"] + given}
    store.set_text_sources(policy_id, list(merged.values()), origin="user")
    return list(merged.values())


def update_policy(store: ClauseStore, policy_id: str, changes: Mapping[str, str | None]) -> Policy:
    """Change the given metadata fields (corpus.metadata.UPDATABLE) of a stored policy and keep
    every other field, its facts and its texts. Raises NotFoundError or PolicyCompareError."""
    current = store.policy(policy_id)
    updated = replace(current, **checked_changes(changes))  # type: ignore[arg-type]  # str fields only (UPDATABLE)
    store.upsert_policies([updated], replace_facts=False)
    return store.policy(policy_id)


def remove_policy(store: ClauseStore, policy_id: str) -> Policy:
    """Remove a policy with its documents, clauses and facts, in one transaction; returns what
    was removed. A registry policy comes back (without text) when the registry changes."""
    policy = store.policy(policy_id)
    store.delete_policy(policy_id)
    return policy


@dataclass(frozen=True)
class ClauseSet:
    """The clauses a comparison works on: one stored document of a policy, or a file on disk
    that was segmented but not stored (then ``policy`` and ``document`` are None)."""

    selector: str
    title: str
    source: str
    clauses: tuple[Clause, ...]
    context: tuple[Clause, ...] = ()
    policy: Policy | None = None
    document: Document | None = None

    @property
    def policy_id(self) -> str | None:
        return self.policy.id if self.policy else None


def load_clauses(store: ClauseStore, selector: str) -> ClauseSet:
    """The clauses of a stored policy: ``POLICY_ID`` gives its primary document, ``POLICY_ID@DOC``
    a given document (numeric id or sha256 prefix). Never reads a file or the network.

    A policy without text gives an empty clause set, not an error; an unknown id is a NotFoundError.
    """
    policy_part, _, doc_part = selector.partition("@")
    if not store.has_policy(policy_part):
        raise NotFoundError(selector, "no stored policy with this id", "Run `python -m corpus list` to see the ids.")
    policy = store.policy(policy_part)
    document = store.document(doc_part) if doc_part else store.primary_document(policy.id)
    if document is not None and document.policy_id != policy.id:
        raise NotFoundError(selector, f"document {doc_part} belongs to policy {document.policy_id}", "")
    if document is None:
        return ClauseSet(selector, policy.display_title, policy.source_url or "", (), (), policy, None)
    return ClauseSet(
        selector,
        document.title or policy.display_title,
        document.source,
        tuple(store.clauses(policy.id, document_id=document.id)),
        tuple(store.clauses(policy.id, document_id=document.id, role="context")),
        policy,
        document,
    )


def read_clauses(target: str, *, allow_private: bool = False) -> ClauseSet:
    """The clauses of a file or URL, read and segmented without being stored (no policy, no document)."""
    read = read_any(target, allow_private=allow_private)
    name = Path(read.source.split("?")[0]).name or "document"
    segmented = segment_text(read.text, fallback_title=read.html_title or Path(name).stem, id_prefix=f"{name}/")
    return ClauseSet(target, segmented.title, read.source, segmented.clauses, segmented.context)
