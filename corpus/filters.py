"""Which policies a view or a search keeps: the one policy filter of the CLIs, the app and the
comparison functions (``compare.similarity.space`` re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.models import Policy


@dataclass(frozen=True)
class Filters:
    """Which policies to keep; None means no restriction. A province matches by its start
    ("浙江" keeps 浙江省); an undated policy fails any date bound."""

    levels: tuple[str, ...] | None = None
    provinces: tuple[str, ...] | None = None
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    policies: tuple[str, ...] | None = None
    exclude_policies: tuple[str, ...] = ()

    def allows(self, policy: Policy | None) -> bool:
        if policy is None:
            return False
        if self.policies is not None and policy.id not in self.policies:
            return False
        if policy.id in self.exclude_policies:
            return False
        if self.levels is not None and policy.level not in self.levels:
            return False
        if self.provinces is not None and not any(policy.province and policy.province.startswith(v) for v in self.provinces):
            return False  # "浙江" selects 浙江省
        if self.date_from and not (policy.date and policy.date >= self.date_from):
            return False
        return not (self.date_to and not (policy.date and policy.date <= self.date_to))
