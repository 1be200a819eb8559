"""Filters of the person list (lọc danh sách hồ sơ): one definition for the list page, the API's list
and cursor search, and the Excel export.

Today, a person is listed under the unit and category of their record (kept equal to the primary
assignment in force by the actions that change assignments), which the national-scale indexes serve.
As of another day, the list answers from the dated facts: a person is listed under the unit and
category of their primary :class:`Assignment` in force that day — within the user's scope as it was
then — and the rank filter and column read the rank held that day.
"""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.filters import Filter, FilterSet
from noivu.core.permissions import Action
from noivu.core.widgets import tree_field
from noivu.organizations.filters import unit_path
from noivu.organizations.models import Organization
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.models import Assignment, Category, Gender, Person
from noivu.personnel.records.search import matching


def _choice(choices: Any, label: Any, empty: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", empty), *choices])


def _age(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=150)


def _dated(filters: FilterSet) -> bool:
    return filters.as_of != dates.today()


def _placed(filters: FilterSet) -> QuerySet[Assignment]:
    """Primary assignments in force on the as-of day (who was where then)."""
    return Assignment.objects.as_of(filters.as_of).filter(is_primary=True)


def within_unit_on(persons: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    """The persons of a unit's subtree on the as-of day (by their primary assignment then)."""
    path = unit_path(code)
    if path is None:
        return persons.none()
    if _dated(filters):
        placed = _placed(filters).filter(organization__path__startswith=path)
        return persons.filter(pk__in=placed.values("person_id"))
    return persons.filter(organization__path__startswith=path)


def _category(persons: QuerySet, value: str, filters: FilterSet) -> QuerySet:
    if _dated(filters):
        return persons.filter(pk__in=_placed(filters).filter(category=value).values("person_id"))
    return persons.filter(category=value)


def _rank(persons: QuerySet, code: str, filters: FilterSet) -> QuerySet:
    holders = RankHistory.objects.as_of(filters.as_of).filter(rank_code=code.strip()).values("person_id")
    return persons.filter(pk__in=holders)


def _born_by(day: dt.date, years: int) -> dt.date | None:
    """The last birth date of someone ``years`` old on ``day``; None before the calendar's first year."""
    return dates.years_before(day, years) if day.year - years >= dt.MINYEAR else None


def _min_age(persons: QuerySet, age: int, filters: FilterSet) -> QuerySet:
    born_by = _born_by(filters.as_of, age)
    return persons.none() if born_by is None else persons.filter(birth_date__lte=born_by)


def _max_age(persons: QuerySet, age: int, filters: FilterSet) -> QuerySet:
    born_after = _born_by(filters.as_of, age + 1)
    return persons if born_after is None else persons.filter(birth_date__gt=born_after)


class PersonFilters(FilterSet):
    """Search by name, CCCD or personal code; unit subtree, category, gender, rank held and age band,
    all on the as-of date."""

    q = Filter(
        forms.CharField(label=_("Họ tên, số CCCD hoặc số hiệu"), required=False, max_length=100),
        lambda persons, text, filters: matching(persons, text, user=filters.user),
        description='Họ tên (không phân biệt dấu, theo phần đầu của họ tên, của tên hoặc "họ tên" bỏ tên '
        "đệm), số CCCD/CMND hoặc số hiệu cán bộ, công chức.",
    )
    organization = Filter(
        tree_field(_("Đơn vị")),
        within_unit_on,
        description="Mã đơn vị: người thuộc đơn vị đó và các đơn vị bên dưới.",
    )
    category = Filter(
        _choice(Category.choices, _("Đối tượng"), _("Tất cả đối tượng")), _category, api_type=Category
    )
    gender = Filter(
        _choice(Gender.choices, _("Giới tính"), _("Cả nam và nữ")),
        lambda persons, value, filters: persons.filter(gender=value),
        api_type=Gender,
    )
    rank = Filter(
        forms.CharField(label=_("Mã ngạch"), required=False, max_length=16),
        _rank,
        description="Mã ngạch giữ vào ngày tính (ví dụ 01.003).",
    )
    min_age = Filter(
        _age(_("Từ tuổi")), _min_age, api_type=int, description="Tuổi tròn năm tối thiểu vào ngày tính."
    )
    max_age = Filter(
        _age(_("Đến tuổi")), _max_age, api_type=int, description="Tuổi tròn năm tối đa vào ngày tính."
    )

    @property
    def dated(self) -> bool:
        """Whether the list is asked as of another day than today (answered from the dated facts)."""
        return _dated(self)

    @property
    def query(self) -> str:
        return (self.value("q") or "").strip()

    def persons(self, action: str = Action.VIEW) -> QuerySet[Person]:
        """The persons ``user`` may ``action`` on the as-of day, with the unit and category of that day
        (``unit_name``, ``unit_code``, ``category_held``) and the rank held (``rank_held``); not yet
        narrowed by the filters."""
        day = self.as_of
        rank = RankHistory.objects.as_of(day).filter(person=OuterRef("pk")).order_by("-effective_from")
        persons = Person.objects.select_related("organization").annotate(
            rank_held=Subquery(rank.values("rank_code")[:1])
        )
        if not self.dated:
            return persons.restrict(self.user, action).annotate(
                unit_name=F("organization__name"),
                unit_code=F("organization__code"),
                unit_path=F("organization__path"),
                category_held=F("category"),
            )
        # As of another day the scope follows the unit of that day: a province's officer replays who
        # worked in the province then, including persons transferred away since.
        units = Organization.objects.restrict(self.user, action)
        placed = Assignment.objects.as_of(day).filter(is_primary=True)
        held = placed.filter(person=OuterRef("pk")).order_by("-effective_from")
        return persons.filter(pk__in=placed.filter(organization__in=units).values("person_id")).annotate(
            unit_name=Subquery(held.values("organization__name")[:1]),
            unit_code=Subquery(held.values("organization__code")[:1]),
            unit_path=Subquery(held.values("organization__path")[:1]),
            category_held=Subquery(held.values("category")[:1]),
        )

    def narrow(self, persons: QuerySet[Person]) -> QuerySet[Person]:
        """``persons`` narrowed by every filter but the search text, which the caller pages by cursor."""
        return self._apply(persons, skip=("q",))

    def apply(self, queryset: QuerySet) -> QuerySet:
        return self._apply(queryset, skip=())

    def _apply(self, queryset: QuerySet, skip: tuple[str, ...]) -> QuerySet:
        for name, spec in self.filters.items():
            value = self.cleaned.get(name)
            if name not in skip and value not in (None, "", [], ()):
                queryset = spec.apply(queryset, value, self)
        return queryset
