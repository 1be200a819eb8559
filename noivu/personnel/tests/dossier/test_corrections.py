"""Correcting and removing the facts of a record (sửa, xóa thông tin hồ sơ): every kind, through the
actions, audited, kept in the history (a removal with its reason, the row kept); code lists offered as
choices and dates typed as dd/mm/yyyy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from noivu.core.models import AuditEvent
from noivu.payroll.models import SalaryHistory
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.actions import (
    do_add_family_member,
    do_delete_fact,
    do_record_rank_change,
    do_update_fact,
)
from noivu.personnel.dossier.models import FamilyRelation, RankHistory
from noivu.personnel.records.history import change_history
from noivu.succession.actions import do_add_training_course
from noivu.succession.models import TrainingCourse

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_a(client, hr_a):
    client.force_login(hr_a)
    return client


def edit_url(person, kind: str, row) -> str:
    return reverse("personnel:dossier_edit", args=[person.pk, kind, row.pk])


def delete_url(person, kind: str, row) -> str:
    return reverse("personnel:dossier_delete", args=[person.pk, kind, row.pk])


def test_a_salary_row_is_corrected_with_dd_mm_yyyy_dates_audited_and_kept_in_the_history(client_a, people):
    an = people["an"]
    row = SalaryHistory.objects.create(
        person=an,
        step=1,
        coefficient=Decimal("2.34"),
        rank_code="01.003",
        salary_table="bang_2_cong_chuc",
        salary_group="A1",
        effective_from=dt.date(2020, 1, 1),
    )
    form = client_a.get(edit_url(an, "salary", row))
    html = form.content.decode()
    assert 'value="01/01/2020"' in html
    assert '<option value="A1" selected>Loại A1</option>' in html
    assert "01.003 – Chuyên viên" in html

    response = client_a.post(
        edit_url(an, "salary", row),
        {
            "step": "2",
            "coefficient": "2,67",
            "effective_from": "01/01/2023",
            "rank_code": "01.003",
            "salary_table": "bang_2_cong_chuc",
            "salary_group": "A1",
        },
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.step, row.coefficient, row.effective_from) == (2, Decimal("2.67"), dt.date(2023, 1, 1))
    assert row.seniority_percent == 0  # left empty: the field's default
    event = AuditEvent.objects.get(event_type="dossier.fact_updated")
    assert event.extra["fact"] == "payroll.salaryhistory" and event.target_id == str(an.pk)
    changed = [entry for entry in change_history(an, personal_data=True) if entry.operation == "Sửa"][0]
    assert {change.label: (change.old, change.new) for change in changed.changes}["Hệ số lương"] == (
        "2,34",
        "2,67",
    )


def test_a_correction_breaking_a_rule_is_refused_naming_the_field(client_a, hr_a, people):
    an = people["an"]
    first = do_record_rank_change(
        person=an, rank_code="01.003", effective_from=dt.date(2015, 1, 1), acting_user=hr_a
    )
    do_record_rank_change(person=an, rank_code="01.002", effective_from=dt.date(2020, 1, 1), acting_user=hr_a)
    first.refresh_from_db()

    response = client_a.post(
        edit_url(an, "rank", first),
        {"rank_code": "01.003", "effective_from": "01/01/2015", "effective_to": "31/12/2021"},
    )

    assert response.status_code == 200
    assert "trùng với khoảng" in response.content.decode()
    first.refresh_from_db()
    assert first.effective_to == dt.date(2019, 12, 31)
    with pytest.raises(ValidationError):
        do_update_fact(person=an, row=first, values={"effective_from": dt.date(1, 1, 1)}, acting_user=hr_a)


def test_a_rank_not_in_the_table_is_chosen_as_another_code(client_a, people):
    an = people["an"]
    response = client_a.post(
        reverse("personnel:dossier_add", args=[an.pk, "rank"]),
        {
            "rank_code": "__other__",
            "rank_code_other": "V.07.03.28",
            "rank_name": "Giáo viên tiểu học hạng II",
            "effective_from": "1/9/2021",
        },
    )
    assert response.status_code == 302
    row = RankHistory.objects.get(person=an)
    assert row.rank_code == "V.07.03.28"
    html = client_a.get(edit_url(an, "rank", row)).content.decode()
    assert 'value="V.07.03.28"' in html and '<option value="__other__" selected>' in html


def test_a_row_is_removed_with_its_reason_and_stays_in_its_table_and_history(client_a, hr_a, people):
    an = people["an"]
    course = do_add_training_course(
        person=an, name="Bồi dưỡng quản lý nhà nước", start_date=dt.date(2022, 3, 1), acting_user=hr_a
    )
    confirm = client_a.get(delete_url(an, "training", course))
    assert confirm.status_code == 200 and "Bồi dưỡng quản lý nhà nước" in confirm.content.decode()

    refused = client_a.post(delete_url(an, "training", course), {"reason": "  "})
    assert refused.status_code == 200
    assert "Hãy ghi lý do xóa thông tin này khỏi hồ sơ." in refused.content.decode()
    assert TrainingCourse.objects.filter(pk=course.pk).exists()

    response = client_a.post(
        delete_url(an, "training", course), {"reason": "Nhập nhầm khóa học của người khác"}
    )

    assert response.status_code == 302
    assert not TrainingCourse.objects.filter(pk=course.pk).exists()
    assert not an.training_courses.exists()
    listing = client_a.get(reverse("personnel:dossier_list", args=[an.pk, "training"])).content.decode()
    assert "Bồi dưỡng quản lý nhà nước" not in listing
    kept = TrainingCourse._base_manager.get(pk=course.pk)
    assert (kept.deleted_by, kept.deletion_reason) == (hr_a, "Nhập nhầm khóa học của người khác")
    assert kept.deleted_at is not None and kept.name == "Bồi dưỡng quản lý nhà nước"
    event = AuditEvent.objects.get(event_type="dossier.fact_deleted", target_id=str(an.pk))
    assert event.reason == "Nhập nhầm khóa học của người khác"
    deleted = [entry for entry in change_history(an, personal_data=True) if entry.operation == "Xóa"]
    assert deleted and deleted[0].subject == "Đào tạo, bồi dưỡng"
    assert deleted[0].reason == "Nhập nhầm khóa học của người khác"
    assert ("Tên khóa học", "Bồi dưỡng quản lý nhà nước", "") in [
        (change.label, change.old, change.new) for change in deleted[0].changes
    ]


def test_the_api_removes_a_row_with_its_reason_only(client_a, hr_a, people):
    an = people["an"]
    row = do_record_rank_change(
        person=an, rank_code="01.003", effective_from=dt.date(2020, 1, 1), acting_user=hr_a
    )
    url = f"/api/v1/dossier/{an.pk}/rank/{row.pk}"
    refused = client_a.delete(url, {"reason": ""}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "reason", "message": "Hãy ghi lý do xóa thông tin này khỏi hồ sơ."}
    ]
    assert client_a.delete(url, [], content_type="application/json").status_code == 422
    assert RankHistory.objects.filter(pk=row.pk).exists()

    assert (
        client_a.delete(url, {"reason": "Trùng quyết định"}, content_type="application/json").status_code
        == 204
    )
    assert not RankHistory.objects.filter(pk=row.pk).exists()
    assert RankHistory._base_manager.get(pk=row.pk).deletion_reason == "Trùng quyết định"
    assert client_a.get(f"/api/v1/dossier/{an.pk}").json()["facts"]["rank"] == []
    assert client_a.delete(url, {"reason": "Lần nữa"}, content_type="application/json").status_code == 404


def test_a_row_of_another_person_or_agency_cannot_be_changed(client_a, hr_a, hr_b, people):
    an, duc = people["an"], people["duc"]
    theirs = do_add_family_member(person=duc, relation="father", full_name="Lê Văn Bố", acting_user=hr_b)
    assert client_a.get(edit_url(duc, "family", theirs)).status_code == 404
    assert client_a.post(delete_url(duc, "family", theirs)).status_code == 404
    # A row of another person, under the URL of a person the officer may change.
    assert client_a.post(delete_url(an, "family", theirs)).status_code == 404
    with pytest.raises(ValidationError):
        do_delete_fact(person=an, row=theirs, acting_user=hr_a, reason="Nhập nhầm")
    assert FamilyRelation.objects.filter(pk=theirs.pk).exists()


def test_a_leader_may_read_but_not_correct(client, leader_a, hr_a, people):
    an = people["an"]
    row = do_add_family_member(person=an, relation="mother", full_name="Trần Thị Mẹ", acting_user=hr_a)
    client.force_login(leader_a)
    listing = client.get(reverse("personnel:dossier_list", args=[an.pk, "family"])).content.decode()
    assert edit_url(an, "family", row) not in listing
    assert client.get(edit_url(an, "family", row)).status_code == 403
    assert client.post(delete_url(an, "family", row)).status_code == 403
    assert FamilyRelation.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("slug", sorted(registry.listed_kinds()))
def test_every_listed_kind_has_a_correction_form(client_a, people, slug):
    kind = registry.listed_kinds()[slug]
    page = client_a.get(reverse("personnel:dossier_list", args=[people["an"].pk, slug]))
    assert page.status_code == 200
    assert kind.form().fields  # the entry form doubles as the correction form
