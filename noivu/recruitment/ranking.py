"""The ranking engine of a recruitment round (xác định người trúng tuyển), columnar.

One frame holds a row per candidate (its position and quota, whether eligible, the priority points of its
highest ground, the score of each part after appeals); :func:`rank` applies the pass rule, adds the
priority points, ranks within each position by the total and the legal tie-breaks, and marks the winners
within the quota. A tie that the tie-breaks do not settle across the last place of the quota is left to
the head of the recruiting body (``needs_decision``), as the decrees say. Where the rule allows a second
preference (nguyện vọng 2), :func:`second_preferences` then offers the seats left at each position to the
candidates who chose it second and did not win their first, by the same total and tie-breaks.

Rules are read from the rule tables ``recruitment_exam`` and ``recruitment_priority`` as of the exam day,
for the staff kind (công chức: Nghị định 138/2020/NĐ-CP until 30/6/2025, then 170/2025/NĐ-CP; viên chức:
Nghị định 115/2020/NĐ-CP as amended by 85/2023/NĐ-CP).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from noivu.core.rules import RuleNotFound, RuleTable, RuleValue, localized, rule_table

EXAM_TABLE = "recruitment_exam"
PRIORITY_TABLE = "recruitment_priority"
PARTS = ("general", "professional", "written", "interview")
ADMISSION = "admission"  # the exam form of every position of a plan receiving without an exam

# Why a candidate does not pass the threshold, in the order checked.
REASONS = {
    "ineligible": "Không đủ điều kiện dự tuyển",
    "round1": "Không đạt vòng 1 (dưới 50% số điểm)",
    "missing": "Chưa có điểm hoặc vắng thi vòng 2",
    "part": "Một phần thi (viết hoặc phỏng vấn) dưới 50% số điểm",
    "minimum": "Điểm vòng 2 dưới 50",
}


@dataclass(frozen=True)
class Rules:
    """The rules of one staff kind in force on the exam day, with the rows they come from."""

    minimum: float
    part_minimum_percent: float
    round1_minimum_percent: float
    written_weight: float
    interview_weight: float
    decimals: int
    tie_break: tuple[str, ...]
    priority_points: dict[str, float]
    priority_labels: dict[str, str]
    sources: list[RuleValue] = field(default_factory=list)
    second_preference: RuleValue | None = None

    @property
    def second_preference_allowed(self) -> bool:
        return bool(self.second_preference and self.second_preference.value.get("allowed"))

    @classmethod
    def load(
        cls, staff_kind: str, day: dt.date, exam: RuleTable | None = None, priority: RuleTable | None = None
    ) -> "Rules":
        """RuleNotFound when no row is in force on ``day`` for ``staff_kind``."""
        exam = exam or rule_table(EXAM_TABLE)
        priority = priority or rule_table(PRIORITY_TABLE)
        pass_rule = exam.lookup(f"{staff_kind}.pass_rule", day)
        weights = exam.lookup(f"{staff_kind}.weights", day)
        tie_break = exam.lookup(f"{staff_kind}.tie_break", day)
        second = exam.lookup(f"{staff_kind}.second_preference", day)
        grounds = {
            code.split(".", 1)[1]: row
            for code, row in priority.in_force(day).items()
            if code.startswith(f"{staff_kind}.")
        }
        return cls(
            minimum=float(pass_rule.value["minimum"]),
            part_minimum_percent=float(pass_rule.value["part_minimum_percent"]),
            round1_minimum_percent=float(pass_rule.value["round1_minimum_percent"]),
            written_weight=float(weights.value["written"]),
            interview_weight=float(weights.value["interview"]),
            decimals=int(weights.value["decimals"]),
            tie_break=tuple(tie_break.value),
            priority_points={code: float(row.value["points"]) for code, row in grounds.items()},
            priority_labels={code: localized(row.value) for code, row in grounds.items()},
            sources=[pass_rule, weights, tie_break, second, *grounds.values()],
            second_preference=second,
        )


def ground_labels(staff_kind: str, day: dt.date) -> dict[str, str]:
    """The priority grounds of ``staff_kind`` in force on ``day`` by code, labelled in the reader's language
    (none when no rule is in force)."""
    try:
        return Rules.load(staff_kind, day).priority_labels
    except RuleNotFound:
        return {}


SCHEMA: dict[str, Any] = {
    "candidate_id": pl.Int64,
    "position_id": pl.Int64,
    "quota": pl.Int64,
    "exam_form": pl.String,
    "round1": pl.Boolean,
    "eligible": pl.Boolean,
    "general_exempt": pl.Boolean,
    "grounds": pl.List(pl.String),
    "general": pl.Float64,
    "professional": pl.Float64,
    "written": pl.Float64,
    "interview": pl.Float64,
    "second_position_id": pl.Int64,
    "second_quota": pl.Int64,
}


def priority_points(frame: pl.DataFrame, rules: Rules) -> pl.DataFrame:
    """Add ``priority``: the points of the candidate's highest ground (only the highest counts) and
    ``unknown_ground`` for a claimed ground the rules do not list."""
    points = (
        frame.select("candidate_id", "grounds")
        .explode("grounds")
        .with_columns(
            points=pl.col("grounds").replace_strict(
                rules.priority_points, default=None, return_dtype=pl.Float64
            )
        )
        .group_by("candidate_id")
        .agg(
            priority=pl.col("points").max().fill_null(0.0),
            unknown_ground=(pl.col("grounds").is_not_null() & pl.col("points").is_null()).any(),
        )
    )
    # A candidate without a ground may have no row at all after the explode.
    return frame.join(points, on="candidate_id", how="left").with_columns(
        pl.col("priority").fill_null(0.0), pl.col("unknown_ground").fill_null(False)
    )


def rank(frame: pl.DataFrame, rules: Rules) -> pl.DataFrame:
    """Rank every candidate of ``frame`` (columns of :data:`SCHEMA`) within its position.

    Adds ``priority``, ``score`` (the round-2 result: the single score, or written × 70 % + interview ×
    30 % rounded), ``total`` (score + priority), ``reason`` (why below the threshold, or null), ``rank``
    (1 = best, among those above the threshold), ``tied`` (equal on every tie-break), ``winner`` and
    ``needs_decision`` (a tie across the last place of the quota: the head decides), then the second
    preferences' ``second_rank``, ``second_winner`` and ``second_needs_decision``
    (:func:`second_preferences`)."""
    frame = priority_points(frame, rules)
    combined = (
        pl.col("written") * rules.written_weight + pl.col("interview") * rules.interview_weight
    ).round(rules.decimals)
    part_floor = 100 * rules.part_minimum_percent / 100
    frame = frame.with_columns(
        score=pl.when(pl.col("exam_form") == "written_interview")
        .then(combined)
        .otherwise(pl.col("professional"))
        .round(rules.decimals)
    ).with_columns(
        total=(pl.col("score") + pl.col("priority")).round(rules.decimals),
        reason=pl.when(~pl.col("eligible"))
        .then(pl.lit("ineligible"))
        # Received without an exam (tiếp nhận): vetted, then the head chooses within the quota.
        .when(pl.col("exam_form") == ADMISSION)
        .then(pl.lit(None, dtype=pl.String))
        .when(
            pl.col("round1")
            & ~pl.col("general_exempt")
            & (pl.col("general").is_null() | (pl.col("general") < rules.round1_minimum_percent))
        )
        .then(pl.lit("round1"))
        .when(pl.col("score").is_null())
        .then(pl.lit("missing"))
        .when(
            (pl.col("exam_form") == "written_interview")
            & ((pl.col("written") < part_floor) | (pl.col("interview") < part_floor))
        )
        .then(pl.lit("part"))
        .when(pl.col("score") < rules.minimum)
        .then(pl.lit("minimum"))
        .otherwise(pl.lit(None, dtype=pl.String)),
    )
    keys = _keys(rules)
    frame = frame.with_columns(
        [pl.col(_source(name)).fill_null(-1.0).alias(_tie_column(name)) for name in rules.tie_break]
    )
    placed = _place(frame.filter(pl.col("reason").is_null()), keys)
    ranked = (
        frame.join(placed, on="candidate_id", how="left")
        .with_columns(
            pl.col("tied").fill_null(False),
            pl.col("winner").fill_null(False),
            pl.col("needs_decision").fill_null(False),
        )
        .drop([_tie_column(name) for name in rules.tie_break])
    )
    return second_preferences(ranked, rules).sort("position_id", "rank", "candidate_id", nulls_last=True)


def _keys(rules: Rules) -> list[str]:
    return ["total", *[_tie_column(name) for name in rules.tie_break]]


def _place(passed: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Rank the rows above the threshold within ``position_id`` by ``keys`` and mark who is within
    ``quota``: ``rank``, ``tied``, ``winner``, ``needs_decision`` by ``candidate_id``."""
    passed = passed.sort(
        ["position_id", *keys, "candidate_id"], descending=[False, *[True] * len(keys), False]
    )
    changed = pl.any_horizontal(
        [
            pl.col(key).fill_null(-1.0) != pl.col(key).fill_null(-1.0).shift(1).over("position_id")
            for key in keys
        ]
    )
    return (
        passed.with_columns(place=pl.int_range(1, pl.len() + 1).over("position_id"))
        .with_columns(
            rank=pl.when(changed.fill_null(True)).then(pl.col("place")).otherwise(None).forward_fill()
        )
        .with_columns(group=pl.len().over("position_id", "rank"))
        .with_columns(
            tied=pl.col("group") > 1,
            winner=(pl.col("rank") + pl.col("group") - 1) <= pl.col("quota"),
            needs_decision=(pl.col("rank") <= pl.col("quota"))
            & ((pl.col("rank") + pl.col("group") - 1) > pl.col("quota")),
        )
        .select("candidate_id", pl.col("rank").cast(pl.Int64), "tied", "winner", "needs_decision")
    )


