"""The one policy filter: levels, provinces by their start, date bounds, ids kept or left out."""

from __future__ import annotations

import pytest

from corpus.filters import Filters
from corpus.models import Policy

QINGLAN = Policy(
    id="qinglan-plan", title="青岚区元宇宙行动方案", jurisdiction="青岚区", province="白鹭洲省", level="district", date="2022-06-15"
)
UNDATED = Policy(id="yunxi-plan", title="云溪市元宇宙措施", jurisdiction="云溪市", province="白鹭洲省", level="city", date=None)


@pytest.mark.parametrize(
    ("keep", "policy", "allowed"),
    [
        (Filters(), QINGLAN, True),
        (Filters(), None, False),
        (Filters(levels=("district",)), QINGLAN, True),
        (Filters(levels=("city", "province")), QINGLAN, False),
        (Filters(provinces=("白鹭洲",)), QINGLAN, True),  # a province matches by its start
        (Filters(provinces=("白鹭洲省",)), QINGLAN, True),  # the app passes whole names
        (Filters(provinces=("鹭洲",)), QINGLAN, False),
        (Filters(date_from="2022-06-01", date_to="2022-06-30"), QINGLAN, True),
        (Filters(date_from="2022-07-01"), QINGLAN, False),
        (Filters(date_to="2022-06-01"), QINGLAN, False),
        (Filters(date_from="2022-01-01"), UNDATED, False),  # an undated policy fails any date bound
        (Filters(policies=("qinglan-plan",)), QINGLAN, True),
        (Filters(policies=("yunxi-plan",)), QINGLAN, False),
        (Filters(exclude_policies=("qinglan-plan",)), QINGLAN, False),
    ],
)
def test_allows(keep: Filters, policy: Policy | None, allowed: bool) -> None:
    assert keep.allows(policy) is allowed
