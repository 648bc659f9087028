"""The issuer kind a name implies: 人民政府 (the 条例 第五十条 考核/评议/追究 paragraph and the
S-GOV-ASSESSMENT rule apply) or 部门. `new` uses it when the user gives no kind, and says so."""

from __future__ import annotations

import re

# (pattern on the name, why) in order; the first that matches decides.
_GOVERNMENT = (
    (re.compile(r"人民政府$"), "名称以“人民政府”结尾"),
    (re.compile(r"(?:管委会|管理委员会)$"), "名称以“管委会/管理委员会”结尾（管委会按人民政府编制年报）"),
    (re.compile(r"街道办事处$|街道$"), "名称是街道办事处"),
    (re.compile(r"[乡镇]$"), "名称是乡、镇"),
)


def infer_issuer_kind(agency: str) -> tuple[str, str]:
    """(kind, reason in Chinese) for an agency name."""
    name = re.sub(r"\s+", "", agency or "")
    for pattern, why in _GOVERNMENT:
        if pattern.search(name):
            return "人民政府", why
    return "部门", "名称不是人民政府、管委会、街道办事处或乡镇"
