"""Who is asking: the session cookie, the CSRF check, and the two ways of saying "sign in first".

Pages send a signed-out visitor to the sign-in page; JSON endpoints answer 401 with the
one error body. Every state-changing request carries the session's CSRF token, as the
form field `csrf_token` or the header `X-CSRF-Token`.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from ..errors import NianbaoError
from ..services.web_auth import WebUser, resolve

COOKIE = "nianbao_session"
LOGIN_COOKIE = "nianbao_login"  # a pre-sign-in token for the sign-in form (login CSRF)
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


class SignInRequired(Exception):
    """A page asked for by a signed-out visitor: the app answers with a redirect."""

    def __init__(self, target: str) -> None:
        self.target = target


def address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _user(request: Request) -> WebUser | None:
    if not hasattr(request.state, "web_user"):
        request.state.web_user = resolve(request.app.state.settings, request.cookies.get(COOKIE))
    return request.state.web_user


def page_user(request: Request) -> WebUser:
    user = _user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target)
    return user


def api_user(request: Request) -> WebUser:
    user = _user(request)
    if user is None:
        raise NianbaoError("请先登录", status=401)
    return user


async def csrf_ok(request: Request, user: WebUser) -> None:
    """Refuse a state-changing request without the session's CSRF token."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = (await request.form()).get(CSRF_FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), user.csrf.encode()):
        raise NianbaoError("页面已过期或请求来源不明（缺少安全校验码），请刷新页面后重试", status=403)


async def page_writer(request: Request) -> WebUser:
    user = page_user(request)
    await csrf_ok(request, user)
    return user


async def api_writer(request: Request) -> WebUser:
    user = api_user(request)
    await csrf_ok(request, user)
    return user
