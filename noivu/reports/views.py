"""Views: parse, authorise, call the action, render."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from noivu.core.extensions import DashboardCard, dashboard_cards, home_pages
from noivu.core.forms import AsOfForm
from noivu.core.permissions import Action, may_somewhere


@dataclass(frozen=True)
class RenderedCard:
    card: DashboardCard
    context: dict[str, Any]
    html: SafeString


def dashboard(request: HttpRequest) -> HttpResponse:
    """Overview (tổng quan): the cards every app registered, within the user's scope, as of a date. A user
    without any grant lands on the page an app registered for them (a person's own dossier)."""
    if not may_somewhere(request.user, Action.VIEW):
        for page in home_pages:
            address = page.address(request.user)
            if address is not None:
                return redirect(address)
    form, as_of = AsOfForm.day(request.GET)
    cards = []
    for card in dashboard_cards:
        context = card.context(request.user, as_of)
        html = render_to_string(card.template, {"card": card, "as_of": as_of, **context}, request)
        cards.append(RenderedCard(card, context, html))
    scripts = list(dict.fromkeys(script for card in dashboard_cards for script in card.scripts))
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "as_of": as_of,
            "cards": {rendered.card.key: rendered for rendered in cards},
            "scripts": scripts,
        },
    )
