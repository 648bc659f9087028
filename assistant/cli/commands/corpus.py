"""nianbao corpus: the retrieval index of past reports and regulations (parse, call services.corpus, print)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ...errors import NianbaoError
from ...report.parts import SECTIONS
from ...services.corpus import Corpus, SearchRequest
from ..common import settings

PART_NAMES = {p.key: p.short_heading for p in SECTIONS}
TYPE_NAMES = {"report": "年报", "regulation": "法规", "note": "说明"}
EMPTY = "检索库是空的。可运行：nianbao corpus add corpus/"


def _corpus() -> Corpus:
    return Corpus(settings())


def _progress_bar(label: str, show_item: bool):
    bar = click.progressbar(length=1, label=label, file=sys.stderr,
                            item_show_func=(lambda s: s or "") if show_item else None)

    def progress(done: int, total: int, source: str) -> None:
        bar.length = max(total, 1)
        bar.current_item = source
        bar.update(done - bar.pos)

    return bar, progress


@click.group("corpus")
def group():
    """检索库：收录往年报告、法规和说明，供起草和审核时查找原文。

    默认使用工作目录内置的检索库（只能由一个进程写入）；多人或多进程同时使用时，请启动 Chroma 服务（chroma run）并设置 NIANBAO_CHROMA_URL。
    """


@group.command("add")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--bundled", is_flag=True, help="同时收录随程序提供的样本年报和填写要点")
def add(paths, bundled):
    """收录文件或文件夹（报告文件、已发布的年报、法规文本）；内容未变的文件自动跳过。"""
    if not paths and not bundled:
        raise NianbaoError("请给出要收录的文件或文件夹", details=["例如 nianbao corpus add corpus/，或 nianbao corpus add --bundled"])
    corpus = _corpus()
    bar, progress = _progress_bar("收录中", show_item=True)
    with bar:
        if bundled:
            from ...services.corpus import bundled_corpus

            paths = (bundled_corpus(), *paths)
        summary = corpus.add(list(paths), progress=progress)
    click.echo(f"新增 {len(summary.added)} 个，更新 {len(summary.updated)} 个，"
               f"未变 {len(summary.unchanged)} 个，共写入 {summary.chunks} 个段落。")
    if summary.failed:
        for failure in summary.failed:
            click.echo(f"未能收录：{failure['message']}", err=True)
        raise NianbaoError(f"有 {len(summary.failed)} 个文件未能收录，其余已收录")


@group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def list_(fmt):
    """列出检索库中已收录的文件。"""
    docs = _corpus().list_docs()
    if fmt == "json":
        click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
        return
    if not docs:
        click.echo(EMPTY)
        return
    for d in docs:
        who = " ".join(str(x) for x in (d.get("agency"), d.get("year")) if x) or d.get("title") or ""
        click.echo(f"{d['id']}  {TYPE_NAMES.get(d['doc_type'], d['doc_type'])}  {d['chunks']:>4} 段  {who}  {d['source']}")
    click.echo(f"共 {len(docs)} 个文件。")


@group.command("remove")
@click.argument("target")
def remove(target):
    """从检索库中删除文件（给出编号、收录时的路径或文件夹）。"""
    for d in _corpus().remove(target):
        click.echo(f"已删除 {d['id']}  {d['source']}（{d['chunks']} 段）")


@group.command("reindex")
def reindex():
    """用当前的向量模型重建检索库（更换模型或升级后使用）。"""
    corpus = _corpus()
    bar, progress = _progress_bar("重建中", show_item=False)
    with bar:
        summary = corpus.reindex(progress=progress)
    click.echo(f"已重建 {summary.documents} 个文件，共 {summary.chunks} 个段落。")
    for source in summary.from_store:
        click.echo(f"原文件已不在，按库中保存的文字重建：{source}", err=True)


@group.command("search")
@click.argument("query")
@click.option("--agency", help="机关名称（可只写一部分）")
@click.option("--year", "years", help="年度，如 2021 或 2019-2021")
@click.option("--part", help="报告的部分：overview、problems…，或“一”至“六”")
@click.option("--doc-type", type=click.Choice(["report", "regulation", "note"]), help="文件类别")
@click.option("--k", type=click.IntRange(1, 100), default=5, show_default=True, help="返回条数")
@click.option("--mode", type=click.Choice(["hybrid", "keyword", "vector"]), default="hybrid", show_default=True,
              help="检索方式：混合、关键词、语义")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def search(query, agency, years, part, doc_type, k, mode, fmt):
    """检索往年报告和法规原文。"""
    result = _corpus().search(SearchRequest(query, k=k, agency=agency, years=years, part=part, doc_type=doc_type,
                                            mode=mode))
    if fmt == "json":
        click.echo(json.dumps([h.to_json() for h in result.hits], ensure_ascii=False, indent=2))
        return
    if not result.hits:
        click.echo(EMPTY if result.library_empty else "没有找到相关内容。")
        return
    for n, h in enumerate(result.hits, 1):
        if h.doc_type == "regulation":
            where = f"《{h.title}》{h.article or ''}"
        elif h.doc_type == "report":
            where = f"{h.agency} {h.year}年 {PART_NAMES.get(h.part or '', h.part or '')}"
            where += f"·{h.heading}" if h.heading else ""
        else:
            where = f"{h.title or ''} {h.heading or ''}".strip()
        click.echo(f"[{n}] {where}  （{h.source}，{h.id}，得分 {h.score:.4f}）")
        body = "\n    ".join(line.strip() for line in h.text.splitlines() if line.strip())
        click.echo(f"    {body}\n")
