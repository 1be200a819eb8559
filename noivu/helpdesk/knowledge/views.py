"""The knowledge base (cơ sở tri thức): search with or without diacritics, and one article."""

import time

from django.http import HttpResponse
from django.shortcuts import render

from noivu.accounts.http import AuthenticatedRequest
from noivu.helpdesk.forms import SearchForm
from noivu.helpdesk.knowledge.search import search
from noivu.helpdesk.models import Article

RESULTS = 10


def knowledge(request: AuthenticatedRequest) -> HttpResponse:
    """Search of the published answers and guidance; every signed-in user reads the knowledge base."""
    form = SearchForm(request.GET or None)
    results: list[Article] = []
    elapsed = None
    if form.is_valid() and form.cleaned_data["q"]:
        started = time.perf_counter()
        hits = search(form.cleaned_data["q"], limit=RESULTS, topic=form.cleaned_data["topic"] or None)
        elapsed = round((time.perf_counter() - started) * 1000)
        # The knowledge base is national guidance read by everyone: a deliberate read of every article.
        by_id = Article.objects.unrestricted().in_bulk([hit.article_id for hit in hits])
        results = [by_id[hit.article_id] for hit in hits if hit.article_id in by_id]
    latest = [] if results else list(Article.objects.unrestricted().order_by("-published_on", "-pk")[:10])
    return render(
        request,
        "helpdesk/knowledge.html",
        {"form": form, "results": results, "latest": latest, "elapsed": elapsed},
    )


def article(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = Article.objects.unrestricted().select_related("organization").get_or_404(pk=pk)
    return render(request, "helpdesk/article.html", {"article": found})
