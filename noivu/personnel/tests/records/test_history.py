"""The change history of a record shows every change: the person's fields with their labels and values as
the pages show them, and every fact of the dossier added, corrected or deleted, with who and when."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from noivu.evaluation.actions import do_record_evaluation
from noivu.payroll.actions import do_record_allowance, do_record_salary_step
from noivu.personnel.dossier.actions import (
    do_add_family_member,
    do_record_rank_change,
)
from noivu.personnel.models import Person
from noivu.personnel.records.actions import do_update_person
from noivu.personnel.records.history import change_history

pytestmark = pytest.mark.django_db


def changes_of(entries, subject: str, operation: str) -> dict[str, tuple[str, str]]:
    found = [entry for entry in entries if entry.subject == subject and entry.operation == operation]
    assert found, [(entry.subject, entry.operation) for entry in entries]
    return {change.label: (change.old, change.new) for change in found[0].changes}


def test_a_changed_field_shows_its_label_and_formatted_values(hr_a, people):
    an = people["an"]
    do_update_person(
        person=an,
        changes={"birth_date": dt.date(1985, 9, 2), "ethnic_group": "02", "religion": "khong"},
        acting_user=hr_a,
    )

    entries = change_history(an, personal_data=True)

    latest = entries[0]
    assert (latest.operation, latest.subject, latest.user) == ("Sửa", "Thông tin cá nhân", "Cán bộ tỉnh A")
    changed = {change.label: (change.old, change.new) for change in latest.changes}
    assert changed["Ngày sinh"] == ("17/05/1985", "02/09/1985")
    assert changed["Dân tộc"] == ("", "Tày")
    assert changed["Tôn giáo"][1] == "Không"


def test_every_fact_added_edited_or_deleted_is_in_the_history(hr_a, people):
    an = people["an"]
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2020, 1, 1), acting_user=hr_a)
    do_record_salary_step(
        person=an, step=2, coefficient=Decimal("2.67"), effective_from=dt.date(2021, 1, 1), acting_user=hr_a
    )
    do_record_allowance(
        person=an,
        kind="leadership",
        coefficient=Decimal("0.2"),
        effective_from=dt.date(2021, 1, 1),
        acting_user=hr_a,
    )
    evaluation = do_record_evaluation(person=an, year=2023, rating="HTT", acting_user=hr_a)
    do_record_evaluation(person=an, year=2023, rating="HT", acting_user=hr_a)
    evaluation.refresh_from_db()
    evaluation.delete()

    entries = change_history(an, personal_data=True)

    rank = changes_of(entries, "Quá trình ngạch, chức danh nghề nghiệp", "Thêm")
    assert rank["Mã ngạch"] == ("", "01.003")
    assert rank["Tên ngạch"] == ("", "Chuyên viên")
    assert rank["Hiệu lực từ ngày"] == ("", "01/01/2020")
    salary = changes_of(entries, "Quá trình lương", "Thêm")
    assert salary["Hệ số lương"] == ("", "2,67")
    assert salary["Nhóm ngạch"] == ("", "A1")
    allowance = changes_of(entries, "Phụ cấp", "Thêm")
    assert allowance["Loại phụ cấp"] == ("", "Phụ cấp chức vụ lãnh đạo")
    rated = changes_of(entries, "Kết quả đánh giá, xếp loại", "Sửa")
    assert rated == {"Xếp loại": ("Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ")}
    deleted = changes_of(entries, "Kết quả đánh giá, xếp loại", "Xóa")
    assert deleted["Năm"] == ("2023", "")
    assert all(entry.changes for entry in entries)


def test_the_page_masks_personal_facts_and_fields_for_a_reader_without_the_right(
    client, hr_a, leader_a, people
):
    an = people["an"]
    do_add_family_member(person=an, relation="father", full_name="Nguyễn Văn Bố", acting_user=hr_a)
    do_update_person(person=an, changes={"cccd_number": "001085099999"}, acting_user=hr_a)
    url = reverse("personnel:history", args=[an.pk])

    client.force_login(hr_a)
    own = client.get(url).content.decode()
    assert "Nguyễn Văn Bố" in own and "001085012345 → 001085099999" in own
    assert "Quan hệ gia đình" in own and "Cán bộ tỉnh A" in own

    client.force_login(leader_a)
    masked = client.get(url).content.decode()
    assert "Quan hệ gia đình" in masked and "N. V. B." in masked
    assert "Nguyễn Văn Bố" not in masked
    assert "001085099999" not in masked and "001*******99" in masked


def test_a_change_to_a_record_loaded_without_history_still_shows_its_values(client, hr_a, people):
    an = people["an"]
    Person.history.filter(id=an.pk).delete()  # loaded in bulk, as the demo data set is
    do_update_person(person=an, changes={"full_name": "Nguyễn Văn Ân"}, acting_user=hr_a)

    entries = change_history(an, personal_data=True)

    changed = {change.label: change.new for change in entries[0].changes}
    assert entries[0].without_previous and changed["Họ và tên"] == "Nguyễn Văn Ân"
    client.force_login(hr_a)
    page = client.get(reverse("personnel:history", args=[an.pk])).content.decode()
    assert "Nguyễn Văn Ân" in page and "giá trị trước đó không được ghi lại" in page


def test_a_save_that_changes_nothing_is_not_listed(hr_a, people):
    an = people["an"]
    before = len(change_history(an, personal_data=True))
    do_update_person(person=an, changes={"full_name": an.full_name}, acting_user=hr_a)
    assert len(change_history(an, personal_data=True)) == before
