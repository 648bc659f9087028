"""The retrieval service: add, list, remove, reindex, search (keyword + vector, fused).

Chroma is the single source of truth (passages, metadata, vectors); the BM25 index is
a cache beside it in the workspace, rebuilt whenever the collection's revision moves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable

from ..errors import NianbaoError
from ..settings import Settings
from .chunking import Chunk
from .embedders import Embedder, make_embedder
from .filters import Filters
from .hit import Hit
from . import vector
from .keyword import KeywordIndex
from .sources import Loaded, content_hash, expand, load
from .store import Store

Progress = Callable[[int, int, str], None]

RRF_K = 60  # the usual constant; rank 1 scores 1/61
CANDIDATES = 40  # per side before fusion
# Vectors carry meaning, BM25 carries exact terms (条例 wording, agency names). On
# tests/eval a keyword weight of 1.5 did a little better than 1.0 for every RRF_K (10, 30,
# 60) and CANDIDATES (20, 40, 80) tried; the gain is small (about one query in 76).
WEIGHTS = {"keyword": 1.5, "vector": 1.0}
PAGE = 2000


def doc_id_for(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v is not None}


class Index:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self.store = Store(settings)
        self._keyword: KeywordIndex | None = None

    # -- plumbing ---------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def cache_dir(self) -> Path:
        # One cache per store, so switching NIANBAO_CHROMA_URL never mixes them.
        key = hashlib.sha1((self.settings.chroma_url or "embedded").encode()).hexdigest()[:8]
        return self.settings.ensure_home() / "retrieval" / f"keyword-{key}"

    def _check_model(self, collection, count: int | None = None) -> None:
        info = Store.info(collection)
        model, dim = info.get("embedding_model"), info.get("embedding_dim")
        if model is None or (count if count is not None else collection.count()) == 0:
            return  # nothing stored yet: no vectors to mix
        if model != self.embedder.name or (dim is not None and int(dim) != self.embedder.dim):
            raise NianbaoError(
                f"检索库是用向量模型 {model}（{dim} 维）建立的，当前设置的是 {self.embedder.name}"
                f"（{self.embedder.dim} 维），两者的向量不能混用",
                details=["请运行 nianbao corpus reindex 用当前模型重建检索库，或改回原来的模型设置"],
            )

    def keyword(self, collection=None) -> KeywordIndex:
        """The BM25 cache, rebuilt from Chroma when its revision is stale."""
        collection = collection if collection is not None else self.store.collection()
        revision = Store.info(collection).get("revision", "") if collection is not None else ""
        if self._keyword is not None and self._keyword.revision == revision:
            return self._keyword
        cached = KeywordIndex.load(self.cache_dir)
        if cached is not None and cached.revision == revision:
            self._keyword = cached
            return cached
        ids: list[str] = []
        metas: list[dict[str, Any]] = []
        texts: list[str] = []
        if collection is not None:
            offset = 0
            while True:
                page = collection.get(include=["documents", "metadatas"], limit=PAGE, offset=offset)
                if not page["ids"]:
                    break
                ids += page["ids"]
                metas += [dict(m or {}) for m in page["metadatas"]]
                texts += page["documents"]
                offset += len(page["ids"])
        order = sorted(range(len(ids)), key=lambda i: ids[i])  # stable positions across rebuilds
        ids, metas, texts = [ids[i] for i in order], [metas[i] for i in order], [texts[i] for i in order]
        contexts = [Chunk(t, m).context() for t, m in zip(texts, metas)]
        self._keyword = KeywordIndex.build(ids, metas, texts, contexts, revision)
        self._keyword.save(self.cache_dir)
        return self._keyword

    # -- adding ---------------------------------------------------------------------------
    def _existing(self, collection, doc_id: str) -> dict[str, Any] | None:
        got = collection.get(where={"doc_id": doc_id}, include=["metadatas"], limit=1)
        return dict(got["metadatas"][0]) if got["ids"] else None

    def _write(self, collection, doc_id: str, source: str, path: Path, digest: str, loaded: Loaded) -> int:
        chunks = loaded.chunks
        base = {"doc_id": doc_id, "source": source, "path": str(path.resolve()), "hash": digest,
                "doc_title": loaded.title}
        metas = [_clean({**base, **c.meta, "n": n}) for n, c in enumerate(chunks)]
        ids = [f"{doc_id}-{n:04d}" for n in range(len(chunks))]
        vectors = self.embedder.embed_passages([c.context() for c in chunks]) if chunks else []
        collection.delete(where={"doc_id": doc_id})
        for i in range(0, len(ids), PAGE):
            collection.add(ids=ids[i:i + PAGE], embeddings=vectors[i:i + PAGE],
                           documents=[c.text for c in chunks[i:i + PAGE]], metadatas=metas[i:i + PAGE])
        return len(chunks)

    def add_paths(self, paths: list[str | Path], progress: Progress | None = None) -> dict[str, Any]:
        """Index files and folders. Unchanged files are skipped (content hash); a changed file
        replaces its old passages. Returns {added, updated, unchanged, failed, chunks}."""
        files: list[tuple[str, Path]] = []
        for given in paths:
            given_path = Path(given)
            for f in expand([given_path]):
                files.append((str(f) if given_path.is_dir() else str(given), f))
        collection = self.store.collection(create=True)
        info = Store.info(collection)
        if collection.count() == 0 and info.get("embedding_model") not in (None, self.embedder.name):
            # Empty but made for another model: Chroma keeps the old dimension, so start afresh.
            self.store.drop()
            collection = self.store.collection(create=True)
        self._check_model(collection)
        summary: dict[str, Any] = {"added": [], "updated": [], "unchanged": [], "failed": [], "chunks": 0}
        hashes = {m.get("hash"): m.get("source") for m in self.keyword(collection).metas}
        changed = False
        for n, (source, path) in enumerate(files):
            if progress:
                progress(n, len(files), source)
            doc_id = doc_id_for(path)
            digest = content_hash(path)
            old = self._existing(collection, doc_id)
            if old is not None and old.get("hash") == digest:
                summary["unchanged"].append(source)
                continue
            if old is None and digest in hashes:
                summary["unchanged"].append(source)  # same content already indexed from another path
                continue
            try:
                loaded = load(path)
            except NianbaoError as error:
                summary["failed"].append({"source": source, "message": str(error)})
                continue
            except Exception as error:  # a reader's bug must not cost the rest of the batch
                summary["failed"].append({"source": source, "message": f"{source}：读取时出错（{type(error).__name__}: {error}）"})
                continue
            if not loaded.chunks:
                summary["failed"].append({"source": source, "message": f"{source}：没有可以收录的文字（表格不收录）"})
                continue
            if not changed:
                Store.touch(collection, embedding_model=self.embedder.name, embedding_dim=self.embedder.dim)
                changed = True
            summary["chunks"] += self._write(collection, doc_id, source, path, digest, loaded)
            summary["updated" if old is not None else "added"].append(source)
            hashes[digest] = source
        if progress:
            progress(len(files), len(files), "")
        if changed:
            Store.touch(collection)
            self.keyword(self.store.collection())
        return summary

    # -- listing and removing -------------------------------------------------------------------
    def list_docs(self) -> list[dict[str, Any]]:
        docs: dict[str, dict[str, Any]] = {}
        for meta in self.keyword().metas:
            doc = docs.setdefault(meta["doc_id"], {
                "id": meta["doc_id"], "source": meta.get("source"), "path": meta.get("path"),
                "doc_type": meta.get("doc_type"), "title": meta.get("doc_title"), "agency": meta.get("agency"),
                "year": meta.get("year"), "hash": meta.get("hash"), "chunks": 0})
            doc["chunks"] += 1
        return sorted(docs.values(), key=lambda d: (d["doc_type"] or "", d["source"] or ""))

    def remove(self, id_or_path: str | Path) -> list[dict[str, Any]]:
        key = str(id_or_path)
        resolved = str(Path(key).resolve())
        docs = self.list_docs()
        hits = [d for d in docs if d["id"] == key or d["source"] == key or d["path"] == resolved]
        if not hits and len(key) >= 4:
            hits = [d for d in docs if d["id"].startswith(key)]
        if not hits:
            # A folder removes everything that was added from under it.
            hits = [d for d in docs if d["path"] and d["path"].startswith(resolved.rstrip("/") + "/")]
        if not hits:
            raise NianbaoError(f"检索库中没有编号或路径为“{key}”的文件", details=["可用 nianbao corpus list 查看已收录的文件"])
        collection = self.store.collection()
        for doc in hits:
            collection.delete(where={"doc_id": doc["id"]})
        Store.touch(collection)
        self.keyword(self.store.collection())
        return hits

    def reindex(self, progress: Progress | None = None) -> dict[str, Any]:
        """Rebuild with the current embedder: files re-read where they still exist, stored text otherwise."""
        collection = self.store.collection()
        if collection is None:
            return {"documents": 0, "chunks": 0, "from_store": []}
        kw = self.keyword(collection)
        groups: dict[str, list[int]] = {}
        for pos, meta in enumerate(kw.metas):
            groups.setdefault(meta["doc_id"], []).append(pos)
        saved = {d: sorted(ps, key=lambda p: kw.metas[p].get("n", 0)) for d, ps in groups.items()}
        self.store.drop()
        collection = self.store.collection(create=True)
        Store.touch(collection, embedding_model=self.embedder.name, embedding_dim=self.embedder.dim)
        summary: dict[str, Any] = {"documents": 0, "chunks": 0, "from_store": []}
        for n, (doc_id, positions) in enumerate(saved.items()):
            first = kw.metas[positions[0]]
            if progress:
                progress(n, len(saved), first.get("source", ""))
            path = Path(first.get("path", ""))
            loaded: Loaded | None = None
            if path.is_file():
                try:
                    loaded = load(path)
                    digest = content_hash(path)
                except NianbaoError:
                    loaded = None
            if loaded is None:  # the file is gone or unreadable: keep what was indexed
                loaded = Loaded(first.get("doc_type", "note"), first.get("doc_title", ""),
                                [Chunk(kw.texts[p], {k: v for k, v in kw.metas[p].items()
                                                     if k not in ("doc_id", "source", "path", "hash", "doc_title", "n")})
                                 for p in positions])
                digest = first.get("hash", "")
                summary["from_store"].append(first.get("source"))
            summary["chunks"] += self._write(collection, doc_id, first.get("source", ""), path, digest, loaded)
            summary["documents"] += 1
        if progress:
            progress(len(saved), len(saved), "")
        Store.touch(collection)
        self._keyword = None
        self.keyword(self.store.collection())
        return summary

    # -- searching ------------------------------------------------------------------------------
    def search(self, query: str, *, k: int = 5, agency: str | None = None, year_from: int | None = None,
               year_to: int | None = None, part: str | None = None, doc_type: str | None = None,
               mode: str = "hybrid") -> list[Hit]:
        if mode not in ("hybrid", "keyword", "vector"):
            raise NianbaoError(f"未知的检索方式“{mode}”", details=["可选：hybrid（混合）、keyword（关键词）、vector（语义）"])
        query = (query or "").strip()
        if not query:
            raise NianbaoError("检索内容不能为空")
        # Check the filters before anything else, so a typo is reported even on an empty index.
        Filters.make([], year_from=year_from, year_to=year_to, part=part, doc_type=doc_type)
        collection = self.store.collection()
        if collection is None or collection.count() == 0:
            return []
        kw = self.keyword(collection)
        filters = Filters.make(kw.values("agency") if agency else [], agency=agency, year_from=year_from,
                               year_to=year_to, part=part, doc_type=doc_type)
        if filters.empty:
            return []
        n = max(CANDIDATES, k)
        ranked: dict[str, list[tuple[str, float]]] = {}
        allowed = filters.mask(kw) if filters.active else None
        if mode in ("hybrid", "keyword"):
            ranked["keyword"] = [(kw.ids[pos], score) for pos, score in kw.search(query, n, allowed)]
        if mode in ("hybrid", "vector"):
            self._check_model(collection, count=1)
            ranked["vector"] = vector.search(collection, kw, allowed, self.embedder.embed_query(query), n)
        if mode == "hybrid":
            fused: dict[str, float] = {}
            for side, items in ranked.items():
                for rank, (cid, _) in enumerate(items):
                    fused[cid] = fused.get(cid, 0.0) + WEIGHTS[side] / (RRF_K + rank + 1)
            order = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        else:
            order = ranked[mode]
        # A passage written by another process since the keyword cache was read is skipped, not guessed.
        position = kw.position()
        order = [(cid, score) for cid, score in order if cid in position]
        return [self._hit(cid, score, kw.texts[position[cid]], kw.metas[position[cid]]) for cid, score in order[:k]]

    @staticmethod
    def _hit(cid: str, score: float, text: str, meta: dict[str, Any]) -> Hit:
        return Hit(id=cid, score=round(score, 6), doc_type=meta.get("doc_type", "note"), source=meta.get("source", ""),
                   agency=meta.get("agency"), year=meta.get("year"), part=meta.get("part"),
                   article=meta.get("article"), heading=meta.get("heading"), title=meta.get("doc_title"),
                   text=text, start=meta.get("start"), end=meta.get("end"))
