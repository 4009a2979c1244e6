"""Fictional policies built for comparison tests (invented places: 云梦泽市, 白鹭洲省, 青岚区).

``clause`` makes one fictional clause, for the extractors' tables of cases.

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


def clause(text: str, path: tuple[str, ...] = ("三、政策措施",), heading: str | None = None, n: int = 1) -> Clause:
    return Clause(id=f"bailuzhou-measures/abc/{n}", path=path, number=str(n), heading=heading, text=text)


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


SHARED = ("强化要素支撑", "统筹用好各类资金、土地、人才和数据要素，优先保障元宇宙重点项目落地，形成推进产业发展的强大合力。")
TOWNS = [  # fictional places, each with a task of its own
    ("云梦泽市", "建设云梦泽湖滨数字孪生水利示范区，开展防汛调度仿真。"),
    ("苍梧县", "推动苍梧茶园虚拟导览，发展农文旅沉浸式体验。"),
    ("红枫县", "支持红枫陶瓷企业建设三维建模设计中心，推广数字化生产线。"),
    ("青岚区", "举办青岚电竞赛事，引进虚拟偶像经纪机构。"),
    ("白鹭洲市", "打造白鹭洲港口智能调度平台，开展集装箱全流程可视化。"),
    ("雁回镇", "开设雁回镇老年人智能终端培训课堂，普及远程医疗问诊。"),
]


def add_towns(store: ClauseStore, tmp_path: Path) -> list[str]:
    """Six fictional plans, each with its own task and the same non-stock safeguard clause."""
    ids = []
    for n, (town, task) in enumerate(TOWNS):
        policy_id = f"fictional-town-{n}"
        path = tmp_path / f"{policy_id}.txt"
        path.write_text(
            f"{town}元宇宙发展工作方案\n一、重点任务\n1.特色应用。{task}\n二、保障措施\n（一）{SHARED[0]}。{SHARED[1]}\n", encoding="utf-8"
        )
        add_policy(store, Policy(policy_id, f"{town}元宇宙发展工作方案", town, "白鹭洲省", "district", date=f"2022-0{n + 1}-15"))
        ingest(store, str(path), policy_id=policy_id)
        ids.append(policy_id)
    return ids
