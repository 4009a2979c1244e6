"""The bounded worker: every way a parser can misbehave ends as one typed error."""

from __future__ import annotations

import os
import time

import pytest

from corpus.errors import CorruptFileError, NoTextError, UnsafeFileError
from corpus.readers import Limits, read_bytes
from corpus.readers.bounded import run_bounded

TIGHT = Limits(seconds=2, memory_mb=200)


def _spin() -> None:
    while True:
        time.sleep(0.01)


def _hog() -> bytes:
    return b"x" * (600 * 2**20)


def _refuse() -> None:
    raise NoTextError("plan.pdf", "the PDF holds no text", "Check that you chose the right file.")


def _parser_bug() -> None:
    raise NotImplementedError("unsupported filter /Fancy")


def _recurse(n: int = 0) -> int:
    return _recurse(n + 1) + 1


def _vanish() -> None:
    os._exit(3)


@pytest.mark.parametrize(
    ("func", "error", "says"),
    [
        (_spin, UnsafeFileError, "took longer than 2 s"),
        (_hog, UnsafeFileError, "needed more than 200 MB"),
        (_refuse, NoTextError, "the PDF holds no text"),
        (_parser_bug, CorruptFileError, "NotImplementedError"),
        (_recurse, CorruptFileError, "RecursionError"),
        (_vanish, CorruptFileError, "exit code 3"),
    ],
    ids=["deadline", "memory", "typed-error-passes", "parser-bug", "recursion", "child-exits"],
)
def test_failures_become_one_typed_line(func, error, says):
    with pytest.raises(error) as info:
        run_bounded(func, source="plan.pdf", limits=TIGHT)
    message = str(info.value)
    assert says in message and message.startswith("plan.pdf: ") and "\n" not in message
    assert info.value.hint


def test_result_and_error_parts_cross_the_process_boundary():
    assert run_bounded(sum, [1, 2, 3], source="x", limits=TIGHT) == 6
    with pytest.raises(NoTextError) as info:
        run_bounded(_refuse, source="x", limits=TIGHT)
    assert (info.value.source, info.value.problem, info.value.hint) == (
        "plan.pdf",
        "the PDF holds no text",
        "Check that you chose the right file.",
    )


def test_read_bytes_is_bounded():
    data = "白鹭洲省元宇宙产业发展行动方案\n一、总体要求\n到2025年，产业规模突破800亿元。".encode()
    read = read_bytes(data, "plan.txt", limits=TIGHT)
    assert read.text.startswith("白鹭洲省") and read.source == "plan.txt"


def _unpicklable_result() -> object:
    return lambda: None  # a function made at run time cannot be pickled back to the parent


def test_a_result_that_cannot_be_sent_back_is_one_typed_error() -> None:
    with pytest.raises(CorruptFileError, match="could not be read"):
        run_bounded(_unpicklable_result, source="plan.docx")
