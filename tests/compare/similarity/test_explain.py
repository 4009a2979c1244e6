"""Match classes come from the texts first, and spans point into the texts as written."""

from __future__ import annotations

import pytest

from compare.similarity.explain import explain, merge_spans, normalize_with_offsets, shared_spans
from embeddings import TfidfEmbedder

T = TfidfEmbedder.thresholds
TASK = "加快“元平台”布局建设。支持头部企业围绕元宇宙关键技术，建设开放平台。"


@pytest.mark.parametrize(
    ("a", "b", "score", "expected"),
    [
        (TASK, TASK, 1.0, "identical"),
        # the article's half-width brackets, spaces and quotes do not make a difference
        ("（一）支持企业（试行）“元平台”建设", '(一) 支持企业(试行)"元平台"建设', 0.9, "identical"),
        (TASK, TASK.replace("头部企业", "龙头企业"), 0.8, "near-identical"),
        (TASK, "支持头部企业围绕元宇宙关键技术建设开放平台，由青岚区统筹。", 0.3, "reworded"),  # fictional
        (TASK, "鼓励企业建设面向元宇宙的开放平台和公共服务设施。", 0.5, "reworded"),
        (TASK, "鼓励企业建设元宇宙公共服务设施。", 0.2, "related"),
        (TASK, "对新落户企业给予租金补贴。", 0.05, "unrelated"),
    ],
)
def test_classes(a: str, b: str, score: float, expected: str) -> None:
    assert explain(a, b, score, T).match_class == expected


def test_spans_are_offsets_into_the_original_texts() -> None:
    a = "到2025年，全省元宇宙产业规模力争达到2000亿元。"
    b = "重磅！到 2025年, 全省元宇宙产业规模力争达到2000亿元"
    ratio, spans_a, spans_b = shared_spans(a, b)
    assert 0.8 < ratio < 1.0
    assert "".join(a[s:e] for s, e in spans_a).startswith("到2025年")
    assert any("元宇宙产业规模力争达到2000亿元" in b[s:e] for s, e in spans_b)


def test_short_runs_are_not_spans() -> None:
    _, spans_a, _ = shared_spans("元宇宙产业", "发展元宇宙", min_span=4)
    assert spans_a == ()


def test_empty_texts() -> None:
    assert shared_spans("", "") == (1.0, (), ())
    assert explain("", "元宇宙", 0.0, T).match_class == "unrelated"


def test_normalisation_keeps_offsets() -> None:
    norm, offsets = normalize_with_offsets("（一） 元宇宙")
    assert norm == "(一)元宇宙"
    assert offsets == [0, 1, 2, 4, 5, 6]


@pytest.mark.parametrize(
    ("spans", "length", "merged"),
    [
        ([], None, ()),
        ([(5, 9), (0, 3)], None, ((0, 3), (5, 9))),  # sorted
        ([(0, 4), (2, 6), (6, 8)], None, ((0, 8),)),  # overlapping and touching merge
        ([(3, 3), (4, 2)], None, ()),  # empty spans dropped
        ([(-2, 3), (8, 20)], 10, ((0, 3), (8, 10))),  # clipped to the text
    ],
)
def test_merge_spans(spans, length, merged) -> None:
    assert merge_spans(spans, length) == merged