def second_preferences(
    ranked: pl.DataFrame, rules: Rules, first_winners: set[int] | None = None
) -> pl.DataFrame:
    """Add ``second_rank``, ``second_winner`` and ``second_needs_decision``: the second preferences
    (nguyện vọng 2) considered once every first preference was (Nghị định 115/2020/NĐ-CP Điều 10 khoản 3
    as amended by 85/2023).

    The seats a position has left are its quota minus the first-preference candidates above the threshold
    (all of them while fewer than the quota). They go, by the same total and tie-breaks, to the candidates
    above the threshold who chose the position second and did not win their first; a tie across the last
    seat left goes to the head. ``first_winners`` are the first preference's winners once the head settled
    its ties; without it the candidates of an unsettled tie are all considered for their second
    preference, so the outcome shown before the head's choice may still change. Nothing is added to a
    frame whose rules allow no second preference."""
    ranked = ranked.with_columns(
        second_rank=pl.lit(None, dtype=pl.Int64),
        second_winner=pl.lit(False),
        second_needs_decision=pl.lit(False),
    )
    if not rules.second_preference_allowed or ranked.get_column("second_position_id").is_null().all():
        return ranked
    above = ranked.filter(pl.col("reason").is_null())
    taken = above.group_by("position_id").agg(taken=pl.len()).rename({"position_id": "second_position_id"})
    if first_winners is None:
        out = pl.col("winner")
    else:
        out = pl.col("candidate_id").is_in(list(first_winners))
    pool = (
        above.filter(pl.col("second_position_id").is_not_null() & ~out)
        .join(taken, on="second_position_id", how="left")
        .with_columns(seats_left=(pl.col("second_quota") - pl.col("taken").fill_null(0)).clip(lower_bound=0))
        .filter(pl.col("seats_left") > 0)
        .with_columns(position_id=pl.col("second_position_id"), quota=pl.col("seats_left"))
        .with_columns(
            [pl.col(_source(name)).fill_null(-1.0).alias(_tie_column(name)) for name in rules.tie_break]
        )
    )
    placed = _place(pool, _keys(rules)).select(
        "candidate_id",
        pl.col("rank").alias("placed_rank"),
        pl.col("winner").alias("placed_winner"),
        pl.col("needs_decision").alias("placed_needs_decision"),
    )
    return (
        ranked.join(placed, on="candidate_id", how="left")
        .with_columns(
            second_rank=pl.col("placed_rank"),
            second_winner=pl.col("placed_winner").fill_null(False),
            second_needs_decision=pl.col("placed_needs_decision").fill_null(False),
        )
        .drop("placed_rank", "placed_winner", "placed_needs_decision")
    )


