"""Plain data passed in and out of the corpus library.

Every object is a frozen dataclass so that it can be cached, hashed and compared; the JSON forms
used by the command-line contract come from ``to_json`` methods, never from ad-hoc dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["province", "city", "district"]
ClauseRole = Literal["body", "context"]


@dataclass(frozen=True)
class Clause:
    """The unit we compare: one paragraph-level provision under the headings above it.

    ``role`` is "body" for the policy's own text and "context" for the news paragraphs that
    surround a policy reprinted in an article; contexts never count as the policy's clauses.
    """

    id: str
    path: tuple[str, ...]
    number: str | None
    heading: str | None
    text: str
    units: tuple[str, ...] = ()
    role: ClauseRole = "body"

    def to_json(self) -> dict[str, Any]:
        """The contract's clause object: exactly id, path, number, heading, text, units."""
        return {
            "id": self.id,
            "path": list(self.path),
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "units": list(self.units),
        }

    @property
    def label(self) -> str:
        """The clause as a reader cites it ("二、（一）1. 加快“元平台”布局建设"); see ``corpus.citation``."""
        from corpus.citation import cite  # citation reads numbering styles from segment, which imports this module

        return cite(self)


@dataclass(frozen=True)
class Segmented:
    """What segmentation returns for one document: its title, clauses and surrounding news."""

    title: str
    clauses: tuple[Clause, ...]
    context: tuple[Clause, ...] = ()
    date: str | None = None  # the date the document is signed with (YYYY-MM-DD), if it has one
    segmenter: str = ""  # the version of the segmenter that split it, kept with the stored clauses

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date,
            "clauses": [c.to_json() for c in self.clauses],
            "context": [c.to_json() for c in self.context],
        }


@dataclass(frozen=True)
class ReadResult:
    """Text read from a file or URL, before cleaning."""

    text: str
    source: str
    media_type: str
    sha256: str
    size: int
    encoding: str | None = None
    html_title: str | None = None
    warnings: tuple[str, ...] = ()  # what the reader could not read and skipped (a scanned page, a broken notes part)


@dataclass(frozen=True)
class Fact:
    """A figure compiled by hand in the research registry, with the page it was read on."""

    kind: str
    item: str
    amount: float | None
    unit: str
    measure: str
    condition: str
    source_url: str
    source_note: str = ""


@dataclass(frozen=True)
class Policy:
    """One official document and its metadata (text or not)."""

    id: str
    title: str | None
    jurisdiction: str
    province: str | None
    level: str | None
    issuer: str | None = None
    date: str | None = None
    period: str | None = None
    source_url: str | None = None
    confidence: str | None = None
    notes: str = ""
    origin: str = "registry"
    status: str | None = None
    borderline: bool = False
    official_url: str | None = None
    counted_in_article: str | None = None
    facts: tuple[Fact, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def display_title(self) -> str:
        """The official title, or a bracketed placeholder when the title is not known."""
        return self.title or f"〔未识别文件〕{self.jurisdiction}元宇宙专项政策"


@dataclass(frozen=True)
class Document:
    """A stored text version of a policy with where it came from."""

    id: int
    policy_id: str
    sha256: str
    source: str
    media_type: str
    title: str
    fetched_at: str
    is_primary: bool
    n_clauses: int


@dataclass(frozen=True)
class PolicySummary:
    """A row of ``list``: the policy plus how much text the store holds for it."""

    policy: Policy
    n_documents: int
    n_clauses: int
    primary_document: Document | None = None
    documents: tuple[Document, ...] = field(default_factory=tuple)

    @property
    def has_text(self) -> bool:
        return self.n_clauses > 0

    def to_json(self) -> dict[str, Any]:
        p = self.policy
        return {
            "id": p.id,
            "title": p.title,
            "display_title": p.display_title,
            "jurisdiction": p.jurisdiction,
            "province": p.province,
            "level": p.level,
            "issuer": p.issuer,
            "date": p.date,
            "period": p.period,
            "source_url": p.source_url,
            "confidence": p.confidence,
            "status": p.status,
            "borderline": p.borderline,
            "official_url": p.official_url,
            "counted_in_article": p.counted_in_article,
            "origin": p.origin,
            "notes": p.notes,
            "has_text": self.has_text,
            "n_documents": self.n_documents,
            "n_clauses": self.n_clauses,
            "documents": [
                {
                    "id": d.id,
                    "sha256": d.sha256,
                    "source": d.source,
                    "title": d.title,
                    "fetched_at": d.fetched_at,
                    "primary": d.is_primary,
                    "n_clauses": d.n_clauses,
                }
                for d in self.documents
            ],
        }


SourceKind = Literal["official", "reprint", "mirror"]


@dataclass(frozen=True)
class TextSource:
    """An address where a policy's text (or the notice carrying it) was seen.

    ``kind`` says what the page is: the government's own page, a news reprint of the text,
    or a copy of a government page on another host. ``note`` says what the page was seen to
    hold; ``origin`` whether the registry or a user named it.
    """

    url: str
    kind: SourceKind
    note: str = ""
    origin: str = "registry"


@dataclass(frozen=True)
class Provenance:
    """Where a fetched document's text came from: the page the fetch started on, the address
    of the bytes actually read (an attachment's, when one was followed) and their sha256."""

    page_url: str
    url: str
    kind: SourceKind
    fetched_at: str
    sha256: str
    attachment: str | None = None  # the attachment's link text or file name, when one was followed


@dataclass(frozen=True)
class InstrumentCode:
    """A researcher's manual policy-instrument code for one clause (``tool`` None: no instrument).

    ``text_hash`` is the hash of the clause text the code was made for; ``coded_at`` an ISO time.
    """

    clause_id: str
    text_hash: str
    tool: str | None
    tools: tuple[str, ...] = ()
    note: str = ""
    author: str = ""
    coded_at: str = ""
