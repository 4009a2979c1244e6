"""The design's vocabularies of subsidy and target kinds, and the keyword tables that assign them.

Tables are ordered: the first kind whose keywords occur wins, so the specific comes before the
general (a 新型研发机构 is a platform before it is R&D; 首台套 is a product before anything).

Each vocabulary is a ``Literal`` type, the one list of its values: the records' fields and the
classifiers are typed with it, and the name tuples (``SUBSIDY_KIND_NAMES`` …) are read off it,
so mypy refuses a misspelt kind and a table cannot name a kind the type does not know.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

# The design's order: the keyword tables below list the kinds in it, "other" last.
SubsidyKind = Literal[
    "fund",
    "compute",
    "finance",
    "rent",
    "talent",
    "startup",
    "event",
    "product",
    "scenario",
    "standard",
    "platform",
    "rd",
    "relocation",
    "investment",
    "revenue",
    "other",
]
TargetKind = Literal[
    "industry_scale", "standards", "patents", "scenarios", "enterprises", "platforms", "centers", "parks", "products", "other"
]
GrantForm = Literal["grant", "per_person", "free_space", "voucher"]
IndustryScope = Literal["core", "related", "driven"]

SUBSIDY_KIND_NAMES: tuple[SubsidyKind, ...] = get_args(SubsidyKind)
TARGET_KIND_NAMES: tuple[TargetKind, ...] = get_args(TargetKind)
FORMS: tuple[GrantForm, ...] = get_args(GrantForm)
SCOPES: tuple[IndustryScope, ...] = get_args(IndustryScope)

# What sets up a fund or a special budget (design: subsidy kind ``fund``): the kind table and the
# extractor's "a fund's size is an amount" rule read the same words.
FUND_WORDS = r"基金|专项资金|引导资金|资金池|财政资金|每年安排|年度安排"

SUBSIDY_KINDS: tuple[tuple[SubsidyKind, str], ...] = (
    ("fund", FUND_WORDS),
    ("compute", r"算力|智算|超算|GPU|云资源|上云券|云服务券"),
    ("finance", r"贴息|利息|担保|保险|保费|贷款|融资|股权投资|上市|挂牌"),
    ("rent", r"租金|房租|租赁|免租|办公用房|场地|用房|用地"),
    ("talent", r"人才|安家|住房补贴|购房|租房补贴|院士|博士"),
    ("startup", r"创业|创办|启动资金|初创|孵化"),
    ("event", r"会议|论坛|峰会|大赛|竞赛|展会|展览|赛事|活动"),
    ("product", r"首台|首版次|首套|首批次|标杆产品|产品"),
    ("scenario", r"场景|示范项目|应用示范|试点示范|示范应用"),
    ("standard", r"(?:主导|牵头|参与)(?:制定|制修订|修订)|标准|知识产权|专利"),
    ("platform", r"实验室|中心|平台|研究院|新型研发机构|联盟|协会"),
    ("rd", r"研发|研究开发|攻关|科研|技术创新|科技计划"),
    ("relocation", r"落户|总部|新引进|迁入|入驻|注册"),
    ("investment", r"固定资产|设备|投资额|技术改造|技改|软硬件|实际投资|实际投入"),
    ("revenue", r"营业收入|营收|主营业务收入|产值|增长|经济贡献|地方贡献|纳税|税收|规模以上|上规"),
)

TARGET_KINDS: tuple[tuple[TargetKind, str], ...] = (
    ("standards", r"标准"),
    ("patents", r"专利|知识产权"),
    ("scenarios", r"场景"),
    ("enterprises", r"企业|公司|独角兽|瞪羚"),
    ("platforms", r"平台"),
    ("centers", r"中心|实验室|研究院|研发机构"),
    ("parks", r"园|基地|小镇|集聚区|街区"),
    ("products", r"产品|服务|解决方案|应用"),
)


def classify_subsidy(text: str) -> SubsidyKind:
    """The subsidy kind of a sentence (one of ``SUBSIDY_KIND_NAMES``); "other" when no
    keyword matches."""
    for kind, pattern in SUBSIDY_KINDS:
        if re.search(pattern, text):
            return kind
    return "other"


def classify_target(label: str) -> TargetKind:
    """The target kind of a counted noun phrase ("行业头部企业" → enterprises); "other" when
    no keyword matches. Money targets are classified by the caller (industry_scale)."""
    for kind, pattern in TARGET_KINDS:
        if re.search(pattern, label):
            return kind
    return "other"


def industry_scope(label: str) -> IndustryScope | None:
    """What an industry scale counts, part of the target's kind: "core" (核心产业), "related"
    (元宇宙相关/关联产业, 带动相关产业), "driven" (another industry the plan expects to pull along,
    带动软件和信息服务业规模), None for the industry itself without qualification."""
    if "核心" in label:
        return "core"
    if re.search(r"带动(?!相关|关联)\S", label):
        return "driven"
    if re.search(r"相关|带动|关联", label):
        return "related"
    return None


def grant_form(text: str, amount_yuan: float | None) -> GrantForm:
    """How a subsidy is given, so that unlike instruments are never compared: "free_space"
    (rent-free or free premises, no sum paid), "voucher" (算力券, 创新券), "per_person" (an
    allowance per head: 每人每月5000元), else "grant" (a sum paid to a firm, team or project)."""
    if amount_yuan is None and re.search(r"免租|免费提供|免费使用|租金减免|减免.{0,4}租", text):
        return "free_space"
    if re.search(r"[^\s]券", text):
        return "voucher"
    if re.search(r"每人|人均|每名|每位|/人", text):
        return "per_person"
    return "grant"


def money_target_kind(label: str) -> TargetKind:
    """ "industry_scale" for an amount of money the industry as a whole should reach (产业规模,
    产值, 营收), "other" for anything else, including a revenue threshold of one enterprise."""
    if re.search(r"规模|产值|营收|营业收入|总收入", label) and "企业" not in label:
        return "industry_scale"
    return "other"
