"""Fixtures of the hotline's tests: a small part of the seed corpus whose embeddings are computed once per
test session (the model is loaded once), written to each test's database in one bulk insert."""

import pytest

from noivu.core import dates
from noivu.helpdesk.knowledge import search
from noivu.helpdesk.knowledge.seed import entries, set_vectors
from noivu.helpdesk.models import Article, ArticleSource

SMALL_CORPUS = (
    "luong-co-so-2024",
    "nang-bac-thuong-xuyen",
    "keo-dai-nang-bac-ky-luat",
    "tham-nien-vuot-khung",
    "vtvl-han-phe-duyet",
    "tgbc-thoi-viec-154",
    "sap-xep-178-thoi-viec",
    "dvhc-so-tinh-sau-sap-xep",
    "dvhc-bo-cap-huyen",
    "tdkt-cstd-co-so",
    "tdkt-lao-dong-tien-tien",
    "tg-dang-ky-sinh-hoat-tap-trung",
    "tg-le-hoi-lan-dau",
    "cc-tuoi-nghi-huu",
)


@pytest.fixture(scope="session")
def corpus_articles() -> list[Article]:
    """The small corpus as unsaved articles with their embeddings (computed once)."""
    chosen = [item for item in entries() if item["key"] in SMALL_CORPUS]
    articles = [
        Article(
            key=item["key"],
            source=ArticleSource.GUIDANCE,
            topic=item["topic"],
            question=item["question"],
            answer=item["answer"],
            citations=item["citations"],
            published_on=dates.today(),
        )
        for item in chosen
    ]
    set_vectors(articles)
    return articles


@pytest.fixture
def knowledge(db, corpus_articles) -> dict[str, Article]:
    search.forget()
    for article in corpus_articles:
        article.pk = None
        article.folded = ""
        article.save()
    return {article.key: article for article in Article.objects.all() if article.key}
