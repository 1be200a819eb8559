import datetime as dt
from decimal import Decimal

import pytest

from noivu.core.models import AuditEvent
from noivu.evaluation.actions import do_record_evaluation
from noivu.evaluation.models import Level as Rating
from noivu.payroll.actions import do_record_allowance, do_record_salary_step
from noivu.payroll.models import AllowanceKind
from noivu.personnel.dossier.actions import (
    do_add_education,
    do_add_family_member,
    do_record_rank_change,
    do_update_dossier,
)
from noivu.personnel.dossier.cv import build_cv
from noivu.personnel.dossier.models import EducationKind, Relation
from noivu.personnel.models import AddressKind, PersonAddress

pytestmark = pytest.mark.django_db

ADDRESS = "Số 5 ngõ 10, phường Hàng Bông, thành phố Hà Nội"


@pytest.fixture
def an(people, national_admin):
    person = people["an"]
    user = national_admin
    do_update_dossier(
        person=person,
        changes={"phone": "0912345678", "ethnic_group": "Kinh", "recruited_on": dt.date(2010, 9, 1)},
        acting_user=user,
    )
    PersonAddress.objects.create(person=person, kind=AddressKind.PERMANENT, current_text=ADDRESS)
    do_record_rank_change(
        person=person, rank_code="01.003", effective_from=dt.date(2010, 9, 1), acting_user=user
    )
    do_record_salary_step(
        person=person,
        step=3,
        coefficient=Decimal("3.00"),
        effective_from=dt.date(2016, 9, 1),
        acting_user=user,
    )
    do_record_allowance(
        person=person,
        kind=AllowanceKind.LEADERSHIP,
        coefficient=Decimal("0.30"),
        effective_from=dt.date(2022, 1, 1),
        acting_user=user,
    )
    do_add_education(
        person=person,
        kind=EducationKind.PROFESSIONAL,
        level="university",
        field="Luật",
        institution="Trường Đại học Luật Hà Nội",
        graduation_year=2008,
        acting_user=user,
    )
    do_add_education(
        person=person,
        kind=EducationKind.PROFESSIONAL,
        level="master",
        field="Quản lý công",
        graduation_year=2015,
        acting_user=user,
    )
    do_add_family_member(
        person=person,
        relation=Relation.FATHER,
        full_name="Nguyễn Văn Bình",
        birth_year=1955,
        occupation="Hưu trí",
        acting_user=user,
    )
    do_add_family_member(
        person=person,
        relation=Relation.MOTHER_IN_LAW,
        full_name="Trần Thị Cúc",
        birth_year=1960,
        acting_user=user,
    )
    do_record_evaluation(person=person, year=2024, rating=Rating.GOOD, acting_user=user)
    return person


def test_cv_shows_the_2c_sections_in_vietnamese(client, an, hr_a):
    client.force_login(hr_a)
    response = client.get(f"/persons/{an.pk}/cv/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Sơ yếu lý lịch cán bộ, công chức, viên chức",
        "Họ và tên khai sinh (viết chữ in hoa)",
        "NGUYỄN VĂN AN",
        "Trình độ chuyên môn cao nhất",
        "Thạc sĩ – Quản lý công",
        "Ngạch: Chuyên viên; Mã ngạch: 01.003; Bậc lương: 3; Hệ số: 3,00",
        "Đào tạo, bồi dưỡng về chuyên môn, nghiệp vụ",
        "Tóm tắt quá trình công tác",
        "Quan hệ gia đình",
        "Diễn biến quá trình lương",
        "Nhận xét, đánh giá",
        "Hoàn thành tốt nhiệm vụ",
        "Tôi xin cam đoan những lời khai trên đây là đúng sự thật",
        "@page",
    ):
        assert text in html, text


def test_hr_officer_sees_full_personal_data(client, an, hr_a):
    client.force_login(hr_a)
    html = client.get(f"/persons/{an.pk}/cv/").content.decode()
    assert "001085012345" in html
    assert ADDRESS in html
    assert "Nguyễn Văn Bình" in html and "0912345678" in html
    assert 'id="masked-note"' not in html


def test_leader_sees_personal_data_masked(client, an, leader_a):
    client.force_login(leader_a)
    html = client.get(f"/persons/{an.pk}/cv/").content.decode()
    assert "001085012345" not in html and "001*******45" in html
    assert ADDRESS not in html and "***, thành phố Hà Nội" in html
    assert "Nguyễn Văn Bình" not in html and "N. V. B." in html
    assert "0912345678" not in html
    assert 'id="masked-note"' in html
    assert "NGUYỄN VĂN AN" in html and "Chuyên viên" in html


def test_each_view_is_written_to_the_access_log(client, an, leader_a):
    client.force_login(leader_a)
    client.get(f"/persons/{an.pk}/cv/")
    client.get(f"/persons/{an.pk}/cv/")
    logs = AuditEvent.objects.filter(event_type="record.viewed", target_type__model="person")
    assert [(log.acting_user, log.target_id) for log in logs] == [(leader_a, str(an.pk))] * 2


def test_cv_outside_scope_is_not_found_and_not_logged(client, an, hr_b):
    client.force_login(hr_b)
    assert client.get(f"/persons/{an.pk}/cv/").status_code == 404
    assert not AuditEvent.objects.filter(event_type="record.viewed").exists()


def test_cv_as_pdf_is_logged_as_an_export(client, an, hr_a):
    client.force_login(hr_a)
    response = client.get(f"/persons/{an.pk}/cv/?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type="data.exported", target_id=str(an.pk)).count() == 1


def test_build_cv_reads_the_facts_in_force_on_the_day(an):
    before_allowance = build_cv(an, full=True, today=dt.date(2021, 6, 1))
    after_allowance = build_cv(an, full=True, today=dt.date(2022, 6, 1))
    leadership = {
        cv.today: next(i.value for i in cv.items if i.label == "Phụ cấp chức vụ")
        for cv in (before_allowance, after_allowance)
    }
    assert leadership == {dt.date(2021, 6, 1): "", dt.date(2022, 6, 1): "0,30"}
    assert [row["relation"] for row in after_allowance.family_own] == ["Bố"]
    assert [row["relation"] for row in after_allowance.family_spouse] == ["Mẹ vợ (chồng)"]
    assert after_allowance.salary_history == [
        {"month": "09/2016", "rank_step": "01.003 / bậc 3", "coefficient": Decimal("3.00"), "seniority": ""}
    ]
    assert after_allowance.managing_agency == "UBND tỉnh A"
