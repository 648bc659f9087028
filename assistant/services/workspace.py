"""Workspace administration: the store itself, users, agencies, backups.

Every function takes the settings and the acting user's name (`user`), checks him
against the store, and works only within his agencies (see assistant.workspace.scope).
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from ..errors import NianbaoError
from ..settings import Settings
from ..workspace import audit
from ..workspace.db import Store, database_url
from ..workspace.models import ADMIN, ROLES, Agency, Membership, User, UserRole
from ..workspace.passwords import hash_password
from ..workspace.scope import Actor
from ..workspace.views import AgencyView, UserView, agency_view, user_view

_STORES: OrderedDict[str, Store] = OrderedDict()
_MAX_STORES = 4


def store(settings: Settings) -> Store:
    """The store of these settings, opened (and migrated) once per process and reused."""
    url = database_url(settings)
    if url in _STORES:
        _STORES.move_to_end(url)
        return _STORES[url]
    opened = Store(url)
    _STORES[url] = opened
    while len(_STORES) > _MAX_STORES:
        _STORES.popitem(last=False)[1].dispose()
    return opened


def close_stores() -> None:
    while _STORES:
        _STORES.popitem()[1].dispose()


def _check_roles(roles: list[str]) -> list[str]:
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise NianbaoError(f"没有「{'、'.join(bad)}」这个角色，可用的有：{'、'.join(ROLES)}")
    return list(dict.fromkeys(roles))


def _check_kind(kind: str) -> str:
    if kind not in ("人民政府", "部门"):
        raise NianbaoError(f"机关类型应为「人民政府」或「部门」，不能是「{kind}」")
    return kind


def init(
    settings: Settings, *, admin: str | None = None, password: str | None = None,
    agency: str | None = None, issuer_kind: str = "人民政府",
) -> tuple[str, UserView | None]:
    """Create the store (if new) and, when it has no user yet, the first 管理员 and agency."""
    ws = store(settings)
    created = None
    if admin:
        with ws.write() as session:
            if session.scalar(select(func.count(User.id))):
                raise NianbaoError("工作区已经有用户了：请由管理员用 nianbao user add 添加用户")
            if not agency:
                raise NianbaoError("请用 --agency 给出管理员所在的机关")
            row = Agency(name=agency, issuer_kind=_check_kind(issuer_kind))
            user = User(name=admin, password_hash=hash_password(password) if password else None)
            user.roles = [UserRole(role=ADMIN)]
            session.add_all([row, user])
            session.flush()
            user.memberships = [Membership(agency_id=row.id)]
            session.flush()
            audit.log(session, None, "workspace.init", "user", user.id, agency_id=row.id, admin=admin, agency=agency)
            created = user_view(session, user)
    return safe_url(ws.url), created


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def whoami(settings: Settings, user: str | None) -> UserView:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        return user_view(session, session.get(User, actor.id))


# -- users -----------------------------------------------------------------------------------


def add_user(
    settings: Settings, user: str | None, name: str, *, roles: list[str], agencies: list[str],
    password: str | None = None,
) -> UserView:
    if not name.strip():
        raise NianbaoError("用户名不能为空")
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        actor.require("admin")
        if not agencies:
            raise NianbaoError("请用 --agency 给出新用户所在的机关（可多次给出）")
        rows = [actor.agency(session, a) for a in agencies]
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise NianbaoError(f"用户「{name}」已经存在", status=409)
        new = User(name=name, password_hash=hash_password(password) if password else None)
        new.roles = [UserRole(role=r) for r in _check_roles(roles)]
        session.add(new)
        session.flush()
        new.memberships = [Membership(agency_id=a.id) for a in rows]
        session.flush()
        audit.log(session, actor, "user.add", "user", new.id, agency_id=rows[0].id, name=name, roles=roles,
                  agencies=agencies)
        return user_view(session, new)


def set_password(settings: Settings, user: str | None, name: str, password: str) -> None:
    """A user changes his own password; a 管理员 sets the password of a user of his agencies."""
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        if name != actor.name:
            actor.require("admin")
        target = actor.user(session, name)
        target.password_hash = hash_password(password)
        audit.log(session, actor, "user.password", "user", target.id, name=name)


def set_roles(
    settings: Settings, user: str | None, name: str, *, add: list[str] = (), remove: list[str] = (),
    join: list[str] = (), leave: list[str] = (), active: bool | None = None,
) -> UserView:
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        actor.require("admin")
        target = actor.user(session, name)
        before = user_view(session, target)
        roles = (target.role_names | set(_check_roles(list(add)))) - set(_check_roles(list(remove)))
        if target.id == actor.id and ADMIN not in roles:
            raise NianbaoError("不能取消自己的管理员角色（请由另一位管理员操作）")
        target.roles = [r for r in target.roles if r.role in roles] + [
            UserRole(role=r) for r in sorted(roles - target.role_names)
        ]
        joined = {actor.agency(session, a).id for a in join}
        left = {actor.agency(session, a).id for a in leave}
        ids = (target.agency_ids | joined) - left
        target.memberships = [m for m in target.memberships if m.agency_id in ids] + [
            Membership(agency_id=a) for a in sorted(ids - target.agency_ids)
        ]
        if active is not None:
            if target.id == actor.id and not active:
                raise NianbaoError("不能停用自己")
            target.active = active
        session.flush()
        session.refresh(target)
        after = user_view(session, target)
        audit.log(session, actor, "user.roles", "user", target.id, before=before.model_dump_json(),
                  after=after.model_dump_json(), name=name)
        return after


def list_users(settings: Settings, user: str | None) -> list[UserView]:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        rows = session.scalars(
            select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.agency_id.in_(actor.agency_ids)).distinct().order_by(User.name)
        )
        return [user_view(session, u) for u in rows]


# -- agencies --------------------------------------------------------------------------------


def add_agency(
    settings: Settings, user: str | None, name: str, *, issuer_kind: str, parent: str | None = None
) -> AgencyView:
    """A 管理员 adds an agency (under one of his, for roll-up) and becomes its member."""
    if not name.strip():
        raise NianbaoError("机关名称不能为空")
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        actor.require("admin")
        parent_row = actor.agency(session, parent) if parent else None
        if session.scalar(select(Agency.id).where(Agency.name == name)) is not None:
            raise NianbaoError(f"机关「{name}」已经存在", status=409)
        row = Agency(name=name, issuer_kind=_check_kind(issuer_kind), parent_id=parent_row.id if parent_row else None)
        session.add(row)
        session.flush()
        session.add(Membership(user_id=actor.id, agency_id=row.id))
        session.flush()
        session.refresh(row)
        audit.log(session, actor, "agency.add", "agency", row.id, agency_id=row.id, name=name, parent=parent)
        return agency_view(row)


def list_agencies(settings: Settings, user: str | None) -> list[AgencyView]:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        return [agency_view(a) for a in actor.agencies(session)]


# -- backup ----------------------------------------------------------------------------------


def backup(settings: Settings, user: str | None, destination: Path) -> Path:
    """A consistent copy of a SQLite workspace (the online backup API, safe while in use).

    PostgreSQL is backed up with its own tool: pg_dump -Fc -f FILE DATABASE.
    """
    ws = store(settings)
    with ws.read() as session:
        actor = Actor.load(session, user)
        actor.require("admin")
    if ws.dialect != "sqlite":
        raise NianbaoError("PostgreSQL 工作区请用 pg_dump 备份，例如：pg_dump -Fc -f nianbao.dump 数据库名")
    source = make_url(ws.url).database
    destination = Path(destination)
    if destination.exists():
        raise NianbaoError("备份文件已经存在，不会覆盖", file=str(destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(destination)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    with ws.write() as session:
        audit.log(session, actor, "workspace.backup", "workspace", None, destination=str(destination))
    return destination


def verify(settings: Settings, user: str | None) -> list[str]:
    """The integrity checks on the reports of the user's agencies (all of the file for SQLite)."""
    from ..workspace import integrity
    from ..workspace.models import ReportRow

    with store(settings).read() as session:
        actor = Actor.load(session, user)
        ids = set(session.scalars(select(ReportRow.id).where(ReportRow.agency_id.in_(actor.agency_ids))))
        problems = integrity.check(session, ids)
        if session.get_bind().dialect.name == "sqlite":
            problems = integrity.check_file(session) + problems
        return problems
