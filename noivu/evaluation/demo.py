"""Evaluation's part of the demo data set (dữ liệu mẫu): five years of yearly ratings of every demo cadre,
civil servant and public employee under the regime of each year, in line with the awards the demo gave
(Chiến sĩ thi đua cơ sở needs "hoàn thành xuất sắc", Lao động tiên tiến and Giấy khen "hoàn thành tốt" or
better) and within the cap of each unit's year; each unit's rating of each year drawn from its staff's,
so that the collective titles can follow; the quarters of this year already ended, scored under
Nghị định 335/2025 for civil servants; and this year's tasks with their progress, some overdue.

Written column by column (numpy, COPY on PostgreSQL), so that ``--size national`` stays fast.
"""

import datetime as dt

import numpy as np
from django.db import connection

from noivu.core.bulk import analyze, insert_columns
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.rules import RuleTable, rule_table
from noivu.evaluation import engine
from noivu.evaluation.models import (
    Evaluation,
    Level,
    PeriodKind,
    Status,
    Task,
    TaskProgress,
    TaskStatus,
    UnitEvaluation,
)
from noivu.personnel.models import Category

YEARS = 5
LEVELS = np.array(
    [Level.EXCELLENT.value, Level.GOOD.value, Level.COMPLETED.value, Level.NOT_COMPLETED.value], dtype=object
)
EXCELLENT, GOOD, COMPLETED = 0, 1, 2
AWARDS = {"Chiến sĩ thi đua cơ sở": 2, "Lao động tiên tiến": 1, "Giấy khen": 1}
TASK_TITLES = (
    "Thẩm định hồ sơ, văn bản được giao",
    "Tham mưu văn bản chỉ đạo, điều hành",
    "Giải quyết thủ tục hành chính",
    "Báo cáo chuyên đề, thống kê định kỳ",
    "Kiểm tra, hướng dẫn nghiệp vụ cơ sở",
)
MEASURES = ("hồ sơ", "văn bản", "hồ sơ", "báo cáo", "cuộc")


def _columns(sql: str, params: list) -> list[np.ndarray]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    return [np.array(column) for column in zip(*rows, strict=True)]


def _first_rated_year(day: dt.date | str | None, first: int) -> int:
    """The first year a person recruited on ``day`` worked at least half of."""
    if day is None:
        return first
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return day.year if day.month <= 6 else day.year + 1


def within_cap(group: np.ndarray, levels: np.ndarray, locked: np.ndarray) -> np.ndarray:
    """``levels`` (indexes into LEVELS) with "xuất sắc" beyond a fifth of each group's "tốt" turned to
    "tốt", those ``locked`` (an award needs them) kept where they can be: "hoàn thành" rows of the group
    become "tốt" while the locked ones still exceed the cap, and only then are locked ones turned too."""
    levels = levels.copy()
    _, index = np.unique(group, return_inverse=True)
    for _round in range(3):
        good = np.bincount(index, weights=levels == GOOD, minlength=index.max() + 1).astype(np.int64)
        excellent = np.bincount(index, weights=levels == EXCELLENT, minlength=index.max() + 1).astype(
            np.int64
        )
        allowed = good // 5
        if not (excellent > allowed).any():
            break
        candidates = np.flatnonzero(levels == EXCELLENT)
        order = candidates[np.lexsort((locked[candidates], index[candidates]))]
        ordered = index[order]
        position = np.arange(len(order)) - np.searchsorted(ordered, ordered, side="left")
        demote = order[(position >= allowed[ordered]) & ~locked[order]]
        levels[demote] = GOOD
        still = excellent - np.bincount(index[demote], minlength=len(excellent)) > allowed
        levels[(levels == COMPLETED) & still[index]] = GOOD
    else:
        # Units reshaped since the awards were drawn: the cap wins over an award's level.
        return within_cap(group, levels, np.zeros(len(levels), dtype=bool))
    return levels