def _source(name: str) -> str:
    return {"professional": "score", "written": "written", "general": "general"}[name]


def _tie_column(name: str) -> str:
    return f"tie_{name}"


TIE_LABELS = {
    "professional": "điểm thi vòng 2 (nghiệp vụ chuyên ngành) cao hơn",
    "written": "điểm bài viết cao hơn",
    "general": "điểm vòng 1 (kiến thức chung) cao hơn",
}


def explain(row: dict[str, Any], rules: Rules) -> list[str]:
    """The steps, in Vietnamese, that give one ranked row its result."""
    steps = []
    if row.get("exam_form") == ADMISSION and not row.get("reason"):
        steps.append("Tiếp nhận không qua thi: hồ sơ đáp ứng điều kiện của đối tượng tiếp nhận.")
        if row.get("needs_decision"):
            steps.append("Số người đủ điều kiện nhiều hơn chỉ tiêu: người đứng đầu quyết định.")
        elif row.get("winner"):
            steps.append("Trong chỉ tiêu: được tiếp nhận.")
        return steps
    if row.get("exam_form") == "written_interview" and row.get("score") is not None:
        steps.append(
            f"Điểm vòng 2 = viết {row['written']} × {rules.written_weight} + phỏng vấn {row['interview']} × "
            f"{rules.interview_weight} = {row['score']}."
        )
    elif row.get("score") is not None:
        steps.append(f"Điểm vòng 2 = {row['score']}.")
    if row.get("priority"):
        steps.append(f"Điểm ưu tiên (chỉ tính đối tượng cao nhất) = {row['priority']}.")
    if row.get("reason"):
        steps.append(f"Không trúng tuyển: {REASONS[row['reason']]}.")
        return steps
    steps.append(f"Tổng điểm = {row['total']}; đạt điều kiện (vòng 2 từ {rules.minimum:g} điểm trở lên).")
    order = ", ".join(TIE_LABELS[name] for name in rules.tie_break)
    steps.append(f"Xếp theo tổng điểm; bằng nhau thì lấy người có {order}; sau đó người đứng đầu quyết định.")
    if row.get("rank") is not None:
        steps.append(f"Thứ hạng trong vị trí: {row['rank']}.")
    if row.get("needs_decision"):
        steps.append("Bằng điểm ở chỉ tiêu cuối cùng: người đứng đầu cơ quan tuyển dụng quyết định.")
    elif row.get("winner"):
        steps.append("Trong chỉ tiêu: trúng tuyển.")
    elif row.get("rank") is not None:
        steps.append("Ngoài chỉ tiêu: không trúng tuyển.")
    if row.get("second_winner"):
        steps.append(
            f"Nguyện vọng 2: thứ hạng {row['second_rank']} trong số chỉ tiêu còn lại sau nguyện vọng 1; "
            "trúng tuyển."
        )
    elif row.get("second_needs_decision"):
        steps.append(
            "Nguyện vọng 2: bằng điểm ở chỉ tiêu còn lại cuối cùng: người đứng đầu cơ quan tuyển dụng "
            "quyết định."
        )
    elif row.get("second_rank") is not None:
        steps.append(f"Nguyện vọng 2: thứ hạng {row['second_rank']}, ngoài số chỉ tiêu còn lại.")
    elif row.get("second_position_id") is not None and not row.get("winner") and not row.get("reason"):
        steps.append("Nguyện vọng 2: vị trí không còn chỉ tiêu sau khi xét nguyện vọng 1.")
    return steps
