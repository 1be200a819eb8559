"""Staffing's part of the demo data set (dữ liệu mẫu): quotas of last year and this year for every unit that
holds one, fitted to the persons the demo created; the organisation details of the agencies; restructuring
events of 2025 (divisions merged and renamed, persons moved with their history); streamlining targets of
2022–2026 and streamlining cases of real demo persons under the decree of their date, those already
carried out having left their assignment.

Written in bulk (a few grouped queries, COPY or multi-row inserts), so that ``--size national`` stays fast.
"""

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F
from django.utils.translation import gettext as _

from noivu.core.bulk import analyze, insert_rows, reserve_ids
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.models import LegalBasis
from noivu.core.rules import rule_table
from noivu.organizations.models import Organization, OrganizationKind
from noivu.personnel.models import Assignment, Person
from noivu.personnel.retirement.engine import RetirementError, retirement_date
from noivu.staffing import benefits as rules
from noivu.staffing.models import (
    QUOTA_OF_CATEGORY,
    OrganizationProfile,
    OrganizationType,
    QuotaCategory,
    RestructuringEvent,
    RestructuringKind,
    StaffingQuota,
    StreamliningCase,
    StreamliningGround,
    StreamliningTarget,
    Workflow,
)

QUOTA_HOLDERS = {
    OrganizationKind.MINISTRY,
    OrganizationKind.PROVINCE_COMMITTEE,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.PUBLIC_SERVICE_UNIT,
    OrganizationKind.COMMUNE_COMMITTEE,
}
PROFILE_TYPES = {
    OrganizationKind.MINISTRY: OrganizationType.ADMINISTRATIVE,
    OrganizationKind.PROVINCE_COMMITTEE: OrganizationType.ADMINISTRATIVE,
    OrganizationKind.DEPARTMENT: OrganizationType.ADMINISTRATIVE,
    OrganizationKind.DIVISION: OrganizationType.ADMINISTRATIVE,
    OrganizationKind.PUBLIC_SERVICE_UNIT: OrganizationType.PUBLIC_SERVICE_BUDGET,
    OrganizationKind.COMMUNE_COMMITTEE: OrganizationType.COMMUNE_GOVERNMENT,
}
FUNCTIONS = {
    OrganizationKind.PROVINCE_COMMITTEE: (
        "Cơ quan hành chính nhà nước ở địa phương, chấp hành của Hội đồng nhân dân tỉnh."
    ),
    OrganizationKind.DEPARTMENT: (
        "Cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý "
        "nhà nước về ngành, lĩnh vực được giao."
    ),
    OrganizationKind.PUBLIC_SERVICE_UNIT: (
        "Đơn vị sự nghiệp công lập cung cấp dịch vụ sự nghiệp công trong lĩnh vực được giao."
    ),
    OrganizationKind.COMMUNE_COMMITTEE: (
        "Cơ quan hành chính nhà nước ở cấp xã theo mô hình chính quyền địa phương hai cấp."
    ),
    OrganizationKind.MINISTRY: "Cơ quan của Chính phủ, quản lý nhà nước về ngành, lĩnh vực được giao.",
}
BASES = {
    OrganizationKind.PROVINCE_COMMITTEE: (
        "202/2025/QH15",
        "Điều 1",
        "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
        dt.date(2025, 6, 12),
    ),
    OrganizationKind.COMMUNE_COMMITTEE: (
        "72/2025/QH15",
        "",
        "Luật Tổ chức chính quyền địa phương",
        dt.date(2025, 6, 16),
    ),
}
CASE_SHARE = 0.004
MAX_CASES = 3_000
TWO_TIER_MERGE_DAY = dt.date(2025, 9, 1)


def _basis(number: str, article: str, title: str, issued: dt.date) -> LegalBasis:
    basis, _created = LegalBasis.objects.get_or_create(
        document_number=number,
        article=article,
        defaults={
            "title": title,
            "issued_on": issued,
            "effective_on": issued,
            "confidence": LegalBasis.Confidence.CROSS_CHECKED,
        },
    )
    return basis


def _units(root_path: str) -> list[tuple[int, str, str, str, str, dt.date | None]]:
    return list(
        Organization.objects.unrestricted()
        .filter(path__startswith=root_path)
        .values_list("pk", "path", "code", "name", "kind", "effective_to")
        .order_by("path")
    )


