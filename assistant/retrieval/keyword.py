"""Chinese keyword search: jieba tokens scored with BM25 (bm25s), cached in the workspace.

Chroma holds the passages; this index is derived from them and stamped with the
collection's revision, so any process (or a second machine on a Chroma server) notices
a stale copy and rebuilds it.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any, Sequence

import numpy as np

_WORD = re.compile(r"[\w\u4e00-\u9fff]")
STOPWORDS = set("的 了 和 与 及 或 在 是 对 为 把 被 将 就 都 而 等 中 有 也 并 以 之 其 该 这 那 怎么 如何 什么 哪些 吗 呢 啊 吧 是否 多少 有没有".split())

_jieba = None


def _tokenizer():
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        _jieba = jieba
    return _jieba


def tokenize(text: str) -> list[str]:
    """Search-mode jieba words (long words also give their parts), punctuation and stop words dropped."""
    jieba = _tokenizer()
    return [w.lower() for w in jieba.cut_for_search(text) if _WORD.search(w) and w not in STOPWORDS]


class KeywordIndex:
    def __init__(self, ids: list[str], metas: list[dict[str, Any]], texts: list[str], revision: str,
                 retriever=None) -> None:
        self.ids, self.metas, self.texts, self.revision = ids, metas, texts, revision
        self.retriever = retriever
        self._columns: dict[str, np.ndarray] = {}
        self._position: dict[str, int] | None = None

    @classmethod
    def build(cls, ids: list[str], metas: list[dict[str, Any]], texts: list[str], contexts: Sequence[str],
              revision: str) -> "KeywordIndex":
        retriever = None
        if ids:
            import bm25s

            retriever = bm25s.BM25()
            # An empty token list would break bm25s; a placeholder never matches a query.
            retriever.index([tokenize(c) or ["\x00"] for c in contexts], show_progress=False)
        return cls(ids, metas, texts, revision, retriever)

    # -- persistence ------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.retriever is not None:
            self.retriever.save(str(tmp / "bm25"), show_progress=False)
        with open(tmp / "passages.json", "w", encoding="utf-8") as fh:
            json.dump({"revision": self.revision, "ids": self.ids, "metas": self.metas, "texts": self.texts},
                      fh, ensure_ascii=False)
        # Swap in whole so a reader never sees half an index.
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> "KeywordIndex | None":
        try:
            with open(folder / "passages.json", encoding="utf-8") as fh:
                data = json.load(fh)
            retriever = None
            if data["ids"]:
                import bm25s

                retriever = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
            return cls(data["ids"], data["metas"], data["texts"], data["revision"], retriever)
        except (OSError, ValueError, KeyError):
            return None  # missing or damaged cache: the caller rebuilds it from Chroma

    # -- search -----------------------------------------------------------------------
    def position(self) -> dict[str, int]:
        """Passage id -> its position in the arrays (built once)."""
        if self._position is None:
            self._position = {cid: n for n, cid in enumerate(self.ids)}
        return self._position

    def column(self, name: str) -> np.ndarray:
        """One metadata field for all passages as an array (built once), for fast filtering."""
        cols = self._columns
        if name not in cols:
            if name == "year":
                cols[name] = np.fromiter((m.get("year") or -1 for m in self.metas), dtype=np.int32,
                                         count=len(self.metas))
            else:
                cols[name] = np.array([m.get(name) or "" for m in self.metas], dtype=object)
        return cols[name]

    def values(self, name: str) -> list[str]:
        """The distinct non-empty values of a field (e.g. every agency in the index)."""
        return sorted({v for v in self.column(name) if v})

    def search(self, query: str, n: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(position, score) of the best n passages with a positive score, best first."""
        if self.retriever is None:
            return []
        tokens = [t for t in tokenize(query) if t in self.retriever.vocab_dict]
        if not tokens:
            return []
        scores = self.retriever.get_scores(tokens)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
