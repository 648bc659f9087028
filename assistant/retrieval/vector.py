"""Vector search in Chroma, with filters done the fast way for how selective they are.

Chroma's own `where` filter scans metadata and cost 90–360 ms at 100k passages on this
machine, while an unfiltered HNSW query costs 2–20 ms. The keyword cache already knows
every passage's metadata, so the filter is computed there (a numpy mask) and then:
  - few passages allowed: fetch their vectors and compare exactly;
  - a broad filter: ask HNSW for more neighbours than needed and drop the others;
  - in between: HNSW restricted to the allowed ids.
(benchmarks/bench_retrieval.py measures all of it.)
"""

from __future__ import annotations

import math

import numpy as np

EXACT_MAX = 500  # up to this many allowed passages, exact comparison is cheapest
OVERSAMPLE_MAX = 2000  # largest unfiltered neighbour list worth post-filtering


def _similarities(query: list[float], vectors) -> np.ndarray:
    q = np.asarray(query, dtype=np.float32)
    m = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1) * (np.linalg.norm(q) or 1.0)
    return (m @ q) / np.where(norms == 0, 1.0, norms)


def search(collection, kw, allowed: np.ndarray | None, query: list[float], n: int) -> list[tuple[str, float]]:
    """(id, cosine similarity) of the n nearest allowed passages of the KeywordIndex kw, best first."""
    ids = kw.ids
    total = len(ids)
    if total == 0:
        return []
    if allowed is None:
        got = collection.query(query_embeddings=[query], n_results=min(n, total), include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]
    positions = np.flatnonzero(allowed)
    count = len(positions)
    if count == 0:
        return []
    if count <= EXACT_MAX:
        wanted = [ids[p] for p in positions]
        got = collection.get(ids=wanted, include=["embeddings"])
        sims = _similarities(query, got["embeddings"])
        order = np.argsort(-sims, kind="stable")[:n]
        return [(got["ids"][i], float(sims[i])) for i in order]
    want = min(total, math.ceil(n * total / count * 2))
    if want <= OVERSAMPLE_MAX:
        got = collection.query(query_embeddings=[query], n_results=want, include=["distances"])
        position = kw.position()
        out = []
        for cid, d in zip(got["ids"][0], got["distances"][0]):
            if cid in position and allowed[position[cid]]:
                out.append((cid, 1.0 - float(d)))
        if len(out) >= min(n, count) or want == total:
            return out[:n]
    got = collection.query(query_embeddings=[query], n_results=min(n, count),
                           ids=[ids[p] for p in positions], include=["distances"])
    return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]