def _assigned(root_path: str, day: dt.date) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    rows = (
        Assignment.objects.unrestricted()
        .as_of(day)
        .filter(is_primary=True, organization__path__startswith=root_path)
        .values_list("organization__path", "category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for path, category, count in rows:
        kind = QUOTA_OF_CATEGORY.get(category)
        if kind is not None:
            counts[path, kind] += count
    return counts


def _quotas(
    rng: random.Random, units: list, counts: dict[tuple[str, str], int], year: int, slack: float
) -> list[tuple]:
    """Quotas of ``year`` for every holder with persons of a kind in its subtree, fitted bottom-up so that a
    parent's quota is at least the sum of its nearest holders' below (some units end up over quota)."""
    subtree: dict[tuple[str, str], int] = defaultdict(int)
    lengths = sorted({len(path) for _pk, path, *_rest in units})
    for (path, kind), count in counts.items():
        for length in lengths:
            if length <= len(path):
                subtree[path[:length], kind] += count
    ids = {path: pk for pk, path, _code, _name, kind, end in units if kind in QUOTA_HOLDERS and end is None}
    below: dict[tuple[str, str], int] = defaultdict(int)
    quotas: dict[tuple[str, str], int] = {}
    for path in sorted(ids, key=len, reverse=True):
        parent = next((path[:n] for n in range(len(path) - 4, 0, -4) if path[:n] in ids), None)
        for kind in QuotaCategory.values:
            assigned = subtree.get((path, kind), 0)
            if not assigned:
                continue
            fitted = round(assigned * (slack + rng.uniform(-0.07, 0.08)))
            quantity = max(fitted, below.get((path, kind), 0), 1)
            quotas[path, kind] = quantity
            if parent is not None:
                below[parent, kind] += quantity
    decided = dt.date(year - 1, 12, 15)
    return [
        (
            ids[path],
            kind,
            quantity,
            year,
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            Workflow.APPROVED,
            f"{rng.randint(100, 3999)}/QĐ-UBND",
            decided,
            "Ủy ban nhân dân cấp tỉnh",
        )
        for (path, kind), quantity in quotas.items()
    ]


def _merge_divisions(
    rng: random.Random, units: list, context: DemoContext
) -> tuple[list[RestructuringEvent], int]:
    """In a few departments, one division merged into another on 01/09/2025 (its persons moved with a new
    assignment, the old one kept) and one renamed; one public service unit proposed to move."""
    by_parent: dict[str, list] = defaultdict(list)
    kinds = {path: kind for _pk, path, _c, _n, kind, _e in units}
    for unit in units:
        _pk, path, _code, _name, kind, end = unit
        if (
            kind == OrganizationKind.DIVISION
            and end is None
            and kinds.get(path[:-4]) == OrganizationKind.DEPARTMENT
        ):
            by_parent[path[:-4]].append(unit)
    departments = [path for path, divisions in by_parent.items() if len(divisions) >= 3]
    rng.shuffle(departments)
    chosen = departments[: max(1, min(len(departments) // 8, 60))]
    events: list[RestructuringEvent] = []
    moves: list[tuple[int, int]] = []  # (absorbed division id, receiving division id)
    day = TWO_TIER_MERGE_DAY
    basis = _basis(
        "178/2024/NĐ-CP",
        "Điều 2 (sửa đổi bởi Nghị định 67/2025/NĐ-CP)",
        "Chính sách, chế độ đối với cán bộ, công chức, viên chức, người lao động và lực lượng vũ trang "
        "trong thực hiện sắp xếp tổ chức bộ máy",
        dt.date(2024, 12, 31),
    )
    for number, department in enumerate(chosen, 1):
        divisions = by_parent[department]
        absorbed, receiving, renamed = rng.sample(divisions, 3)
        moves.append((absorbed[0], receiving[0]))
        common = {
            "decision_date": dt.date(2025, 8, 15),
            "decided_by": "Ủy ban nhân dân cấp tỉnh",
            "legal_basis": basis,
        }
        events.append(
            RestructuringEvent(
                kind=RestructuringKind.MERGE,
                organization_id=absorbed[0],
                successor_id=receiving[0],
                old_name=absorbed[3],
                effective_date=day,
                status=Workflow.DONE,
                decision_number=f"{1500 + number}/QĐ-UBND",
                description=f"Sáp nhập {absorbed[3]} vào {receiving[3]}.",
                **common,
            )
        )
        new_name = f"{renamed[3]} và Chuyển đổi số"
        events.append(
            RestructuringEvent(
                kind=RestructuringKind.RENAME,
                organization_id=renamed[0],
                old_name=renamed[3],
                new_name=new_name,
                effective_date=day,
                status=Workflow.DONE,
                decision_number=f"{2500 + number}/QĐ-UBND",
                **common,
            )
        )
        Organization.objects.unrestricted().filter(pk=renamed[0]).update(name=new_name)
    if chosen:
        moved = _move_persons(moves, day)
        for event in events:
            if event.kind == RestructuringKind.MERGE:
                event.persons_moved = moved.get(event.organization_id, 0)
        Organization.objects.unrestricted().filter(pk__in=[a for a, _b in moves]).update(
            effective_to=day - dt.timedelta(days=1)
        )
    psus = [u for u in units if u[4] == OrganizationKind.PUBLIC_SERVICE_UNIT and u[5] is None]
    depts = [u for u in units if u[4] == OrganizationKind.DEPARTMENT]
    if psus and len(depts) >= 2:
        unit = rng.choice(psus)
        target = rng.choice([d for d in depts if not unit[1].startswith(d[1])])
        events.append(
            RestructuringEvent(
                kind=RestructuringKind.TRANSFER,
                organization_id=unit[0],
                successor_id=target[0],
                old_name=unit[3],
                effective_date=dt.date(context.as_of.year + 1, 1, 1),
                status=Workflow.PROPOSED,
                description=f"Chuyển {unit[3]} về trực thuộc {target[3]}.",
            )
        )
    RestructuringEvent.objects.bulk_create(events, batch_size=1000)
    return events, len(moves)


def _move_persons(moves: list[tuple[int, int]], day: dt.date) -> dict[int, int]:
    """Close the assignments in force in each absorbed division the day before ``day`` and open one in the
    receiving division from ``day`` until the closed one's end; later assignments in an absorbed division
    (a promotion after the merger) move to the receiving division, and so do the persons, each move kept in
    their history. In bulk."""
    absorbed = {a: b for a, b in moves}
    movers = list(
        Person.objects.unrestricted().filter(organization_id__in=absorbed).values_list("pk", flat=True)
    )
    rows = list(
        Assignment.objects.unrestricted()
        .as_of(day)
        .filter(is_primary=True, organization_id__in=absorbed, effective_from__lt=day)
        .values_list("pk", "person_id", "organization_id", "category", "position_title", "effective_to")
    )
    for old, new in absorbed.items():
        Assignment.objects.unrestricted().filter(organization_id=old, effective_from__gte=day).update(
            organization_id=new
        )
        Person.objects.unrestricted().filter(organization_id=old).update(organization_id=new)
    Person.history.bulk_history_create(
        list(Person.objects.unrestricted().filter(pk__in=movers)),
        update=True,
        default_change_reason="Chuyển đơn vị theo sắp xếp tổ chức",
    )
    if not rows:
        return {}
    Assignment.objects.unrestricted().filter(pk__in=[r[0] for r in rows]).update(
        effective_to=day - dt.timedelta(days=1)
    )
    ids = reserve_ids(Assignment, len(rows))
    insert_rows(
        Assignment,
        [
            "id",
            "person_id",
            "organization_id",
            "category",
            "position_title",
            "effective_from",
            "effective_to",
            "is_primary",
        ],
        [(ids[i], r[1], absorbed[r[2]], r[3], r[4], day, r[5], True) for i, r in enumerate(rows)],
    )
    moved: dict[int, int] = defaultdict(int)
    for _pk, _person, org, _category, _title, _end in rows:
        moved[org] += 1
    return moved


def _salary(rng: random.Random, category: str, day: dt.date) -> int:
    base = rule_table("base_salary").lookup("base_salary", day).value
    coefficient = Decimal(str(round(rng.uniform(3.0, 6.2), 2)))
    if rng.random() < 0.3:
        coefficient += Decimal("0.3")
    return int(coefficient * base)


def _cases(
    rng: random.Random, context: DemoContext, events: list[RestructuringEvent]
) -> list[StreamliningCase]:
    """Streamlining cases of demo persons: 2025 restructuring (Nghị định 178/2024) carried out, 2026 cases
    under Nghị định 154/2025 approved or proposed, each computed by the benefit rules."""
    wanted = min(max(6, int(context.persons * CASE_SHARE)), MAX_CASES)
    as_of = context.as_of
    oldest, youngest = dt.date(as_of.year - 63, 1, 1), dt.date(as_of.year - 40, 12, 31)
    candidates = list(
        Assignment.objects.unrestricted()
        .as_of(as_of)
        .filter(
            is_primary=True,
            organization__path__startswith=context.root_path,
            person__birth_date__range=(oldest, youngest),
            effective_from__lt=dt.date(2025, 1, 1),
        )
        .exclude(category__in=["non_professional"])
        # Every step-th person, so that the cases spread over the whole tree of a national data set.
        .alias(bucket=F("person_id") % max(1, context.persons // (wanted * 60)))
        .filter(bucket=0)
        .values_list(
            "person_id",
            "organization_id",
            "category",
            "person__birth_date",
            "person__gender",
            "effective_from",
        )
        .order_by("person_id")[: wanted * 12]
    )
    rng.shuffle(candidates)
    merge = next((e for e in events if e.kind == RestructuringKind.MERGE), None)
    benefits = rules.Benefits.load()
    plans = [
        # (policy, ground, case_date, leave_date, status, restructuring, decision date)
        (
            "early_retirement",
            StreamliningGround.RESTRUCTURING,
            dt.date(2025, 3, 20),
            dt.date(2025, 6, 1),
            Workflow.DONE,
        ),
        (
            "resignation",
            StreamliningGround.RESTRUCTURING,
            dt.date(2025, 5, 10),
            dt.date(2025, 8, 1),
            Workflow.DONE,
        ),
        (
            "early_retirement",
            StreamliningGround.JOB_POSITION,
            dt.date(2025, 10, 1),
            dt.date(2026, 1, 1),
            Workflow.DONE,
        ),
        (
            "early_retirement",
            StreamliningGround.JOB_POSITION,
            as_of,
            dt.date(as_of.year + 1, 1, 1),
            Workflow.APPROVED,
        ),
        ("resignation", StreamliningGround.RATING, as_of, dt.date(as_of.year + 1, 3, 1), Workflow.PROPOSED),
        (
            "transfer_non_budget",
            StreamliningGround.JOB_POSITION,
            as_of,
            dt.date(as_of.year + 1, 2, 1),
            Workflow.PROPOSED,
        ),
    ]
    cases: list[StreamliningCase] = []
    used: set[int] = set()
    for person_id, org_id, category, birth, gender, started in candidates:
        if started is None:
            continue
        if len(cases) >= wanted:
            break
        if person_id in used or QUOTA_OF_CATEGORY.get(category) is None:
            continue
        try:
            pension_start = retirement_date(birth, gender).pension_start
        except RetirementError:
            continue
        policy, ground, case_date, leave, status = plans[len(cases) % len(plans)]
        months = (pension_start.year * 12 + pension_start.month) - (leave.year * 12 + leave.month)
        salary = _salary(rng, category, leave - dt.timedelta(days=1))
        si = (leave.year * 12 + leave.month) - (started.year * 12 + started.month)
        case = rules.BenefitCase(
            policy=policy,
            leave_date=leave,
            case_date=case_date,
            salary_current=salary,
            salary_average=int(salary * 0.93),
            months_to_retirement=max(months, 0),
            si_years=si // 12,
            si_months=si % 12,
            restructuring=ground == StreamliningGround.RESTRUCTURING,
            restructuring_decision_date=dt.date(2025, 3, 1),
            gender=gender,
        )
        try:
            result = rules.compute(case, benefits)
        except rules.BenefitError:
            continue
        used.add(person_id)
        decided = status in (Workflow.DONE, Workflow.APPROVED)
        cases.append(
            StreamliningCase(
                person_id=person_id,
                organization_id=org_id,
                category=QUOTA_OF_CATEGORY[category],
                ground=ground,
                policy=policy,
                case_date=case_date,
                leave_date=leave,
                restructuring=merge
                if ground == StreamliningGround.RESTRUCTURING and merge is not None and merge.pk
                else None,
                restructuring_decision_date=case.restructuring_decision_date if case.restructuring else None,
                regime=result.regime,
                salary_current=salary,
                salary_average=case.salary_average,
                si_years=case.si_years,
                si_months=case.si_months,
                months_to_retirement=case.months_to_retirement,
                benefit_total=result.total,
                benefit=result.explain(),
                status=status,
                decision_number=f"{rng.randint(100, 2999)}/QĐ-UBND" if decided else "",
                decision_date=case_date + dt.timedelta(days=20) if decided else None,
                decided_by="Ủy ban nhân dân cấp tỉnh" if decided else "",
            )
        )
    StreamliningCase.objects.bulk_create(cases, batch_size=1000)
    done = [(c.person_id, c.leave_date) for c in cases if c.status == Workflow.DONE]
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for person_id, leave in done:
        by_day[leave].append(person_id)
    for leave, persons in by_day.items():
        Assignment.objects.unrestricted().filter(
            person_id__in=persons, is_primary=True, effective_from__lt=leave, effective_to__isnull=True
        ).update(effective_to=leave - dt.timedelta(days=1))
        Assignment.objects.unrestricted().filter(
            person_id__in=persons, is_primary=True, effective_from__lt=leave, effective_to__gte=leave
        ).update(effective_to=leave - dt.timedelta(days=1))
    return cases


def load(context: DemoContext) -> str:
    rng = random.Random(f"noivu-demo:{context.seed}:staffing")
    units = _units(context.root_path)
    events, merges = _merge_divisions(rng, units, context)
    units = _units(context.root_path)
    cases = _cases(rng, context, events)
    this_year = context.as_of.year
    columns = [
        "organization_id",
        "category",
        "quantity",
        "year",
        "effective_from",
        "effective_to",
        "status",
        "decision_number",
        "decision_date",
        "decided_by",
    ]
    last = _quotas(
        rng, units, _assigned(context.root_path, dt.date(this_year - 1, 12, 31)), this_year - 1, 1.05
    )
    current = _quotas(rng, units, _assigned(context.root_path, context.as_of), this_year, 1.0)
    insert_rows(StaffingQuota, columns, [*last, *current])
    _profiles(units)
    _targets(units, context)
    analyze(StaffingQuota, StreamliningCase, RestructuringEvent, OrganizationProfile)
    return _(
        "Biên chế: %(quotas)s biên chế được giao, %(events)s sự kiện sắp xếp tổ chức (%(merges)s sáp nhập), "
        "%(cases)s hồ sơ tinh giản biên chế."
    ) % {
        "quotas": f"{len(last) + len(current):,}",
        "events": len(events),
        "merges": merges,
        "cases": len(cases),
    }


def _profiles(units: list) -> None:
    bases = {kind: _basis(*spec) for kind, spec in BASES.items()}
    profiles = [
        OrganizationProfile(
            organization_id=pk,
            organization_type=PROFILE_TYPES[kind],
            functions=FUNCTIONS.get(kind, ""),
            establishment_basis=bases.get(kind),
        )
        for pk, _path, _code, _name, kind, end in units
        if kind in FUNCTIONS and end is None
    ]
    OrganizationProfile.objects.bulk_create(profiles, batch_size=2000)


def _targets(units: list, context: DemoContext) -> None:
    table = rule_table("streamlining_targets")
    tops = [u for u in units if u[4] == OrganizationKind.PROVINCE_COMMITTEE]
    counts = _assigned(context.root_path, dt.date(2025, 1, 1))
    targets: list[StreamliningTarget] = []
    for pk, path, *_rest in tops:
        for kind in (QuotaCategory.CIVIL_SERVANT, QuotaCategory.PUBLIC_EMPLOYEE):
            law = table.get(kind, dt.date(2022, 1, 1))
            if law is None:
                continue
            now = sum(value for (p, k), value in counts.items() if k == kind and p.startswith(path))
            targets.append(
                StreamliningTarget(
                    organization_id=pk,
                    category=kind,
                    effective_from=dt.date(2022, 1, 1),
                    effective_to=dt.date(2026, 12, 31),
                    baseline_year=2021,
                    baseline=round(now * 1.04),
                    min_cut=Decimal(law.value["min_cut"]),
                    legal_basis=law.legal_basis,
                )
            )
    StreamliningTarget.objects.bulk_create(targets)


def clear(root_path: str) -> None:
    """Delete what does not cascade from the demo's organisations and persons."""
    for model in (StreamliningCase, StreamliningTarget, StaffingQuota):
        model.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    RestructuringEvent.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="staffing", order=30, load=load, clear=clear))
