"""The acting user and what he may see: every lookup of the review goes through here.

A user sees and changes only the reports of the agencies he belongs to. Something of
another agency is "not found", exactly like something that does not exist, so a probe
learns nothing. What a role may do is one table, `PERMISSIONS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NianbaoError
from .models import ADMIN, DRAFTER, REVIEWER, Agency, ReportRow, Section, Suggestion, User

PERMISSIONS: dict[str, tuple[set[str], str]] = {
    # action: (roles allowed, what it is in words)
    "report.create": ({DRAFTER, REVIEWER, ADMIN}, "新建报告"),
    "report.write": ({DRAFTER, REVIEWER}, "修改报告（填写表格、修改文字、提出修改建议）"),
    "report.submit": ({DRAFTER, REVIEWER}, "提交审核"),
    "review.decide": ({REVIEWER}, "采纳或驳回修改建议"),
    "report.finalize": ({REVIEWER}, "定稿或退回修改"),
    "report.reopen": ({ADMIN}, "重新打开已定稿的报告"),
    "comment": ({DRAFTER, REVIEWER, ADMIN}, "发表意见"),
    "admin": ({ADMIN}, "管理用户和机关"),
}


def not_found(what: str) -> NianbaoError:
    return NianbaoError(f"找不到{what}（不存在，或不属于您所在的机关）", status=404)


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    roles: frozenset[str]
    agency_ids: frozenset[int]

    @classmethod
    def load(cls, session: Session, name: str | None) -> Actor:
        if not name:
            raise NianbaoError("请用 --user 或环境变量 NIANBAO_USER 指明操作人", status=401)
        user = session.scalar(select(User).where(User.name == name))
        if user is None or not user.active:
            raise NianbaoError(f"工作区里没有可用的用户「{name}」", status=401)
        return cls(user.id, user.name, frozenset(user.role_names), frozenset(user.agency_ids))

    def may(self, action: str) -> bool:
        return bool(PERMISSIONS[action][0] & self.roles)

    def require(self, action: str) -> None:
        if not self.may(action):
            roles, words = PERMISSIONS[action]
            raise NianbaoError(
                f"用户「{self.name}」没有权限{words}：需要{'或'.join(sorted(roles))}角色", status=403
            )

    # -- scoped lookups ------------------------------------------------------------------
    def agency(self, session: Session, name: str) -> Agency:
        agency = session.scalar(select(Agency).where(Agency.name == name))
        if agency is None or agency.id not in self.agency_ids:
            raise not_found(f"机关「{name}」")
        return agency

    def agencies(self, session: Session) -> list[Agency]:
        return list(session.scalars(select(Agency).where(Agency.id.in_(self.agency_ids)).order_by(Agency.name)))

    def reports(self, session: Session):
        return select(ReportRow).where(ReportRow.agency_id.in_(self.agency_ids))

    def report(self, session: Session, ref: str | int, *, lock: bool = False) -> ReportRow:
        """A report by id or by 「机关/年度」, within the user's agencies."""
        query = self.reports(session)
        text = str(ref).strip()
        if re.fullmatch(r"\d+", text):
            query = query.where(ReportRow.id == int(text))
        else:
            match = re.fullmatch(r"(.+)/(\d{4})", text)
            if not match:
                raise NianbaoError(f"报告应写成「机关名称/年度」或报告编号，不能识别「{text}」")
            query = query.join(Agency, Agency.id == ReportRow.agency_id).where(
                Agency.name == match.group(1).strip(), ReportRow.year == int(match.group(2))
            )
        if lock:
            query = query.with_for_update()
        row = session.scalar(query)
        if row is None:
            raise not_found(f"报告「{text}」")
        return row

    def section(self, session: Session, report: ReportRow, key: str) -> Section:
        section = session.scalar(select(Section).where(Section.report_id == report.id, Section.key == key))
        if section is None:
            from ..report.format import SECTION_KEYS

            raise NianbaoError(f"没有「{key}」这个部分，可用的有：{'、'.join(SECTION_KEYS)}", status=404)
        return section

    def suggestion(self, session: Session, suggestion_id: int) -> Suggestion:
        row = session.scalar(
            select(Suggestion)
            .join(Section, Section.id == Suggestion.section_id)
            .join(ReportRow, ReportRow.id == Section.report_id)
            .where(Suggestion.id == suggestion_id, ReportRow.agency_id.in_(self.agency_ids))
        )
        if row is None:
            raise not_found(f"修改建议 #{suggestion_id}")
        return row

    def user(self, session: Session, name: str) -> User:
        """Another user, visible to this one when they share an agency (or he has none yet)."""
        user = session.scalar(select(User).where(User.name == name))
        if user is None or (user.agency_ids and not (user.agency_ids & self.agency_ids)):
            raise not_found(f"用户「{name}」")
        return user
