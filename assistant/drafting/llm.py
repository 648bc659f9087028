"""The model: any OpenAI-compatible chat endpoint through langchain-openai's ChatOpenAI.

Streaming, with our own retry loop: 429, 5xx and connection errors are retried with
exponential backoff only before the first token; after it, a failure ends the section
with the partial text kept and marked incomplete. A reply counts as complete only when the
endpoint says why it ended (finish_reason): a stream that simply stops is a cut draft. Nothing here counts tokens (that would
pull tiktoken files) or touches a model hub.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from ..settings import Settings


class LLMUnavailable(Exception):
    """The endpoint gave no usable text at all (after retries, or a non-retryable error)."""

    def __init__(self, reason: str, *, connection: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.connection = connection


@dataclass
class Generation:
    text: str
    complete: bool
    error: str | None = None
    attempts: int = 1
    interrupted: bool = False  # the user pressed Ctrl-C mid-stream; the caller keeps the text, then stops
    cut_for_length: bool = False  # the endpoint said the output limit was reached (finish_reason "length")


def no_tracing():
    """Offline-first: never send traces to LangSmith, even if its environment variables are set."""
    try:
        from langsmith.run_helpers import tracing_context
    except ImportError:  # pragma: no cover - langsmith is a langchain-core dependency
        return contextlib.nullcontext()
    return tracing_context(enabled=False)


def configured(settings: Settings) -> bool:
    return bool(settings.llm_base_url and settings.llm_model)


def chat_model(settings: Settings, *, streaming: bool = True) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "EMPTY",  # local vLLM/Ollama accept any key
        timeout=settings.llm_timeout,
        max_retries=0,  # retries are ours: only before the first token
        streaming=streaming,
        temperature=0.3,
    )


def describe(exc: BaseException) -> str:
    """A plain Chinese reason for a failed request."""
    import openai

    status = getattr(exc, "status_code", None)
    if isinstance(exc, openai.RateLimitError) or status == 429:
        return "大模型接口请求过于频繁（HTTP 429）"
    if isinstance(exc, openai.AuthenticationError) or status in (401, 403):
        return f"大模型接口拒绝访问（HTTP {status}），请检查 NIANBAO_LLM_API_KEY"
    if isinstance(exc, openai.NotFoundError) or status == 404:
        return "大模型接口地址或模型名称不存在（HTTP 404），请检查 NIANBAO_LLM_BASE_URL 和 NIANBAO_LLM_MODEL"
    if status is not None and status >= 500:
        return f"大模型服务端出错（HTTP {status}）"
    if isinstance(exc, openai.APITimeoutError):
        return "大模型接口响应超时"
    if isinstance(exc, openai.APIConnectionError):
        return "无法连接大模型接口"
    if status is not None:
        return f"大模型接口返回错误（HTTP {status}）"
    return f"大模型回复中断或格式有误（{type(exc).__name__}）"


def retryable(exc: BaseException) -> bool:
    import httpx
    import openai

    status = getattr(exc, "status_code", None)
    if status is not None:
        return status == 429 or status >= 500
    return isinstance(exc, (openai.APIConnectionError, httpx.TransportError))


def is_connection_error(exc: BaseException) -> bool:
    import httpx
    import openai

    return isinstance(exc, (openai.APIConnectionError, httpx.ConnectError))


class ChatClient:
    def __init__(
        self,
        model: BaseChatModel,
        *,
        name: str,
        max_retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.model = model
        self.name = name
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep

    @classmethod
    def from_settings(cls, settings: Settings) -> "ChatClient":
        return cls(
            chat_model(settings),
            name=settings.llm_model or "",
            max_retries=settings.llm_max_retries,
            backoff=settings.llm_retry_backoff,
        )

    def generate(self, system: str, user: str, on_token: Callable[[str], None] | None = None) -> Generation:
        messages = [SystemMessage(content=system), HumanMessage(content=user)]
        attempt = 0
        while True:
            attempt += 1
            parts: list[str] = []
            finish = None
            try:
                with no_tracing():
                    for chunk in self.model.stream(messages):
                        piece = chunk.content if isinstance(chunk.content, str) else ""
                        if piece:
                            parts.append(piece)
                            if on_token:
                                on_token(piece)
                        finish = (chunk.response_metadata or {}).get("finish_reason") or finish
            except KeyboardInterrupt:
                if parts:
                    return Generation("".join(parts), complete=False, error="已被用户中断", attempts=attempt,
                                      interrupted=True)
                raise
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none is lost
                if parts:
                    return Generation("".join(parts), complete=False, error=describe(exc), attempts=attempt)
                if retryable(exc) and attempt <= self.max_retries:
                    self.sleep(self.backoff * (2 ** (attempt - 1)))
                    continue
                raise LLMUnavailable(describe(exc), connection=is_connection_error(exc)) from exc
            text = "".join(parts)
            if not text.strip():
                raise LLMUnavailable("大模型没有返回任何文字")
            if finish == "length":
                return Generation(text, complete=False, error="大模型输出达到长度上限被截断", attempts=attempt,
                                  cut_for_length=True)
            if not finish:  # the stream just ended (a proxy closed it cleanly): a draft may be cut anywhere
                return Generation(text, complete=False, error="大模型回复没有正常结束（没有结束标记，可能被中途截断）",
                                  attempts=attempt)
            return Generation(text, complete=True, attempts=attempt)
