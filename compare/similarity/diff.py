"""What changed between two clause texts, character by character, as Word's compare shows it.

Width and quote variants (，/, “/") are not changes: tokens are compared in their comparison
form (``compare.similarity.explain.comparison_form``) and shown as each side wrote them. Chinese has no spaces to diff by words, so the diff is taken on characters (a number or a
Latin word counts as one, so 500 → 1000 is one change, not 5 → 10 around a shared 00) and then
cleaned up: a run of one or two shared characters between two changes (a stray 的, 和 or comma that
happens to occur on both sides) is folded into the change, so that a reader sees one rewritten
phrase instead of a comb of single-character edits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from compare.similarity.explain import comparison_form

SegmentKind = Literal["same", "deleted", "inserted"]
MIN_SHARED = 3  # a shared run shorter than this (in characters) between two changes is folded into them
_TOKEN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)*|[A-Za-zＡ-Ｚａ-ｚ]+|.", re.S)  # a number or a word is one token


@dataclass(frozen=True)
class Segment:
    """A run of characters of one side: shared with the other side, or only on this side."""

    kind: SegmentKind
    text: str


@dataclass(frozen=True)
class CharDiff:
    """Both texts cut into runs: ``a`` is A's text as same/deleted runs, ``b`` is B's as
    same/inserted runs. Joining a side's runs gives that side's text exactly."""

    a: tuple[Segment, ...]
    b: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(s.kind != "same" for s in (*self.a, *self.b))


Opcode = tuple[str, int, int, int, int]


def _fold_short_equals(opcodes: Sequence[Opcode], tokens: list[str], min_shared: int) -> list[Opcode]:
    """Opcodes where an "equal" run shorter than ``min_shared`` characters between two changes
    becomes part of one "replace" with its neighbours."""
    out: list[Opcode] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < n < len(opcodes) - 1
        if tag == "equal" and between and len("".join(tokens[i1:i2])) < min_shared:
            tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _append(runs: list[Segment], kind: SegmentKind, text: str) -> None:
    if not text:
        return
    if runs and runs[-1].kind == kind:
        runs[-1] = Segment(kind, runs[-1].text + text)
    else:
        runs.append(Segment(kind, text))


def char_diff(a: str, b: str, *, min_shared: int = MIN_SHARED) -> CharDiff:
    """The character diff of ``a`` (old, left) and ``b`` (new, right).

    Identical texts give one "same" run per side; an empty side gives no runs and the other
    side entirely deleted or inserted; two empty texts give two empty tuples.
    """
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    keys_a, keys_b = [comparison_form(x) for x in ta], [comparison_form(x) for x in tb]
    opcodes = SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    runs_a: list[Segment] = []
    runs_b: list[Segment] = []
    for tag, i1, i2, j1, j2 in _fold_short_equals(opcodes, ta, min_shared):
        if tag == "equal":
            _append(runs_a, "same", "".join(ta[i1:i2]))
            _append(runs_b, "same", "".join(tb[j1:j2]))
        else:
            _append(runs_a, "deleted", "".join(ta[i1:i2]))
            _append(runs_b, "inserted", "".join(tb[j1:j2]))
    return CharDiff(tuple(runs_a), tuple(runs_b))
