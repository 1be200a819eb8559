"""The 2C record of every demo person (hồ sơ mẫu 2C): career, ranks and salary steps, allowances, education,
Party membership, family, addresses, evaluations and awards — generated column by column for a
chunk of persons at once, from the seed, so that the national data set (2.5 million persons) is written
at the speed of COPY rather than of a Python loop.

The rules the histories follow:

- The career starts on the recruitment date: the first assignment starts then, and so do the first rank
  and the first salary step (step 1 of the rank's group). A unit founded later (the provinces and communes
  of 1/7/2025) gets the person from its founding; before that the person held the same job in the unit it
  took over (recorded on the same unit).
- Salary steps (Thông tư 08/2013/TT-BNV Điều 2): one step every ``raise_interval_months`` of the group (36
  for groups A0–A3, 24 for B, C and Bảng 4) up to the last step; ``seniority_after_months`` later the
  seniority allowance beyond the frame starts at 5 %, then grows by 1 % a year. Coefficients, intervals and
  groups come from the rule tables ``salary_scales`` and ``rank_salary_tables``. The salary tables of
  Nghị định 204/2004/NĐ-CP start on 1/10/2004: a career begun earlier is placed on them that day at the
  step its years of service give, and no earlier salary row is written.
- A promotion (nâng ngạch, thăng hạng) or regrading places the person on the lowest step of the new group
  whose coefficient is at least the old coefficient with its seniority percentage, or on the last step
  with the difference reserved (hệ số chênh lệch bảo lưu), Thông tư 02/2007/TT-BNV; the next raise counts
  from the promotion. Nobody is rated "không hoàn thành nhiệm vụ" or disciplined, since either would
  postpone a raise by six months or more.
- Ratings cover the five years before the reference date, from the first year the person worked at
  least half of, within the cap of "hoàn thành xuất sắc" (at most a fifth of those rated "hoàn thành tốt"
  in the unit); they are drawn here for the awards to follow them and recorded by the evaluation app's
  demo step, which rates each awarded year in line with its award; awards follow from them (Lao động
  tiên tiến needs "hoàn thành tốt" or better, Chiến sĩ
  thi đua cơ sở "hoàn thành xuất sắc"), Luật Thi đua, khen thưởng 2022 Điều 23–24.
- Addresses pair a legacy commune with a commune that succeeded to it on 1/7/2025 (see ``geography``);
  the birthplace lies in the province of the identification number's place code.
"""

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import models

from noivu.awards.models import AwardRecord
from noivu.core.rules import RuleTable
from noivu.demo import admin_units, careers, names
from noivu.demo.careers import Track
from noivu.demo.geography import Geography
from noivu.demo.people import PersonRow
from noivu.demo.structure import OrgNode
from noivu.organizations.models import OrganizationKind as Kind
from noivu.organizations.models import OrganizationLevel as Level
from noivu.payroll.models import Allowance, AllowanceKind, RaiseKind, SalaryHistory
from noivu.personnel.dossier.models import (
    Education,
    EducationKind,
    FamilyRelation,
    PartyMembership,
    RankHistory,
    Relation,
)
from noivu.personnel.models import AddressKind, Assignment, ConversionStatus, PersonAddress

# The raise kinds of the demo salary history, by the code the generator gives them.
RAISE_KINDS = np.array(["", RaiseKind.REGULAR.value, RaiseKind.SENIORITY.value], dtype=object)
SCALES_START = dt.date(2004, 10, 1)
PUBLIC_DUTY_START = dt.date(2012, 5, 1)  # phụ cấp công vụ 25 %, Nghị định 34/2012/NĐ-CP
FIRST_YEAR, LAST_YEAR = 1900, 2100
EVALUATED_YEARS = 5
# The rating levels (mức xếp loại) the awards follow.
EXCELLENT, GOOD, COMPLETED = "HTXS", "HTT", "HT"
NULL = None
# The religion recorded on the 2C form (codes of personnel's code list), most staff none.
DEMO_RELIGIONS = ["none", "buddhism", "catholicism", "protestantism", "caodaism", "hoa_hao"]
DEMO_RELIGION_SHARES = [0.85, 0.08, 0.04, 0.01, 0.01, 0.01]
PERSONAL_HISTORY = "Bản thân không bị bắt, bị tù, không làm việc trong chế độ cũ."


@dataclass
class Columns:
    """Rows of one table for a chunk, column by column (lists or integer arrays of equal length)."""

    model: type[models.Model]
    names: list[str]
    values: list[Any]  # lists or integer arrays

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0


