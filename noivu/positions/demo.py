"""Job positions' part of the demo data set (dữ liệu mẫu): the position catalogue, a project for every
department, public-service unit and commune of the demo tree in every state (draft, returned, under
appraisal, approved), the people of each agency placed in its positions, and two campaigns — one whose
deadline has passed (its agencies not yet approved are overdue) and one still running.

Written in bulk (reserved keys, multi-row inserts or COPY), so that ``--size national`` stays fast.
"""

import datetime as dt
import random
from collections import defaultdict

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from noivu.core.bulk import analyze, insert_rows, reserve_ids
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.permissions import TREE_STEP
from noivu.organizations.models import Organization, OrganizationKind
from noivu.personnel.models import Assignment
from noivu.positions.frames import CATEGORIES_OF_KIND, approved_quota_by_organization
from noivu.positions.models import (
    Campaign,
    CatalogPosition,
    LeadershipRole,
    PositionGroup,
    PositionHolder,
    PositionProject,
    ProjectPosition,
    ProjectStatus,
    StaffKind,
)

L, P, S, H = PositionGroup.LEADERSHIP, PositionGroup.PROFESSIONAL, PositionGroup.SHARED, PositionGroup.SUPPORT
CS, VC = StaffKind.CIVIL_SERVANT, StaffKind.PUBLIC_EMPLOYEE
# (code, name, group, kind, leadership role, minimum rank, minimum qualification, required)
CATALOGUE = [
    ("CC.LD.01", "Người đứng đầu cơ quan", L, CS, LeadershipRole.HEAD, "01.002", "university", True),
    (
        "CC.LD.02",
        "Cấp phó của người đứng đầu cơ quan",
        L,
        CS,
        LeadershipRole.DEPUTY,
        "01.002",
        "university",
        False,
    ),
    (
        "CC.LD.03",
        "Trưởng phòng và tương đương",
        L,
        CS,
        LeadershipRole.DIVISION_HEAD,
        "01.003",
        "university",
        False,
    ),
    (
        "CC.LD.04",
        "Phó Trưởng phòng và tương đương",
        L,
        CS,
        LeadershipRole.DIVISION_DEPUTY,
        "01.003",
        "university",
        False,
    ),
    ("CC.CM.01", "Chuyên viên quản lý ngành, lĩnh vực", P, CS, "", "01.003", "university", False),
    ("CC.CM.02", "Chuyên viên chính quản lý ngành, lĩnh vực", P, CS, "", "01.002", "university", False),
    ("CC.CM.03", "Thanh tra viên", P, CS, "", "01.003", "university", False),
    ("CC.DC.01", "Chuyên viên tổ chức cán bộ", S, CS, "", "01.003", "university", False),
    ("CC.DC.02", "Chuyên viên kế hoạch, tài chính", S, CS, "", "01.003", "university", False),
    ("CC.DC.03", "Chuyên viên tổng hợp, hành chính", S, CS, "", "01.003", "university", False),
    ("CC.HT.01", "Văn thư", H, CS, "", "02.008", "intermediate", True),
    ("CC.HT.02", "Kế toán", H, CS, "", "06.031", "university", False),
    ("CC.HT.03", "Lái xe, bảo vệ, phục vụ", H, CS, "", "", "", False),
    ("VC.QL.01", "Giám đốc đơn vị sự nghiệp", L, VC, LeadershipRole.HEAD, "", "university", True),
    ("VC.QL.02", "Phó Giám đốc đơn vị sự nghiệp", L, VC, LeadershipRole.DEPUTY, "", "university", False),
    ("VC.QL.03", "Trưởng khoa, phòng", L, VC, LeadershipRole.DIVISION_HEAD, "", "university", False),
    ("VC.CM.01", "Chức danh nghề nghiệp chuyên ngành hạng III", P, VC, "", "", "university", False),
    ("VC.CM.02", "Chức danh nghề nghiệp chuyên ngành hạng II", P, VC, "", "", "university", False),
    ("VC.CM.03", "Chức danh nghề nghiệp chuyên ngành hạng IV", P, VC, "", "", "college", False),
    ("VC.DC.01", "Hành chính, tổng hợp", S, VC, "", "", "university", False),
    ("VC.DC.02", "Kế toán viên", S, VC, "", "", "university", False),
    ("VC.HT.01", "Văn thư, lưu trữ", H, VC, "", "", "intermediate", False),
]
TASKS = {
    L: (
        "Lãnh đạo, điều hành toàn diện theo chức năng, nhiệm vụ được giao.",
        "Kế hoạch, quyết định, báo cáo.",
    ),
    P: (
        "Tham mưu, thực hiện nhiệm vụ chuyên môn của ngành, lĩnh vực.",
        "Văn bản tham mưu, báo cáo chuyên đề.",
    ),
    S: ("Tham mưu công tác chung của cơ quan (tổ chức, tài chính, tổng hợp).", "Kế hoạch, dự toán, báo cáo."),
    H: ("Hỗ trợ, phục vụ hoạt động của cơ quan.", "Văn bản được phát hành, hồ sơ lưu trữ."),
}
COMPETENCIES = {
    L: [{"name": "Năng lực lãnh đạo, quản lý", "level": "4"}, {"name": "Tư duy chiến lược", "level": "4"}],
    P: [{"name": "Chuyên môn ngành, lĩnh vực", "level": "3"}, {"name": "Soạn thảo văn bản", "level": "3"}],
    S: [{"name": "Chuyên môn dùng chung", "level": "3"}, {"name": "Phối hợp", "level": "2"}],
    H: [{"name": "Kỹ năng nghiệp vụ hỗ trợ", "level": "2"}],
}
KIND_OF_AGENCY = {
    OrganizationKind.DEPARTMENT: CS,
    OrganizationKind.COMMUNE_COMMITTEE: CS,
    OrganizationKind.PUBLIC_SERVICE_UNIT: VC,
}
STATES = [
    (ProjectStatus.APPROVED, 0.5),
    (ProjectStatus.UNDER_APPRAISAL, 0.12),
    (ProjectStatus.SUBMITTED, 0.08),
    (ProjectStatus.RETURNED, 0.12),
    (ProjectStatus.DRAFT, 0.18),
]


