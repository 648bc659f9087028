"""Bridging office words and the regulation's: the 条例导读 (a plain gloss per article, indexed
with it) and the concept map (条例 terms ↔ the words staff use, for query expansion).

Both are package data written by this project (retrieval/data/guide.yaml, concepts.yaml);
benchmarks/bench_retrieval.py measures what each adds on tests/eval/plain.yaml.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


def _data(name: str) -> Any:
    return yaml.safe_load(resources.files("assistant.retrieval").joinpath(f"data/{name}").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def glosses() -> dict[str, dict[str, tuple[str, str]]]:
    """regulation name -> article -> (title, gloss)."""
    return {reg["name"]: {art: (v["title"], v["gloss"]) for art, v in reg["articles"].items()}
            for reg in _data("guide.yaml")["regulations"]}


def gloss_for(doc_title: str | None, article: str | None) -> str | None:
    """「小标题：白话说明」 for an article of a regulation the guide covers, else None."""
    if not doc_title or not article:
        return None
    for name, articles in glosses().items():
        if name in doc_title and article in articles:
            title, gloss = articles[article]
            return f"{title}：{gloss}"
    return None


@dataclass(frozen=True)
class Concept:
    term: str  # the regulation's words (space-separated)
    articles: tuple[str, ...]
    words: tuple[str, ...]  # what staff say
    example: str


@functools.lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    return tuple(Concept(c["term"], tuple(c["articles"]), tuple(c["words"]), c["example"])
                 for c in _data("concepts.yaml")["concepts"])


def expand(query: str) -> str:
    """The query with the regulation's terms for every office word it contains appended."""
    terms = [c.term for c in concepts() if any(w in query for w in c.words)]
    return " ".join([query, *dict.fromkeys(terms)]) if terms else query