class Calendar:
    """Vectorised date arithmetic on day ordinals between 1900 and 2100."""

    def __init__(self) -> None:
        self.base = dt.date(FIRST_YEAR, 1, 1).toordinal()
        days = [dt.date.fromordinal(o) for o in range(self.base, dt.date(LAST_YEAR, 12, 31).toordinal() + 1)]
        self.iso = np.array([d.isoformat() for d in days], dtype=object)
        self.ordinal_of = {text: self.base + i for i, text in enumerate(self.iso.tolist())}
        self.year = np.array([d.year for d in days], dtype=np.int64)
        self.month = np.array([d.month for d in days], dtype=np.int64)
        self.day = np.array([d.day for d in days], dtype=np.int64)
        starts = [
            dt.date(y, m, 1).toordinal() for y in range(FIRST_YEAR, LAST_YEAR + 2) for m in range(1, 13)
        ]
        self.month_start = np.array(starts, dtype=np.int64)
        self.month_length = np.diff(self.month_start)

    def months_index(self, ords: np.ndarray) -> np.ndarray:
        i = ords - self.base
        return (self.year[i] - FIRST_YEAR) * 12 + self.month[i] - 1

    def add_months(self, ords: np.ndarray, months: np.ndarray | int) -> np.ndarray:
        """``ords`` moved by whole months, the day kept or cut to the month's last day."""
        index = self.months_index(ords) + months
        return self.month_start[index] + np.minimum(self.day[ords - self.base], self.month_length[index]) - 1

    def months_between(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        return self.months_index(end) - self.months_index(start)

    def text(self, ords: np.ndarray) -> list[str]:
        return self.iso[ords - self.base].tolist()

    def text_or_null(self, ords: np.ndarray, present: np.ndarray) -> list[str | None]:
        values = self.iso[np.where(present, ords, self.base) - self.base]
        values[~present] = NULL
        return values.tolist()

    def years(self, ords: np.ndarray) -> np.ndarray:
        return self.year[ords - self.base]

    def ordinal(self, year: np.ndarray, month: np.ndarray | int, day: np.ndarray | int) -> np.ndarray:
        return self.month_start[(year - FIRST_YEAR) * 12 + np.asarray(month) - 1] + np.asarray(day) - 1


@functools.cache
def calendar() -> Calendar:
    return Calendar()


@dataclass(frozen=True)
class Scale:
    """A group's steps: coefficients (as text and as numbers) and intervals."""

    code: str
    coefficients: tuple[str, ...]
    interval: int
    seniority_after: int


def scales_from(table: RuleTable, day: dt.date) -> dict[str, Scale]:
    """The salary scales in force on ``day`` from the rule table ``salary_scales``."""
    return {
        code: Scale(
            code,
            tuple(row.value["coefficients"]),
            int(row.value["raise_interval_months"]),
            int(row.value["seniority_after_months"]),
        )
        for code, row in table.in_force(day).items()
        if row.value["seniority_after_months"] is not None
    }


def check_tracks(ranks: RuleTable) -> list[str]:
    """Disagreements between the demo's ranks and the rule table ``rank_salary_tables`` (expected: none)."""
    problems = []
    for track in _all_tracks():
        for stage in track.stages:
            rank = stage.rank
            start = max(stage.not_before, SCALES_START)
            found = ranks.get(rank.code, start) if rank.code else None
            if found is not None and (found.value["salary_table"], found.value["salary_group"]) != (
                rank.table,
                rank.group,
            ):
                problems.append(f"{rank.code} {rank.group} on {start}: table says {found.value}")
    return problems


def _all_tracks() -> list[Track]:
    tracks = [*careers.TRACKS_BY_TITLE.values(), *careers.TEACHERS.values()]
    tracks += [careers.ADMIN, careers.ADMIN_PRINCIPAL, careers.ADMIN_SENIOR, careers.CLERK]
    return tracks


def _pick(
    rng: np.random.Generator, choices: Sequence[str], n: int, weights: Sequence[float] | None = None
) -> list[str]:
    vocabulary = np.array(list(choices), dtype=object)
    if weights is None:
        return vocabulary[rng.integers(0, len(vocabulary), n)].tolist()
    p = np.asarray(weights, dtype=float)
    return vocabulary[rng.choice(len(vocabulary), n, p=p / p.sum())].tolist()


def _expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ``counts[i]`` rows of source ``i``: the source of each row and its number within the source."""
    source = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    return source, np.arange(len(source)) - np.repeat(first, counts)


_INSTITUTIONS = {
    "Hành chính học": ("Học viện Hành chính và Quản trị công", "Trường Đại học Nội vụ Hà Nội"),
    "Luật": ("Trường Đại học Luật Hà Nội", "Trường Đại học Luật Thành phố Hồ Chí Minh"),
    "Kế toán": ("Học viện Tài chính", "Trường Đại học Kinh tế Quốc dân"),
    "Kinh tế": ("Trường Đại học Kinh tế Quốc dân", "Trường Đại học Kinh tế Thành phố Hồ Chí Minh"),
    "Y khoa": (
        "Trường Đại học Y Hà Nội",
        "Trường Đại học Y Dược Thành phố Hồ Chí Minh",
        "Trường Đại học Y Dược Huế",
    ),
    "Điều dưỡng": ("Trường Đại học Điều dưỡng Nam Định", "Trường Cao đẳng Y tế Bạch Mai"),
    "Dược học": ("Trường Đại học Dược Hà Nội",),
}
_DEFAULT_INSTITUTIONS = (
    "Trường Đại học Sư phạm Hà Nội",
    "Trường Đại học Vinh",
    "Trường Đại học Huế",
    "Trường Đại học Cần Thơ",
    "Trường Đại học Đà Nẵng",
    "Đại học Quốc gia Hà Nội",
    "Đại học Quốc gia Thành phố Hồ Chí Minh",
)
_PARENT_JOBS = ("Làm ruộng", "Nghỉ hưu", "Công nhân", "Kinh doanh tự do", "Nội trợ", "Cán bộ hưu trí")
_SPOUSE_JOBS = (
    "Giáo viên",
    "Công chức",
    "Kinh doanh tự do",
    "Nhân viên văn phòng",
    "Công nhân",
    "Nội trợ",
    "Bác sĩ",
    "Kỹ sư",
    "Điều dưỡng",
)


@dataclass
class Stages:
    """The ranks of a chunk's persons: up to three stages each."""

    start: np.ndarray  # (n, 3) day ordinals; a stage not held has a start past the reference date
    rank: np.ndarray  # (n, 3) index into the generator's ranks
    group: np.ndarray  # (n, 3) index into the scales
    held: np.ndarray  # (n, 3)
    final_group: np.ndarray  # (n,) group of the last stage held


class DossierGenerator:
    """The dated facts of each chunk of demo persons, reproducibly for a seed and a reference date."""

    def __init__(
        self,
        seed: int,
        as_of: dt.date,
        nodes: Sequence[OrgNode],
        geography: Geography,
        scales: dict[str, Scale],
        org_ids: Sequence[int] | None = None,
    ) -> None:
        self.seed, self.as_of, self.nodes, self.geography = seed, as_of, nodes, geography
        self.org_ids = np.asarray(org_ids if org_ids is not None else range(len(nodes)), dtype=np.int64)
        self.cal = calendar()
        self.as_of_ord = as_of.toordinal()
        self.tracks: list[Track] = []
        self.track_index: dict[tuple[str, str, str, str], int] = {}
        self.scale_codes = sorted(scales)
        self.scales = [scales[code] for code in self.scale_codes]
        width = max(len(s.coefficients) for s in self.scales)
        self.steps = np.array([len(s.coefficients) for s in self.scales])
        self.interval = np.array([s.interval for s in self.scales])
        self.seniority_after = np.array([s.seniority_after for s in self.scales])
        self.coefficient = np.zeros((len(self.scales), width))
        self.coefficient_text = np.full((len(self.scales), width), "", dtype=object)
        for i, scale in enumerate(self.scales):
            self.coefficient[i, : len(scale.coefficients)] = [float(c) for c in scale.coefficients]
            self.coefficient_text[i, : len(scale.coefficients)] = scale.coefficients
        self.ranks: list[careers.Rank] = []
        self.rank_index: dict[careers.Rank, int] = {}
        # Per node: founding day, home province, leadership allowance kind.
        self.node_founded = np.array([n.effective_from.toordinal() for n in nodes], dtype=np.int64)
        self.node_home = [n.home or "01" for n in nodes]
        self.node_leadership = [self._leadership_key(n) for n in nodes]
        self.legacy_by_home: dict[str, np.ndarray] = {}
        self.legacy_codes_by_home = {p.code: frozenset(p.legacy_codes) for p in admin_units.provinces()}
        for province in admin_units.provinces():
            pairs = [
                geography.by_legacy_province.get(code, np.empty(0, np.int64))
                for code in province.legacy_codes
            ]
            self.legacy_by_home[province.code] = np.concatenate(pairs) if pairs else np.empty(0, np.int64)
        self.pairs = {
            "legacy_province": np.array(geography.legacy_province, dtype=object),
            "legacy_district": np.array(geography.legacy_district, dtype=object),
            "legacy_commune": np.array(geography.legacy_commune, dtype=object),
            "province": np.array(geography.province, dtype=object),
            "commune": np.array(geography.commune, dtype=object),
            "legacy_text": np.array(geography.legacy_text, dtype=object),
            "current_text": np.array(geography.current_text, dtype=object),
        }
        self.all_pairs = np.arange(len(geography))

    @staticmethod
    def _leadership_key(node: OrgNode) -> str:
        if node.kind == Kind.MINISTRY:
            return "ministry_deputy"
        if node.kind == Kind.DEPARTMENT:
            return "department"
        if node.kind == Kind.PUBLIC_SERVICE_UNIT:
            return "public_unit"
        if node.kind == Kind.COMMUNE_COMMITTEE:
            return "commune"
        if node.kind == Kind.DIVISION:
            by_level = {Level.CENTRAL.value: "ministry_division", Level.PROVINCE.value: "department_division"}
            return by_level.get(str(node.level), "commune_division")
        return ""

    def _track(self, category: str, title: str, staff: str, leader: str) -> int:
        key = (category, title, staff, leader)
        found = self.track_index.get(key)
        if found is None:
            track = careers.track_for(category, title, staff, leader)
            if track not in self.tracks:
                self.tracks.append(track)
            found = self.track_index[key] = self.tracks.index(track)
        return found

    def _rank(self, rank: careers.Rank) -> int:
        if rank not in self.rank_index:
            self.rank_index[rank] = len(self.ranks)
            self.ranks.append(rank)
        return self.rank_index[rank]

    # ------------------------------------------------------------------------------------------------
    def person_fields(self, number: int, rows: Sequence[PersonRow]) -> dict[str, list]:
        """The 2C items of the persons ``rows`` kept on the record itself, and their identification numbers
        as an agency's files hold them: a few fields left blank, as in real records, and a few numbers
        missing, still the old 9-digit CMND, or with the gender digit mistyped, for the dossier
        identifier report (Nghị định 27/2026/NĐ-CP) to find."""
        rng = np.random.default_rng([self.seed, 6271, number])
        n = len(rows)
        columns = list(zip(*rows, strict=True))
        ordinal_of = self.cal.ordinal_of
        birth = np.array([ordinal_of[d] for d in columns[2]], dtype=np.int64)
        # The chip cards were issued from 2021, at 14 at the earliest; the new card from 1/7/2024.
        first = np.maximum(birth + 14 * 365 + 4, dt.date(2021, 1, 15).toordinal())
        issued = np.minimum(
            first + (rng.random(n) * (self.as_of_ord - first)).astype(np.int64), self.as_of_ord
        )
        new_card = issued >= dt.date(2024, 7, 1).toordinal()
        issuer = np.where(new_card, "Bộ Công an", "Cục Cảnh sát quản lý hành chính về trật tự xã hội")
        religion = rng.choice(DEMO_RELIGIONS, size=n, p=DEMO_RELIGION_SHARES)
        insurance = [
            f"{h[:2]}{v:08d}"
            for h, v in zip((self.node_home[o] for o in columns[6]), rng.integers(0, 10**8, n), strict=True)
        ]
        agency = [self.nodes[o].name for o in columns[6]]
        history = np.full(n, PERSONAL_HISTORY, dtype=object)

        def blank(values: Any, share: float, empty: Any = "") -> list:
            values = np.asarray(values, dtype=object)
            values[rng.random(n) < share] = empty
            return values.tolist()

        numbers = np.array(columns[4], dtype=object)
        damage = rng.random(n)
        numbers[damage < 0.002] = None
        old = (damage >= 0.002) & (damage < 0.004)
        numbers[old] = [f"{v:09d}" for v in rng.integers(10**8, 10**9, int(old.sum()))]
        typo = (damage >= 0.004) & (damage < 0.005)
        numbers[typo] = [f"{x[:3]}{int(x[3]) ^ 1}{x[4:]}" for x in numbers[typo]]
        return {
            "cccd_number": numbers.tolist(),
            "religion": blank(religion, 0.02),
            "cccd_issued_on": blank(self.cal.iso[issued - self.cal.base], 0.03, None),
            "cccd_issued_by": blank(issuer, 0.03),
            "social_insurance_number": blank(insurance, 0.04),
            "recruiting_agency": blank(agency, 0.05),
            "personal_history": blank(history, 0.08),
        }

    def chunk(self, number: int, rows: Sequence[PersonRow], first_id: int) -> list[Columns]:
        """Every fact of the persons ``rows`` (ids from ``first_id``), chunk ``number`` of the load."""
        rng = np.random.default_rng([self.seed, 7919, number])
        cal, nodes = self.cal, self.nodes
        n = len(rows)
        ids = np.arange(first_id, first_id + n, dtype=np.int64)
        columns = list(zip(*rows, strict=True))
        ordinal_of = cal.ordinal_of
        birth = np.array([ordinal_of[d] for d in columns[2]], dtype=np.int64)
        female = np.array([g == "F" for g in columns[3]])
        org = np.array(columns[6], dtype=np.int64)
        category = list(columns[7])
        titles = list(columns[9])
        recruited = np.array([ordinal_of[d] for d in columns[10]], dtype=np.int64)
        leader = [
            "head" if t == nodes[o].head_title else "deputy" if t == nodes[o].deputy_title else ""
            for t, o in zip(titles, columns[6], strict=True)
        ]
        track = np.array(
            [
                self._track(c, t, nodes[o].staff, lead)
                for c, t, o, lead in zip(category, titles, columns[6], leader, strict=True)
            ],
            dtype=np.int64,
        )
        is_leader = np.array([bool(lead) for lead in leader])
        category_arr = np.array(category, dtype=object)
        contract = category_arr == careers.CONTRACT
        state = (category_arr == careers.CADRE) | (category_arr == careers.CIVIL)
        founded = self.node_founded[org]
        # A leader was appointed some years into the career, or on the unit's founding.
        service = self.as_of_ord - recruited
        appointed = recruited + (service * rng.uniform(0.4, 0.8, n)).astype(np.int64)
        current_from = np.maximum(founded, np.where(is_leader, appointed, recruited))
        current_from = np.minimum(current_from, self.as_of_ord)
        stages = self._stages(rng, recruited, track)

        out = [
            self._assignments(ids, org, category, titles, recruited, current_from, stages),
            *self._salary(ids, stages),
        ]
        out.append(self._allowances(rng, ids, org, leader, current_from, recruited, state))
        party, admitted = self._party(rng, ids, birth, recruited, category_arr, is_leader)
        out.append(party)
        final_group = stages.final_group
        out.append(
            self._education(
                rng, ids, birth, recruited, track, final_group, state, contract, admitted, is_leader
            )
        )
        addresses, hometown_text, home_current = self._addresses(rng, ids, columns[4], org)
        out.append(addresses)
        out.append(self._family(rng, ids, birth, female, columns[0], hometown_text, home_current))
        years, ratings, evaluated_person = self._ratings(rng, org, recruited, contract)
        out.append(self._awards(rng, ids, org, years, ratings, evaluated_person))
        return [table for table in out if len(table)]

    # ------------------------------------------------------------------------------------------------
    def _stages(self, rng: np.random.Generator, recruited: np.ndarray, track: np.ndarray) -> Stages:
        n, cal = len(recruited), self.cal
        never = self.as_of_ord + 10**6
        exists = np.zeros((len(self.tracks), 3), dtype=bool)
        after = np.zeros((len(self.tracks), 3), dtype=np.int64)
        not_before = np.zeros((len(self.tracks), 3), dtype=np.int64)
        rank = np.zeros((len(self.tracks), 3), dtype=np.int64)
        group = np.zeros((len(self.tracks), 3), dtype=np.int64)
        for t, item in enumerate(self.tracks):
            for s, stage in enumerate(item.stages):
                exists[t, s] = True
                after[t, s] = stage.after_years
                not_before[t, s] = stage.not_before.toordinal()
                rank[t, s] = self._rank(stage.rank)
                group[t, s] = self.scale_codes.index(f"{stage.rank.table}.{stage.rank.group}")
        start = np.full((n, 3), never, dtype=np.int64)
        start[:, 0] = recruited
        for s in (1, 2):
            years = after[track, s] + np.where(after[track, s] > 0, rng.integers(0, 4, n), 0)
            moved = np.maximum(cal.add_months(recruited, 12 * years), not_before[track, s])
            start[:, s] = np.where(exists[track, s], moved, never)
            shadowed = start[:, s] <= start[:, s - 1]
            start[shadowed, s - 1] = never
        held = start <= self.as_of_ord
        start = np.where(held, start, never)
        groups = group[track]
        last = 2 - np.argmax(held[:, ::-1], axis=1)
        return Stages(start, rank[track], groups, held, groups[np.arange(n), last])

    def _salary(self, ids: np.ndarray, stages: Stages) -> list[Columns]:
        cal, n = self.cal, len(ids)
        end_all = self.as_of_ord + 1
        parts: list[tuple[np.ndarray, ...]] = []
        previous_total = np.full(n, np.nan)
        rank_rows: list[tuple[np.ndarray, ...]] = []
        for s in range(3):
            held = stages.held[:, s]
            later = np.where(stages.held[:, s + 1 :], stages.start[:, s + 1 :], end_all)
            end = later.min(axis=1) if s < 2 else np.full(n, end_all)
            who = np.flatnonzero(held)
            if not len(who):
                continue
            start, stop, group = stages.start[who, s], end[who], stages.group[who, s]
            steps, interval, after = self.steps[group], self.interval[group], self.seniority_after[group]
            total_before = previous_total[who]
            first_step = np.ones(len(who), dtype=np.int64)
            reserved = np.zeros(len(who))
            placed = ~np.isnan(total_before)
            if placed.any():
                for g in np.unique(group[placed]):
                    mine = placed & (group == g)
                    row = self.coefficient[g, : self.steps[g]]
                    found = np.searchsorted(row, total_before[mine] - 1e-9) + 1
                    over = found > self.steps[g]
                    reserved[mine] = np.where(over, np.round(total_before[mine] - row[-1], 2), 0.0)
                    first_step[mine] = np.minimum(found, self.steps[g])
            raises = steps - first_step
            months = cal.months_between(start, stop)
            step_events = np.minimum(raises + 1, months // interval + 1)
            seniority_start = raises * interval + after
            seniority_events = np.maximum(0, (months - seniority_start) // 12 + 1)
            source, k = _expand(step_events + seniority_events)
            is_step = k < step_events[source]
            offset = np.where(
                is_step, k * interval[source], seniority_start[source] + 12 * (k - step_events[source])
            )
            day = cal.add_months(start[source], offset)
            keep = day < stop[source]
            source, k, is_step, day = source[keep], k[keep], is_step[keep], day[keep]
            step = np.where(is_step, first_step[source] + k, steps[source])
            percent = np.where(is_step, 0, 5 + k - step_events[source])
            # How the step was reached: placed on the stage's first step, then regular raises, then the
            # yearly seniority beyond the frame (codes of payroll's RaiseKind; 0 placement).
            how = np.where(is_step, np.where(k > 0, 1, 0), 2)
            parts.append(
                (who[source], day, np.full(len(day), s), step, percent, group[source], reserved[source], how)
            )
            # What the person earns at the end of this stage places them on the next one.
            last = np.flatnonzero(np.r_[who[source][1:] != who[source][:-1], True])
            owner = who[source][last]
            previous_total[owner] = self.coefficient[group[source][last], step[last] - 1] * (
                1 + percent[last] / 100
            )
            rank_rows.append((who, np.full(len(who), s), start, stop))
        person, day, stage, step, percent, group, reserved, how = (
            np.concatenate(c) for c in zip(*parts, strict=True)
        )
        order = np.lexsort((day, person))
        person, day, stage, step, percent, group, reserved, how = (
            a[order] for a in (person, day, stage, step, percent, group, reserved, how)
        )
        # Before the scales of 1/10/2004: only the step held that day is written, dated that day.
        scales_start = SCALES_START.toordinal()
        early = day < scales_start
        next_same = np.r_[person[1:] == person[:-1], False]
        next_day = np.r_[day[1:], 0]
        drop = early & next_same & (next_day <= scales_start)
        keep = ~drop
        person, day, stage, step, percent, group, reserved, how = (
            a[keep] for a in (person, day, stage, step, percent, group, reserved, how)
        )
        # A step held on 1/10/2004 was converted onto the new scales there: a placement, not a raise.
        how = np.where(day < scales_start, 0, how)
        day = np.maximum(day, scales_start)
        next_same = np.r_[person[1:] == person[:-1], False]
        until = np.r_[day[1:], 0] - 1
        rank = stages.rank[person, stage]
        rank_code = np.array([r.code for r in self.ranks], dtype=object)
        scale_table = np.array([c.split(".", 1)[0] for c in self.scale_codes], dtype=object)
        scale_group = np.array([c.split(".", 1)[1] for c in self.scale_codes], dtype=object)
        reserved_text = [f"{r:.2f}" for r in reserved.tolist()] if reserved.any() else ["0.00"] * len(person)
        salary = Columns(
            SalaryHistory,
            [
                "person_id",
                "rank_code",
                "salary_table",
                "salary_group",
                "step",
                "coefficient",
                "seniority_percent",
                "reserved_coefficient",
                "effective_from",
                "effective_to",
                "raise_kind",
            ],
            [
                ids[person],
                rank_code[rank].tolist(),
                scale_table[group].tolist(),
                scale_group[group].tolist(),
                step,
                self.coefficient_text[group, step - 1].tolist(),
                percent,
                reserved_text,
                cal.text(day),
                cal.text_or_null(np.where(next_same, until, day), next_same),
                RAISE_KINDS[how].tolist(),
            ],
        )
        who, stage_no, start, stop = (np.concatenate(c) for c in zip(*rank_rows, strict=True))
        order = np.lexsort((start, who))
        who, stage_no, start, stop = who[order], stage_no[order], start[order], stop[order]
        rank = stages.rank[who, stage_no]
        has_code = rank_code[rank] != ""
        who, start, stop, rank = who[has_code], start[has_code], stop[has_code], rank[has_code]
        open_ = stop > self.as_of_ord
        rank_name = np.array([r.name for r in self.ranks], dtype=object)
        decided = start - 7 - (who % 23)
        ranks = Columns(
            RankHistory,
            [
                "person_id",
                "rank_code",
                "rank_name",
                "decision_number",
                "decision_date",
                "effective_from",
                "effective_to",
            ],
            [
                ids[who],
                rank_code[rank].tolist(),
                rank_name[rank].tolist(),
                [f"{n}/QĐ-TCCB" for n in (100 + (ids[who] * 37) % 900).tolist()],
                cal.text(decided),
                cal.text(start),
                cal.text_or_null(stop - 1, ~open_),
            ],
        )
        return [ranks, salary]

    def _assignments(
        self,
        ids: np.ndarray,
        org: np.ndarray,
        category: list[str],
        titles: list[str],
        recruited: np.ndarray,
        current_from: np.ndarray,
        stages: Stages,
    ) -> Columns:
        """The career: before the current post (from the unit's founding or the appointment as leader), one
        period per rank held, named after the rank (Chuyên viên, then Chuyên viên chính...)."""
        cal, n = self.cal, len(ids)
        rank_name = np.array([r.name for r in self.ranks], dtype=object)
        never = self.as_of_ord + 10**6
        pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for s in range(3):
            later = np.where(stages.held[:, s + 1 :], stages.start[:, s + 1 :], never)
            stage_end = later.min(axis=1) if s < 2 else np.full(n, never)
            start = np.maximum(stages.start[:, s], recruited)
            end = np.minimum(stage_end, current_from)
            who = np.flatnonzero(stages.held[:, s] & (start < end))
            pieces.append((who, start[who], end[who] - 1, rank_name[stages.rank[who, s]]))
        who, start, until, title = (np.concatenate(c) for c in zip(*pieces, strict=True))
        order = np.lexsort((start, who))
        who, start, until, title = who[order], start[order], until[order], title[order]
        category_arr = np.array(category, dtype=object)
        return Columns(
            Assignment,
            ["person_id", "organization_id", "category", "position_title", "effective_from", "effective_to"],
            [
                np.r_[ids[who], ids],
                self.org_ids[np.r_[org[who], org]],
                np.r_[category_arr[who], category_arr].tolist(),
                title.tolist() + titles,
                cal.text(np.r_[start, current_from]),
                cal.text(until) + [NULL] * n,
            ],
        )

    def _allowances(
        self,
        rng: np.random.Generator,
        ids: np.ndarray,
        org: np.ndarray,
        leader: list[str],
        current_from: np.ndarray,
        recruited: np.ndarray,
        state: np.ndarray,
    ) -> Columns:
        """The leadership allowance of heads and deputies, and the public-duty allowance of cadres and civil
        servants (phụ cấp công vụ, 25 % from 1/5/2012)."""
        cal = self.cal
        person: list[int] = []
        coefficient: list[str | None] = []
        percent: list[str | None] = []
        title: list[str] = []
        start: list[int] = []
        commune_start = careers.COMMUNE_ALLOWANCES_FROM.toordinal()
        for i, role in enumerate(leader):
            if not role:
                continue
            node = self.nodes[org[i]]
            key = self.node_leadership[org[i]]
            if not key or (key == "ministry_deputy" and role == "head"):
                continue
            big, other = careers.LEADERSHIP[key]
            pair = big if self.node_home[org[i]] in careers.BIG_CITIES else other
            day = int(current_from[i])
            if key.startswith("commune"):
                day = max(day, commune_start)
            if day > self.as_of_ord:
                continue
            person.append(i)
            coefficient.append(pair[0] if role == "head" else pair[1])
            percent.append(NULL)
            title.append(node.head_title if role == "head" else node.deputy_title)
            start.append(day)
        duty = np.flatnonzero(state)
        duty_start = np.maximum(recruited[duty], PUBLIC_DUTY_START.toordinal())
        count = len(duty)
        return Columns(
            Allowance,
            ["person_id", "kind", "coefficient", "percent", "title", "decision_number", "effective_from"],
            [
                np.r_[ids[np.array(person, dtype=np.int64)], ids[duty]],
                [AllowanceKind.LEADERSHIP.value] * len(person) + [AllowanceKind.PUBLIC_DUTY.value] * count,
                coefficient + [NULL] * count,
                percent + ["25.00"] * count,
                title + ["Nghị định 34/2012/NĐ-CP"] * count,
                [f"{100 + i % 800}/QĐ-UBND" for i in person] + [""] * count,
                cal.text(np.array(start, dtype=np.int64)) + cal.text(duty_start),
            ],
        )

    def _party(
        self,
        rng: np.random.Generator,
        ids: np.ndarray,
        birth: np.ndarray,
        recruited: np.ndarray,
        category: np.ndarray,
        is_leader: np.ndarray,
    ) -> tuple[Columns, np.ndarray]:
        """Party membership: most cadres and leaders, half the civil servants, a third of public employees."""
        cal, n = self.cal, len(ids)
        share = np.select(
            [category == careers.CADRE, category == careers.CIVIL, category == careers.PUBLIC],
            [0.95, 0.6, 0.35],
            0.05,
        )
        share = np.where(is_leader, 0.97, share)
        age_at = rng.integers(24, 36, n)
        admitted = cal.add_months(birth, 12 * age_at + rng.integers(0, 12, n))
        member = (rng.random(n) < share) & (admitted <= self.as_of_ord - 30)
        admitted = np.where(member, admitted, 0)
        who = np.flatnonzero(member)
        official = cal.add_months(admitted[who], 12)
        return (
            Columns(
                PartyMembership,
                ["person_id", "admitted_on", "official_on", "card_number"],
                [
                    ids[who],
                    cal.text(admitted[who]),
                    cal.text_or_null(official, official <= self.as_of_ord),
                    [f"{v:08d}" for v in rng.integers(10**6, 10**8, len(who)).tolist()],
                ],
            ),
            admitted,
        )

    def _education(
        self,
        rng: np.random.Generator,
        ids: np.ndarray,
        birth: np.ndarray,
        recruited: np.ndarray,
        track: np.ndarray,
        final_group: np.ndarray,
        state: np.ndarray,
        contract: np.ndarray,
        admitted: np.ndarray,
        is_leader: np.ndarray,
    ) -> Columns:
        """General education for everyone; the professional degree the rank needs (some went on to a
        master's); political theory for Party members; state management for cadres and civil servants;
        a foreign language and IT for most holders of a group A rank."""
        cal, n = self.cal, len(ids)
        birth_year, recruit_year = cal.years(birth), cal.years(recruited)
        as_of_year = self.as_of.year
        kinds: list[list[str]] = []
        rows: dict[str, list] = {
            k: [] for k in ("person", "kind", "level", "field", "institution", "mode", "year")
        }

        def add(
            who: np.ndarray,
            kind: str,
            level: list[str],
            year: np.ndarray,
            field: list[str] | None = None,
            institution: list[str] | None = None,
            mode: list[str] | None = None,
        ) -> None:
            count = len(who)
            rows["person"].append(who)
            rows["kind"] += [kind] * count
            rows["level"] += level
            rows["field"] += field if field is not None else [""] * count
            rows["institution"] += institution if institution is not None else [""] * count
            rows["mode"] += mode if mode is not None else [""] * count
            rows["year"].append(np.minimum(year, as_of_year))

        everyone = np.arange(n)
        old_system = (birth_year <= 1972) & (rng.random(n) < 0.5)
        add(
            everyone,
            EducationKind.GENERAL.value,
            np.where(old_system, "10/10", "12/12").tolist(),
            birth_year + 18,
        )
        degree = np.array([self.tracks[t].degree for t in track.tolist()], dtype=object)
        field = np.array([self.tracks[t].field for t in track.tolist()], dtype=object)
        professional = np.flatnonzero(~contract | (rng.random(n) < 0.5))
        level = degree[professional].copy()
        age = (self.as_of_ord - birth[professional]) // 365
        further = (level == "university") & (age >= 28) & (rng.random(len(professional)) < 0.18)
        level[further] = "master"
        doctor = (level == "master") & (age >= 35) & (rng.random(len(professional)) < 0.12)
        level[doctor] = "doctorate"
        graduated = np.where(
            np.isin(level, ["master", "doctorate"]),
            np.minimum(recruit_year[professional] + rng.integers(2, 9, len(professional)), as_of_year),
            np.maximum(
                recruit_year[professional] - rng.integers(0, 3, len(professional)),
                birth_year[professional] + 21,
            ),
        )
        fields = field[professional].tolist()
        fields = [f or "Kỹ thuật" for f in fields]
        institutions = [
            _INSTITUTIONS.get(f, _DEFAULT_INSTITUTIONS)[i % len(_INSTITUTIONS.get(f, _DEFAULT_INSTITUTIONS))]
            for f, i in zip(fields, rng.integers(0, 1000, len(professional)).tolist(), strict=True)
        ]
        modes = np.where(rng.random(len(professional)) < 0.85, "Chính quy", "Vừa làm vừa học").tolist()
        add(
            professional,
            EducationKind.PROFESSIONAL.value,
            level.tolist(),
            graduated,
            fields,
            institutions,
            modes,
        )
        members = np.flatnonzero(admitted > 0)
        theory = np.where(
            is_leader[members],
            np.where(rng.random(len(members)) < 0.5, "advanced", "intermediate"),
            np.where(rng.random(len(members)) < 0.7, "elementary", "intermediate"),
        )
        add(
            members,
            EducationKind.POLITICAL_THEORY.value,
            theory.tolist(),
            cal.years(admitted[members]) + rng.integers(1, 6, len(members)),
            institution=["Trường Chính trị tỉnh"] * len(members),
        )
        servants = np.flatnonzero(state)
        group_code = np.array([c.split(".", 1)[1] for c in self.scale_codes], dtype=object)[
            final_group[servants]
        ]
        management = np.where(
            np.char.startswith(group_code.astype(str), "A3"),
            "senior_specialist",
            np.where(np.char.startswith(group_code.astype(str), "A2"), "principal_specialist", "specialist"),
        )
        add(
            servants,
            EducationKind.STATE_MANAGEMENT.value,
            management.tolist(),
            recruit_year[servants] + rng.integers(1, 4, len(servants)),
            institution=["Học viện Hành chính và Quản trị công"] * len(servants),
        )
        group_a = np.array([c.split(".", 1)[1].startswith("A") for c in self.scale_codes])[final_group]
        language = np.flatnonzero(group_a & (rng.random(n) < 0.75))
        add(
            language,
            EducationKind.FOREIGN_LANGUAGE.value,
            np.where(recruit_year[language] >= 2015, "level_3", "legacy_b").tolist(),
            recruit_year[language] - 1,
            field=["Tiếng Anh"] * len(language),
        )
        computing = np.flatnonzero(group_a & (rng.random(n) < 0.7))
        add(
            computing,
            EducationKind.IT.value,
            np.where(recruit_year[computing] >= 2015, "basic", "legacy_b").tolist(),
            recruit_year[computing] - 1,
        )
        del kinds
        who = np.concatenate(rows["person"])
        language_column = [
            f if k == EducationKind.FOREIGN_LANGUAGE.value else ""
            for k, f in zip(rows["kind"], rows["field"], strict=True)
        ]
        field_column = [
            f if k != EducationKind.FOREIGN_LANGUAGE.value else ""
            for k, f in zip(rows["kind"], rows["field"], strict=True)
        ]
        return Columns(
            Education,
            ["person_id", "kind", "level", "field", "language", "institution", "mode", "graduation_year"],
            [
                ids[who],
                rows["kind"],
                rows["level"],
                field_column,
                language_column,
                rows["institution"],
                rows["mode"],
                np.concatenate(rows["year"]),
            ],
        )

    def _addresses(
        self, rng: np.random.Generator, ids: np.ndarray, cccd: Sequence[str], org: np.ndarray
    ) -> tuple[Columns, list[str], list[str]]:
        """Birthplace in the province of the identification number, hometown mostly the same place, the
        permanent and current residence in the province of work."""
        n = len(ids)
        geography, pairs = self.geography, self.pairs
        by_legacy = geography.by_legacy_province

        def pick(groups: list[np.ndarray]) -> np.ndarray:
            sizes = np.array([len(g) for g in groups])
            chosen = (rng.random(n) * sizes).astype(np.int64)
            return np.array([g[c] for g, c in zip(groups, chosen.tolist(), strict=True)], dtype=np.int64)

        empty = self.all_pairs
        birth_groups = [by_legacy.get(c[1:3], empty) for c in cccd]
        birthplace = pick(birth_groups)
        hometown = np.where(rng.random(n) < 0.6, birthplace, pick(birth_groups))
        home_groups = [self.legacy_by_home.get(self.node_home[o], empty) for o in org.tolist()]
        home_groups = [g if len(g) else empty for g in home_groups]
        legacy_of = self.legacy_codes_by_home
        in_home = np.array(
            [
                p in legacy_of.get(self.node_home[o], ())
                for p, o in zip(pairs["legacy_province"][birthplace].tolist(), org.tolist(), strict=True)
            ]
        )
        permanent = np.where(in_home & (rng.random(n) < 0.5), birthplace, pick(home_groups))
        current = np.where(rng.random(n) < 0.85, permanent, pick(home_groups))
        chosen = np.concatenate([hometown, birthplace, permanent, current])
        kinds = (
            [AddressKind.HOMETOWN.value] * n
            + [AddressKind.BIRTHPLACE.value] * n
            + [AddressKind.PERMANENT.value] * n
            + [AddressKind.CURRENT.value] * n
        )
        numbers = rng.integers(1, 25, 2 * n)
        rural = geography.rural[chosen[2 * n :]]
        details = [""] * (2 * n) + [
            f"Thôn {k}" if r else f"Tổ dân phố số {k}"
            for k, r in zip(numbers.tolist(), rural.tolist(), strict=True)
        ]
        person = np.tile(ids, 4)
        columns = Columns(
            PersonAddress,
            [
                "person_id",
                "kind",
                "detail",
                "legacy_province_code",
                "legacy_district_code",
                "legacy_commune_code",
                "legacy_text",
                "province_code",
                "commune_code",
                "current_text",
                "conversion_status",
                "conversion_candidates",
            ],
            [
                person,
                kinds,
                details,
                pairs["legacy_province"][chosen].tolist(),
                pairs["legacy_district"][chosen].tolist(),
                pairs["legacy_commune"][chosen].tolist(),
                pairs["legacy_text"][chosen].tolist(),
                pairs["province"][chosen].tolist(),
                pairs["commune"][chosen].tolist(),
                pairs["current_text"][chosen].tolist(),
                [ConversionStatus.CONVERTED.value] * (4 * n),
                ["[]"] * (4 * n),
            ],
        )
        return columns, pairs["legacy_text"][hometown].tolist(), pairs["current_text"][permanent].tolist()

    def _family(
        self,
        rng: np.random.Generator,
        ids: np.ndarray,
        birth: np.ndarray,
        female: np.ndarray,
        full_names: Sequence[str],
        hometown: list[str],
        residence: list[str],
    ) -> Columns:
        """Father, mother, a spouse for most people over 25 and their children, with plausible years."""
        cal, n = self.cal, len(ids)
        as_of_year = self.as_of.year
        year = cal.years(birth)
        surname = [name.split(" ", 1)[0] for name in full_names]
        surnames, weights = zip(*names.SURNAMES, strict=True)
        male_middles, male_weights = zip(*names.MIDDLE_NAMES["M"], strict=True)
        male_given, female_given = names.GIVEN_NAMES["M"], names.GIVEN_NAMES["F"]
        father_year = year - rng.integers(22, 36, n)
        mother_year = father_year + rng.integers(-1, 6, n)
        father = [
            f"{s} {m} {g}"
            for s, m, g in zip(
                surname, _pick(rng, male_middles, n, male_weights), _pick(rng, male_given, n), strict=True
            )
        ]
        mother = [
            f"{s} Thị {g}"
            for s, g in zip(_pick(rng, surnames, n, weights), _pick(rng, female_given, n), strict=True)
        ]

        def parent_job(years: np.ndarray) -> list[str]:
            jobs = np.array(_pick(rng, _PARENT_JOBS, len(years)), dtype=object)
            jobs[(as_of_year - years > 78) & (rng.random(len(years)) < 0.5)] = "Đã mất"
            return jobs.tolist()

        age = as_of_year - year
        married = np.flatnonzero(rng.random(n) < np.clip((age - 23) / 8, 0, 0.92))
        spouse_female = ~female[married]
        spouse_year = year[married] + np.where(
            spouse_female, rng.integers(-1, 6, len(married)), rng.integers(-5, 2, len(married))
        )
        spouse = [
            f"{s} {'Thị' if f else 'Văn'} {g}"
            for s, f, g in zip(
                _pick(rng, surnames, len(married), weights),
                spouse_female.tolist(),
                [
                    (female_given if f else male_given)[k % len(female_given if f else male_given)]
                    for f, k in zip(
                        spouse_female.tolist(), rng.integers(0, 10**6, len(married)).tolist(), strict=True
                    )
                ],
                strict=True,
            )
        ]
        children_count = np.minimum(rng.integers(1, 4, len(married)), np.maximum(0, (age[married] - 24) // 3))
        parent, number = _expand(children_count)
        child_year = year[married][parent] + 25 + rng.integers(0, 4, len(parent)) + 3 * number
        keep = child_year <= as_of_year
        parent, number, child_year = parent[keep], number[keep], child_year[keep]
        child_female = rng.random(len(parent)) < 0.5
        family_surname = np.where(
            female[married],
            np.array([s.split(" ", 1)[0] for s in spouse], dtype=object),
            np.array(surname, dtype=object)[married],
        )
        child_given = [
            (female_given if f else male_given)[k % len(female_given if f else male_given)]
            for f, k in zip(child_female.tolist(), rng.integers(0, 10**6, len(parent)).tolist(), strict=True)
        ]
        child = [
            f"{s} {'Thị' if f else 'Văn'} {g}"
            for s, f, g in zip(
                family_surname[parent].tolist(), child_female.tolist(), child_given, strict=True
            )
        ]
        child_age = as_of_year - child_year
        child_job = np.select(
            [child_age < 6, child_age < 18, child_age < 23],
            ["", "Học sinh", "Sinh viên"],
            "Nhân viên văn phòng",
        ).tolist()
        residence_arr = np.array(residence, dtype=object)
        hometown_arr = np.array(hometown, dtype=object)
        person = np.r_[ids, ids, ids[married], ids[married][parent]]
        relation = (
            [Relation.FATHER.value] * n
            + [Relation.MOTHER.value] * n
            + [Relation.SPOUSE.value] * len(married)
            + [Relation.CHILD.value] * len(parent)
        )
        return Columns(
            FamilyRelation,
            [
                "person_id",
                "relation",
                "full_name",
                "birth_year",
                "hometown",
                "occupation",
                "address",
                "order",
            ],
            [
                person,
                relation,
                father + mother + spouse + child,
                np.r_[father_year, mother_year, spouse_year, child_year],
                hometown + hometown + [""] * (len(married) + len(parent)),
                parent_job(father_year)
                + parent_job(mother_year)
                + _pick(rng, _SPOUSE_JOBS, len(married))
                + child_job,
                hometown_arr.tolist()
                + hometown_arr.tolist()
                + residence_arr[married].tolist()
                + residence_arr[married][parent].tolist(),
                np.r_[np.full(n, 1), np.full(n, 2), np.full(len(married), 3), 4 + number],
            ],
        )

    def _ratings(
        self, rng: np.random.Generator, org: np.ndarray, recruited: np.ndarray, contract: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A rating for each of the last five years the person worked at least half of: the year, the
        rating and the person's row of each. "Hoàn thành xuất sắc" beyond a fifth of the unit's
        "hoàn thành tốt" in the year becomes "hoàn thành tốt"."""
        first = self.as_of.year - EVALUATED_YEARS
        years = np.arange(first, self.as_of.year)
        mid_year = self.cal.ordinal(years, 6, 30)
        evaluated = (~contract)[:, None] & (recruited[:, None] <= mid_year[None, :])
        person, column = np.nonzero(evaluated)
        year = years[column]
        ratings = np.array([EXCELLENT, GOOD, COMPLETED], dtype=object)
        drawn = rng.choice(3, len(person), p=[0.13, 0.72, 0.15])
        group = org[person].astype(np.int64) * 10_000 + year
        _, group_index = np.unique(group, return_inverse=True)
        good = np.bincount(group_index, weights=drawn == 1).astype(np.int64)
        allowed = good // 5
        excellent = np.flatnonzero(drawn == 0)
        order = excellent[np.argsort(group_index[excellent], kind="stable")]
        ordered_groups = group_index[order]
        starts = np.searchsorted(ordered_groups, ordered_groups, side="left")
        within = np.arange(len(order)) - starts
        drawn[order[within >= allowed[ordered_groups]]] = 1
        return year, ratings[drawn], person

    def _awards(
        self,
        rng: np.random.Generator,
        ids: np.ndarray,
        org: np.ndarray,
        years: np.ndarray,
        ratings: np.ndarray,
        person: np.ndarray,
    ) -> Columns:
        """Lao động tiên tiến for about half of the years rated "hoàn thành tốt" or better, Chiến sĩ thi đua
        cơ sở for some of the "hoàn thành xuất sắc" ones, a Giấy khen now and then."""
        cal = self.cal
        good = ratings != COMPLETED
        excellent = ratings == EXCELLENT
        draw = rng.random(len(ratings))
        fighter = excellent & (draw < 0.5)
        advanced = good & ~fighter & (draw < 0.55)
        commended = good & (rng.random(len(ratings)) < 0.06)
        rows = np.r_[np.flatnonzero(fighter), np.flatnonzero(advanced), np.flatnonzero(commended)]
        form = (
            ["Chiến sĩ thi đua cơ sở"] * int(fighter.sum())
            + ["Lao động tiên tiến"] * int(advanced.sum())
            + ["Giấy khen"] * int(commended.sum())
        )
        who = person[rows]
        nodes = self.nodes
        authority = [
            f"Thủ trưởng {nodes[o].name}" if len(nodes[o].name) < 200 else "Thủ trưởng cơ quan"
            for o in org[who].tolist()
        ]
        decided = cal.ordinal(years[rows] + 1, 1, rng.integers(5, 29, len(rows)))
        decided = np.minimum(decided, self.as_of_ord)
        return Columns(
            AwardRecord,
            ["person_id", "form", "decision_number", "decision_date", "authority", "reason"],
            [
                ids[who],
                form,
                [f"{k}/QĐ-TĐKT" for k in rng.integers(10, 999, len(rows)).tolist()],
                cal.text(decided),
                authority,
                [f"Đã có thành tích trong năm {y}" for y in years[rows].tolist()],
            ],
        )
