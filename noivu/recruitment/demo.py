"""Recruitment's part of the demo data set (dữ liệu mẫu): a round in progress in the first agency whose
approved job positions have vacancies — an approved exam plan whose applications closed and whose exam was
held two weeks ago, two rooms, a dozen candidates (one refused for a qualification below the position's), the
scores of round 1 and round 2 entered twice, and an appeal waiting for its result; and the probations of the
public employees recruited lately."""

import datetime as dt
import random
from decimal import Decimal

from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.positions.models import PositionProject, ProjectStatus
from noivu.recruitment.actions import add_months
from noivu.recruitment.models import (
    Appeal,
    Candidate,
    PlanPosition,
    Probation,
    RecruitmentPlan,
    Room,
    Score,
    StaffKind,
    TalentGrant,
)
from noivu.recruitment.probation import probation_months
from noivu.recruitment.talent import TALENT_TABLE, talent_problem
from noivu.recruitment.vacancies import vacancies

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
MIDDLE = (("Văn", "M"), ("Thị", "F"), ("Minh", "M"), ("Thu", "F"), ("Đức", "M"), ("Ngọc", "F"))
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Nam", "Phương", "Quân", "Trang")
PROVINCE_CODES = ("001", "079", "031", "048")


def _cccd(rng: random.Random, birth: dt.date, gender: str) -> str:
    digit = (0 if birth.year < 2000 else 2) + (1 if gender == "F" else 0)
    return f"{rng.choice(PROVINCE_CODES)}{digit}{birth.year % 100:02d}{rng.randint(0, 999_999):06d}"


PROBATIONS = 12


def _probations(context: DemoContext) -> int:
    """The probations (tập sự) of the demo's public employees recruited in the last fifteen months, each as
    long as the rule in force on its first day says (Nghị định 115/2020/NĐ-CP Điều 21): most still running,
    a few over and waiting for their end to be recorded. Civil servants recruited since 01/7/2025 serve
    none (Nghị định 170/2025/NĐ-CP Điều 70)."""
    recruits = Person.objects.unrestricted().filter(
        organization__path__startswith=context.root_path,
        category=StaffKind.PUBLIC_EMPLOYEE,
        recruited_on__gt=context.as_of - dt.timedelta(days=460),
        recruited_on__lte=context.as_of,
    )
    year_ago = context.as_of - dt.timedelta(days=365)
    running = recruits.filter(recruited_on__gt=year_ago).order_by("-recruited_on", "pk")[: PROBATIONS - 3]
    due = recruits.filter(recruited_on__lte=year_ago).order_by("-recruited_on", "pk")[:3]
    rows = []
    for person in [*due, *running]:
        assert person.recruited_on is not None
        months, rule = probation_months(StaffKind.PUBLIC_EMPLOYEE, "university", person.recruited_on)
        if not months:
            continue
        rows.append(
            Probation(
                person=person,
                starts_on=person.recruited_on,
                ends_on=add_months(person.recruited_on, months) - dt.timedelta(days=1),
                months=months,
                legal_basis=rule.legal_basis.citation,
            )
        )
    Probation.objects.bulk_create(rows)
    return len(rows)


TALENT_GRANTS = 4
# The conditions a demo graduate meets: under 140/2017 its required degree and a prize, under 179/2024 the
# valedictorian's.
GRADUATE_CONDITIONS = (["excellent_degree", "olympiad_prize"], ["valedictorian"])


def _talent_grants(context: DemoContext) -> int:
    """A few of the youngest people recruited in the last eight years as excellent graduates, each checked
    against the rule in force on the day they were recruited (Nghị định 140/2017/NĐ-CP, then
    179/2024/NĐ-CP); those the rule refuses (over its age) get none."""
    table = rule_table(TALENT_TABLE)
    recruits = (
        Person.objects.unrestricted()
        .filter(
            organization__path__startswith=context.root_path,
            recruited_on__gt=context.as_of - dt.timedelta(days=8 * 365),
            recruited_on__lte=context.as_of,
        )
        .order_by("-birth_date", "pk")[:40]
    )
    rows: list[TalentGrant] = []
    for person in recruits:
        assert person.recruited_on is not None
        rule = table.get("excellent_graduate", person.recruited_on)
        if rule is None:
            continue
        known = {item["code"] for item in rule.value["conditions"]}
        conditions = next(c for c in GRADUATE_CONDITIONS if set(c) <= known)
        if talent_problem(rule, person.birth_date, conditions, person.recruited_on):
            continue
        rows.append(
            TalentGrant(
                person=person,
                track="excellent_graduate",
                conditions=conditions,
                incentives=rule.value["incentives"][:2],
                granted_on=person.recruited_on,
                decision_number=f"{len(rows) + 11}/QĐ-UBND",
                legal_basis=rule.legal_basis.citation,
            )
        )
        if len(rows) == TALENT_GRANTS:
            break
    TalentGrant.objects.bulk_create(rows)
    return len(rows)


