"""Planner, plan evaluation, workflow and adoption on a small district (Đan Phượng, Hà Nội) with
hand-set figures: the solver's groups meet the 2025 rule, bad hand-drawn plans are refused with a clear
message, and an adopted plan changes the registry, the organisation tree, people and addresses."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import make_org, make_person, make_user
from noivu.admin_units.arrangement.actions import (
    do_adopt_plan,
    do_approve_plan,
    do_propose_plan,
    do_set_plan_groups,
    do_submit_plan,
)
from noivu.admin_units.arrangement.engine import evaluate_groups, plan_scope
from noivu.admin_units.arrangement.models import PlanStatus
from noivu.admin_units.models import AdminUnit, Level, Regime, UnitChange, UnitFigure
from noivu.admin_units.registry import units_on
from noivu.core.models import AuditEvent
from noivu.core.permissions import Role
from noivu.organizations.models import Organization, OrganizationKind, OrganizationLevel
from noivu.personnel.models import PersonAddress

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 5, 1)
DAN_PHUONG = "273"


@pytest.fixture
def district():
    communes = list(
        AdminUnit.objects.filter(regime=Regime.LEGACY, level=Level.COMMUNE, parent_code=DAN_PHUONG)
    )
    for unit in communes:
        UnitFigure.objects.create(
            unit=unit, effective_from=dt.date(2019, 4, 1), area_km2=Decimal("5"), population=9000
        )
    return communes


@pytest.fixture
def world(district):
    root = make_org(None, "VN", "Chính phủ", OrganizationKind.GOVERNMENT, OrganizationLevel.CENTRAL)
    province = make_org(
        root, "T01", "UBND Hà Nội", OrganizationKind.PROVINCE_COMMITTEE, OrganizationLevel.PROVINCE
    )
    province.admin_unit_code = "01"
    province.save()
    committees = {}
    pair = set(sorted(plan_scope(DAN_PHUONG, DAY).edges)[0])
    for unit in [u for u in district if u.code in pair]:
        org = make_org(
            province,
            f"X{unit.code}",
            f"UBND {unit.name}",
            OrganizationKind.COMMUNE_COMMITTEE,
            OrganizationLevel.COMMUNE,
        )
        org.admin_unit_code = unit.code
        org.save()
        committees[unit.code] = org
    return {
        "province": province,
        "committees": committees,
        "officer": make_user("hr", Role.HR_OFFICER, province),
        "approver": make_user("ap", Role.APPROVER, province),
        "admin": make_user("ad", Role.SYSTEM_ADMIN, province),
    }


def test_the_solver_merges_every_unit_that_must_be_arranged_into_groups_that_meet_the_rule(world):
    plan = do_propose_plan(
        organization=world["province"],
        name="PA1",
        parent_code=DAN_PHUONG,
        as_of=DAY,
        acting_user=world["officer"],
        time_limit=10,
    )
    assert plan.solver_report["status"] in ("OPTIMAL", "FEASIBLE") and plan.solver_report["unresolved"] == []
    scope = plan_scope(DAN_PHUONG, DAY, plan.period)
    evaluation = evaluate_groups(scope, [g.members for g in plan.groups.all()])
    assert evaluation.errors == [] and all(row.ok for row in evaluation.rows)
    assert evaluation.units_after < evaluation.units_before
    assert AuditEvent.objects.filter(event_type="arrangement.plan_proposed").exists()


def test_hand_drawn_plans_with_a_unit_twice_or_apart_are_refused(world, district):
    plan = do_propose_plan(
        organization=world["province"],
        name="PA",
        parent_code=DAN_PHUONG,
        as_of=DAY,
        solve=False,
        acting_user=world["officer"],
    )
    a, b = district[0].code, district[1].code
    with pytest.raises(ValidationError, match="nằm trong hai nhóm"):
        do_set_plan_groups(plan=plan, groups=[[a, b], [b, district[2].code]], acting_user=world["officer"])
    scope = plan_scope(DAN_PHUONG, DAY)
    far = next(
        u.code
        for u in district
        if u.code != a and (a, u.code) not in scope.edges and (u.code, a) not in scope.edges
    )
    with pytest.raises(ValidationError, match="không liền kề"):
        do_set_plan_groups(plan=plan, groups=[[a, far]], acting_user=world["officer"])
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        do_set_plan_groups(plan=plan, groups=[[a, "00001"]], acting_user=world["officer"])


def test_an_adopted_plan_becomes_change_events_and_merges_committees_people_and_addresses(world, district):
    group = sorted(world["committees"])
    plan = do_propose_plan(
        organization=world["province"],
        name="PA",
        parent_code=DAN_PHUONG,
        as_of=DAY,
        solve=False,
        acting_user=world["officer"],
    )
    do_set_plan_groups(plan=plan, groups=[group], acting_user=world["officer"])
    old_committee = world["committees"][group[1]]
    person = make_person(old_committee, "Trần Văn Xã")
    address = PersonAddress.objects.create(
        person=person, kind="permanent", province_code="01", commune_code=group[1]
    )
    do_submit_plan(plan=plan, acting_user=world["officer"])
    do_approve_plan(plan=plan, acting_user=world["approver"])
    effective = dt.date(2025, 6, 1)
    do_adopt_plan(
        plan=plan,
        resolution_number="99/NQ-UBTVQH15",
        resolution_date=dt.date(2025, 5, 20),
        effective_on=effective,
        acting_user=world["admin"],
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    new = AdminUnit.objects.get(code=plan.groups.get().new_code, regime=Regime.LEGACY)
    assert new.effective_from == effective and new.name.startswith("Xã")
    change = UnitChange.objects.get(plan=plan)
    assert sorted(u.code for u in change.before.all()) == sorted(group)
    assert change.resolution_number == "99/NQ-UBTVQH15"
    before, after = (
        units_on(dt.date(2025, 5, 31), parent_code=DAN_PHUONG),
        units_on(effective, parent_code=DAN_PHUONG),
    )
    assert len(after) == len(before) - len(group) + 1 and new.code in set(after.code)
    assert after.population[list(after.code).index(new.code)] == 9000 * len(group)
    person.refresh_from_db()
    assert person.organization.admin_unit_code == new.code
    assert person.assignments.count() == 2
    old_committee.refresh_from_db()
    assert old_committee.effective_to == dt.date(2025, 5, 31)
    address.refresh_from_db()
    assert address.commune_code == new.code and new.name in address.current_text
    assert Organization.objects.filter(admin_unit_code=new.code).count() == 1
