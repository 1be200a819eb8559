"""Succession's part of the demo data set (dữ liệu mẫu): training records for every demo person (last
year's and this year's refresher courses with their periods, the state-management and political-theory
programmes of civil servants, a leadership programme for leaders), the planning pools of the leadership
positions of the province's departments and their divisions for the 2026–2031 term with candidates who meet
the conditions, open courses for the programmes candidates still lack with those candidates enrolled,
mentoring pairs of a head and a department's candidates, and handover checklists of those retiring soon.

The training records are written column by column (numpy, COPY on PostgreSQL), as the demo's persons.
"""

import bisect
import datetime as dt

import numpy as np
from django.db import connection

from noivu.core.bulk import insert_columns
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.permissions import TREE_STEP
from noivu.organizations.models import Organization, OrganizationKind
from noivu.personnel.models import Assignment, Category, Person
from noivu.personnel.retirement.engine import reaching_retirement_q
from noivu.succession import engine
from noivu.succession.models import (
    CheckIn,
    Course,
    Enrolment,
    Handover,
    HandoverItem,
    HandoverReason,
    LeadershipLevel,
    MentoringPair,
    PlanningPool,
    PoolCandidate,
    PoolReview,
    Programme,
    TrainingCourse,
)

TERM_START, TERM_END = 2026, 2031
STATE = (Category.CADRE, Category.CIVIL_SERVANT, Category.COMMUNE_CADRE, Category.COMMUNE_CIVIL_SERVANT)
JOB_COURSES = (
    "Bồi dưỡng kiến thức, kỹ năng theo vị trí việc làm",
    "Bồi dưỡng kỹ năng số, chuyển đổi số trong cơ quan nhà nước",
    "Cập nhật kiến thức pháp luật chuyên ngành",
)
PROGRAMME_COURSES = {
    Programme.STATE_MANAGEMENT: ("Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên", 280),
    Programme.STATE_MANAGEMENT_PRINCIPAL: (
        "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
        320,
    ),
    Programme.POLITICAL_INTERMEDIATE: ("Trung cấp lý luận chính trị", 720),
    Programme.POLITICAL_ADVANCED: ("Cao cấp lý luận chính trị", 1200),
    Programme.LEADERSHIP_DIVISION: ("Bồi dưỡng lãnh đạo, quản lý cấp phòng và tương đương", 160),
    Programme.LEADERSHIP_DEPARTMENT: ("Bồi dưỡng lãnh đạo, quản lý cấp sở và tương đương", 160),
}
# The words that make a post a leadership post (chức vụ lãnh đạo, quản lý).
LEADER_WORDS = ("Trưởng", "Phó", "Giám đốc", "Chủ tịch", "Chánh", "Bí thư")
HANDOVER_ITEMS = (
    "Hồ sơ, tài liệu công việc đang giải quyết",
    "Danh mục nhiệm vụ được giao chưa hoàn thành",
    "Tài khoản, dữ liệu trên hệ thống điện tử",
    "Tài sản, thiết bị được giao quản lý",
)


def _columns(sql: str, params: list) -> list[np.ndarray]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    return [np.array(column, dtype=object) for column in zip(*rows, strict=True)]


def _text(days: np.ndarray) -> list[str]:
    return [dt.date.fromordinal(int(day)).isoformat() for day in days.tolist()]


