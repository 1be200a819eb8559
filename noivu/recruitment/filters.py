"""Filters of the recruitment lists: one definition for the page and the API."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import Filter, FilterSet, choice_field
from noivu.organizations.models import Organization
from noivu.recruitment.models import CandidateStatus, Method, PlanStatus, StaffKind


def _under(field: str) -> Any:
    def narrow(rows: QuerySet, code: str, filters: FilterSet) -> QuerySet:
        # Only narrows a queryset already restricted to the user.
        path = Organization.objects.unrestricted().filter(code=code).values_list("path", flat=True).first()
        return rows.none() if path is None else rows.filter(**{f"{field}__startswith": path})

    return narrow


class PlanFilters(FilterSet):
    """Plans by unit subtree, status, staff kind, method and year of the exam."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("organization__path"),
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )
    status = Filter(
        choice_field(PlanStatus.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=PlanStatus,
    )
    staff_kind = Filter(
        choice_field(StaffKind.choices, _("Đối tượng")),
        lambda rows, value, filters: rows.filter(staff_kind=value),
        api_type=StaffKind,
    )
    method = Filter(
        choice_field(Method.choices, _("Hình thức")),
        lambda rows, value, filters: rows.filter(method=value),
        api_type=Method,
    )
    year = Filter(
        forms.IntegerField(label=_("Năm thi"), required=False, min_value=1900, max_value=2100),
        lambda rows, value, filters: rows.filter(exam_date__year=value),
        api_type=int,
    )


class CandidateFilters(FilterSet):
    """Candidates of a plan by status and position code."""

    status = Filter(
        choice_field(CandidateStatus.choices, _("Trạng thái")),
        lambda rows, value, filters: rows.filter(status=value),
        api_type=CandidateStatus,
    )
    position = Filter(
        forms.CharField(label=_("Mã vị trí"), required=False, max_length=32),
        lambda rows, value, filters: rows.filter(position__code=value),
    )


def _track_choices() -> list[tuple[str, str]]:
    from noivu.recruitment.forms import talent_choices

    return [("", "—"), *talent_choices()[0]]


class TalentFilters(FilterSet):
    """Talent-attraction grants by unit subtree, track and year of the decision."""

    under = Filter(
        forms.CharField(label=_("Thuộc đơn vị (mã)"), required=False, max_length=32),
        _under("person__organization__path"),
        description="Mã đơn vị: đơn vị đó và toàn bộ cây bên dưới.",
    )
    track = Filter(
        forms.ChoiceField(label=_("Diện thu hút"), required=False, choices=_track_choices),
        lambda rows, value, filters: rows.filter(track=value),
        description="excellent_graduate, young_scientist hoặc expert.",
    )
    year = Filter(
        forms.IntegerField(label=_("Năm quyết định"), required=False, min_value=1900, max_value=2100),
        lambda rows, value, filters: rows.filter(granted_on__year=value),
        api_type=int,
    )
