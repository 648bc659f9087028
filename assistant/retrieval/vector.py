"""Vector search, done the fast way for how many passages the filter allows.

The passage store keeps every passage's vector beside its text, so:
  - up to EXACT_MAX allowed passages (or a whole small library): compare exactly with the
    stored vectors — no Chroma at all, which also spares a command-line search the 0.7 s
    of importing chromadb;
  - a broad filter on a large library: ask Chroma's HNSW for more neighbours than needed
    and drop the others;
  - in between: HNSW restricted to the allowed ids.
(benchmarks/bench_retrieval.py measures all of it.)
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .passages import PassageStore

EXACT_MAX = 20_000  # reading and comparing this many stored vectors costs about what one HNSW query does
OVERSAMPLE_MAX = 2000  # largest unfiltered neighbour list worth post-filtering


def _similarities(query: list[float], matrix: np.ndarray) -> np.ndarray:
    """Cosine similarity with stored unit vectors (a removed passage's zero row scores 0)."""
    q = np.asarray(query, dtype=np.float32)
    q = q / (np.sqrt(np.einsum("i,i->", q, q)) or 1.0)
    # einsum, not `@`: a matrix-vector product through multi-threaded BLAS waited 10–30 ms for its
    # second thread on this loaded 2-core machine; einsum's own loop takes well under 1 ms.
    return np.einsum("ij,j->i", matrix, q)


def search(store: PassageStore, collection: Callable[[], object], allowed: np.ndarray | None, query: list[float],
           n: int, dim: int) -> list[tuple[str, float]]:
    """(id, cosine similarity) of the n nearest allowed passages, best first."""
    total = store.count()
    count = total if allowed is None else len(allowed)
    if total == 0 or count == 0:
        return []
    if count <= EXACT_MAX:
        positions, matrix = store.vectors(allowed, dim)
        if not len(positions):
            return []
        sims = _similarities(query, matrix)
        # a few more than n: removed passages (zero rows) drop out when their ids are looked up
        want = min(len(sims), n + 64)
        top = np.argpartition(-sims, want - 1)[:want] if want < len(sims) else np.arange(len(sims))
        top = top[np.lexsort((positions[top], -sims[top]))]
        ids = store.ids_of(positions[top])
        return [(ids[int(positions[i])], float(sims[i])) for i in top if int(positions[i]) in ids][:n]
    chroma = collection()
    if allowed is None:
        got = chroma.query(query_embeddings=[query], n_results=min(n, total), include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]
    want = min(total, math.ceil(n * total / count * 2))
    if want <= OVERSAMPLE_MAX:
        got = chroma.query(query_embeddings=[query], n_results=want, include=["distances"])
        where = store.positions_of(got["ids"][0])
        ok = set(np.intersect1d(np.fromiter(where.values(), dtype=np.int64, count=len(where)), allowed).tolist())
        out = [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0]) if where.get(cid) in ok]
        if len(out) >= min(n, count) or want == total:
            return out[:n]
    ids = list(store.ids_of(allowed).values())
    got = chroma.query(query_embeddings=[query], n_results=min(n, count), ids=ids, include=["distances"])
    return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]
