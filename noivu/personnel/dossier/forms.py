"""Entry of the dated facts of a personnel record (bổ sung hồ sơ 2C): one form per kind of fact.

:data:`KINDS` maps the slug of each kind to its Vietnamese title, its form, the action that records it
and the way its rows are listed. The forms only parse what the officer typed (dates dd/mm/yyyy,
coefficients as decimals, choices from the models and code lists); every rule of the record — periods
closing the day before, overlaps, code lists — is checked by the action.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.core.fields import concrete_field
from noivu.core.forms import DateTextInput, SelectOrOther
from noivu.personnel import codelists
from noivu.personnel.dossier import actions
from noivu.personnel.dossier.models import (
    Education,
    EducationKind,
    FamilyRelation,
    HealthNote,
    PartyMembership,
    RankHistory,
)
from noivu.personnel.masking import HIDDEN, mask_name


def _hide(value: object) -> str:
    return HIDDEN if value not in (None, "") else ""


class FactForm(forms.Form):
    """Base of the fact forms: Bulma classes on the inputs, dates as dd/mm/yyyy, decimals with a comma."""

    fact_model: type[models.Model]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            if isinstance(form_field, forms.DateField):
                form_field.widget = DateTextInput()
            elif isinstance(form_field, forms.DecimalField):
                # "2,34" as typed in Vietnamese as well as "2.34"; a number input would refuse the comma.
                form_field.localize = True
                form_field.widget = forms.TextInput(attrs={"class": "input", "inputmode": "decimal"})
                form_field.widget.is_localized = True
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "textarea")
            elif not isinstance(widget, forms.Select | SelectOrOther):
                widget.attrs.setdefault("class", "input")

    @property
    def values(self) -> dict:
        """The values typed, without the empty ones: the action's defaults apply to those."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def fact_form(
    model: type[models.Model],
    names: tuple[str, ...],
    *,
    optional: tuple[str, ...] = (),
    extra: dict[str, forms.Field] | None = None,
    widgets: dict[str, forms.Widget] | None = None,
) -> type[FactForm]:
    """A form with the model's own fields ``names`` (labels, lengths, choices), in that order;
    ``optional`` fields may be left empty even where the model requires them (the action fills them);
    ``widgets`` draw a text field as a choice from a code list (its type, hence the API's, unchanged)."""
    extra = extra or {}
    widgets = widgets or {}
    declared: dict = {"fact_model": model}
    for name in names:
        form_field = extra[name] if name in extra else concrete_field(model, name).formfield()
        assert form_field is not None, f"{model.__name__}.{name} has no form field"
        if name in optional:
            form_field.required = False
        if name in widgets:
            form_field.widget = widgets[name]
        declared[name] = form_field
    return type(f"{model.__name__}Form", (FactForm,), declared)


def _education_levels() -> list[tuple[str | Promise, str | Promise | list[tuple[str, str]]]]:
    """The levels of every kind, grouped by kind, after an empty choice."""
    groups = [(label, codelists.education_levels(kind).choices) for kind, label in EducationKind.choices]
    return [("", "---------"), *groups]


def _ranks() -> list[tuple[str, str]]:
    return codelists.rank_choices(today())


def _code_list_select(code_list: Callable[[], codelists.CodeList]) -> forms.Select:
    """A select of a code list read from its YAML file, with an empty choice first."""
    return forms.Select(choices=lambda: [("", "---------"), *code_list().choices])  # type: ignore[arg-type]


def _date(value: dt.date | None) -> str:
    return date_format(value, "d/m/Y") if value else ""


