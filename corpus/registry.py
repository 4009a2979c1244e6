"""The registry of known policies (``corpus/registry.yaml``): metadata and hand-compiled facts.

The registry says what is known about each 2022 local metaverse policy even when we hold no
text for it, and says openly how many of the policies counted in the press are unidentified.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from corpus.models import Fact, Policy, TextSource

REGISTRY_PATH = Path(__file__).resolve().parent / "registry.yaml"
TEXTS_DIR = Path(__file__).resolve().parent / "texts"


@dataclass(frozen=True)
class ShippedText:
    """A policy text that ships with the project and is ingested into every new database."""

    policy_id: str
    path: Path
    primary: bool
    source: str  # what a citation should name: where the text came from


# The seeds we were given: the official text converted from Word and a news reprint.
SHIPPED_TEXTS = (
    ShippedText(
        "zhejiang-2023-2025-action-plan",
        TEXTS_DIR / "zhejiang-2023-2025-action-plan.official.txt",
        True,
        "official text converted from Word (shipped: corpus/texts/zhejiang-2023-2025-action-plan.official.txt)",
    ),
    ShippedText(
        "zhejiang-2023-2025-action-plan",
        TEXTS_DIR / "zhejiang-2023-2025-action-plan.article.txt",
        False,
        "https://www.btchangqing.cn/419007.html (news reprint, 2022-12-16; shipped: corpus/texts/zhejiang-2023-2025-action-plan.article.txt)",
    ),
)


@dataclass(frozen=True)
class Registry:
    policies: tuple[Policy, ...]
    article_count: dict[str, Any]
    gap: str
    roundups: tuple[dict[str, Any], ...]
    version: str
    text_sources: dict[str, tuple[TextSource, ...]] = field(default_factory=dict)

    def get(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)


def _policy(raw: dict[str, Any]) -> Policy:
    facts = tuple(
        Fact(
            kind=f["kind"],
            item=f["item"],
            amount=None if f.get("amount") is None else float(f["amount"]),
            unit=f.get("unit", ""),
            measure=f.get("measure", ""),
            condition=f.get("condition", ""),
            source_url=f["source_url"],
            source_note=f.get("source_note", ""),
        )
        for f in raw.get("facts") or []
    )
    return Policy(
        id=raw["id"],
        title=raw.get("title"),
        jurisdiction=raw["jurisdiction"],
        province=raw.get("province"),
        level=raw.get("level"),
        issuer=raw.get("issuer"),
        date=raw.get("date"),
        period=None if raw.get("period") is None else str(raw["period"]),
        source_url=raw.get("source_url"),
        confidence=raw.get("confidence"),
        notes="\n".join(raw.get("notes") or []),
        origin="registry",
        status=raw.get("status"),
        borderline=bool(raw.get("borderline")),
        official_url=raw.get("official_url"),
        counted_in_article=None if raw.get("counted_in_article") is None else str(raw["counted_in_article"]),
        facts=facts,
        sources=tuple(raw.get("sources") or ()),
    )


@lru_cache(maxsize=4)
def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    """Parse the registry file; ``version`` is its content hash, so a changed file re-syncs."""
    data = path.read_bytes()
    raw = yaml.safe_load(data)
    return Registry(
        policies=tuple(_policy(p) for p in raw["policies"]),
        article_count=dict(raw.get("article_count") or {}),
        gap=str(raw.get("gap", "")),
        roundups=tuple(raw.get("roundups") or ()),
        version=hashlib.sha256(data).hexdigest()[:16],
        text_sources={p["id"]: _text_sources(p) for p in raw["policies"]},
    )


def _text_sources(raw: dict[str, Any]) -> tuple[TextSource, ...]:
    """Where the policy's text was seen (official pages first, as the research file lists them)."""
    return tuple(TextSource(str(t["url"]), t["kind"], str(t.get("note", "")), "registry") for t in raw.get("text_sources") or ())
