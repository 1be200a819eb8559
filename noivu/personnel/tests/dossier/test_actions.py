import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from noivu.core.models import AuditEvent
from noivu.evaluation.actions import do_record_evaluation
from noivu.evaluation.models import Level as Rating
from noivu.payroll.actions import (
    ALLOWANCE_ENDED,
    ALLOWANCE_RECORDED,
    do_end_allowance,
    do_record_allowance,
    do_record_salary_step,
)
from noivu.payroll.models import Allowance, AllowanceKind, SalaryHistory
from noivu.personnel.dossier.actions import (
    RANK_RECORDED,
    do_record_rank_change,
    do_update_dossier,
)
from noivu.personnel.dossier.models import RankHistory
from noivu.personnel.masking import mask_address, mask_cccd, mask_email, mask_name, mask_phone
from noivu.personnel.privacy import personal_data_visible

pytestmark = pytest.mark.django_db


def test_rank_change_closes_the_open_rank_the_day_before_and_keeps_history(people, hr_a):
    an = people["an"]
    first = do_record_rank_change(
        person=an, rank_code="01.003", effective_from=dt.date(2015, 3, 1), acting_user=hr_a
    )
    second = do_record_rank_change(
        person=an,
        rank_code="01.002",
        effective_from=dt.date(2023, 7, 1),
        decision_number="15/QĐ-SNV",
        acting_user=hr_a,
    )
    first.refresh_from_db()
    assert first.effective_to == dt.date(2023, 6, 30)
    assert (second.rank_name, second.effective_to) == ("Chuyên viên chính", None)
    assert [row.rank_code for row in RankHistory.objects.filter(person=an).as_of(dt.date(2023, 7, 1))] == [
        "01.002"
    ]
    assert {h.history_user for h in first.history.all()} == {hr_a}
    assert first.history.count() == 2


def test_rank_change_outside_scope_is_refused_and_writes_nothing(people, hr_a):
    with pytest.raises(PermissionDenied):
        do_record_rank_change(
            person=people["duc"], rank_code="01.003", effective_from=dt.date(2020, 1, 1), acting_user=hr_a
        )
    assert not RankHistory.objects.exists()


def test_leader_may_not_change_a_dossier(people, leader_a):
    with pytest.raises(PermissionDenied):
        do_record_salary_step(
            person=people["an"],
            step=1,
            coefficient=Decimal("2.34"),
            effective_from=dt.date(2020, 1, 1),
            acting_user=leader_a,
        )


def test_new_period_must_start_after_the_open_one(people, hr_a):
    an = people["an"]
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2015, 3, 1), acting_user=hr_a)
    with pytest.raises(ValidationError) as error:
        do_record_rank_change(
            person=an, rank_code="01.002", effective_from=dt.date(2015, 3, 1), acting_user=hr_a
        )
    assert "effective_from" in error.value.message_dict
    assert RankHistory.objects.get(person=an).effective_to is None


def test_late_entry_of_an_older_period_must_fit_between_existing_ones(people, hr_a):
    an = people["an"]
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2015, 3, 1), acting_user=hr_a)
    do_record_rank_change(
        person=an,
        rank_code="01.004",
        effective_from=dt.date(2010, 1, 1),
        effective_to=dt.date(2015, 2, 28),
        acting_user=hr_a,
    )
    with pytest.raises(ValidationError, match="trùng"):
        do_record_rank_change(
            person=an,
            rank_code="01.005",
            effective_from=dt.date(2014, 1, 1),
            effective_to=dt.date(2015, 6, 30),
            acting_user=hr_a,
        )
    assert RankHistory.objects.filter(person=an).count() == 2


def test_salary_step_takes_table_and_group_from_the_rank_in_force(people, hr_a):
    an = people["an"]
    do_record_rank_change(person=an, rank_code="01.003", effective_from=dt.date(2015, 3, 1), acting_user=hr_a)
    first = do_record_salary_step(
        person=an, step=1, coefficient=Decimal("2.34"), effective_from=dt.date(2015, 3, 1), acting_user=hr_a
    )
    raised = do_record_salary_step(
        person=an, step=2, coefficient=Decimal("2.67"), effective_from=dt.date(2018, 3, 1), acting_user=hr_a
    )
    first.refresh_from_db()
    assert first.effective_to == dt.date(2018, 2, 28)
    assert (raised.rank_code, raised.salary_table, raised.salary_group) == (
        "01.003",
        "bang_2_cong_chuc",
        "A1",
    )
    assert SalaryHistory.objects.filter(person=an).as_of(dt.date(2019, 1, 1)).get().coefficient == Decimal(
        "2.67"
    )