def load(context: DemoContext) -> str:
    rng = np.random.default_rng(context.seed + 12)
    columns = _columns(
        "SELECT p.id, p.organization_id, p.category, p.recruited_on FROM personnel_person p "
        "JOIN organizations_organization o ON o.id = p.organization_id "
        "WHERE o.path LIKE %s AND p.category <> %s ORDER BY p.id",
        [context.root_path + "%", Category.CONTRACT],
    )
    if not columns:
        return "Đánh giá, xếp loại: không có người nào."
    person_ids, orgs, categories, recruited = columns
    first = context.as_of.year - YEARS
    years = np.arange(first, context.as_of.year)
    recruited_year = np.array([_first_rated_year(day, first) for day in recruited.tolist()])
    person_row, column = np.nonzero(recruited_year[:, None] <= years[None, :])
    year = years[column]
    levels = rng.choice(3, len(person_row), p=[0.08, 0.74, 0.18])
    locked = np.zeros(len(person_row), dtype=bool)
    award_year = (
        "EXTRACT(YEAR FROM a.decision_date)"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%Y', a.decision_date) AS INTEGER)"
    )
    awards = _columns(
        f"SELECT a.person_id, {award_year}, a.form FROM personnel_awardrecord a "
        "JOIN personnel_person p ON p.id = a.person_id "
        "JOIN organizations_organization o ON o.id = p.organization_id WHERE o.path LIKE %s",
        [context.root_path + "%"],
    )
    if awards:
        awarded_person, decided_year, form = awards
        need = np.array([AWARDS.get(name, 0) for name in form])
        key = person_ids.searchsorted(awarded_person.astype(np.int64))
        rated_key = person_row.astype(np.int64) * 10_000 + year
        award_key = key.astype(np.int64) * 10_000 + decided_year.astype(np.int64) - 1
        order = np.argsort(rated_key)
        found = np.searchsorted(rated_key[order], award_key)
        found = np.minimum(found, len(order) - 1)
        hit = rated_key[order][found] == award_key
        rows = order[found[hit]]
        need = need[hit]
        levels[rows[need == 2]] = EXCELLENT
        locked[rows[need == 2]] = True
        levels[rows[(need == 1) & (levels[rows] == COMPLETED)]] = GOOD
    group = orgs[person_row].astype(np.int64) * 10_000 + year
    levels = within_cap(group, levels, locked)
    table = rule_table(engine.RULES)
    regimes = {
        (category, int(y)): engine.regime_for(category, dt.date(int(y), 12, 31), table).value
        for category in set(categories.tolist())
        for y in years
    }
    regime = [
        regimes[(c, int(y))] for c, y in zip(categories[person_row].tolist(), year.tolist(), strict=True)
    ]
    decided = [
        dt.date(int(y), 12, int(d)).isoformat()
        for y, d in zip(year, rng.integers(10, 31, len(year)), strict=True)
    ]
    count = len(person_row)
    insert_columns(
        Evaluation,
        [
            "person_id",
            "organization_id",
            "year",
            "period_kind",
            "period_number",
            "category",
            "regime",
            "status",
            "rating",
            "self_rating",
            "manager_rating",
            "decided_on",
            "components",
        ],
        [
            person_ids[person_row],
            orgs[person_row],
            year,
            [PeriodKind.YEAR.value] * count,
            np.zeros(count, dtype=np.int64),
            categories[person_row].tolist(),
            regime,
            [Status.DECIDED.value] * count,
            LEVELS[levels].tolist(),
            LEVELS[levels].tolist(),
            LEVELS[levels].tolist(),
            decided,
            ["{}"] * count,
        ],
    )
    units = _units(rng, orgs[person_row].astype(np.int64), year, levels)
    quarters = _quarters(context, rng, person_ids, orgs, categories, table)
    tasks = _tasks(context, rng, person_ids, orgs, categories)
    analyze(Evaluation, UnitEvaluation, Task, TaskProgress)
    return (
        f"Đánh giá, xếp loại: {count} kết quả năm, {units} kết quả tập thể, {quarters} kết quả quý, "
        f"{tasks} nhiệm vụ."
    )


UNIT_EXCELLENT_SHARE, UNIT_GOOD_SHARE, UNIT_EXCELLENT_DRAW = 0.8, 0.5, 0.5


