"""The passage store: every passage with its metadata, tokens, vector and the BM25 postings, in SQLite.

Why not rebuild BM25 from Chroma: at 100k passages that cost 46–57 s and 1.8 GB for one
added file, and every search loaded a 68 MB JSON. Here each passage keeps its tokens, each
term keeps its postings (positions, term counts, passage lengths) as small arrays, and a
change rewrites only the terms of the passages it touches. A search reads the postings of
its few query terms and nothing else, so start-up does not grow with the library.

Positions are SQLite row ids that are never reused, so a new passage always sorts last in
every posting list. Several processes may read while one writes (WAL; writers wait).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .keyword import B, K1, idf

SEP = "\x1f"  # between stored tokens (jieba never yields it: it is not a word character)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS passages (
    pos INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    doc_id TEXT NOT NULL,
    text TEXT NOT NULL,
    meta TEXT NOT NULL,
    tokens TEXT NOT NULL,
    length INTEGER NOT NULL,
    chash TEXT,
    agency TEXT, year INTEGER, part TEXT, doc_type TEXT
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id);
CREATE INDEX IF NOT EXISTS passages_agency ON passages (agency, year);
CREATE INDEX IF NOT EXISTS passages_year ON passages (year);
CREATE INDEX IF NOT EXISTS passages_kind ON passages (doc_type, part);
CREATE INDEX IF NOT EXISTS passages_chash ON passages (chash);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, pos BLOB NOT NULL, tf BLOB NOT NULL, dl BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    doc_id TEXT PRIMARY KEY, source TEXT, path TEXT, hash TEXT, doc_type TEXT, title TEXT,
    agency TEXT, year INTEGER, chunks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_hash ON docs (hash);
"""


@dataclass
class NewPassage:
    id: str
    text: str
    meta: dict[str, Any]  # doc_id, source, path, hash, doc_title, doc_type, agency, year, part, article …
    tokens: list[str]
    vector: Sequence[float] | None = None
    chash: str | None = None  # hash of the embedded text and model: an unchanged passage is not embedded again


