"""Fictional policies built for comparison tests (invented places: 云梦泽市, 白鹭洲省, 青岚区).

``borrowing_plan`` copies five task clauses of the Zhejiang plan word for word and adds two of
its own, so what it takes from Zhejiang and what Zhejiang lacks are known exactly.
"""

from __future__ import annotations

from pathlib import Path

from corpus.library import ClauseSet, add_policy, ingest
from corpus.models import Clause, Policy
from corpus.store import ClauseStore
from tests.paths import FIXTURES

BORROWED = 5
OWN_TASKS = [
    ("建设云梦泽元宇宙数据港", "依托市大数据中心，建设面向元宇宙应用的数据交易与确权服务平台，开展数据资产登记试点。"),
    ("举办白鹭湖虚拟音乐节", "每年举办一届白鹭湖虚拟音乐节，支持本地文旅企业开发沉浸式演艺产品。"),
]
STOCK = ("加强组织领导", "成立市元宇宙产业发展工作专班，统筹推进各项任务落实，定期研究解决重大问题。")


def borrowing_text(zhejiang: ClauseSet) -> str:
    tasks = [c for c in zhejiang.clauses if c.path and c.path[0].endswith("重点任务")][:BORROWED]
    lines = ["云梦泽市元宇宙产业创新发展行动方案（2023—2025年）", "一、重点任务"]
    for n, clause in enumerate(tasks, 1):
        lines.append(f"{n}.{clause.heading}。{clause.text}")
    for n, (heading, text) in enumerate(OWN_TASKS, BORROWED + 1):
        lines.append(f"{n}.{heading}。{text}")
    lines += ["二、保障措施", f"（一）{STOCK[0]}。{STOCK[1]}"]
    return "\n".join(lines) + "\n"


def borrowed_clauses(zhejiang: ClauseSet) -> list[Clause]:
    return [c for c in zhejiang.clauses if c.path and c.path[0].endswith("重点任务")][:BORROWED]


def add_borrowing_plan(store: ClauseStore, zhejiang: ClauseSet, tmp_path: Path) -> str:
    path = tmp_path / "yunmengze_plan.txt"
    path.write_text(borrowing_text(zhejiang), encoding="utf-8")
    add_policy(
        store,
        Policy(
            "yunmengze-2023-plan", "云梦泽市元宇宙产业创新发展行动方案（2023—2025年）", "云梦泽市", "白鹭洲省", "city", date="2023-03-01"
        ),
    )
    ingest(store, str(path), policy_id="yunmengze-2023-plan")
    return "yunmengze-2023-plan"


def add_district_measures(store: ClauseStore) -> str:
    add_policy(
        store,
        Policy(
            "qinglan-2022-measures", "青岚区促进元宇宙产业高质量发展若干措施（试行）", "青岚区", "白鹭洲省", "district", date="2022-09-20"
        ),
    )
    ingest(store, str(FIXTURES / "fictional_district_measures.txt"), policy_id="qinglan-2022-measures")
    return "qinglan-2022-measures"
