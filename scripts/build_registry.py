"""Rebuild ``corpus/registry.yaml`` from the research files in ``../shared/research``.

Run once when the research changes: ``python scripts/build_registry.py ../shared/research``.
Amending entries of the second file (ids ending in -update, -titleupdate, -dateupdate,
-corroboration, -evidence, with ``updates_id``) are merged into the entries they amend:
non-empty fields replace, notes are appended, facts and sources are added without duplicates.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

OUT = Path(__file__).resolve().parent.parent / "corpus" / "registry.yaml"
NOTE_FIELDS = ("title_note", "date_note", "issuer_note", "level_note", "official_url_note", "official_related_note", "facts_note", "notes")


def _notes(entry: dict[str, Any]) -> list[str]:
    return [str(entry[k]).strip() for k in NOTE_FIELDS if entry.get(k)]


def _fact(raw: dict[str, Any]) -> dict[str, Any]:
    fact = {
        "kind": raw["kind"],
        "item": raw["item_zh"],
        "amount": raw.get("amount"),
        "unit": raw.get("unit", ""),
        "measure": raw.get("cap_or_rate", ""),
        "condition": raw.get("condition_zh", ""),
        "source_url": raw["source_url"],
    }
    if raw.get("source_note"):
        fact["source_note"] = raw["source_note"]
    return fact


def _policy(entry: dict[str, Any]) -> dict[str, Any]:
    sources = list(dict.fromkeys(entry.get("sources") or []))
    related = entry.get("official_related_urls") or []
    return {
        "id": entry["id"],
        "title": entry.get("title_zh"),
        "jurisdiction": entry["jurisdiction_zh"],
        "province": entry.get("province_zh"),
        "level": entry.get("level"),
        "issuer": entry.get("issuer_zh"),
        "date": None if entry.get("date_issued") is None else str(entry["date_issued"]),
        "period": entry.get("period"),
        "official_url": entry.get("official_url"),
        "source_url": entry.get("official_url") or (related[0] if related else (sources[0] if sources else None)),
        "confidence": entry.get("confidence"),
        "status": entry.get("status", "issued" if entry.get("confidence") in {"high", "medium"} else "unverified"),
        "borderline": bool(entry.get("borderline", False)),
        "in_window": entry.get("in_window"),
        "counted_in_article": entry.get("likely_in_article_29"),
        "notes": _notes(entry),
        "facts": [_fact(f) for f in entry.get("facts") or []],
        "sources": sources + [u for u in related if u not in sources],
    }


def _amend(target: dict[str, Any], entry: dict[str, Any]) -> None:
    if entry.get("title_zh") and entry["title_zh"] != target["title"] and target["title"]:
        target["notes"].append(f"第一轮资料记为《{target['title']}》")
    for field, key in (
        ("title", "title_zh"),
        ("issuer", "issuer_zh"),
        ("period", "period"),
        ("confidence", "confidence"),
        ("status", "status"),
    ):
        if entry.get(key):
            target[field] = entry[key]
    if entry.get("date_issued"):
        target["date"] = str(entry["date_issued"])
    target["notes"] += [n for n in _notes(entry) if n not in target["notes"]]
    known = {(f["item"], f["amount"]) for f in target["facts"]}
    target["facts"] += [f for f in map(_fact, entry.get("facts") or []) if (f["item"], f["amount"]) not in known]
    target["sources"] += [u for u in entry.get("sources") or [] if u not in target["sources"]]
    target.setdefault("amended_by", []).append(entry["id"])


def _add_text_sources(policy: dict[str, Any], seen: list[dict[str, Any]]) -> None:
    """Attach the addresses where the text (or its notice) was seen, official pages first,
    with what each was seen to hold and the document number: candidates for `corpus fetch`."""
    ordered = sorted(seen, key=lambda s: s["kind"] != "official")
    policy["text_sources"] = [
        {"url": s["url"], "kind": s["kind"], "note": " ".join(str(x) for x in (s.get("holds", ""), s.get("wenhao", "")) if x)}
        for s in ordered
    ]


def build(research: Path) -> dict[str, Any]:
    first = yaml.safe_load((research / "policies_2022.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((research / "policies_2022_more.yaml").read_text(encoding="utf-8"))
    texts_file = research / "text_sources.yaml"
    texts = yaml.safe_load(texts_file.read_text(encoding="utf-8")) if texts_file.exists() else {}
    policies: dict[str, dict[str, Any]] = {}
    for entry in first["policies"] + second["policies"]:
        if entry.get("updates_id"):
            _amend(policies[entry["updates_id"]], entry)
        else:
            policies[entry["id"]] = _policy(entry)
    for policy_id, seen in (texts.get("sources") or {}).items():
        _add_text_sources(policies[policy_id], seen)
    return {
        "about": (
            "Registry of the 2022 local metaverse policies, built by scripts/build_registry.py from the "
            "project's research files. Facts are short labels and figures with the page they were read on."
        ),
        "anchor": "zhejiang-2023-2025-action-plan",
        "article_count": {
            "policies": 29,
            "cities": 15,
            "source_url": "https://btchangqing.cn/419007.html",
            "said": "截至2022年12月中旬，国内已有15个城市颁布了29份元宇宙相关的专项支持性政策（澎湃新闻，2022-12-16）",
        },
        "gap": (
            "About 10 of the 29 policies the article counts are still unidentified: district policies in "
            "Liaoning, Chongqing and Shandong issued before November 2022, Shanghai's Xuhui and Baoshan districts "
            "(listed below with what is known), and a fourth Guangdong district. They are not invented here; "
            "add one with `python -m corpus add` when you find it."
        ),
        "policies": list(policies.values()),
        "roundups": second.get("roundups", []),
    }


if __name__ == "__main__":
    research = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/research")
    data = build(research)
    header = "# Generated by scripts/build_registry.py from ../shared/research; edit there or add policies with `python -m corpus add`.\n"
    OUT.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{OUT}: {len(data['policies'])} policies, {sum(len(p['facts']) for p in data['policies'])} facts")