def load(context: DemoContext) -> str:
    probations = _probations(context)
    grants = _talent_grants(context)
    rng = random.Random(context.seed * 14)
    agencies = (
        PositionProject.objects.unrestricted()
        .filter(organization__path__startswith=context.root_path, status=ProjectStatus.APPROVED)
        .filter(staff_kind="civil_servant")
        .order_by("organization__path")
        .values_list("organization_id", flat=True)[:30]
    )
    for agency_id in agencies:
        agency = Organization.objects.unrestricted().get(pk=agency_id)
        open_positions = [v for v in vacancies(agency, context.as_of) if v.staff_kind == "civil_servant"][:2]
        if open_positions:
            break
    else:
        return (
            "Tuyển dụng: không có cơ quan nào còn vị trí việc làm thiếu người; không tạo kỳ tuyển dụng; "
            f"{probations} người đang hoặc vừa hết tập sự; {grants} người diện thu hút tài năng."
        )
    day = context.as_of
    plan = RecruitmentPlan.objects.create(
        organization=agency,
        title=f"Thi tuyển công chức {agency.name} năm {day.year}",
        staff_kind="civil_servant",
        method="exam",
        status="approved",
        applications_open=day - dt.timedelta(days=75),
        applications_close=day - dt.timedelta(days=45),
        exam_date=day - dt.timedelta(days=14),
        requirements="Tốt nghiệp đại học trở lên, chuyên ngành phù hợp vị trí việc làm.",
        approval_number=f"{rng.randint(10, 99)}/QĐ-SNV",
        approval_date=day - dt.timedelta(days=80),
    )
    positions = [
        PlanPosition.objects.create(
            plan=plan,
            code=vacancy.code,
            name=vacancy.name,
            quota=min(vacancy.vacant, 2),
            min_qualification="university",
            rank_code=vacancy.min_rank_code,
            exam_form="written_interview" if index == 0 else "single",
            round1=True,
        )
        for index, vacancy in enumerate(open_positions)
    ]
    rooms = [Room.objects.create(plan=plan, name=f"Phòng {n}", capacity=8) for n in (1, 2)]
    grounds = [[], [], [], ["ethnic_minority"], ["service_completed"], []]
    candidates = []
    for index in range(12):
        middle, gender = rng.choice(MIDDLE)
        birth = dt.date(rng.randint(1990, 2001), rng.randint(1, 12), rng.randint(1, 28))
        ineligible = index == 11
        candidates.append(
            Candidate.objects.create(
                plan=plan,
                position=positions[index % len(positions)],
                full_name=f"{rng.choice(SURNAMES)} {middle} {GIVEN[index]}",
                birth_date=birth,
                gender=gender,
                cccd_number=_cccd(rng, birth, gender),
                email=f"thisinh{index + 1}@example.com",
                qualification="college" if ineligible else rng.choice(["university", "university", "master"]),
                documents=["application_form", "degree"],
                priority_grounds=rng.choice(grounds),
                source="public" if index % 3 == 0 else "office",
                status="ineligible" if ineligible else "eligible",
                ineligibility=["Trình độ Cao đẳng thấp hơn yêu cầu của vị trí (Đại học)."]
                if ineligible
                else [],
                room=None if ineligible else rooms[index % 2],
                number="" if ineligible else f"{index + 1:04d}",
            )
        )
    scores = []
    for candidate in candidates[:-1]:
        parts = ["general"]
        parts += (
            ["written", "interview"]
            if candidate.position.exam_form == "written_interview"
            else ["professional"]
        )
        for part in parts:
            value = Decimal(rng.randint(4800, 9500)) / 100
            scores.append(
                Score(candidate=candidate, part=part, first_entry=value, second_entry=value, value=value)
            )
    Score.objects.bulk_create(scores)
    appealed = next(s for s in scores if s.part in ("professional", "written"))
    assert appealed.value is not None
    Appeal.objects.create(
        candidate=appealed.candidate,
        part=appealed.part,
        requested_on=day - dt.timedelta(days=1),
        old_value=appealed.value,
    )
    return (
        f"Tuyển dụng: 1 kỳ thi tuyển tại {agency.name}, {len(positions)} vị trí, "
        f"{len(candidates)} thí sinh, 1 đơn phúc khảo; {probations} người đang hoặc vừa hết tập sự; "
        f"{grants} người diện thu hút tài năng."
    )


def clear(root_path: str) -> None:
    RecruitmentPlan.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Probation.objects.unrestricted().filter(person__organization__path__startswith=root_path).delete()
    TalentGrant.objects.unrestricted().filter(person__organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="recruitment", order=50, load=load, clear=clear))