def _training(context: DemoContext, rng: np.random.Generator) -> tuple[int, dict[int, str]]:
    """Every person's refresher courses of last year and this year, and the programmes of their career;
    returns the count written and the title of each person holding a leadership post."""
    columns = _columns(
        "SELECT p.id, p.category, p.recruited_on, COALESCE(a.position_title, '') FROM personnel_person p "
        "JOIN organizations_organization o ON o.id = p.organization_id "
        "LEFT JOIN personnel_assignment a ON a.person_id = p.id AND a.is_primary AND a.effective_to IS NULL "
        "WHERE o.path LIKE %s ORDER BY p.id",
        [context.root_path + "%"],
    )
    if not columns:
        return 0, {}
    ids, category, recruited, title = columns
    ids = ids.astype(np.int64)
    n = len(ids)
    as_of = context.as_of.toordinal()
    this_year = dt.date(context.as_of.year, 1, 1).toordinal()
    last_year = dt.date(context.as_of.year - 1, 1, 1).toordinal()
    recruited_day = np.array(
        [day.toordinal() if isinstance(day, dt.date) else last_year for day in recruited.tolist()]
    )
    state = np.isin(category, STATE)
    leader = np.array([any(word in text for word in LEADER_WORDS) for text in title.tolist()])
    rows: dict[str, list] = {
        "person_id": [],
        "name": [],
        "institution": [],
        "start": [],
        "end": [],
        "programme": [],
        "periods": [],
    }

    def add(
        who: np.ndarray,
        names: list[str],
        place: str,
        start: np.ndarray,
        length: np.ndarray,
        programme: str,
        periods: np.ndarray,
    ) -> None:
        rows["person_id"].append(ids[who])
        rows["name"].extend(names)
        rows["institution"].extend([place] * len(who))
        rows["start"].append(start)
        rows["end"].append(np.minimum(start + length, as_of))
        rows["programme"].extend([programme] * len(who))
        rows["periods"].append(periods)

    # Last year: most took the week the law asks; this year, fewer so far, some less than a week.
    for first, share, last in (
        (last_year, 0.88, this_year - 10),
        (this_year, 0.7, max(this_year, as_of - 5)),
    ):
        who = np.flatnonzero((rng.random(n) < share) & (recruited_day < first))
        start = first + rng.integers(0, max(1, last - first - 5), len(who))
        periods = rng.choice([40, 40, 40, 48, 24, 16], len(who))
        names = [JOB_COURSES[k] for k in rng.integers(0, len(JOB_COURSES), len(who)).tolist()]
        add(who, names, "Trường Chính trị tỉnh", start, periods // 8, Programme.JOB, periods)
    # Those without either get an older course, so that every record shows one.
    covered = np.zeros(n, dtype=bool)
    covered[np.searchsorted(ids, np.concatenate(rows["person_id"]))] = True
    who = np.flatnonzero(~covered)
    start = np.maximum(recruited_day[who], as_of - 5 * 365) + rng.integers(0, 300, len(who))
    start = np.minimum(start, as_of - 10)
    add(
        who,
        [JOB_COURSES[0]] * len(who),
        "Sở Nội vụ",
        start,
        np.full(len(who), 4),
        Programme.JOB,
        np.full(len(who), 32),
    )
    # The programmes of a civil servant's career, and of a leader's.
    for programme, share, among in (
        (Programme.STATE_MANAGEMENT, 0.65, state),
        (Programme.POLITICAL_INTERMEDIATE, 0.4, state),
        (Programme.STATE_MANAGEMENT_PRINCIPAL, 0.5, leader),
        (Programme.POLITICAL_ADVANCED, 0.35, leader),
        (Programme.LEADERSHIP_DIVISION, 0.6, leader),
    ):
        who = np.flatnonzero(among & (rng.random(n) < share))
        # A programme is taken a year after recruitment at the earliest and ends by the as-of date: a person
        # recruited too recently has taken none yet.
        who = who[recruited_day[who] + 365 <= as_of - 400]
        name, length = PROGRAMME_COURSES[programme]
        earliest = np.maximum(recruited_day[who] + 365, as_of - 12 * 365)
        start = earliest + (rng.random(len(who)) * np.maximum(as_of - 400 - earliest, 1)).astype(np.int64)
        add(
            who,
            [name] * len(who),
            "Học viện Hành chính và Quản trị công",
            start,
            np.full(len(who), length // 8 * 7 // 5),
            programme,
            np.full(len(who), length),
        )
    start = np.concatenate(rows["start"])
    insert_columns(
        TrainingCourse,
        [
            "person_id",
            "name",
            "institution",
            "start_date",
            "end_date",
            "mode",
            "certificate",
            "programme",
            "periods",
        ],
        [
            np.concatenate(rows["person_id"]),
            rows["name"],
            rows["institution"],
            _text(start),
            _text(np.concatenate(rows["end"])),
            ["Tập trung"] * len(start),
            ["Chứng chỉ"] * len(start),
            rows["programme"],
            np.concatenate(rows["periods"]),
        ],
    )
    titles = {
        int(pk): text
        for pk, text, lead in zip(ids.tolist(), title.tolist(), leader.tolist(), strict=True)
        if lead
    }
    return len(start), titles


def _pools(context: DemoContext, rng: np.random.Generator, titles: dict[int, str]) -> tuple[int, int]:
    """The pools of each department's head and deputy and of each of its divisions' head, with one to
    three candidates who meet the conditions (age, the last two years rated "hoàn thành tốt" or better)."""
    as_of = context.as_of
    units = list(
        Organization.objects.unrestricted()
        .filter(
            path__startswith=context.root_path,
            kind__in=(OrganizationKind.DEPARTMENT, OrganizationKind.DIVISION),
        )
        .values_list("pk", "path", "kind", "name")
    )
    departments = {path: pk for pk, path, kind, _name in units if kind == OrganizationKind.DEPARTMENT}
    if not departments:
        return 0, 0
    good = _columns(
        "SELECT e.person_id FROM evaluation_evaluation e "
        "WHERE e.period_kind = 'year' AND e.status = 'decided' AND e.year >= %s AND e.year < %s "
        "AND e.rating IN ('HTXS', 'HTT') "
        "GROUP BY e.person_id HAVING COUNT(*) = 2",
        [as_of.year - 2, as_of.year],
    )
    well_rated = set(good[0].tolist()) if good else set()

    def department_of(path: str) -> int | None:
        """The department holding the unit at ``path`` (the first of its ancestors, itself included)."""
        for length in range(TREE_STEP, len(path) + 1, TREE_STEP):
            if path[:length] in departments:
                return departments[path[:length]]
        return None

    people = list(
        Person.objects.unrestricted()
        .filter(
            organization__path__startswith=context.root_path,
            category__in=(*STATE, Category.PUBLIC_EMPLOYEE),
            birth_date__gte=dt.date(as_of.year - 50, 1, 1),
            birth_date__lte=dt.date(as_of.year - 32, 12, 31),
        )
        .order_by("pk")
        .values_list("pk", "organization__path")
    )
    if not people:
        return 0, 0
    # Only those of a department's subtree can enter its pools: the facts are read for them alone.
    young = [
        (pk, path)
        for pk, path in people
        if pk in well_rated and pk not in titles and department_of(path) is not None
    ]
    tables = engine.tables()
    facts = engine.candidate_facts([pk for pk, _path in young], as_of, tables[engine.LIMITS])
    checked: dict[tuple[int, str], bool] = {}

    def fits(person: int, level: str) -> bool:
        """Whether ``person`` meets the conditions of ``level`` (asked only of those drawn)."""
        if (person, level) not in checked:
            found = engine.eligibility(facts[person], level, TERM_START, as_of, tables)
            checked[(person, level)] = found.eligible
        return checked[(person, level)]

    by_path: dict[str, list[int]] = {}
    for pk, path in young:
        by_path.setdefault(path, []).append(pk)
    pools: list[PlanningPool] = []
    wanted: list[list[int]] = []
    owners: list[int] = []

    unit_paths = sorted(by_path)

    def within(path: str) -> list[int]:
        """The drawn persons of the units under ``path``, in path order (a contiguous run of the sorted
        paths: every path under ``path`` starts with it)."""
        start = bisect.bisect_left(unit_paths, path)
        end = bisect.bisect_left(unit_paths, path + "\uffff", start)
        return [pk for unit in unit_paths[start:end] for pk in by_path[unit]]

    taken: set[int] = set()
    for pk, path, kind, _name in units:
        owner = department_of(path)
        if owner is None:
            continue
        if kind == OrganizationKind.DEPARTMENT:
            plans = [
                ("Giám đốc", LeadershipLevel.DEPARTMENT_HEAD),
                ("Phó Giám đốc", LeadershipLevel.DEPARTMENT_DEPUTY),
            ]
        else:
            plans = [("Trưởng phòng", LeadershipLevel.DIVISION_HEAD)]
        for title, level in plans:
            count = int(rng.integers(1, 4))
            chosen: list[int] = []
            for person in within(path):
                if len(chosen) == count:
                    break
                if person not in taken and fits(person, level):
                    chosen.append(person)
            taken.update(chosen)
            pools.append(
                PlanningPool(
                    organization_id=pk,
                    position_title=title,
                    level=level,
                    term_start=TERM_START,
                    term_end=TERM_END,
                )
            )
            wanted.append(chosen)
            owners.append(owner)
    PlanningPool.objects.bulk_create(pools)
    added_on = dt.date(as_of.year - 1, 12, 15) if as_of.month < 6 else dt.date(as_of.year, 3, 1)
    candidates = [
        PoolCandidate(pool=pool, person_id=person, added_on=added_on)
        for pool, chosen in zip(pools, wanted, strict=True)
        for person in chosen
    ]
    PoolCandidate.objects.bulk_create(candidates)
    PoolReview.objects.bulk_create(
        [
            PoolReview(pool=pool, year=added_on.year, reviewed_on=added_on, added=len(chosen))
            for pool, chosen in zip(pools, wanted, strict=True)
            if chosen
        ]
    )
    _planned_training(context, pools, wanted, owners)
    _mentoring(context, pools, wanted)
    return len(pools), len(candidates)


def _planned_training(
    context: DemoContext, pools: list[PlanningPool], wanted: list[list[int]], owners: list[int]
) -> None:
    """This year's leadership courses of each department, with its candidates lacking them enrolled."""
    as_of = context.as_of
    have = {
        (person, programme)
        for person, programme in TrainingCourse.objects.unrestricted()
        .filter(person_id__in=[p for chosen in wanted for p in chosen])
        .values_list("person_id", "programme")
    }
    start = max(as_of + dt.timedelta(days=20), dt.date(as_of.year, 9, 8))
    courses: dict[tuple[int, str], Course] = {}
    enrol: list[tuple[tuple[int, str], int]] = []
    for pool, chosen, owner in zip(pools, wanted, owners, strict=True):
        programme = (
            Programme.LEADERSHIP_DIVISION
            if pool.level == LeadershipLevel.DIVISION_HEAD
            else Programme.LEADERSHIP_DEPARTMENT
        )
        key = (owner, programme)
        if key not in courses:
            name, periods = PROGRAMME_COURSES[programme]
            courses[key] = Course(
                organization_id=owner,
                name=name,
                programme=programme,
                institution="Học viện Hành chính và Quản trị công",
                start_date=start,
                end_date=start + dt.timedelta(days=27),
                periods=periods,
                mode="Tập trung",
            )
        enrol += [(key, person) for person in chosen if (person, programme) not in have]
    Course.objects.bulk_create(list(courses.values()))
    Enrolment.objects.bulk_create([Enrolment(course=courses[key], person_id=person) for key, person in enrol])


def _mentoring(context: DemoContext, pools: list[PlanningPool], wanted: list[list[int]]) -> None:
    """Each department head coaches the candidates planned for their post, with a check-in."""
    holders = dict(
        Assignment.objects.unrestricted()
        .filter(
            organization_id__in=[pool.organization_id for pool in pools],
            is_primary=True,
            effective_to__isnull=True,
            position_title="Giám đốc",
        )
        .values_list("organization_id", "person_id")
    )
    start = context.as_of - dt.timedelta(days=120)
    pairs = [
        MentoringPair(
            mentor_id=holders[pool.organization_id],
            mentee_id=person,
            goals="Nắm vững nhiệm vụ điều hành của người đứng đầu; chủ trì xây dựng kế hoạch công tác năm.",
            start_date=start,
        )
        for pool, chosen in zip(pools, wanted, strict=True)
        if pool.level == LeadershipLevel.DEPARTMENT_HEAD and pool.organization_id in holders
        for person in chosen
    ]
    MentoringPair.objects.bulk_create(pairs)
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                pair=pair,
                held_on=start + dt.timedelta(days=60),
                progress=40,
                note="Đã tham gia chủ trì hai cuộc họp giao ban.",
            )
            for pair in pairs
        ]
    )


