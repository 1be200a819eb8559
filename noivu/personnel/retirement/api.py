"""REST endpoints of retirement (nghỉ hưu): the persons of the scope reaching retirement age, and the
retirement date of one person with the rules applied."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import dates
from noivu.core.api import (
    DETAIL_ERRORS,
    QUERY_ERRORS,
    FieldErrorOut,
    Pagination,
    RecordId,
    ValidationErrorOut,
)
from noivu.personnel.models import Category, Gender, Person
from noivu.personnel.records.api import UnitOut
from noivu.personnel.retirement.engine import RetirementError, age_text, retirement_date
from noivu.personnel.retirement.listing import DEFAULT_PERIOD, MAX_PERIOD, Retiring, retiring

router = Router(tags=["persons"])


class AgeOut(Schema):
    years: int
    months: int
    text: str


def _age(months: int) -> dict:
    years, rest = divmod(months, 12)
    return {"years": years, "months": rest, "text": age_text(months)}


class RetireeOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    gender: Gender
    category: Category
    organization: UnitOut
    retirement_age: AgeOut = Field(description="Tuổi nghỉ hưu trong điều kiện lao động bình thường.")
    retirement_date: dt.date = Field(description="Thời điểm nghỉ hưu: ngày cuối cùng của tháng đủ tuổi.")
    pension_start: dt.date = Field(description="Thời điểm hưởng lương hưu: ngày đầu của tháng liền kề sau.")

    @staticmethod
    def resolve_retirement_age(person: Retiring) -> dict:
        # Ages run by months from the month of birth (Nghị định 135/2020/NĐ-CP Điều 3).
        born, retires = person.birth_date, person.retires_on
        return _age((retires.year - born.year) * 12 + retires.month - born.month)

    @staticmethod
    def resolve_retirement_date(person: Retiring) -> dt.date:
        return person.retires_on

    @staticmethod
    def resolve_pension_start(person: Retiring) -> dt.date:
        return person.retires_on + dt.timedelta(days=1)


class RetirementFilters(Schema):
    months: int = Field(
        DEFAULT_PERIOD, ge=1, le=MAX_PERIOD, description="Số tháng tới, kể từ hôm nay (1–60, mặc định 12)."
    )


@router.get(
    "/retirements",
    operation_id="list_retirements",
    response={200: list[RetireeOut], **QUERY_ERRORS},
    summary="Đến tuổi nghỉ hưu",
)
@paginate(Pagination)
def retirements(request: AuthenticatedRequest, filters: Query[RetirementFilters]) -> QuerySet[Person]:
    """Persons within the user's scope whose normal retirement date falls in the next ``months`` months,
    by retirement date then name."""
    persons = Person.objects.restrict(request.user).select_related("organization")
    return retiring(persons, dates.today(), filters.months)


class RetirementOut(Schema):
    person_id: int
    birth_date: dt.date
    gender: Gender
    retirement_age: AgeOut
    retirement_date: dt.date
    pension_start: dt.date
    explanation: dict[str, Any] = Field(description="inputs, rules (kèm căn cứ pháp lý), steps")


@router.get(
    "/{person_id}/retirement",
    operation_id="get_person_retirement",
    response={200: RetirementOut, **DETAIL_ERRORS},
    summary="Thời điểm nghỉ hưu",
)
def person_retirement(request: AuthenticatedRequest, person_id: RecordId) -> dict[str, Any] | Status:
    """The statutory retirement date and pension start of a person, with the rules applied."""
    person = Person.objects.restrict(request.user).get_or_404(pk=person_id)
    try:
        result = retirement_date(person.birth_date, person.gender)
    except RetirementError as error:
        return Status(
            422,
            ValidationErrorOut(
                detail=_("Không xác định được thời điểm nghỉ hưu."),
                errors=[FieldErrorOut(field=error.field, message=error.message)],
            ),
        )
    return {
        "person_id": person.pk,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "retirement_age": _age(result.retirement_age_months),
        "retirement_date": result.retirement_date,
        "pension_start": result.pension_start,
        "explanation": result.explain(),
    }
