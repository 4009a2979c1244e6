"""The regression corpus (``tests/corpus/hostile.py``): every hostile file is refused with one
clear line, or read without losing a word."""

from __future__ import annotations

import pytest

from corpus.errors import PolicyCompareError
from corpus.library import prepare
from corpus.readers import read_bytes
from tests.corpus.hostile import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(case: Case):
    data = case.build()
    if case.refused is not None:
        with pytest.raises(case.refused) as info:
            read_bytes(data, case.filename, charset=case.charset)
        message = str(info.value)
        assert isinstance(info.value, PolicyCompareError) and info.value.hint
        assert case.says in message and case.filename in message and "\n" not in message
        return
    read = read_bytes(data, case.filename, charset=case.charset)
    lines = read.text.splitlines()
    for expected in case.holds:
        assert expected in lines, f"{expected!r} missing from the text"
    for absent in case.lacks:
        assert absent not in read.text
    if case.warns:
        assert any(case.warns in w for w in read.warnings)
    if case.clauses:
        assert [(c.number, c.text, c.units) for c in prepare(read).clauses] == list(case.clauses)
