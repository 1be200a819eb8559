"""Emulation and commendation's part of the demo data set (dữ liệu mẫu): initiatives (sáng kiến) recognised
in the five years the demo rates, in line with the ratings the evaluation step recorded.

- A quarter of the years rated "hoàn thành xuất sắc" bring an initiative recognised at the grassroots
  level; a fifth of those are recognised by the ministry or province, and one in twenty of these by the
  whole country — the chain the titles above Chiến sĩ thi đua cơ sở ask for (Luật Thi đua, khen thưởng
  06/2022/QH15 Điều 21–23).
- One in fifty of the years rated "hoàn thành tốt" brings a grassroots initiative: with Lao động tiên
  tiến it is the other way to Chiến sĩ thi đua cơ sở (Điều 23), so the screening proposes some persons
  the demo did not award.

The titles themselves (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen) are written with the record
by the demo's dossier generator and the ratings follow them; there is no emulation registration to load.
Rows are drawn column by column (numpy) and written in one bulk insert (COPY on PostgreSQL).

The demo province's council (Hội đồng Thi đua – Khen thưởng tỉnh) then meets on the previous year through
the app's own actions, as its staff would: a decided session (three persons the screening finds eligible
nominated, one short of the votes the title needs, the decision signed with the reward money) and an open
session whose nominees await the ballot. Only one province's first persons are screened, so that the
national demo stays fast.

The same province launches the emulation movement of the current year (phong trào thi đua) with its first
departments taking part, and a few of their persons and the departments themselves register for titles
(đăng ký thi đua), through the app's actions.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl
from django.db import connection
from django.db.models import Q

from noivu.accounts.models import User
from noivu.awards import actions, engine
from noivu.awards.models import (
    AwardRecord,
    CouncilSession,
    DisciplineRecord,
    Initiative,
    InitiativeLevel,
    Movement,
)
from noivu.core import context as running
from noivu.core.bulk import analyze, insert_columns
from noivu.core.dates import today
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.evaluation.models import Level, PeriodKind, Status, UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

EXCELLENT_SHARE, GOOD_MODULO = 0.25, 50
MINISTRY_SHARE, NATIONAL_SHARE = 0.2, 0.05
SUBJECTS = (
    "Số hóa hồ sơ cán bộ, công chức",
    "Rút ngắn thời gian giải quyết thủ tục hành chính",
    "Chuẩn hóa quy trình thẩm định đề án vị trí việc làm",
    "Ứng dụng chữ ký số trong gửi nhận văn bản",
    "Tổng hợp báo cáo thống kê định kỳ tự động",
    "Quản lý hồ sơ lưu trữ theo mã định danh",
    "Tiếp nhận phản ánh, kiến nghị qua đường dây nóng",
    "Đánh giá, xếp loại công chức theo kết quả nhiệm vụ",
)
AUTHORITIES = {
    InitiativeLevel.MINISTRY_PROVINCE.value: "Hội đồng sáng kiến cấp tỉnh",
    InitiativeLevel.NATIONAL.value: "Hội đồng sáng kiến cấp Nhà nước",
}


def _rated(context: DemoContext) -> list[np.ndarray]:
    """The decided yearly ratings of the demo's persons the initiatives are drawn from: every "hoàn thành
    xuất sắc" and one "hoàn thành tốt" in ``GOOD_MODULO`` (chosen by id in the query, so that the national
    demo does not read millions of rows): person, year, rating and the unit's name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.person_id, e.year, e.rating, o.name FROM evaluation_evaluation e "
            "JOIN organizations_organization o ON o.id = e.organization_id "
            "WHERE o.path LIKE %s AND e.period_kind = %s AND e.status = %s "
            "AND (e.rating = %s OR (e.rating = %s AND e.id %% %s = %s)) ORDER BY e.id",
            [
                context.root_path + "%",
                PeriodKind.YEAR.value,
                Status.DECIDED.value,
                Level.EXCELLENT.value,
                Level.GOOD.value,
                GOOD_MODULO,
                context.seed % GOOD_MODULO,
            ],
        )
        rows = cursor.fetchall()
    return [np.array(column, dtype=object) for column in zip(*rows, strict=True)] if rows else []


COUNCIL_MEMBERS = 11
# The council's roll: a chair, a vice-chair, eight members (one absent, giving an opinion in writing) and
# the secretary, who are all counted in the ballot.
COUNCIL_ROLL = [
    ("Nguyễn Văn Hùng", "chair", "present"),
    ("Trần Thị Mai", "vice_chair", "present"),
    *[
        (name, "member", "written" if name == "Đặng Văn Sơn" else "present")
        for name in (
            "Lê Văn Thắng",
            "Phạm Thị Hoa",
            "Hoàng Văn Nam",
            "Vũ Thị Lan",
            "Đặng Văn Sơn",
            "Bùi Thị Hạnh",
            "Đỗ Văn Tuấn",
            "Ngô Thị Thu",
        )
    ],
    ("Phan Thị Ngọc", "secretary", "present"),
]
COUNCIL_TITLES = ("CSTDCS", "LDTT")  # the first with enough eligible persons is proposed
SCREENED = 2000  # the province's first persons by id the screening reads
DECIDED, PENDING = 3, 2