def unit_levels(group: np.ndarray, levels: np.ndarray, draw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each group's (unit and year) rating (indexes into LEVELS) from its staff's ``levels``: "hoàn thành
    tốt" where more than half of them completed their tasks well or better; "hoàn thành xuất sắc" where
    four in five did, one was excellent and the group's ``draw`` (one per group, in [0, 1)) falls in the
    lower half; otherwise "hoàn thành". Returns the groups in order and their ratings."""
    keys, index = np.unique(group, return_inverse=True)
    members = np.bincount(index)
    good = np.bincount(index, weights=levels <= GOOD).astype(np.int64)
    excellent = np.bincount(index, weights=levels == EXCELLENT).astype(np.int64)
    rated = np.full(len(keys), COMPLETED)
    rated[good * 2 > members] = GOOD
    top = (good >= members * UNIT_EXCELLENT_SHARE) & (excellent > 0)
    rated[top & (draw[: len(keys)] < UNIT_EXCELLENT_DRAW)] = EXCELLENT
    return keys, rated


def _units(rng: np.random.Generator, org: np.ndarray, year: np.ndarray, levels: np.ndarray) -> int:
    """Each unit's rating of each year (xếp loại tập thể) from its own staff's ratings of that year
    (:func:`unit_levels`), so that the collective titles follow the persons'."""
    keys, rated = unit_levels(org * 10_000 + year, levels, rng.random(len(levels)))
    unit_year = keys % 10_000
    insert_columns(
        UnitEvaluation,
        ["organization_id", "year", "rating", "outstanding", "decided_on", "decision_number", "note"],
        [
            keys // 10_000,
            unit_year,
            LEVELS[rated].tolist(),
            [False] * len(keys),
            [dt.date(int(y), 12, 31).isoformat() for y in unit_year.tolist()],
            [""] * len(keys),
            [""] * len(keys),
        ],
    )
    return len(keys)


def _quarters(
    context: DemoContext,
    rng: np.random.Generator,
    person_ids: np.ndarray,
    orgs: np.ndarray,
    categories: np.ndarray,
    table: RuleTable,
) -> int:
    """The quarters of this year already ended, for civil servants rated on the 100-point scale."""
    year = context.as_of.year
    ended = [
        q
        for q in range(1, 5)
        if dt.date(year, 3 * q, 28) < context.as_of
        and engine.regime_for("civil_servant", engine.period_end_of(year, PeriodKind.QUARTER, q), table).value
        != "ND90_2020"
    ]
    scored = np.flatnonzero(np.isin(categories, list(engine.CIVIL_SERVANT_CATEGORIES)))
    if not ended or not len(scored):
        return 0
    person_row = np.repeat(scored, len(ended))
    quarter = np.tile(np.array(ended), len(scored))
    general = rng.integers(22, 31, len(person_row))
    task_points = np.clip(rng.normal(58, 7, len(person_row)), 20, 70).round(2)
    score = np.clip(general + task_points, 0, 100)
    levels = np.where(
        score >= 90, EXCELLENT, np.where(score >= 70, GOOD, np.where(score >= 50, COMPLETED, 3))
    )
    group = orgs[person_row].astype(np.int64) * 10 + quarter
    capped = within_cap(group, levels, np.zeros(len(levels), dtype=bool))
    score = np.where((capped == GOOD) & (levels != GOOD), np.minimum(score, 89.5), score)
    score = np.where((capped == GOOD) & (levels == COMPLETED), 70.0, score)
    count = len(person_row)
    regime = engine.regime_for("civil_servant", dt.date(year, 3, 31), table).value
    decided = [engine.period_end_of(year, PeriodKind.QUARTER, int(q)).isoformat() for q in quarter]
    scores = [f"{value:.2f}" for value in score.tolist()]
    insert_columns(
        Evaluation,
        [
            "person_id",
            "organization_id",
            "year",
            "period_kind",
            "period_number",
            "category",
            "regime",
            "status",
            "rating",
            "score",
            "self_rating",
            "self_score",
            "manager_rating",
            "manager_score",
            "decided_on",
            "components",
        ],
        [
            person_ids[person_row],
            orgs[person_row],
            np.full(count, year),
            [PeriodKind.QUARTER.value] * count,
            quarter,
            categories[person_row].tolist(),
            [regime] * count,
            [Status.DECIDED.value] * count,
            LEVELS[capped].tolist(),
            scores,
            LEVELS[capped].tolist(),
            scores,
            LEVELS[capped].tolist(),
            scores,
            decided,
            [
                f'{{"general": "{g}", "tasks": "{s - g:.2f}", "total": "{s:.2f}"}}'
                for g, s in zip(general.tolist(), score.tolist(), strict=True)
            ],
        ],
    )
    return count


def _tasks(
    context: DemoContext,
    rng: np.random.Generator,
    person_ids: np.ndarray,
    orgs: np.ndarray,
    categories: np.ndarray,
) -> int:
    """Two tasks this year for every person: one with a deadline already past (done, late or overdue),
    one still running."""
    as_of = context.as_of
    start_of_year = dt.date(as_of.year, 1, 1).toordinal()
    span = max(as_of.toordinal() - start_of_year, 30)
    count = len(person_ids)
    owner = np.repeat(np.arange(count), 2)
    running = np.tile(np.array([False, True]), count)
    start = start_of_year + rng.integers(0, max(span - 30, 1), len(owner))
    deadline = np.where(
        running,
        as_of.toordinal() + rng.integers(10, 120, len(owner)),
        np.minimum(start + rng.integers(20, 120, len(owner)), as_of.toordinal() - 1),
    )
    deadline = np.maximum(deadline, start)
    target = rng.integers(4, 40, len(owner))
    kind = rng.integers(0, len(TASK_TITLES), len(owner))
    share = np.where(
        running,
        rng.uniform(0.1, 0.9, len(owner)),
        np.where(rng.random(len(owner)) < 0.85, 1.0, rng.uniform(0.3, 0.9, len(owner))),
    )
    finished = np.minimum(np.floor(target * share).astype(np.int64), target)
    late = ~running & (rng.random(len(owner)) < 0.1)
    reported = np.where(
        late,
        deadline + rng.integers(1, 10, len(owner)),
        np.maximum(deadline - rng.integers(0, 10, len(owner)), start),
    )
    reported = np.where(
        running, np.minimum(start + 10, as_of.toordinal()), np.minimum(reported, as_of.toordinal())
    )
    reported = np.maximum(reported, start)
    done = finished >= target
    status = np.where(done, TaskStatus.DONE.value, TaskStatus.OPEN.value)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM evaluation_task")
        first_id = int(cursor.fetchone()[0]) + 1
    ids = np.arange(first_id, first_id + len(owner))
    to_text = np.vectorize(lambda day: dt.date.fromordinal(int(day)).isoformat(), otypes=[object])
    insert_columns(
        Task,
        [
            "id",
            "organization_id",
            "owner_id",
            "title",
            "measure",
            "target_quantity",
            "quality_requirement",
            "start_date",
            "deadline",
            "status",
            "completed_on",
        ],
        [
            ids,
            orgs[owner],
            person_ids[owner],
            [TASK_TITLES[k] for k in kind.tolist()],
            [MEASURES[k] for k in kind.tolist()],
            target,
            ["Đúng quy định, không phải trả lại"] * len(owner),
            to_text(start).tolist(),
            to_text(deadline).tolist(),
            status.tolist(),
            [text if d else None for text, d in zip(to_text(reported).tolist(), done.tolist(), strict=True)],
        ],
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('evaluation_task', 'id'), %s)", [int(ids[-1])]
            )
    reports = finished > 0
    quality = np.where(rng.random(len(owner)) < 0.9, finished, np.floor(finished * 0.8).astype(np.int64))
    insert_columns(
        TaskProgress,
        ["task_id", "reported_on", "quantity", "quality_quantity"],
        [ids[reports], to_text(reported[reports]).tolist(), finished[reports], quality[reports]],
    )
    return len(owner)


def clear(root_path: str) -> None:
    """Delete the demo's evaluations and tasks (the units they refer to are about to go)."""
    Evaluation.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Task.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    UnitEvaluation.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(
    DemoStep(
        key="evaluation",
        order=40,
        load=load,
        clear=clear,
        tables=(Evaluation, UnitEvaluation, Task, TaskProgress),
    )
)
