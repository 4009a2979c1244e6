"""Character diffs as Word's compare shows them, on fictional clauses."""

from __future__ import annotations

import pytest

from compare.similarity.diff import Segment, char_diff


def _marked(segments: tuple[Segment, ...]) -> str:
    """A side as text with [-deleted-] and {+inserted+} marks, for readable expectations."""
    marks = {"same": "{}", "deleted": "[-{}-]", "inserted": "{{+{}+}}"}
    return "".join(marks[s.kind].format(s.text) for s in segments)


@pytest.mark.parametrize(
    ("a", "b", "left", "right"),
    [
        (
            "对新落户的企业给予最高500万元奖励。",
            "对新引进的重点企业给予最高1000万元奖励。",
            "对新[-落户的-]企业给予最高[-500-]万元奖励。",
            "对新{+引进的重点+}企业给予最高{+1000+}万元奖励。",
        ),
        # a number changes as a whole, never as 5 → 10 around a shared 00
        ("补助500万元", "补助1000万元", "补助[-500-]万元", "补助{+1000+}万元"),
        ("比例为3.5%", "比例为3.8%", "比例为[-3.5-]%", "比例为{+3.8+}%"),
        # a shared character or two between changes joins them into one change
        ("甲乙的丙丁", "戊己的庚辛", "[-甲乙的丙丁-]", "{+戊己的庚辛+}"),
        # widths and quotes are not changes; each side keeps what it wrote
        ("建设“元平台”，１．", '建设"元平台",1.', "建设“元平台”，１．", '建设"元平台",1.'),
        ("云溪市措施", "云溪市措施", "云溪市措施", "云溪市措施"),
        ("", "新增条款", "", "{+新增条款+}"),
        ("删去条款", "", "[-删去条款-]", ""),
        ("", "", "", ""),
    ],
)
def test_char_diff(a: str, b: str, left: str, right: str) -> None:
    diff = char_diff(a, b)
    assert _marked(diff.a) == left and _marked(diff.b) == right
    assert "".join(s.text for s in diff.a) == a and "".join(s.text for s in diff.b) == b
    assert {s.kind for s in diff.a} <= {"same", "deleted"} and {s.kind for s in diff.b} <= {"same", "inserted"}
    assert diff.changed == (left != a or right != b)