@dataclass
class _Loading:
    """The demo load seen as the action in progress: the council's actions join its transaction."""

    user: User
    reason: str


def _candidates(
    unit: Organization, year: int, held_on: dt.date, decided_on: dt.date
) -> tuple[str, list[Person]]:
    """A title of ``COUNCIL_TITLES`` and the persons of ``unit``'s first ``SCREENED`` whom the screening of
    ``year`` on ``held_on`` finds eligible for it, who do not already hold it for that year and are under
    no discipline until ``decided_on``."""
    ids = list(
        Person.objects.unrestricted()
        .filter(organization__path__startswith=unit.path)
        .order_by("pk")
        .values_list("pk", flat=True)[:SCREENED]
    )
    persons = Person.objects.unrestricted().filter(pk__in=ids)
    screening, _collective = engine.scope_screening(persons, UnitEvaluation.objects.none(), year, held_on)
    names = {code: rule.value["name"] for code, rule in engine.title_rules(held_on).items()}
    barred = set(
        DisciplineRecord.objects.unrestricted()
        .filter(person_id__in=ids, effective_from__lte=decided_on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=held_on))
        .values_list("person_id", flat=True)
    )
    wanted = DECIDED + PENDING
    for title in COUNCIL_TITLES:
        eligible = (
            screening.results.filter(pl.col("title") == title, pl.col("eligible"))
            .get_column("person_id")
            .to_list()
        )
        # A title decided from July of the year to June of the next rewards that year (engine.held_year).
        held = set(
            AwardRecord.objects.unrestricted()
            .filter(person_id__in=eligible, form__iexact=names.get(title, title))
            .filter(decision_date__gte=dt.date(year, 7, 1), decision_date__lte=dt.date(year + 1, 6, 30))
            .values_list("person_id", flat=True)
        )
        chosen = sorted(set(eligible) - held - barred)[:wanted]
        if len(chosen) >= DECIDED:
            by_id = Person.objects.unrestricted().select_related("organization").in_bulk(chosen)
            return title, [by_id[pk] for pk in chosen]
    return "", []


def _seat(session: CouncilSession, hr: User, reason: str) -> None:
    for name, role, attendance in COUNCIL_ROLL:
        actions.do_add_council_member(
            session=session, name=name, role=role, attendance=attendance, acting_user=hr, reason=reason
        )


def _councils(context: DemoContext) -> str:
    """The province's council on the previous year: one decided session, and one open if persons remain."""
    last = min(context.as_of, today())
    year = last.year - 1
    held_on = min(dt.date(last.year, 1, 15), last)
    decided_on = min(held_on + dt.timedelta(days=14), last)
    unit = Organization.objects.filter(code=f"T{context.province_code}").first()
    if unit is None or held_on < engine.FIRST_DECISION or year < engine.FIRST_DECISION.year:
        return "không có phiên họp Hội đồng"
    hr = User.objects.get(username="demo.nhansu")
    approver = User.objects.get(username="demo.pheduyet")
    title, persons = _candidates(unit, year, held_on, decided_on)
    if not persons:
        return "không có phiên họp Hội đồng (không ai đủ điều kiện)"
    reason, pending = "Dữ liệu mẫu", persons[DECIDED:]
    token = running.enter(_Loading(hr, reason))
    try:
        session = actions.do_open_council(
            organization=unit,
            year=year,
            held_on=held_on,
            members=COUNCIL_MEMBERS,
            acting_user=hr,
            reason=reason,
        )
        _seat(session, hr, reason)
        needed, _rule = engine.votes_needed(title, COUNCIL_MEMBERS, held_on)
        # The last nominee falls one vote short of the title's threshold.
        for person, yes in zip(persons[:DECIDED], (COUNCIL_MEMBERS, needed, needed - 1), strict=True):
            nominee = actions.do_nominate(
                session=session, person=person, title=title, acting_user=hr, reason=reason
            )
            actions.do_record_votes(nominee=nominee, yes_votes=yes, acting_user=hr, reason=reason)
        actions.do_decide_council(
            session=session,
            decision_number=f"{15 + context.seed % 80}/QĐ-UBND",
            decided_on=decided_on,
            signer=f"Chủ tịch {unit.name}",
            acting_user=approver,
            reason=reason,
        )
        if pending:
            later = actions.do_open_council(
                organization=unit,
                year=year,
                held_on=decided_on,
                members=COUNCIL_MEMBERS,
                acting_user=hr,
                reason=reason,
            )
            _seat(later, hr, reason)
            for person in pending:
                actions.do_nominate(session=later, person=person, title=title, acting_user=hr, reason=reason)
    finally:
        running.leave(token)
    return (
        f"Hội đồng tỉnh đã xét {DECIDED} người, {DECIDED - 1} được khen thưởng; {len(pending)} chờ bỏ phiếu"
    )


MOVEMENT_UNITS, MOVEMENT_PERSONS = 3, 2