def test_allowance_of_one_kind_replaces_only_that_kind(people, hr_a):
    an = people["an"]
    leadership = do_record_allowance(
        person=an,
        kind=AllowanceKind.LEADERSHIP,
        coefficient=Decimal("0.30"),
        effective_from=dt.date(2020, 1, 1),
        acting_user=hr_a,
    )
    regional = do_record_allowance(
        person=an,
        kind=AllowanceKind.REGIONAL,
        coefficient=Decimal("0.20"),
        effective_from=dt.date(2020, 1, 1),
        acting_user=hr_a,
    )
    do_record_allowance(
        person=an,
        kind=AllowanceKind.LEADERSHIP,
        coefficient=Decimal("0.50"),
        effective_from=dt.date(2022, 1, 1),
        acting_user=hr_a,
    )
    leadership.refresh_from_db()
    regional.refresh_from_db()
    assert leadership.effective_to == dt.date(2021, 12, 31)
    assert regional.effective_to is None
    in_force = {
        row.kind: row.coefficient for row in Allowance.objects.filter(person=an).as_of(dt.date(2022, 6, 1))
    }
    assert in_force == {AllowanceKind.LEADERSHIP: Decimal("0.50"), AllowanceKind.REGIONAL: Decimal("0.20")}
    ended = do_end_allowance(
        person=an, kind=AllowanceKind.REGIONAL, last_day=dt.date(2022, 12, 31), acting_user=hr_a
    )
    assert ended.effective_to == dt.date(2022, 12, 31)
    with pytest.raises(ValidationError):
        do_end_allowance(
            person=an, kind=AllowanceKind.REGIONAL, last_day=dt.date(2023, 1, 31), acting_user=hr_a
        )


def test_update_dossier_stores_the_ethnic_code_and_refuses_unknown_groups(people, hr_a):
    an = do_update_dossier(
        person=people["an"],
        changes={"ethnic_group": "Khmer", "religion": "Phật giáo", "recruited_on": dt.date(2010, 9, 1)},
        acting_user=hr_a,
    )
    an.refresh_from_db()
    assert (an.ethnic_group, an.ethnic_group_name, an.religion) == ("05", "Khơ-me", "buddhism")
    assert an.history.first().history_user == hr_a
    with pytest.raises(ValidationError):
        do_update_dossier(person=an, changes={"ethnic_group": "Không rõ"}, acting_user=hr_a)
    with pytest.raises(ValueError):
        do_update_dossier(person=an, changes={"organization": None}, acting_user=hr_a)


def test_correcting_a_yearly_rating_keeps_the_previous_one_in_history(people, hr_a):
    an = people["an"]
    do_record_evaluation(person=an, year=2023, rating=Rating.COMPLETED, acting_user=hr_a)
    row = do_record_evaluation(person=an, year=2023, rating=Rating.GOOD, acting_user=hr_a)
    assert row.rating == Rating.GOOD
    assert [h.rating for h in row.history.order_by("history_date")] == [Rating.COMPLETED, Rating.GOOD]


def test_personal_data_visible_to_hr_officer_not_to_leader(people, hr_a, leader_a, hr_b):
    an = people["an"]
    assert personal_data_visible(hr_a, an)
    assert not personal_data_visible(leader_a, an)
    assert not personal_data_visible(hr_b, an)


def test_masks_hide_the_middle_of_identifiers_and_the_detail_of_addresses():
    assert mask_cccd("001085012345") == "001*******45"
    assert mask_cccd("") == ""
    assert mask_address("Số 5 ngõ 10, phường Hàng Bông, thành phố Hà Nội") == "***, thành phố Hà Nội"
    assert mask_address("Thôn Đông") == "***"
    assert mask_phone("0912 345 678") == "*******678"
    assert mask_email("nguyenvanan@example.vn") == "n***@example.vn"
    assert mask_name("Nguyễn Văn Bình") == "N. V. B."


def test_each_fact_recorded_writes_its_event_in_the_persons_unit(people, hr_a):
    an = people["an"]
    rank = do_record_rank_change(
        person=an, rank_code="01.003", effective_from=dt.date(2015, 3, 1), acting_user=hr_a
    )
    allowance = do_record_allowance(
        person=an,
        kind=AllowanceKind.LEADERSHIP,
        coefficient=Decimal("0.30"),
        effective_from=dt.date(2020, 1, 1),
        acting_user=hr_a,
    )
    do_end_allowance(
        person=an, kind=AllowanceKind.LEADERSHIP, last_day=dt.date(2024, 12, 31), acting_user=hr_a
    )
    events = list(AuditEvent.objects.order_by("pk"))
    assert [(e.event_type, e.acting_user, e.organization_path) for e in events] == [
        (RANK_RECORDED, hr_a, an.organization.path),
        (ALLOWANCE_RECORDED, hr_a, an.organization.path),
        (ALLOWANCE_ENDED, hr_a, an.organization.path),
    ]
    assert events[0].target_id == str(rank.pk) and events[1].target_id == str(allowance.pk)
