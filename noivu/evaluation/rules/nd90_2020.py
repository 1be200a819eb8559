"""Nghị định 90/2020/NĐ-CP as amended by Nghị định 48/2023/NĐ-CP (from 20/8/2020; for civil servants up to
the 2025 ratings, for public employees up to periods ending before 1/7/2026): a rating by criteria, no score.

Non-managers (Điều 8–11 for civil servants; the same for public employees): "hoàn thành xuất sắc" needs the
general criteria met and 100 % of the tasks on time and with quality, at least 50 % of them exceeded;
"hoàn thành tốt" 100 % on time and with quality; "hoàn thành" at most 20 % not on time or below quality;
otherwise, or if disciplined in the year, "không hoàn thành". Managers also answer for their unit:
"xuất sắc" needs every target met with at least 50 % exceeded, "tốt" at least 80 % on time and with
quality, "hoàn thành" more than 70 % met; below 50 % is "không hoàn thành". Absent 3 to under 6 months in
the year: no better than "hoàn thành"; 6 months or more: not rated, unless on maternity leave (Nghị định
48/2023 Điều 1, cross-checked).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

CITATION = "Nghị định 90/2020/NĐ-CP, Điều 8–11 (sửa đổi bởi Nghị định 48/2023/NĐ-CP)"


@dataclass(frozen=True)
class Criteria:
    """What the rating under Nghị định 90/2020 looks at (tiêu chí)."""

    general_criteria_met: bool
    tasks_total: int
    tasks_on_time_with_quality: int
    tasks_exceeded: int = 0
    disciplined: bool = False
    is_manager: bool = False
    unit_targets_met_percent: float | None = None
    unit_targets_exceeded_percent: float | None = None
    absent_months: int = 0
    maternity_leave: bool = False


ORDER = ("HTXS", "HTT", "HT", "KHT")


def rate(criteria: Criteria) -> tuple[str | None, list[str]]:
    """The level the criteria reach (None: not rated), with the reasons in Vietnamese."""
    reasons: list[str] = []
    if criteria.absent_months >= 6 and not criteria.maternity_leave:
        return None, [_("Nghỉ từ 6 tháng trở lên trong năm: không xếp loại (Nghị định 48/2023/NĐ-CP).")]
    if criteria.disciplined:
        return "KHT", [
            _("Bị kỷ luật trong năm đánh giá: không hoàn thành nhiệm vụ (%(citation)s).")
            % {"citation": CITATION}
        ]
    total = max(criteria.tasks_total, 0)
    done = min(max(criteria.tasks_on_time_with_quality, 0), total)
    failing = (total - done) / total * 100 if total else 0.0
    exceeded = min(max(criteria.tasks_exceeded, 0), total) / total * 100 if total else 0.0
    reasons.append(
        _(
            "%(done)s/%(total)s nhiệm vụ đúng tiến độ, bảo đảm chất lượng (%(failing).0f%% không bảo đảm); "
            "%(exceeded).0f%% vượt mức."
        )
        % {"done": done, "total": total, "failing": failing, "exceeded": exceeded}
    )
    if not criteria.general_criteria_met:
        level = "KHT" if failing > 20 else "HT"
        reasons.append(_("Chưa đạt đủ tiêu chí chung: không quá mức hoàn thành nhiệm vụ."))
    elif failing == 0 and exceeded >= 50:
        level = "HTXS"
    elif failing == 0:
        level = "HTT"
    elif failing <= 20:
        level = "HT"
    else:
        level = "KHT"
        reasons.append(
            _("Trên một phần năm nhiệm vụ không bảo đảm tiến độ, chất lượng: không đạt mức hoàn thành.")
        )
    if criteria.is_manager and criteria.unit_targets_met_percent is not None:
        unit_level = _unit_level(
            criteria.unit_targets_met_percent, criteria.unit_targets_exceeded_percent or 0
        )
        reasons.append(
            _("Đơn vị phụ trách đạt %(met).0f%% chỉ tiêu, vượt %(exceeded).0f%%: tối đa mức %(level)s.")
            % {
                "met": criteria.unit_targets_met_percent,
                "exceeded": criteria.unit_targets_exceeded_percent or 0,
                "level": unit_level,
            }
        )
        level = max(level, unit_level, key=ORDER.index)
    if 3 <= criteria.absent_months < 6 and level in ("HTXS", "HTT"):
        level = "HT"
        reasons.append(_("Nghỉ từ 3 đến dưới 6 tháng trong năm: không xếp loại từ hoàn thành tốt trở lên."))
    return level, reasons


def _unit_level(met: float, exceeded: float) -> str:
    if met >= 100 and exceeded >= 50:
        return "HTXS"
    if met >= 80:
        return "HTT"
    if met > 70:
        return "HT"
    return "KHT"
