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
POINTER = "nianbao-current"  # on a Chroma server: its metadata names the collection in use


def collection_name(generation: str) -> str:
    """Generation "0" is the collection of earlier versions; a reindex builds "nianbao-<generation>" beside it."""
    return COLLECTION if generation == "0" else f"{COLLECTION}-{generation}"


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
    """Chroma collections (one per generation of the library) and the facts they record."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client = None

    @property
    def client(self):
        if self._client is None:  # chromadb costs 0.7 s to import: only when a collection is needed
            self._client = open_client(self.settings)
        return self._client

    def where(self) -> str:
        return self.settings.chroma_url or str(self.settings.home / "chroma")

    def collection(self, generation: str = "0", create: bool = False):
        """The generation's collection, or None when there is none yet (created on request)."""
        from chromadb.errors import NotFoundError

        name = collection_name(generation)
        try:
            return self.client.get_collection(name)
        except NotFoundError:
            if not create:
                return None
        except Exception as error:  # server gone, damaged files: the user's setup, said plainly
            raise NianbaoError(f"无法打开检索库（{self.where()}）：{error}") from error
        return self.client.create_collection(name, configuration={"hnsw": {"space": "cosine"}},
                                             metadata={"revision": uuid.uuid4().hex})

    def drop(self, generation: str = "0") -> None:
        if self.collection(generation) is not None:
            self.client.delete_collection(collection_name(generation))

    # -- which generation is in use (Chroma server: shared by every workspace that uses it) ----------
    def current(self) -> str:
        from chromadb.errors import NotFoundError

        try:
            pointer = self.client.get_collection(POINTER)
        except NotFoundError:
            return "0"
        except Exception as error:
            raise NianbaoError(f"无法打开检索库（{self.where()}）：{error}") from error
        return str((pointer.metadata or {}).get("generation", "0"))

    def switch(self, generation: str) -> None:
        pointer = self.client.get_or_create_collection(POINTER)
        pointer.modify(metadata={"generation": generation})

    @staticmethod
    def info(collection) -> dict[str, Any]:
        return dict(collection.metadata or {}) if collection is not None else {}

    @staticmethod
    def touch(collection, **facts: Any) -> str:
        """Record a new revision (so other workspaces on a Chroma server refresh their copy) and facts."""
        meta = {k: v for k, v in Store.info(collection).items() if not k.startswith("hnsw:")}
        meta.update({k: v for k, v in facts.items() if v is not None})
        meta["revision"] = uuid.uuid4().hex
        collection.modify(metadata=meta)
        return meta["revision"]
