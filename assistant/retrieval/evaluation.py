"""Measure retrieval quality on an evaluation set (tests/eval/retrieval.yaml): recall@k and MRR.

A relevant passage is described, not pointed to by id, so the set survives re-chunking:
`source` (part of the file name) plus `article`, `part`, `heading` and/or `contains`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .hit import Hit


@dataclass
class Query:
    q: str
    relevant: list[dict[str, Any]]
    filters: dict[str, Any] = field(default_factory=dict)


def load_queries(path: Path) -> tuple[list[str], list[Query]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = [Query(d["q"], d["relevant"], d.get("filters") or {}) for d in data["queries"]]
    return data.get("corpus", []), queries


def matches(hit: Hit, spec: dict[str, Any]) -> bool:
    if spec["source"] not in Path(hit.source).stem:
        return False
    if "article" in spec and hit.article != spec["article"]:
        return False
    if "part" in spec and hit.part != spec["part"]:
        return False
    if "heading" in spec and spec["heading"] not in (hit.heading or ""):
        return False
    if "contains" in spec and spec["contains"] not in hit.text:
        return False
    return True


def score(hits: list[Hit], query: Query, k_recall: int = 5, k_mrr: int = 10) -> tuple[float, float]:
    """(recall@k_recall, reciprocal rank within k_mrr) of one query's ranked hits."""
    found = {i for i, spec in enumerate(query.relevant) for hit in hits[:k_recall] if matches(hit, spec)}
    recall = len(found) / min(len(query.relevant), k_recall)
    rr = 0.0
    for rank, hit in enumerate(hits[:k_mrr], 1):
        if any(matches(hit, spec) for spec in query.relevant):
            rr = 1.0 / rank
            break
    return recall, rr


def evaluate(index, queries: list[Query], mode: str) -> dict[str, Any]:
    recalls, rrs, misses = [], [], []
    for query in queries:
        hits = index.search(query.q, k=10, mode=mode, **query.filters)
        recall, rr = score(hits, query)
        recalls.append(recall)
        rrs.append(rr)
        if recall < 1.0:
            misses.append((query.q, round(recall, 2)))
    n = len(queries) or 1
    return {"mode": mode, "recall@5": sum(recalls) / n, "mrr@10": sum(rrs) / n, "misses": misses}
