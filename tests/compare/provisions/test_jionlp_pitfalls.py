"""Why caps, floors and rates are ours and not JioNLP's: its actual behaviour (jionlp 1.5.31),
next to what ``compare.provisions.numbers`` reads from the same text.

If JioNLP fixes one of these, its test fails and tells us the workaround may go. JioNLP is a
test dependency only (requirements-dev.txt): importing it prints a banner on stdout, which must
never reach ``--json`` output.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from compare.provisions.numbers import find_amounts, parse_amount
from tests.paths import ROOT

jio = pytest.importorskip("jionlp")


def test_extract_money_turns_a_cap_into_a_floor():
    text = "对符合条件的企业给予最高不超过500万元奖励"
    (found,) = jio.ner.extract_money(text)
    assert found["text"] == "超过500万元" and found["detail"]["definition"] == "blur+"  # "more than": a floor
    (ours,) = find_amounts(text)
    assert (ours.value, ours.bound) == (5_000_000, True)


@pytest.mark.parametrize("text", ["最高500万元", "最高不超过500万元", "500万元以内", "上限500万元", "最高不超过五百万元"])
def test_parse_money_fails_on_caps(text):
    with pytest.raises(ValueError):
        jio.parse_money(text)
    (ours,) = find_amounts(text)
    assert (ours.value, ours.bound) == (5_000_000, True)


@pytest.mark.parametrize("text", ["不少于200万元", "不低于200万元"])
def test_parse_money_reads_a_floor_as_a_ceiling(text):
    assert jio.parse_money(text)["definition"] == "blur-"  # "less than"
    (ours,) = find_amounts(text)
    assert (ours.value, ours.bound) == (2_000_000, False)


def test_extract_money_drops_the_floor():
    (found,) = jio.ner.extract_money("给予不少于200万元支持")
    assert found["text"] == "200万元" and found["detail"]["definition"] == "accurate"
    (ours,) = find_amounts("给予不少于200万元支持")
    assert ours.bound is False


def test_parse_money_does_not_read_percentages():
    with pytest.raises(ValueError):
        jio.parse_money("百分之三十")


@pytest.mark.parametrize("text", ["五百万元", "一千万元", "1.5亿元", "３００万元"])
def test_plain_amounts_agree_with_jionlp(text):
    assert parse_amount(text) == pytest.approx(float(jio.parse_money(text)["num"]))


def test_the_library_never_imports_jionlp():
    code = "import sys, compare.cli_provisions, compare.briefing.brief, compare.briefing.export; print('jionlp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip() == "False"
