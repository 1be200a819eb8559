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
"""

import datetime as dt

import numpy as np
from django.db import connection

from noivu.awards.models import Initiative, InitiativeLevel
from noivu.core.bulk import analyze, insert_columns
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.evaluation.models import Level, PeriodKind, Status

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


def load(context: DemoContext) -> str:
    rated = _rated(context)
    if not rated:
        return "Thi đua, khen thưởng: không có sáng kiến."
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
        f"{counts[InitiativeLevel.NATIONAL.value]} toàn quốc)."
    )


def clear(root_path: str) -> None:
    """Delete the demo's initiatives (they would also go with their persons)."""
    Initiative.objects.unrestricted().filter(person__organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="awards", order=45, load=load, clear=clear, tables=(Initiative,)))
