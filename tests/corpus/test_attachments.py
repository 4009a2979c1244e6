"""Which titles, link texts and file names are of an interpretation rather than the policy.

One rule serves the attachment ranking and the check of a fetched text's title; the places in
the fictional rows (青岚区, 云溪市) are invented.
"""

from __future__ import annotations

import pytest

from corpus.attachments import Attachment, is_interpretation
from corpus.harvest import holds_policy
from corpus.models import Policy
from corpus.segment import segment_text

INTERPRETATIONS = [
    "《浙江省元宇宙产业发展行动计划（2023—2025年）》政策解读",
    "一图读懂《青岚区元宇宙产业扶持办法》",
    "一图看懂云溪市元宇宙十条",
    "图解：青岚区元宇宙产业扶持办法",
    "云溪市元宇宙产业政策问答",
    "青岚区元宇宙产业扶持办法新闻发布会",
    "市经信局负责人就《云溪市元宇宙行动方案》答记者问",
    "关于《青岚区元宇宙产业扶持办法》的起草说明",
    "",
]
POLICIES = [
    "浙江省元宇宙产业发展行动计划（2023—2025年）",
    "关于印发《浙江省元宇宙产业发展行动计划（2023—2025年）》的通知",
    "青岚区促进元宇宙产业高质量发展的若干措施",
    "P020221018512345678901.docx",
]


@pytest.mark.parametrize("name", INTERPRETATIONS[:-1])
def test_an_interpretation_is_recognised(name: str) -> None:
    assert is_interpretation(name)


@pytest.mark.parametrize("name", [*POLICIES, INTERPRETATIONS[-1]])
def test_a_policy_is_not_an_interpretation(name: str) -> None:
    assert not is_interpretation(name)


def test_an_attachment_is_judged_by_its_link_text_and_file_name() -> None:
    assert Attachment("http://127.0.0.1/a.pdf", "附件2", "一图看懂青岚区扶持办法.pdf").is_interpretation
    assert not Attachment("http://127.0.0.1/b.docx", "附件1", "P020221018512345678901.docx").is_interpretation


@pytest.mark.parametrize("title", ["一图看懂青岚区元宇宙产业扶持办法", "青岚区元宇宙产业扶持办法政策问答"])
def test_a_fetched_text_titled_as_an_interpretation_is_not_taken_for_the_policy(title: str) -> None:
    articles = "\n".join(f"第{n}条 青岚区支持元宇宙企业发展的第{n}项措施，给予相应奖励。" for n in "一二三四五")
    text = f"{title}\n{articles}"
    policy = Policy("qinglan-2022", "青岚区元宇宙产业扶持办法", "青岚区", "云溪省", "district")
    assert holds_policy(segment_text(text), text, policy, strict=False) == f"it is an interpretation (《{title}》), not the policy"
