"""A policy's metadata read off its document, and the rules an edit of it must keep.

A user's upload names its issuer in the notice line (``云溪市人民政府办公室关于印发《…》的通知``) or in
the signature above the date, and its province in its title or jurisdiction (``浙江省…``), or
through a stored policy of the same city. What cannot be read stays empty, for the user to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date as Date
from urllib.parse import urlsplit

from corpus.errors import PolicyCompareError
from corpus.models import Policy

PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
_SHORT = {re.sub(r"(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$", "", p): p for p in PROVINCES}
LEVELS = ("province", "city", "district")
EDITABLE = ("title", "jurisdiction", "province", "level", "issuer", "date")  # what the app's form edits
UPDATABLE = (*EDITABLE, "period", "source_url", "official_url", "confidence")  # what `corpus add --update` may change
CONFIDENCE = ("high", "medium", "low")
_ORG = r"(?:人民政府办公厅|人民政府办公室|人民政府|管理委员会|委员会|办公厅|办公室|领导小组|局|厅|委)"
_NOTICE = re.compile(rf"^\s*(.{{2,40}}?{_ORG}(?:[、，,].{{2,40}}?{_ORG})*)\s*关于印发")
_SIGNATURE = re.compile(rf"^\s*(.{{2,40}}?{_ORG})\s*$")
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def guess_province(jurisdiction: str, title: str = "", known: Iterable[Policy] = ()) -> str | None:
    """The province a jurisdiction lies in: named at the start of the jurisdiction or title
    (浙江省…, 浙江…), else the province of a stored policy of the same place; None when unknown."""
    for text in (jurisdiction, title):
        for short, full in _SHORT.items():
            if text.startswith((full, short)):
                return full
    for policy in known:
        if policy.province and policy.jurisdiction and jurisdiction and policy.jurisdiction.startswith(jurisdiction):
            return policy.province
    return None


def guess_issuer(text: str) -> str | None:
    """The issuing body of a notice: the bodies before 关于印发 in its first lines, else the
    signature line above the date at its end; None when neither is there."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:8]:
        m = _NOTICE.match(line)
        if m:
            return m.group(1)
    tail = lines[-4:]
    for n, line in enumerate(tail):
        if _DATE_LINE.match(line) and n > 0 and _SIGNATURE.match(tail[n - 1]):
            return tail[n - 1]
    return None


def checked_changes(changes: Mapping[str, str | None]) -> dict[str, str | None]:
    """The metadata changes, stripped (blank → None) and checked: only UPDATABLE fields; title
    and jurisdiction never empty; level one of LEVELS; date YYYY, YYYY-MM or YYYY-MM-DD and real.

    Raises PolicyCompareError naming the first bad field.
    """
    out: dict[str, str | None] = {}
    for field, value in changes.items():
        if field not in UPDATABLE:
            raise PolicyCompareError(field, "this field cannot be edited", f"Editable fields: {', '.join(UPDATABLE)}.")
        clean = value.strip() if isinstance(value, str) else None
        out[field] = clean or None
    for field in ("title", "jurisdiction"):
        if field in out and out[field] is None:
            raise PolicyCompareError(field, "must not be empty", "Give the policy's official title and the place that issued it.")
    if out.get("confidence") is not None and out["confidence"] not in CONFIDENCE:
        raise PolicyCompareError(str(out["confidence"]), "not a confidence", f"Use one of {', '.join(CONFIDENCE)}.")
    if out.get("level") is not None and out["level"] not in LEVELS:
        raise PolicyCompareError(str(out["level"]), "not a level", f"Use one of {', '.join(LEVELS)}.")
    if out.get("date") is not None:
        check_date(str(out["date"]))
    for field in ("source_url", "official_url"):
        if out.get(field) is not None:
            check_url(str(out[field]))
    return out


def check_date(value: str) -> str:
    """``value`` when it is a date as policies hold it: YYYY, YYYY-MM or YYYY-MM-DD, and a real
    calendar date; raises PolicyCompareError otherwise (``not-a-date``, ``2022-02-30``)."""
    parts = [int(x) for x in value.split("-")] if _DATE.match(value) else []
    try:
        Date(*(parts + [1, 1][: 3 - len(parts)])) if parts else None
    except ValueError:
        parts = []
    if not parts:
        raise PolicyCompareError(value, "not a date", "Write it as 2022-09-20, 2022-09 or 2022.")
    return value


def check_url(value: str) -> str:
    """``value`` when it is an http(s) address with a host (a policy's source or a page to fetch);
    raises PolicyCompareError otherwise (``javascript:…``, ``ftp://…``, a bare path)."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise PolicyCompareError(
            value, "an address must start with http:// or https:// and name a host", "Give the full address of the page."
        )
    return value.strip()
