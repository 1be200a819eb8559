"""Search of the knowledge base (tìm kiếm cơ sở tri thức), with or without diacritics, finding a question
asked in other words.

Two rankings are fused:

- lexical: BM25 (``bm25s``) over folded words and syllable pairs (:mod:`.text`);
- semantic: cosine similarity between the query's embedding and each article's (:mod:`.embeddings`),
  against the article's text with diacritics when the query has them, else against its folded text
  (the model reads unaccented Vietnamese better when both sides are unaccented).

The fusion is reciprocal-rank fusion over the top candidates of each ranking, so that the two scores,
on different scales, need no calibration. The index (one per process) holds every published article
in memory and is rebuilt when an article is saved or deleted (checked by one small query per search).
"""

import threading
from dataclasses import dataclass
from typing import Any

import bm25s
import numpy as np
from django.db.models import Max
from django.db.models.signals import post_delete

from noivu.helpdesk.knowledge import embeddings
from noivu.helpdesk.knowledge.text import has_diacritics, tokens
from noivu.helpdesk.models import Article

CANDIDATES = 100
"""Top candidates of each ranking that enter the fusion."""
RRF_K = 5
"""Reciprocal-rank fusion constant: a small one lets a first place count more than a tenth."""
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0
SEMANTIC_WEIGHT_UNACCENTED = 0.3
"""The embedding model reads unaccented Vietnamese less well: a query typed without diacritics leans on the
lexical ranking (measured on the evaluation set: 96 % → 98 % in the top 3)."""


@dataclass(frozen=True)
class Hit:
    article_id: int
    score: float
    lexical_rank: int | None
    semantic_rank: int | None


class KnowledgeIndex:
    """The published articles in memory: their ids, a BM25 index and two embedding matrices."""

    def __init__(
        self,
        ids: np.ndarray,
        corpus_tokens: list[list[str]],
        vectors: np.ndarray,
        folded_vectors: np.ndarray,
        topics: list[str] | None = None,
    ) -> None:
        self.ids = ids
        self.vectors = vectors
        self.folded_vectors = folded_vectors
        self.topics = np.asarray(topics or [""] * len(ids))
        self.bm25 = bm25s.BM25()
        if len(ids):
            self.bm25.index(corpus_tokens, show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_rows(cls, rows: list[tuple[int, str, Any, Any, str]]) -> "KnowledgeIndex":
        """From ``(id, folded text, vector bytes, folded vector bytes, topic)`` rows."""
        dimension = embeddings.DIMENSION
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        vectors = np.zeros((len(rows), dimension), dtype=np.float32)
        folded = np.zeros((len(rows), dimension), dtype=np.float32)
        for index, row in enumerate(rows):
            if row[2]:
                vectors[index] = embeddings.from_bytes(row[2])
            if row[3]:
                folded[index] = embeddings.from_bytes(row[3])
        return cls(ids, [tokens(row[1]) for row in rows], vectors, folded, [row[4] for row in rows])

    def lexical_scores(self, query: str) -> np.ndarray:
        terms = [term for term in tokens(query) if term in self.bm25.vocab_dict]
        if not terms or not len(self):
            return np.zeros(len(self), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(terms), dtype=np.float32)

    def semantic_scores(self, query: str, vector: np.ndarray | None = None) -> np.ndarray:
        if not len(self):
            return np.zeros(0, dtype=np.float32)
        if vector is None:
            vector = embeddings.embed_query(query)
        matrix = self.vectors if has_diacritics(query) else self.folded_vectors
        return matrix @ vector

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        topic: str | None = None,
        exclude: set[int] | None = None,
        vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """The best ``limit`` articles for ``query`` (optionally of one topic), best first."""
        if not len(self) or not query.strip():
            return []
        lexical = self.lexical_scores(query)
        semantic = self.semantic_scores(query, vector)
        mask = None
        if topic:
            mask = self.topics != topic
            lexical = np.where(mask, 0.0, lexical)
            semantic = np.where(mask, -1.0, semantic)
        fused: dict[int, list[Any]] = {}
        semantic_weight = SEMANTIC_WEIGHT if has_diacritics(query) else SEMANTIC_WEIGHT_UNACCENTED
        for name, scores, weight in (("lex", lexical, LEXICAL_WEIGHT), ("sem", semantic, semantic_weight)):
            top = _top(scores, CANDIDATES)
            if name == "lex":
                top = top[scores[top] > 0]
            for rank, position in enumerate(top, start=1):
                entry = fused.setdefault(int(position), [0.0, None, None])
                entry[0] += weight / (RRF_K + rank)
                entry[1 if name == "lex" else 2] = rank
        hits = []
        for position, (score, lexical_rank, semantic_rank) in fused.items():
            article_id = int(self.ids[position])
            if exclude and article_id in exclude:
                continue
            if mask is not None and mask[position]:
                continue
            hits.append(Hit(article_id, score, lexical_rank, semantic_rank))
        hits.sort(key=lambda hit: (-hit.score, hit.article_id))
        return hits[:limit]


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    """Positions of the ``count`` highest scores, highest first."""
    if len(scores) <= count:
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, count)[:count]
    return part[np.argsort(-scores[part], kind="stable")]


