"""Sentences and their comma-separated parts: the units subsidies and targets are read from.

Both extractors (``compare.provisions.subsidies``, ``compare.provisions.targets``) walk a clause sentence by sentence
and look for the words next to a number only within its part of the sentence, so a grant word
or a label in the next part never counts.
"""

from __future__ import annotations

import re

from corpus.clean import fold_widths

_SENTENCE_END = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
_SUBCLAUSE = re.compile(r"[^，,：:]+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (ending in 。；！？ or their half-width forms) of a text."""
    folded = fold_widths(text)
    return [(m.start(), m.end()) for m in _SENTENCE_END.finditer(folded) if m.group(0).strip()]


def subclause_at(sentence: str, pos: int) -> tuple[int, int]:
    """The span of the part of ``sentence`` (between commas and colons) that holds ``pos``; the
    whole sentence when ``pos`` is on a separator."""
    for m in _SUBCLAUSE.finditer(sentence):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return 0, len(sentence)
