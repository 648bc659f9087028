"""The Chroma collection: embedded in the workspace, or a Chroma server when configured.

One code path, selected by settings: `NIANBAO_CHROMA_URL` set = HttpClient, else a
PersistentClient under `<home>/chroma`. Embedded Chroma must not be written by several
processes at once (docs/retrieval.md): run `chroma run` and set the URL for that.
"""

from __future__ import annotations

import os
import uuid
from typing import Any
from urllib.parse import urlparse

from ..errors import NianbaoError
from ..settings import Settings

COLLECTION = "nianbao"


def open_client(settings: Settings):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")  # belt and braces: Chroma reads it too
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        try:
            return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        except Exception as error:
            raise NianbaoError(f"无法连接 Chroma 服务 {settings.chroma_url}：{error}",
                               details=["请确认服务已启动（chroma run），或删除 NIANBAO_CHROMA_URL 改用工作目录内置的检索库"]
                               ) from error
    path = settings.ensure_home() / "chroma"
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class Store:
    """The collection plus the facts it records: embedding model, dimension, revision."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = open_client(settings)

    def where(self) -> str:
        return self.settings.chroma_url or str(self.settings.home / "chroma")

    def collection(self, create: bool = False):
        """The collection, or None when there is none yet (created on request)."""
        from chromadb.errors import NotFoundError

        try:
            return self.client.get_collection(COLLECTION)
        except NotFoundError:
            if not create:
                return None
        except Exception as error:  # server gone, damaged files: the user's setup, said plainly
            raise NianbaoError(f"无法打开检索库（{self.where()}）：{error}") from error
        return self.client.create_collection(COLLECTION, configuration={"hnsw": {"space": "cosine"}},
                                             metadata={"revision": uuid.uuid4().hex})

    def drop(self) -> None:
        if self.collection() is not None:
            self.client.delete_collection(COLLECTION)

    @staticmethod
    def info(collection) -> dict[str, Any]:
        return dict(collection.metadata or {})

    @staticmethod
    def touch(collection, **facts: Any) -> str:
        """Record a new revision (so other processes refresh their keyword index) and facts."""
        meta = {k: v for k, v in Store.info(collection).items() if not k.startswith("hnsw:")}
        meta.update({k: v for k, v in facts.items() if v is not None})
        meta["revision"] = uuid.uuid4().hex
        collection.modify(metadata=meta)
        return meta["revision"]