def _catalogue() -> dict[str, tuple[int, str, str, str]]:
    """The catalogue's positions by code (id, group, kind, leadership role), added when missing."""
    existing = set(CatalogPosition.objects.unrestricted().values_list("code", flat=True))
    bulk_create_with_history(
        [
            CatalogPosition(
                code=code,
                name=name,
                group=group,
                staff_kind=kind,
                leadership_role=role,
                tasks=TASKS[group][0],
                products=TASKS[group][1],
                conditions=_("Làm việc tại trụ sở cơ quan; trang thiết bị văn phòng."),
                competencies=COMPETENCIES[group],
                min_rank_code=rank,
                min_qualification=qualification,
                required=required,
            )
            for code, name, group, kind, role, rank, qualification, required in CATALOGUE
            if code not in existing
        ],
        CatalogPosition,
        default_change_reason=_("Danh mục mẫu"),
    )
    return {
        code: (pk, group, kind, role)
        for pk, code, group, kind, role in CatalogPosition.objects.unrestricted().values_list(
            "pk", "code", "group", "staff_kind", "leadership_role"
        )
    }


def _plan(kind: str, people: int, divisions: int) -> list[tuple[str, int, str]]:
    """The positions of an agency of ``people`` persons and ``divisions`` units below: (code, headcount,
    planned rank)."""
    prefix = "CC" if kind == CS else "VC"
    rank = {"CC": ("01.002", "01.002", "01.003", "01.003"), "VC": ("", "", "", "")}[prefix]
    deputies = min(2, max(0, people // 10))
    plan = [(f"{prefix}.LD.01" if prefix == "CC" else "VC.QL.01", 1, rank[0])]
    if deputies:
        plan.append((f"{prefix}.LD.02" if prefix == "CC" else "VC.QL.02", deputies, rank[1]))
    if divisions:
        plan.append((f"{prefix}.LD.03" if prefix == "CC" else "VC.QL.03", divisions, rank[2]))
    rest = max(2, people - 1 - deputies - divisions + max(1, people // 8))
    clerks = 1
    shared = max(1, rest // 5)
    professional = max(1, rest - clerks - shared)
    plan += [
        (f"{prefix}.CM.01", professional, "01.003" if prefix == "CC" else ""),
        (f"{prefix}.DC.01" if prefix == "CC" else "VC.DC.01", shared, "01.003" if prefix == "CC" else ""),
        ("CC.HT.01" if prefix == "CC" else "VC.HT.01", clerks, "01.004" if prefix == "CC" else ""),
    ]
    return plan


def _within(plan: list[tuple[str, int, str]], quota: int | None) -> list[tuple[str, int, str]]:
    """``plan`` cut down to the agency's approved quota (biên chế được giao), so that a project that was
    sent for appraisal or approved holds no more people than it may: the professional and shared posts
    first, then the heads of division, the deputies and the support post; the head stays."""
    if quota is None:
        return plan
    excess = sum(headcount for _code, headcount, _rank in plan) - quota
    counts = {code: headcount for code, headcount, _rank in plan}
    for suffix in ("CM.01", "DC.01", "LD.03", "QL.03", "LD.02", "QL.02", "HT.01"):
        for code in counts:
            if excess > 0 and code.endswith(suffix):
                cut = min(excess, counts[code])
                counts[code] -= cut
                excess -= cut
    return [(code, counts[code], rank) for code, _headcount, rank in plan if counts[code] > 0]


def load(context: DemoContext) -> str:
    rng = random.Random(f"noivu-demo:{context.seed}:positions")
    catalogue = _catalogue()
    units = list(
        Organization.objects.unrestricted()
        .as_of(context.as_of)
        .filter(path__startswith=context.root_path)
        .values_list("pk", "path", "kind", "name")
    )
    children: dict[str, int] = defaultdict(int)
    for _pk, path, _kind, _name in units:
        children[path[:-TREE_STEP]] += 1
    agencies = {
        path: (pk, KIND_OF_AGENCY[kind], name) for pk, path, kind, name in units if kind in KIND_OF_AGENCY
    }
    people: dict[str, list[int]] = defaultdict(list)
    categories = {category: kind for kind, cats in CATEGORIES_OF_KIND.items() for category in cats}
    # A person with two primary assignments in force (a national load has a few) holds one seat.
    placed: set[int] = set()
    for person_id, path, category in (
        Assignment.objects.unrestricted()
        .as_of(context.as_of)
        .filter(is_primary=True, organization__path__startswith=context.root_path)
        .values_list("person_id", "organization__path", "category")
        .order_by("person_id")
    ):
        kind = categories.get(category)
        if person_id in placed:
            continue
        placed.add(person_id)
        for size in range(len(path), 0, -TREE_STEP):
            agency = agencies.get(path[:size])
            if agency is not None:
                if agency[1] == kind:
                    people[path[:size]].append(person_id)
                break

    paths = sorted(agencies)
    project_ids = reserve_ids(PositionProject, len(paths))
    weights = [weight for _state, weight in STATES]
    projects, positions, holders = [], [], []
    planned = [_plan(agencies[path][1], len(people[path]), children[path]) for path in paths]
    # Ids for the full plans: a plan cut to its quota uses fewer.
    position_ids = iter(reserve_ids(ProjectPosition, sum(len(plan) for plan in planned)))
    statuses: dict[str, int] = defaultdict(int)
    quotas = approved_quota_by_organization(
        [pk for pk, _kind, _name in agencies.values()],
        {pk: kind for pk, kind, _name in agencies.values()},
        context.as_of,
    )
    for project_id, path, plan in zip(project_ids, paths, planned, strict=True):
        pk, kind, name = agencies[path]
        status = rng.choices([state for state, _w in STATES], weights)[0]
        statuses[status] += 1
        if status != ProjectStatus.DRAFT:
            # Only a project within its quota can have been sent for appraisal: drafts show the finding.
            plan = _within(plan, quotas.get(pk))
        decided = status == ProjectStatus.APPROVED
        decision_day = context.as_of - dt.timedelta(days=rng.randint(20, 200)) if decided else None
        submitted = status != ProjectStatus.DRAFT
        projects.append(
            (
                project_id,
                pk,
                kind,
                1,
                _("Đề án vị trí việc làm của %(name)s") % {"name": name},
                _("Nghị định 361/2025/NĐ-CP quy định vị trí việc làm công chức")
                if kind == CS
                else _("Nghị định 106/2020/NĐ-CP; Nghị định 232/2026/NĐ-CP"),
                status,
                1 if submitted else 0,
                context.as_of - dt.timedelta(days=rng.randint(5, 60)) if submitted else None,
                _("Đề nghị thuyết minh khối lượng công việc của vị trí chuyên môn.")
                if status == ProjectStatus.RETURNED
                else "",
                f"{rng.randint(1, 999)}/QĐ-UBND" if decided else "",
                decision_day,
                _("Chủ tịch Ủy ban nhân dân") if decided else "",
                decision_day,
            )
        )
        staff = list(people[path])
        professional = 0
        for code, headcount, rank in plan:
            position_id = next(position_ids)
            if code.endswith("CM.01") or not professional:
                professional = position_id
            positions.append((position_id, project_id, catalogue[code][0], headcount, rank))
            for _seat in range(headcount):
                if not staff:
                    break
                holders.append((project_id, position_id, staff.pop(0), True))
        # Those left over (more people than seats) are placed in the professional position (or, in a plan
        # cut to a small quota, the first one): a surplus.
        holders += [(project_id, professional, person, True) for person in staff]
    insert_rows(
        PositionProject,
        [
            "id",
            "organization_id",
            "staff_kind",
            "version",
            "title",
            "legal_basis",
            "status",
            "round",
            "submitted_on",
            "return_reason",
            "decision_number",
            "decision_date",
            "signer",
            "effective_from",
        ],
        projects,
    )
    insert_rows(ProjectPosition, ["id", "project_id", "catalog_id", "headcount", "rank_code"], positions)
    insert_rows(PositionHolder, ["project_id", "position_id", "person_id", "is_main"], holders)
    campaigns = _campaigns(context, agencies)
    analyze(PositionProject, ProjectPosition, PositionHolder)
    return _(
        "Vị trí việc làm: %(catalogue)s vị trí trong danh mục, %(projects)s đề án (%(approved)s đã phê "
        "duyệt), %(holders)s người được bố trí, %(campaigns)s đợt phê duyệt."
    ) % {
        "catalogue": len(catalogue),
        "projects": f"{len(projects):,}",
        "approved": f"{statuses[ProjectStatus.APPROVED]:,}",
        "holders": f"{len(holders):,}",
        "campaigns": campaigns,
    }


def _campaigns(context: DemoContext, agencies: dict[str, tuple[int, StaffKind, str]]) -> int:
    """Two campaigns per province, opened by its People's Committee for the agencies below it."""
    provinces = Organization.objects.unrestricted().filter(
        path__startswith=context.root_path, kind=OrganizationKind.PROVINCE_COMMITTEE
    )
    specs = (
        (
            CS,
            _("Phê duyệt vị trí việc làm công chức theo Nghị định 361/2025/NĐ-CP"),
            context.as_of - dt.timedelta(days=30),
            _("Nghị định 361/2025/NĐ-CP: phê duyệt vị trí việc làm trước ngày 01/7/2026"),
        ),
        (
            VC,
            _("Phê duyệt vị trí việc làm viên chức theo Nghị định 232/2026/NĐ-CP"),
            context.as_of + dt.timedelta(days=45),
            _("Nghị định 232/2026/NĐ-CP, có hiệu lực từ 01/7/2026"),
        ),
    )
    written = 0
    links = []
    for province in provinces:
        for kind, title, deadline, basis in specs:
            members = [
                pk
                for path, (pk, agency_kind, _name) in agencies.items()
                if agency_kind == kind and path.startswith(province.path)
            ]
            if not members:
                continue
            campaign = Campaign.objects.create(
                organization=province,
                title=title,
                staff_kind=kind,
                opened_on=context.as_of - dt.timedelta(days=120),
                deadline=deadline,
                legal_basis=basis,
            )
            links += [
                Campaign.agencies.through(campaign_id=campaign.pk, organization_id=pk) for pk in members
            ]
            written += 1
    Campaign.agencies.through.objects.bulk_create(links, batch_size=5000)
    return written


def clear(root_path: str) -> None:
    """Delete the demo's projects and campaigns (the national catalogue stays)."""
    PositionHolder.objects.unrestricted().filter(project__organization__path__startswith=root_path).delete()
    ProjectPosition.objects.unrestricted().filter(project__organization__path__startswith=root_path).delete()
    projects = PositionProject.objects.unrestricted().filter(organization__path__startswith=root_path)
    projects.filter(previous__isnull=False).delete()
    projects.delete()
    Campaign.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="positions", order=40, load=load, clear=clear, tables=(PositionHolder,)))