def _movement(context: DemoContext) -> str:
    """The province's movement of the current year, its first departments taking part, two persons of each
    registering for Lao động tiên tiến and Chiến sĩ thi đua cơ sở and each department for Tập thể lao động
    tiên tiến."""
    last = min(context.as_of, today())
    unit = Organization.objects.filter(code=f"T{context.province_code}").first()
    if unit is None or last.year < engine.FIRST_DECISION.year:
        return "không có phong trào thi đua"
    taking = list(unit.get_children().order_by("path")[:MOVEMENT_UNITS])
    if not taking:
        return "không có phong trào thi đua"
    hr = User.objects.get(username="demo.nhansu")
    reason = "Dữ liệu mẫu"
    token = running.enter(_Loading(hr, reason))
    registered = 0
    try:
        movement = actions.do_launch_movement(
            organization=unit,
            name=f"Phong trào thi đua yêu nước năm {last.year}",
            year=last.year,
            starts_on=dt.date(last.year, 1, 1),
            ends_on=dt.date(last.year, 12, 31),
            criteria=(
                "Hoàn thành xuất sắc nhiệm vụ được giao; đẩy mạnh chuyển đổi số, cải cách hành chính; "
                "đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật."
            ),
            units=taking,
            acting_user=hr,
            reason=reason,
        )
        day = min(dt.date(last.year, 1, 31), last)
        for department in taking:
            persons = Person.objects.unrestricted().filter(organization__path__startswith=department.path)
            for person, title in zip(
                persons.order_by("pk")[:MOVEMENT_PERSONS], ("LDTT", "CSTDCS"), strict=False
            ):
                actions.do_register(
                    movement=movement,
                    person=person,
                    title=title,
                    registered_on=day,
                    acting_user=hr,
                    reason=reason,
                )
                registered += 1
            actions.do_register(
                movement=movement,
                unit=department,
                title="TTLDTT",
                registered_on=day,
                acting_user=hr,
                reason=reason,
            )
            registered += 1
    finally:
        running.leave(token)
    return f"phong trào thi đua năm {last.year}: {len(taking)} đơn vị tham gia, {registered} đăng ký"


def load(context: DemoContext) -> str:
    rated = _rated(context)
    if not rated:
        return f"Thi đua, khen thưởng: không có sáng kiến; {_councils(context)}; {_movement(context)}."
    rng = np.random.default_rng(context.seed + 13)
    person, year, rating, unit = rated
    year = year.astype(np.int64)
    excellent = rating == Level.EXCELLENT.value
    chosen = np.flatnonzero(~excellent | (rng.random(len(rating)) < EXCELLENT_SHARE))
    level = np.full(len(chosen), InitiativeLevel.GRASSROOTS.value, dtype=object)
    draw = rng.random(len(chosen))
    higher = excellent[chosen] & (draw < MINISTRY_SHARE)
    level[higher] = InitiativeLevel.MINISTRY_PROVINCE.value
    level[higher & (draw < MINISTRY_SHARE * NATIONAL_SHARE)] = InitiativeLevel.NATIONAL.value
    # Recognised in the autumn of the year rated, before the yearly review, never after the demo's date.
    start = np.array([dt.date(int(y), 9, 1).toordinal() for y in year[chosen]], dtype=np.int64)
    day = np.minimum(start + rng.integers(0, 100, len(chosen)), context.as_of.toordinal())
    subject = rng.integers(0, len(SUBJECTS), len(chosen))
    names = unit[chosen].tolist()
    insert_columns(
        Initiative,
        ["person_id", "title", "level", "recognised_on", "decision_number", "authority"],
        [
            person[chosen].astype(np.int64),
            [f"{SUBJECTS[s]} tại {name}"[:300] for s, name in zip(subject.tolist(), names, strict=True)],
            level.tolist(),
            [dt.date.fromordinal(int(d)).isoformat() for d in day],
            [f"{k}/QĐ-CNSK" for k in rng.integers(10, 999, len(chosen)).tolist()],
            [
                AUTHORITIES.get(lv) or f"Thủ trưởng {name}"[:255]
                for lv, name in zip(level.tolist(), names, strict=True)
            ],
        ],
    )
    analyze(Initiative)
    counts = {value: int((level == value).sum()) for value in InitiativeLevel.values}
    return (
        f"Thi đua, khen thưởng: {len(chosen):,} sáng kiến được công nhận "
        f"({counts[InitiativeLevel.GRASSROOTS.value]} cơ sở, "
        f"{counts[InitiativeLevel.MINISTRY_PROVINCE.value]} bộ/ngành/tỉnh, "
        f"{counts[InitiativeLevel.NATIONAL.value]} toàn quốc); {_councils(context)}; {_movement(context)}."
    )


def clear(root_path: str) -> None:
    """Delete the demo's council sessions with the awards their decisions recorded, and its initiatives
    (they would also go with their persons)."""
    sessions = CouncilSession.objects.unrestricted().filter(organization__path__startswith=root_path)
    AwardRecord.objects.unrestricted().filter(nominee__session__in=sessions).delete()
    sessions.delete()
    Movement.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Initiative.objects.unrestricted().filter(person__organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="awards", order=45, load=load, clear=clear, tables=(Initiative,)))