@dataclass
class _Postings:
    """Changes to the posting lists gathered over one write, applied once per term."""

    added: dict[str, list[tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(list))
    removed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


class PassageStore:
    def __init__(self, path: Path, create: bool = True) -> None:
        """Open (or create) the store; with create=False a missing file is an error, not a new empty store."""
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        target = str(path) if create else f"file:{path}?mode=rw"
        self.db = sqlite3.connect(target, timeout=60, check_same_thread=False, isolation_level=None, uri=not create)
        self.db.execute("PRAGMA busy_timeout = 60000")
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'passages'").fetchone():
            self.db.executescript(SCHEMA)
        elif not any(col[1] == "chash" for col in self.db.execute("PRAGMA table_info(passages)")):
            # a store written before embeddings were reused by content hash
            self.db.execute("ALTER TABLE passages ADD COLUMN chash TEXT")
            self.db.execute("CREATE INDEX IF NOT EXISTS passages_chash ON passages (chash)")

    def close(self) -> None:
        self.db.close()

    # -- facts ----------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, **values: Any) -> None:
        with self._tx():
            self._set_meta(values)

    def _set_meta(self, values: dict[str, Any]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            [(k, None if v is None else str(v)) for k, v in values.items()])

    def count(self) -> int:
        return int(self.get_meta("count", "0") or 0)

    # -- documents ------------------------------------------------------------------------
    def docs(self) -> list[dict[str, Any]]:
        cols = ("doc_id", "source", "path", "doc_type", "title", "agency", "year", "hash", "chunks")
        rows = self.db.execute(f"SELECT {', '.join(cols)} FROM docs").fetchall()
        out = [dict(zip(("id",) + cols[1:], row)) for row in rows]
        return sorted(out, key=lambda d: (d["doc_type"] or "", d["source"] or ""))

    def doc(self, doc_id: str) -> dict[str, Any] | None:
        return next((d for d in self._docs_where("doc_id = ?", (doc_id,))), None)

    def has_hash(self, digest: str) -> bool:
        return self.db.execute("SELECT 1 FROM docs WHERE hash = ? LIMIT 1", (digest,)).fetchone() is not None

    def _docs_where(self, where: str, params: tuple) -> Iterable[dict[str, Any]]:
        for doc_id, source, path, digest in self.db.execute(
                f"SELECT doc_id, source, path, hash FROM docs WHERE {where}", params):
            yield {"id": doc_id, "source": source, "path": path, "hash": digest}

    def doc_passages(self, doc_id: str) -> list[tuple[str, dict[str, Any]]]:
        """(text, metadata) of a document's passages in order (to rebuild it when its file is gone)."""
        rows = self.db.execute("SELECT text, meta FROM passages WHERE doc_id = ?", (doc_id,)).fetchall()
        out = [(text, json.loads(meta)) for text, meta in rows]
        return sorted(out, key=lambda tm: tm[1].get("n", 0))

    def ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM passages")}

    # -- writing ---------------------------------------------------------------------------
    def _tx(self):
        return _Transaction(self.db)

    def replace(self, docs: dict[str, list[NewPassage]], remove_ids: Iterable[str] = (), append: bool = False,
                **facts: Any) -> None:
        """In one transaction: drop the named documents' passages (unless append) and any passage id in
        remove_ids, write the given passages, update the postings of the terms touched, record facts."""
        postings = _Postings()
        with self._tx():
            total = int(self.get_meta("total_len", "0") or 0)
            count = self.count()
            gone = list(remove_ids)
            vectors: list[tuple[int, Sequence[float] | None]] = []
            gone_docs: set[str] = set()
            for doc_id in () if append else docs:
                gone += [r[0] for r in self.db.execute("SELECT id FROM passages WHERE doc_id = ?", (doc_id,))]
            for cid in gone:
                row = self.db.execute("SELECT pos, tokens, length, doc_id FROM passages WHERE id = ?", (cid,)).fetchone()
                if row is None:
                    continue
                pos, tokens, length, doc_id = row
                gone_docs.add(doc_id)
                for term in set(tokens.split(SEP)) if tokens else ():
                    postings.removed[term].append(pos)
                self.db.execute("DELETE FROM passages WHERE pos = ?", (pos,))
                vectors.append((pos, None))
                total -= length
                count -= 1
            for doc_id, passages in docs.items():
                for p in passages:
                    m = p.meta
                    cur = self.db.execute(
                        "INSERT INTO passages (id, doc_id, text, meta, tokens, length, chash, agency, year, part, doc_type)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (p.id, doc_id, p.text, json.dumps(m, ensure_ascii=False), SEP.join(p.tokens), len(p.tokens),
                         p.chash, m.get("agency"), m.get("year"), m.get("part"), m.get("doc_type")))
                    if p.vector is not None:
                        vectors.append((cur.lastrowid, p.vector))
                    for term, tf in Counter(p.tokens).items():
                        postings.added[term].append((cur.lastrowid, tf, len(p.tokens)))
                    total += len(p.tokens)
                    count += 1
                self._recount_doc(doc_id, passages[0].meta if passages else None)
            for doc_id in gone_docs - set(docs):
                self._recount_doc(doc_id)
            self._merge(postings)
            self._set_meta({"total_len": total, "count": count, **facts})
            self._write_vectors(vectors)

    def _recount_doc(self, doc_id: str, meta: dict[str, Any] | None = None) -> None:
        chunks = self.db.execute("SELECT count(*) FROM passages WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        if not chunks:
            self.db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
        elif meta is not None:
            self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (doc_id, meta.get("source"), meta.get("path"), meta.get("hash"), meta.get("doc_type"),
                             meta.get("doc_title"), meta.get("agency"), meta.get("year"), chunks))
        else:
            self.db.execute("UPDATE docs SET chunks = ? WHERE doc_id = ?", (chunks, doc_id))

    def _merge(self, postings: _Postings) -> None:
        for term in set(postings.added) | set(postings.removed):
            row = self.db.execute("SELECT pos, tf, dl FROM terms WHERE term = ?", (term,)).fetchone()
            if row:
                pos = np.frombuffer(row[0], dtype=np.int64)
                tf = np.frombuffer(row[1], dtype=np.uint16)
                dl = np.frombuffer(row[2], dtype=np.uint16)
            else:
                pos = np.empty(0, np.int64)
                tf = dl = np.empty(0, np.uint16)
            if term in postings.removed:
                keep = ~np.isin(pos, np.asarray(postings.removed[term], dtype=np.int64))
                pos, tf, dl = pos[keep], tf[keep], dl[keep]
            if term in postings.added:
                new = np.asarray(postings.added[term], dtype=np.int64)
                pos = np.concatenate([pos, new[:, 0]])
                tf = np.concatenate([tf, np.minimum(new[:, 1], 65535).astype(np.uint16)])
                dl = np.concatenate([dl, np.minimum(new[:, 2], 65535).astype(np.uint16)])
            if len(pos):
                self.db.execute("INSERT OR REPLACE INTO terms VALUES (?, ?, ?, ?)",
                                (term, pos.tobytes(), tf.tobytes(), dl.tobytes()))
            else:
                self.db.execute("DELETE FROM terms WHERE term = ?", (term,))

    # -- filtering -------------------------------------------------------------------------
    def agencies(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT agency FROM passages WHERE agency IS NOT NULL "
                                              "AND agency != '' ORDER BY agency")]

    def allowed(self, where: str, params: list[Any]) -> np.ndarray:
        """Positions (sorted) of the passages that pass an SQL filter."""
        rows = self.db.execute(f"SELECT pos FROM passages WHERE {where} ORDER BY pos", params).fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    # -- keyword search --------------------------------------------------------------------
    def has_terms(self) -> bool:
        return self.db.execute("SELECT 1 FROM terms LIMIT 1").fetchone() is not None

    def bm25(self, tokens: list[str], n: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(position, score) of the best n passages with a positive score, best first."""
        count = self.count()
        if not tokens or not count:
            return []
        avgdl = max(int(self.get_meta("total_len", "1") or 1), 1) / count
        found: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for term in set(tokens):
            row = self.db.execute("SELECT pos, tf, dl FROM terms WHERE term = ?", (term,)).fetchone()
            if row:
                found[term] = (np.frombuffer(row[0], dtype=np.int64), np.frombuffer(row[1], dtype=np.uint16),
                               np.frombuffer(row[2], dtype=np.uint16))
        if not found:
            return []
        top_pos = max(int(p[-1]) for p, _, _ in found.values())
        scores = np.zeros(top_pos + 1, dtype=np.float64)
        for term in tokens:  # a word asked twice weighs twice, as before
            if term not in found:
                continue
            pos, tf, dl = found[term]
            tf = tf.astype(np.float64)
            scores[pos] += idf(count, len(pos)) * tf / (tf + K1 * (1 - B + B * dl / avgdl))
        if allowed is not None:
            mask = np.zeros(len(scores), dtype=bool)
            mask[allowed[allowed <= top_pos]] = True
            scores[~mask] = 0.0
        hits = np.flatnonzero(scores > 0)
        if len(hits) > n:
            hits = hits[np.argpartition(-scores[hits], n - 1)[:n]]
        hits = hits[np.lexsort((hits, -scores[hits]))]
        return [(int(p), float(scores[p])) for p in hits]

    # -- vectors and passages --------------------------------------------------------------
    def _write_vectors(self, rows: list[tuple[int, Sequence[float] | None]]) -> None:
        """Unit vectors at row `position` of a flat float32 file (a removed passage's row becomes zeros).

        Written inside the SQLite transaction, before COMMIT: a reader finds a vector for every
        passage it can see; a row of a rolled-back write is overwritten by the next one."""
        if not rows:
            return
        dim = next((len(v) for _, v in rows if v is not None), None) or self.dim()
        if not dim:
            return
        if not self.dim():
            self._set_meta({"embedding_dim": dim})
        with open(self.vector_path, "r+b" if self.vector_path.exists() else "w+b") as fh:
            for pos, vec in sorted(rows, key=lambda r: r[0]):
                row = np.zeros(dim, dtype=np.float32) if vec is None else np.asarray(vec, dtype=np.float32)
                norm = float(np.linalg.norm(row))
                fh.seek(pos * dim * 4)
                fh.write((row / norm if norm else row).tobytes())

    @property
    def vector_path(self) -> Path:
        return self.path.with_suffix(".vectors")

    def dim(self) -> int:
        return int(self.get_meta("embedding_dim", "0") or 0)

    def forget_vectors(self) -> None:
        """Start the vectors afresh (the library is empty and a model of another dimension comes)."""
        self.vector_path.unlink(missing_ok=True)

    def vectors(self, positions: np.ndarray | None, dim: int) -> tuple[np.ndarray, np.ndarray]:
        """(positions, unit vectors) of the given positions, or of every row (removed rows are zeros)."""
        try:
            flat = np.memmap(self.vector_path, dtype=np.float32, mode="r")
        except (FileNotFoundError, ValueError):  # no vectors yet (or an empty file)
            if self.count() and not self.vector_path.exists():
                raise  # passages without their vectors: this library was retired by a reindex meanwhile
            return np.empty(0, np.int64), np.empty((0, dim), np.float32)
        matrix = flat[: len(flat) // dim * dim].reshape(-1, dim)
        if positions is None:
            return np.arange(len(matrix), dtype=np.int64), matrix
        positions = positions[positions < len(matrix)]
        return positions, matrix[positions]

    def known_vectors(self, hashes: Iterable[str], dim: int) -> dict[str, np.ndarray]:
        """Stored vectors of passages with these content hashes (to skip embedding them again)."""
        rows = self.db.execute("SELECT chash, max(pos) FROM passages WHERE chash IN (SELECT value FROM json_each(?)) "
                               "GROUP BY chash", (json.dumps(list(hashes)),)).fetchall()
        if not rows or not dim:
            return {}
        positions, matrix = self.vectors(np.asarray([r[1] for r in rows], dtype=np.int64), dim)
        found = dict(zip(positions.tolist(), matrix))
        return {h: np.array(found[p]) for h, p in rows if p in found and np.any(found[p])}

    def ids_of(self, positions: Iterable[int]) -> dict[int, str]:
        rows = self.db.execute("SELECT pos, id FROM passages WHERE pos IN (SELECT value FROM json_each(?))",
                               (json.dumps([int(p) for p in positions]),))
        return dict(rows.fetchall())

    def positions_of(self, ids: Iterable[str]) -> dict[str, int]:
        rows = self.db.execute("SELECT id, pos FROM passages WHERE id IN (SELECT value FROM json_each(?))",
                               (json.dumps(list(ids), ensure_ascii=False),))
        return dict(rows.fetchall())

    def passages(self, ids: Sequence[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """id -> (text, metadata) for the ids still in the store."""
        rows = self.db.execute("SELECT id, text, meta FROM passages WHERE id IN (SELECT value FROM json_each(?))",
                               (json.dumps(list(ids), ensure_ascii=False),))
        return {cid: (text, json.loads(meta)) for cid, text, meta in rows}


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error): one writer at a time, readers never see half a change."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.outer = False

    def __enter__(self):
        self.outer = not self.db.in_transaction
        if self.outer:
            self.db.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, kind, value, tb):
        if self.outer:
            self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
