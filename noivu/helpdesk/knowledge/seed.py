"""The seed corpus of the knowledge base (bộ hỏi đáp mẫu): ``data/faq.yaml``, loaded as the Ministry's
national guidance (articles without a publishing unit), keyed so that loading again updates the entries
whose text changed and leaves the others (and their embeddings) alone."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from django.db import transaction

from noivu.core import dates
from noivu.helpdesk.knowledge import embeddings
from noivu.helpdesk.knowledge.search import embed_articles
from noivu.helpdesk.models import Article, ArticleSource, Topic

DATA = Path(__file__).parent / "data"
FAQ = DATA / "faq.yaml"
EVALUATION = DATA / "eval.yaml"
VECTORS = DATA / "faq_vectors.npz"
"""The embeddings of the seed articles, computed once by ``manage.py load_faq --write-vectors`` and
shipped, so that loading the corpus (demo, tests) does not run the model 300 times. Keyed by a digest of
the text embedded: an entry whose text changed is embedded again."""
BATCH = 32


def digest(article: Article) -> str:
    return hashlib.sha1(f"{article.question}\n{article.answer}".encode()).hexdigest()


def stored_vectors(path: Path = VECTORS) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    if not path.exists():
        return {}
    with np.load(path) as data:
        return {
            key: (vector.astype(np.float32), folded.astype(np.float32))
            for key, vector, folded in zip(data["digests"], data["vectors"], data["folded"], strict=True)
        }


def set_vectors(articles: list[Article], path: Path = VECTORS) -> None:
    """Set the embeddings of ``articles`` from the shipped file, computing those it lacks."""
    stored = stored_vectors(path)
    missing = []
    for article in articles:
        found = stored.get(digest(article))
        if found is None:
            missing.append(article)
        else:
            article.vector = embeddings.to_bytes(found[0])
            article.folded_vector = embeddings.to_bytes(found[1])
    for start in range(0, len(missing), BATCH):
        embed_articles(missing[start : start + BATCH])


def write_vectors(path: Path = VECTORS) -> int:
    """Embed every seed article (those already stored are reused) and write the file; returns the count."""
    articles = [Article(question=item["question"], answer=item["answer"]) for item in entries()]
    set_vectors(articles, path)
    np.savez_compressed(
        path,
        digests=np.array([digest(article) for article in articles]),
        vectors=np.stack([embeddings.from_bytes(article.vector) for article in articles]).astype(np.float16),
        folded=np.stack([embeddings.from_bytes(article.folded_vector) for article in articles]).astype(
            np.float16
        ),
    )
    return len(articles)


def entries(path: Path = FAQ) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["articles"])


def evaluation_questions(path: Path = EVALUATION) -> list[dict[str, str]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])


@dataclass
class SeedReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def load_seed(items: list[dict[str, Any]] | None = None) -> SeedReport:
    """Add or update the seed articles (all of ``faq.yaml`` by default)."""
    items = entries() if items is None else items
    existing = {
        article.key: article
        for article in Article.objects.unrestricted().filter(key__in=[i["key"] for i in items])
    }
    report = SeedReport()
    changed: list[Article] = []
    for item in items:
        if item["topic"] not in Topic.values:
            raise ValueError(f"faq.yaml: {item['key']}: lĩnh vực {item['topic']!r} không có trong danh mục")
        article = existing.get(item["key"])
        fields = {
            "topic": item["topic"],
            "question": item["question"],
            "answer": item["answer"],
            "citations": item["citations"],
        }
        if article is not None and all(getattr(article, name) == value for name, value in fields.items()):
            report.unchanged += 1
            continue
        if article is None:
            article = Article(key=item["key"], source=ArticleSource.GUIDANCE, published_on=dates.today())
            report.added += 1
        else:
            report.updated += 1
        for name, value in fields.items():
            setattr(article, name, value)
        changed.append(article)
    set_vectors(changed)
    for article in changed:
        article.full_clean(exclude=["folded", "vector", "folded_vector"])
        article.save()
    return report
