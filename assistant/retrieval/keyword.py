"""Chinese keyword search: jieba tokens scored with BM25 (the Lucene variant, as bm25s computes it).

jieba's dictionary (500k entries) costs 0.5–1.5 s to load on every start. It is loaded
once per machine into a SQLite file beside jieba's own cache, and looked up lazily: a
question touches a few hundred entries, so a search never pays for the whole dictionary.
Tokens are the same either way (the same frequencies); only the speed differs.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sqlite3
import sys
import tempfile
import threading
from pathlib import Path

_WORD = re.compile(r"[\w\u4e00-\u9fff]")
STOPWORDS = set("的 了 和 与 及 或 在 是 对 为 把 被 将 就 都 而 等 中 有 也 并 以 之 其 该 这 那 怎么 如何 什么 哪些 吗 呢 啊 吧 是否 多少 有没有".split())

# BM25 as bm25s computes it by default ("lucene"): same scores as the index we had before.
K1, B = 1.5, 0.75


def idf(n_passages: int, df: int) -> float:
    return math.log(1 + (n_passages - df + 0.5) / (df + 0.5))


def _import_jieba():
    # jieba reaches for pkg_resources only to open its data files, which costs about 90 ms of
    # imports; with it hidden jieba falls back to plain open(). Skipped if already imported.
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class _LazyFreq:
    """jieba's FREQ mapping, read entry by entry from the SQLite copy (memoised)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._memo: dict[str, int | None] = {}
        self._lock = threading.Lock()

    def get(self, word: str, default=None):
        memo = self._memo
        if word not in memo:
            if len(memo) > 1_000_000:  # bulk indexing: keep memory bounded
                memo.clear()
            with self._lock:
                row = self._db.execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
            memo[word] = row[0] if row else None
        value = memo[word]
        return default if value is None else value

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def total(self) -> int:
        return int(self._db.execute("SELECT f FROM freq WHERE w = ''").fetchone()[0])


def _dictionary_cache(jieba) -> Path:
    """The SQLite copy of jieba's dictionary, built on first use (atomically) and kept for every later process."""
    source = Path(jieba.__file__).with_name("dict.txt")
    stat = source.stat()
    path = Path(tempfile.gettempdir()) / f"nianbao-jieba-{stat.st_size}-{int(stat.st_mtime)}.sqlite"
    if path.exists():
        return path
    freq, total = jieba.Tokenizer().gen_pfdict(open(source, "rb"))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    db = sqlite3.connect(tmp)
    db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
    db.executemany("INSERT INTO freq VALUES (?, ?)", [*freq.items(), ("", total)])
    db.commit()
    db.close()
    os.replace(tmp, path)
    return path


_tokenizer = None
_tokenizer_lock = threading.Lock()


def _get_tokenizer():
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            jieba = _import_jieba()
            freq = _LazyFreq(_dictionary_cache(jieba))
            tk = jieba.Tokenizer()
            tk.FREQ, tk.total, tk.initialized = freq, freq.total(), True
            _tokenizer = tk
    return _tokenizer


def tokenize(text: str) -> list[str]:
    """Search-mode jieba words (long words also give their parts), punctuation and stop words dropped."""
    return [w.lower() for w in _get_tokenizer().cut_for_search(text) if _WORD.search(w) and w not in STOPWORDS]
