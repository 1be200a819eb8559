import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from noivu.awards.actions import do_record_award, do_record_discipline
from noivu.awards.models import DisciplineForm
from noivu.evaluation.actions import do_record_evaluation
from noivu.evaluation.models import Level as Rating
from noivu.payroll.actions import do_record_allowance, do_record_salary_step
from noivu.payroll.models import AllowanceKind
from noivu.personnel.dossier.actions import (
    do_add_education,
    do_record_party_membership,
    do_record_rank_change,
    do_update_dossier,
)
from noivu.personnel.dossier.models import EducationKind
from noivu.personnel.dossier.timeline import Kind, timeline
from noivu.personnel.models import Person
from noivu.personnel.records.actions import do_transfer_person
from noivu.succession.actions import do_add_training_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def career(people, national_admin):
    an = people["an"]
    user = national_admin
    do_update_dossier(person=an, changes={"recruited_on": dt.date(2020, 1, 1)}, acting_user=user)
    do_add_education(
        person=an,
        kind=EducationKind.PROFESSIONAL,
        level="university",
        field="Luật",
        graduation_year=2007,
        acting_user=user,
    )
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2020, 1, 1), acting_user=user)
    do_record_salary_step(
        person=an, step=1, coefficient=Decimal("2.34"), effective_from=dt.date(2020, 1, 1), acting_user=user
    )
    do_record_party_membership(
        person=an, admitted_on=dt.date(2021, 5, 19), official_on=dt.date(2022, 5, 19), acting_user=user
    )
    do_add_training_course(
        person=an,
        name="Bồi dưỡng ngạch chuyên viên chính",
        start_date=dt.date(2022, 3, 1),
        end_date=dt.date(2022, 5, 30),
        acting_user=user,
    )
    do_record_evaluation(person=an, year=2022, rating=Rating.EXCELLENT, acting_user=user)
    do_record_salary_step(
        person=an, step=2, coefficient=Decimal("2.67"), effective_from=dt.date(2023, 1, 1), acting_user=user
    )
    do_record_allowance(
        person=an,
        kind=AllowanceKind.LEADERSHIP,
        coefficient=Decimal("0.30"),
        effective_from=dt.date(2023, 1, 1),
        title="Phó trưởng phòng",
        acting_user=user,
    )
    do_record_award(
        person=an,
        form="Bằng khen của Chủ tịch UBND tỉnh",
        decision_date=dt.date(2023, 4, 2),
        decision_number="120/QĐ-UBND",
        acting_user=user,
    )
    do_transfer_person(
        person=an,
        to_organization=an.organization.get_parent(),
        category=an.category,
        effective_from=dt.date(2024, 2, 1),
        position_title="Chuyên viên",
        acting_user=user,
    )
    do_record_discipline(
        person=an,
        form=DisciplineForm.REPRIMAND,
        decision_date=dt.date(2024, 9, 10),
        effective_to=dt.date(2025, 9, 9),
        acting_user=user,
    )
    return Person.objects.get(pk=an.pk)


def test_timeline_lists_every_dated_fact_in_date_order(career):
    entries = timeline(career)
    assert [(entry.date, entry.kind) for entry in entries] == [
        (dt.date(2007, 1, 1), Kind.EDUCATION),
        (dt.date(2020, 1, 1), Kind.RECRUITMENT),
        (dt.date(2020, 1, 1), Kind.ASSIGNMENT),
        (dt.date(2020, 1, 1), Kind.RANK),
        (dt.date(2020, 1, 1), Kind.SALARY),
        (dt.date(2021, 5, 19), Kind.PARTY),
        (dt.date(2022, 3, 1), Kind.TRAINING),
        (dt.date(2022, 5, 19), Kind.PARTY),
        (dt.date(2022, 12, 31), Kind.EVALUATION),
        (dt.date(2023, 1, 1), Kind.SALARY),
        (dt.date(2023, 1, 1), Kind.ALLOWANCE),
        (dt.date(2023, 4, 2), Kind.AWARD),
        (dt.date(2024, 2, 1), Kind.ASSIGNMENT),
        (dt.date(2024, 9, 10), Kind.DISCIPLINE),
    ]


def test_timeline_labels_are_vietnamese_and_carry_periods(career):
    entries = timeline(career)
    labels = [entry.label for entry in entries]
    assert "Ngạch Chuyên viên (mã 01.003)" in labels
    assert "Lương bậc 2, hệ số 2,67" in labels
    assert "Vào Đảng Cộng sản Việt Nam" in labels and "Trở thành đảng viên chính thức" in labels
    assert "Xếp loại năm 2022: Hoàn thành xuất sắc nhiệm vụ" in labels
    assert "Kỷ luật: Khiển trách" in labels
    first_salary = next(entry for entry in entries if entry.kind == Kind.SALARY)
    assert first_salary.end_label == "31/12/2022"
    assert entries[0].date_label == "2007" and entries[1].date_label == "01/01/2020"
    transfer = [entry for entry in entries if entry.kind == Kind.ASSIGNMENT][-1]
    assert transfer.label == "Công tác tại UBND tỉnh A — Chuyên viên"


def test_timeline_reads_each_kind_with_one_query_whatever_the_number_of_rows(career, national_admin):
    with CaptureQueriesContext(connection) as before:
        timeline(career)
    for year in range(2010, 2020):
        do_record_evaluation(person=career, year=year, rating=Rating.GOOD, acting_user=national_admin)
        do_record_award(
            person=career, form="Giấy khen", decision_date=dt.date(year, 6, 1), acting_user=national_admin
        )
    with CaptureQueriesContext(connection) as after:
        entries = timeline(career)
    assert len(entries) == 14 + 20
    assert len(after.captured_queries) == len(before.captured_queries) <= 10
