"""Tokenisation: domain words stay whole, the output is reproducible, punctuation never counts."""

from __future__ import annotations

import pytest

from embeddings.tokenize import Tokenizer

TOKENIZER = Tokenizer()


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("推动元宇宙与实体经济融合", "元宇宙"),
        ("建设数字孪生城市", "数字孪生"),
        ("培育专精特新企业50家", "专精特新"),
        ("打造虚拟数字人示范应用", "虚拟数字人"),
        ("发展区块链技术", "区块链"),
        ("支持首台套产品", "首台套"),
        ("ＡＩ与ＶＲ技术", "ai"),  # full-width letters fold to half-width, lower case
    ],
)
def test_domain_words_stay_whole(text: str, word: str) -> None:
    assert word in TOKENIZER.words(text)


def test_punctuation_and_spaces_are_not_tokens() -> None:
    tokens = TOKENIZER.analyze("加快“元平台”布局建设。 （责任单位：省发展改革委）")
    assert all(t[2:].strip() and not any(ch in t for ch in "“”。（）： ") for t in tokens)


def test_character_ngrams_stay_inside_runs() -> None:
    grams = Tokenizer(char_ngrams=(2, 2)).char_grams("元宇宙，产业")
    assert grams == ["元宇", "宇宙", "产业"]


def test_the_same_text_always_gives_the_same_tokens() -> None:
    text = "到2025年，全省元宇宙及关联产业规模力争达到2000亿元。"
    assert Tokenizer().analyze(text) == Tokenizer().analyze(text)


def test_the_id_changes_with_the_parameters() -> None:
    assert Tokenizer(char_ngrams=(2, 2)).id != Tokenizer().id


def test_rjieba_cuts_large_batches_with_exactly_jiebas_tokens() -> None:
    """The fast path is taken only where it agrees with jieba, and then gives the same tokens."""
    from embeddings.tokenize import FAST_MIN_BATCH, check_sample

    sample = check_sample()
    assert len(sample) > 100
    batch = (sample * (FAST_MIN_BATCH // len(sample) + 1))[:FAST_MIN_BATCH]
    fast, reference = Tokenizer(), Tokenizer(fast=False)
    assert fast.analyze_many(batch) == reference.analyze_many(batch)
    assert fast.backend == "rjieba" and reference.backend == "jieba"
    assert fast.id == reference.id  # the same tokens, so the same cache entries
