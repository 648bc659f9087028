"""A served reranker by configuration: a /v1/rerank-style endpoint (Jina/Cohere shape, as
Xinference, vLLM and text-embeddings-inference serve it) reorders the best fused candidates.

No reranker ships offline: none installs from a package with its weights within the latency
target on this machine (issue 23), so the offline default is the fused ranking itself.
"""

from __future__ import annotations

from typing import Sequence

from ..errors import NianbaoError
from ..settings import Settings
from .embedders import post


class HttpReranker:
    def __init__(self, base_url: str, model: str | None, api_key: str | None = None, timeout: float = 30.0) -> None:
        import httpx

        self.base_url = base_url.rstrip("/")
        self.model = model or "default"
        self.name = f"rerank:{self.model}"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers)

    @property
    def url(self) -> str:
        return self.base_url + ("/rerank" if self.base_url.endswith("/v1") else "/v1/rerank")

    def scores(self, query: str, documents: Sequence[str]) -> list[float]:
        """One relevance score per document, in the documents' order."""
        if not documents:
            return []
        body = {"model": self.model, "query": query, "documents": list(documents), "top_n": len(documents),
                "return_documents": False}
        resp = post(self._client, self.url, body, "重排序服务", "请检查 NIANBAO_RERANK_BASE_URL，或删除该设置不用重排序")
        try:
            out = [0.0] * len(documents)
            for item in resp.json()["results"]:
                out[int(item["index"])] = float(item["relevance_score"])
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise NianbaoError(f"重排序服务 {self.url} 的回答不是 /v1/rerank 格式") from error
        return out


def make_reranker(settings: Settings) -> HttpReranker | None:
    if not settings.rerank_base_url:
        return None
    return HttpReranker(settings.rerank_base_url, settings.rerank_model, settings.rerank_api_key)