@dataclass(frozen=True)
class FactKind:
    """A kind of fact of the dossier: how it is entered (form → action) and listed (columns)."""

    slug: str
    title: str | Promise
    form: type[FactForm]
    action: Callable
    related_name: str
    columns: tuple[str, ...]
    masks: dict[str, Callable[[Any], str]] = field(default_factory=dict)
    # False for a change to facts listed under another kind (the end of an allowance).
    listed: bool = True

    @property
    def model(self) -> type[models.Model]:
        return self.form.fact_model

    @property
    def personal(self) -> bool:
        """Whether the rows are personal data (Nghị định 13/2023/NĐ-CP), masked for most users."""
        return bool(self.masks)

    def rows(self, person: models.Model) -> models.QuerySet[Any]:
        return getattr(person, self.related_name).all()

    @property
    def labels(self) -> list[str]:
        return [str(concrete_field(self.model, name).verbose_name) for name in self.columns]

    def display(self, row: models.Model, name: str, *, masked: bool) -> str:
        """The value of column ``name`` of ``row`` as shown on the page (masked when asked)."""
        value = getattr(row, name)
        if masked and name in self.masks:
            return self.masks[name](value)
        choices_label = getattr(row, f"get_{name}_display", None)
        if choices_label is not None:
            return str(choices_label())
        if name == "level" and isinstance(row, Education):
            return row.level_name
        if hasattr(value, "strftime"):
            return _date(value)
        if hasattr(value, "as_tuple"):  # Decimal
            return number_format(value, 2)
        return "" if value is None else str(value)

    def data(self, row: models.Model, *, masked: bool) -> dict:
        """The row as JSON-ready values (ISO dates, decimals as text), masked when asked."""
        values = {"id": row.pk}
        for name in self.columns:
            value = getattr(row, name)
            if masked and name in self.masks:
                value = self.masks[name](value)
            elif hasattr(value, "as_tuple"):
                value = str(value)
            values[name] = value
        return values


PERIOD = ("effective_from", "effective_to")

KINDS: dict[str, FactKind] = {
    kind.slug: kind
    for kind in (
        FactKind(
            slug="rank",
            title=_("Quá trình ngạch, chức danh nghề nghiệp"),
            form=fact_form(
                RankHistory,
                ("rank_code", "rank_name", *PERIOD, "decision_number", "decision_date"),
                widgets={"rank_code": SelectOrOther(_ranks)},
            ),
            action=actions.do_record_rank_change,
            related_name="rank_history",
            columns=("rank_code", "rank_name", *PERIOD, "decision_number", "decision_date"),
        ),
        FactKind(
            slug="party",
            title=_("Đảng viên"),
            form=fact_form(PartyMembership, ("admitted_on", "official_on", "card_number")),
            action=actions.do_record_party_membership,
            related_name="party_memberships",
            columns=("admitted_on", "official_on", "card_number", "left_on"),
        ),
        FactKind(
            slug="education",
            title=_("Trình độ đào tạo"),
            form=fact_form(
                Education,
                (
                    "kind",
                    "level",
                    "field",
                    "language",
                    "institution",
                    "mode",
                    "start_date",
                    "end_date",
                    "graduation_year",
                    "certificate",
                ),
                extra={"level": forms.ChoiceField(label=_("trình độ"), choices=_education_levels)},
            ),
            action=actions.do_add_education,
            related_name="education",
            columns=("kind", "level", "field", "language", "institution", "graduation_year", "certificate"),
        ),
        FactKind(
            slug="family",
            title=_("Quan hệ gia đình"),
            form=fact_form(
                FamilyRelation, ("relation", "full_name", "birth_year", "hometown", "occupation", "address")
            ),
            action=actions.do_add_family_member,
            related_name="family",
            columns=("relation", "full_name", "birth_year", "hometown", "occupation", "address"),
            masks={"full_name": mask_name, "hometown": _hide, "occupation": _hide, "address": _hide},
        ),
        FactKind(
            slug="health",
            title=_("Sức khỏe"),
            form=fact_form(
                HealthNote, ("recorded_on", "status", "height_cm", "weight_kg", "blood_type", "note")
            ),
            action=actions.do_add_health_note,
            related_name="health_notes",
            columns=("recorded_on", "status", "height_cm", "weight_kg", "blood_type", "note"),
            masks={name: _hide for name in ("status", "height_cm", "weight_kg", "blood_type", "note")},
        ),
    )
}

LISTED_KINDS: dict[str, FactKind] = {slug: kind for slug, kind in KINDS.items() if kind.listed}
