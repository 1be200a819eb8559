"""Shared builders of the drafting programme's tests."""

import datetime as dt

from noivu.legislation.actions import do_add_document, do_create_programme
from noivu.legislation.models import DraftDocument, Programme


def programme(org, user, name: str = "Văn bản quy định chi tiết Luật Thi đua, khen thưởng") -> Programme:
    return do_create_programme(organization=org, name=name, year=2026, acting_user=user)


def document(
    programme_, org, user, deadline: dt.date, title: str = "Nghị định quy định chi tiết"
) -> DraftDocument:
    return do_add_document(
        programme=programme_,
        organization=org,
        kind="decree",
        title=title,
        deadline=deadline,
        lead="Vụ trưởng Vụ Pháp chế",
        detailed_article="Điều 15",
        acting_user=user,
    )
