"""Sign-in for the web app: server-side sessions in the workspace store, throttled logins.

The browser holds a random token; the store keeps its SHA-256, the user, a CSRF token,
the expiry and, once revoked, when. Every sign-in makes a new token (no session
fixation). Failed sign-ins are counted per user name and per address; past the limit
the password is not even checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update

from ..errors import NianbaoError
from ..settings import Settings
from ..workspace import audit
from ..workspace.models import LoginAttempt, User, WebSession, utcnow
from ..workspace.passwords import verify_password
from ..workspace.scope import Actor
from .workspace import store

WINDOW = dt.timedelta(minutes=15)
ADDRESS_FACTOR = 4  # an office behind one NAT address: more attempts per address than per user


@dataclass(frozen=True)
class WebUser:
    """Who is signed in, as the pages need it (names only; no database object)."""

    session_id: int
    name: str
    roles: frozenset[str]
    csrf: str


@dataclass(frozen=True)
class Ticket:
    token: str  # goes into the cookie, never stored
    user: WebUser
    expires_at: dt.datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def sign_in(settings: Settings, name: str, password: str, address: str) -> Ticket:
    """Check the password and open a new session. One message for every wrong answer."""
    name, address = name.strip()[:100], (address or "unknown")[:64]
    now = utcnow()
    with store(settings).write() as session:
        since = now - WINDOW
        failed = select(func.count(LoginAttempt.id)).where(LoginAttempt.ok.is_(False), LoginAttempt.at >= since)
        by_user = session.scalar(failed.where(LoginAttempt.user_name == name)) or 0
        by_address = session.scalar(failed.where(LoginAttempt.address == address)) or 0
        limit = settings.web_login_attempts
        if by_user >= limit or by_address >= limit * ADDRESS_FACTOR:
            raise NianbaoError("登录失败次数过多，请 15 分钟后再试", status=429)
        row = session.scalar(select(User).where(User.name == name))
        ok = row is not None and row.active and verify_password(row.password_hash, password)
        session.add(LoginAttempt(user_name=name, address=address, at=now, ok=ok))
        if ok:  # the session opens in the same transaction as the recorded attempt
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            expires = now + dt.timedelta(hours=settings.web_session_hours)
            web = WebSession(token_hash=_hash(token), user_id=row.id, csrf=csrf, address=address, created_at=now,
                             expires_at=expires)
            session.add(web)
            session.flush()
            actor = Actor(row.id, row.name, frozenset(row.role_names), frozenset(row.agency_ids))
            audit.log(session, actor, "user.sign_in", "user", row.id, address=address)
            return Ticket(token, WebUser(web.id, row.name, frozenset(row.role_names), csrf), expires)
    # a failed attempt is committed (it counts for throttling) before the refusal
    raise NianbaoError("用户名或密码不对", status=401)


def resolve(settings: Settings, token: str | None) -> WebUser | None:
    """The signed-in user of a cookie, or None (unknown, expired, revoked, user disabled)."""
    if not token or len(token) > 200:
        return None
    with store(settings).read() as session:
        web = session.scalar(select(WebSession).where(WebSession.token_hash == _hash(token)))
        if web is None or web.revoked_at is not None or _aware(web.expires_at) <= utcnow():
            return None
        user = session.get(User, web.user_id)
        if user is None or not user.active:
            return None
        return WebUser(web.id, user.name, frozenset(user.role_names), web.csrf)


def sign_out(settings: Settings, token: str | None) -> None:
    if not token:
        return
    with store(settings).write() as session:
        session.execute(
            update(WebSession).where(WebSession.token_hash == _hash(token), WebSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def revoke(settings: Settings, admin: str, name: str) -> int:
    """A 管理员 ends every open session of a user (of his agencies). Returns how many."""
    with store(settings).write() as session:
        actor = Actor.load(session, admin)
        actor.require("admin")
        user = actor.user(session, name)
        result = session.execute(
            update(WebSession).where(WebSession.user_id == user.id, WebSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        audit.log(session, actor, "user.sessions_revoked", "user", user.id, count=result.rowcount)
        return result.rowcount