def _handovers(context: DemoContext) -> int:
    """A handover checklist for up to twenty persons retiring within six months, the items half done."""
    soon = (
        Person.objects.unrestricted()
        .filter(organization__path__startswith=context.root_path)
        .filter(reaching_retirement_q(context.as_of, context.as_of + dt.timedelta(days=180)))
        .order_by("pk")
        .values_list("pk", flat=True)[:20]
    )
    handovers = [
        Handover(person_id=pk, reason=HandoverReason.RETIREMENT, due_on=context.as_of + dt.timedelta(days=60))
        for pk in soon
    ]
    Handover.objects.bulk_create(handovers)
    HandoverItem.objects.bulk_create(
        [
            HandoverItem(handover=row, title=title, done_on=context.as_of if index < 2 else None)
            for row in handovers
            for index, title in enumerate(HANDOVER_ITEMS)
        ]
    )
    return len(handovers)


def load(context: DemoContext) -> str:
    rng = np.random.default_rng(context.seed + 50)
    written, titles = _training(context, rng)
    pools, candidates = _pools(context, rng, titles)
    handovers = _handovers(context)
    return (
        f"Đào tạo, bồi dưỡng: {written} khóa trên hồ sơ; quy hoạch: {pools} chức danh, {candidates} người; "
        f"bàn giao: {handovers}."
    )


def clear(root_path: str) -> None:
    """Delete the demo's pools, courses, mentoring pairs and handovers with the rows hanging from them (the
    persons and units they refer to are about to go, whose deletion reaches only the rows referring to them
    directly); the training records go with the persons."""
    under = {"person__organization__path__startswith": root_path}
    HandoverItem.objects.unrestricted().filter(
        **{f"handover__{key}": value for key, value in under.items()}
    ).delete()
    Handover.objects.unrestricted().filter(**under).delete()
    CheckIn.objects.unrestricted().filter(pair__mentee__organization__path__startswith=root_path).delete()
    MentoringPair.objects.unrestricted().filter(mentee__organization__path__startswith=root_path).delete()
    PlanningPool.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Course.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="succession", order=50, load=load, clear=clear, tables=(TrainingCourse,)))
