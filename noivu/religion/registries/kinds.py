"""The kinds of registry (sổ theo dõi) and what each needs: model, form, presenter and list columns. One
declaration drives the list, entry, detail and close pages and the API of every kind."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from noivu.core.presenters import Presenter
from noivu.religion.models import ActivityGroup, Dignitary, NamedRecord, ReligiousOrganization, WorshipPlace
from noivu.religion.registries import forms, presenters


@dataclass(frozen=True)
class RegistryKind:
    key: str
    title: Any
    model: type[NamedRecord]
    form: type[forms.RecordForm]
    presenter: type[Presenter]
    columns: tuple[str, ...]
    related: tuple[str, ...]


KINDS: dict[str, RegistryKind] = {
    kind.key: kind
    for kind in (
        RegistryKind(
            "organizations",
            _("Tổ chức tôn giáo"),
            ReligiousOrganization,
            forms.ReligiousOrganizationForm,
            presenters.OrganizationPresenter,
            ("name", "kind", "religion__name", "commune_code", "effective_from"),
            ("organization", "religion", "parent"),
        ),
        RegistryKind(
            "places",
            _("Cơ sở tôn giáo, tín ngưỡng"),
            WorshipPlace,
            forms.WorshipPlaceForm,
            presenters.PlacePresenter,
            ("name", "kind", "religion__name", "address", "commune_code"),
            ("organization", "religion", "religious_organization"),
        ),
        RegistryKind(
            "dignitaries",
            _("Chức sắc, chức việc, nhà tu hành"),
            Dignitary,
            forms.DignitaryForm,
            presenters.DignitaryPresenter,
            ("name", "kind", "title", "birth_year", "religious_organization__name"),
            ("organization", "religious_organization", "place"),
        ),
        RegistryKind(
            "groups",
            _("Nhóm sinh hoạt tôn giáo tập trung"),
            ActivityGroup,
            forms.ActivityGroupForm,
            presenters.GroupPresenter,
            ("name", "religion__name", "representative", "members", "address"),
            ("organization", "religion", "religious_organization"),
        ),
    )
}


def kind_of(key: str) -> RegistryKind:
    if key not in KINDS:
        raise Http404
    return KINDS[key]
