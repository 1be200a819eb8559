"""Nghị định 335/2025/NĐ-CP (civil servants, periods ending from 1/1/2026): a score out of 100 each month or
quarter — up to 30 points for the general criteria, up to 70 for the task results — and the year's score
the average of the periods' scores (Điều 19.1, cross-checked). Levels: "hoàn thành xuất sắc" from 90,
"hoàn thành tốt" from 70 to under 90, "hoàn thành" from 50 to under 70, below 50 "không hoàn thành"
(verified). Any of these makes the level "không hoàn thành" whatever the score: discipline at reprimand or
above for a duty-related breach in the year, a conclusion of political or ethical degradation, a
suspension decision (Nghị định 170/2025 Điều 56.5.b).

The task points: a (quantity), b (quality), c (timeliness), each the percentage of the products assigned
(quy đổi) finished, finished meeting quality, finished on time; non-managers score ((a + b + c) / 3) x 70 %;
managers average a, b, c with the results of the unit they lead and their organising capacity. This
formula is printed only as an image in every copy found: UNVERIFIED, its weights are the rule table's
``task_points`` row (noivu/evaluation/law/evaluation_rules.yaml), which an administrator may correct.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

CITATION = "Nghị định 335/2025/NĐ-CP (thang điểm 100)"
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class TaskResults:
    """The products (sản phẩm quy đổi) assigned in the period, finished, finished meeting quality and
    finished on time."""

    assigned: int
    finished: int
    with_quality: int
    on_time: int


@dataclass(frozen=True)
class ScoreInputs:
    general_points: Decimal
    tasks: TaskResults
    is_manager: bool = False
    unit_result_percent: Decimal | None = None
    organising_percent: Decimal | None = None
    overriding_reason: str = ""


def percent(part: int, whole: int) -> Decimal:
    if whole <= 0:
        return Decimal(0)
    return min(Decimal(100), Decimal(max(part, 0)) * 100 / whole)


def score(inputs: ScoreInputs, points: dict) -> tuple[Decimal, dict[str, str], list[str]]:
    """The period's score, its components (as text, for the record) and the steps in Vietnamese."""
    tasks = inputs.tasks
    a = percent(tasks.finished, tasks.assigned)
    b = percent(tasks.with_quality, tasks.assigned)
    c = percent(tasks.on_time, tasks.assigned)
    parts = [a, b, c]
    names = ["a", "b", "c"]
    if inputs.is_manager:
        for name, value in (("d", inputs.unit_result_percent), ("e", inputs.organising_percent)):
            if value is not None:
                parts.append(Decimal(value))
                names.append(name)
    task_max = Decimal(points["task_max"])
    task_points = (sum(parts, Decimal(0)) / len(parts) * task_max / 100).quantize(TWO_PLACES, ROUND_HALF_UP)
    total = (Decimal(inputs.general_points) + task_points).quantize(TWO_PLACES, ROUND_HALF_UP)
    components = {
        "general": str(inputs.general_points),
        "quantity": str(a.quantize(TWO_PLACES)),
        "quality": str(b.quantize(TWO_PLACES)),
        "timeliness": str(c.quantize(TWO_PLACES)),
        "tasks": str(task_points),
        "total": str(total),
    }
    if len(parts) > 3:
        components["unit_and_organising"] = ", ".join(str(p) for p in parts[3:])
    steps = [
        _(
            "Số lượng a = %(a)s%%, chất lượng b = %(b)s%%, tiến độ c = %(c)s%% (%(finished)s, %(quality)s, "
            "%(on_time)s trên %(assigned)s sản phẩm được giao)."
        )
        % {
            "a": components["quantity"],
            "b": components["quality"],
            "c": components["timeliness"],
            "finished": tasks.finished,
            "quality": tasks.with_quality,
            "on_time": tasks.on_time,
            "assigned": tasks.assigned,
        },
        _(
            "Điểm kết quả thực hiện nhiệm vụ = trung bình (%(names)s) × %(max)s/100 = %(points)s "
            "(công thức chưa kiểm chứng, theo bảng quy định)."
        )
        % {"names": " + ".join(names), "max": task_max, "points": task_points},
        _("Tổng điểm = tiêu chí chung %(general)s + nhiệm vụ %(tasks)s = %(total)s.")
        % {"general": inputs.general_points, "tasks": task_points, "total": total},
    ]
    return total, components, steps


def level_of(total: Decimal, bands: dict, overriding_reason: str = "") -> tuple[str, str]:
    """The level a score reaches (bands: the lowest score of each level), with the reason."""
    if overriding_reason:
        return "KHT", _("Không hoàn thành nhiệm vụ bất kể điểm: %(reason)s.") % {"reason": overriding_reason}
    for level in ("HTXS", "HTT", "HT"):
        if total >= Decimal(bands[level]):
            return level, _("%(total)s điểm: từ %(low)s điểm trở lên.") % {
                "total": total,
                "low": bands[level],
            }
    return "KHT", _("%(total)s điểm: dưới %(low)s điểm.") % {"total": total, "low": bands["HT"]}


def year_score(period_scores: list[Decimal]) -> Decimal:
    """The year's score: the average of the monthly or quarterly scores."""
    if not period_scores:
        return Decimal(0)
    return (sum(period_scores, Decimal(0)) / len(period_scores)).quantize(TWO_PLACES, ROUND_HALF_UP)
