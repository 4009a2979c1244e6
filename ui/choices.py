"""What a user can pick to compare: every stored text, labelled by policy title and source."""

from __future__ import annotations

from corpus.store import ClauseStore


def text_choices(store: ClauseStore) -> dict[str, str]:
    """Selector → label for every policy with text: ``ID`` (its primary text) then ``ID@DOC`` for other
    versions. Labels are unique: two texts that would read alike carry their selector."""
    out: dict[str, str] = {}
    for summary in store.summaries():
        p = summary.policy
        for doc in summary.documents:
            if doc.is_primary:
                out[p.id] = f"{p.display_title} · {p.jurisdiction} · {p.date or '—'}"
        for doc in summary.documents:
            if not doc.is_primary:
                source = doc.source.rsplit("/", 1)[-1][:40]
                out[f"{p.id}@{doc.id}"] = f"{p.display_title} · {p.jurisdiction} · #{doc.id} {source}"
    seen: dict[str, int] = {}
    for label in out.values():
        seen[label] = seen.get(label, 0) + 1
    return {key: f"{label} · {key}" if seen[label] > 1 else label for key, label in out.items()}  # two alike: tell them apart


def default_pair(choices: dict[str, str]) -> tuple[str | None, str | None]:
    """Two texts to show first: two versions of one policy if there are some, else the first two policies."""
    keys = list(choices)
    for key in keys:
        if "@" in key and key.split("@")[0] in choices:
            return key.split("@")[0], key
    return (keys[0] if keys else None), (keys[1] if len(keys) > 1 else None)