_cache: dict[str, tuple[tuple, KnowledgeIndex]] = {}
_cache_lock = threading.Lock()


def _version() -> tuple:
    """Changes whenever an article is added or changed (latest change, highest key: two index lookups, not
    a count of a large table). A deletion in this process drops the cache (signal); one in another process
    is seen at the next change, and meanwhile its id is dropped when the hits are read."""
    state = Article.objects.unrestricted().aggregate(latest=Max("updated_at"), top=Max("pk"))
    return (state["latest"], state["top"])


def index() -> KnowledgeIndex:
    """The index of every article of the knowledge base, from the process cache when current."""
    version = _version()
    cached = _cache.get("kb")
    if cached is not None and cached[0] == version:
        return cached[1]
    with _cache_lock:
        rows = list(
            Article.objects.unrestricted()
            .order_by("pk")
            .values_list("pk", "folded", "vector", "folded_vector", "topic")
        )
        built = KnowledgeIndex.from_rows(rows)
        _cache["kb"] = (version, built)
    return built


def forget(**kwargs: Any) -> None:
    _cache.clear()


post_delete.connect(forget, sender=Article, dispatch_uid="helpdesk-knowledge-index")


def search(
    query: str, *, limit: int = 10, topic: str | None = None, exclude: set[int] | None = None
) -> list[Hit]:
    """Articles of the knowledge base for ``query``, best first."""
    return index().search(query, limit=limit, topic=topic, exclude=exclude)


def embed_article(article: Article) -> None:
    """Set the two embeddings of ``article`` (its text with and without diacritics)."""
    from noivu.core.text import fold

    text = f"{article.question}\n{article.answer}"
    vectors = embeddings.embed_passages([text, fold(text)])
    article.vector = embeddings.to_bytes(vectors[0])
    article.folded_vector = embeddings.to_bytes(vectors[1])


def embed_articles(articles: list[Article]) -> None:
    """Set the embeddings of many articles in batches."""
    from noivu.core.text import fold

    texts = [f"{article.question}\n{article.answer}" for article in articles]
    vectors = embeddings.embed_passages(texts + [fold(text) for text in texts])
    for index_, article in enumerate(articles):
        article.vector = embeddings.to_bytes(vectors[index_])
        article.folded_vector = embeddings.to_bytes(vectors[len(articles) + index_])


def suggest(subject: str, body: str, *, limit: int = 3, exclude: set[int] | None = None) -> list[Hit]:
    """Answered questions and guidance most like a new question (its subject and the start of its body)."""
    text = f"{subject}. {body[:400]}"
    return index().search(text, limit=limit, exclude=exclude)
