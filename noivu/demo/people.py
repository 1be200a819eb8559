"""Synthetic personnel (cán bộ, công chức, viên chức, người lao động) for the demo organisation tree.

Rows are produced organisation by organisation, in batches of plain tuples, from one seeded random
stream: the same seed and reference date always give the same people in the same order.
"""

import datetime as dt
import random
import zlib
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from noivu.core.dates import years_before
from noivu.core.text import fold
from noivu.demo import names
from noivu.demo.structure import OrgNode
from noivu.personnel.models import Category

CADRE, CIVIL, PUBLIC, CONTRACT = (
    Category.CADRE.value,
    Category.CIVIL_SERVANT.value,
    Category.PUBLIC_EMPLOYEE.value,
    Category.CONTRACT.value,
)
CATEGORIES = (CADRE, CIVIL, PUBLIC, CONTRACT)
BORN_IN_HOME_PROVINCE = 0.85
MIN_AGE, MAX_AGE, MAX_AGE_FEMALE = 22, 62, 60
# Multiplier of the per-prefix permutation of the six random digits: coprime with 10**6, so that the
# first million people sharing a prefix get a million distinct serials.
_SERIAL_STEP = 389_711


class PersonRow(NamedTuple):
    """One person and their primary assignment; dates are ISO strings, ``org`` indexes the node list."""

    full_name: str
    full_name_folded: str
    birth_date: str
    gender: str
    cccd_number: str
    ethnic_group: str
    org: int
    category: str
    effective_from: str  # of the current assignment: the recruitment date, or the unit's founding if later
    position_title: str
    recruited_on: str


Titles = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Profile:
    """How a kind of unit is staffed: category mix, share of women per category, and job titles."""

    mix: tuple[float, float, float, float]  # cadre, civil servant, public employee, contract
    female: tuple[float, float, float, float]
    head_category: str
    titles: dict[str, Titles]


_CONTRACT_TITLES = (
    ("Lái xe", 2.0),
    ("Bảo vệ", 3.0),
    ("Nhân viên phục vụ", 3.0),
    ("Nhân viên kỹ thuật", 1.0),
    ("Nhân viên văn thư", 1.0),
)
_CIVIL_TITLES = (
    ("Chuyên viên", 60.0),
    ("Chuyên viên chính", 28.0),
    ("Chuyên viên cao cấp", 3.0),
    ("Cán sự", 5.0),
    ("Thanh tra viên", 4.0),
)
_TEACHER_TITLES = (
    ("Giáo viên", 88.0),
    ("Nhân viên kế toán", 3.0),
    ("Nhân viên văn thư", 2.0),
    ("Nhân viên y tế trường học", 2.0),
    ("Nhân viên thư viện", 2.0),
    ("Nhân viên thiết bị", 3.0),
)
_SERVICE_TITLES = (
    ("Chuyên viên", 60.0),
    ("Kỹ sư", 15.0),
    ("Kế toán viên", 10.0),
    ("Cán sự", 10.0),
    ("Lưu trữ viên", 5.0),
)
_COMMUNE_CADRE_TITLES = (
    ("Ủy viên UBND", 3.0),
    ("Phó Chủ tịch HĐND", 2.0),
    ("Chủ tịch Ủy ban MTTQ", 1.0),
    ("Chủ tịch Hội Liên hiệp Phụ nữ", 1.0),
    ("Chủ tịch Hội Nông dân", 1.0),
    ("Chủ tịch Hội Cựu chiến binh", 1.0),
    ("Bí thư Đoàn Thanh niên", 1.0),
)


def _school(female_teachers: float, teacher_titles: Titles = _TEACHER_TITLES) -> Profile:
    return Profile(
        mix=(0, 0, 88, 12),
        female=(0.3, 0.5, female_teachers, 0.7),
        head_category=PUBLIC,
        titles={PUBLIC: teacher_titles, CONTRACT: _CONTRACT_TITLES},
    )


PROFILES: dict[str, Profile] = {
    "none": Profile(mix=(0, 0, 0, 1), female=(0, 0, 0, 0), head_category=CIVIL, titles={}),
    "ministry": Profile(
        mix=(2, 84, 0, 14),
        female=(0.25, 0.5, 0.5, 0.45),
        head_category=CADRE,
        titles={CADRE: (("Ủy viên Ban cán sự đảng", 1.0),), CIVIL: _CIVIL_TITLES, CONTRACT: _CONTRACT_TITLES},
    ),
    "province_admin": Profile(
        mix=(40, 48, 0, 12),
        female=(0.25, 0.45, 0.5, 0.45),
        head_category=CADRE,
        titles={CADRE: (("Ủy viên UBND tỉnh", 1.0),), CIVIL: _CIVIL_TITLES, CONTRACT: _CONTRACT_TITLES},
    ),
    "department": Profile(
        mix=(0, 86, 0, 14),
        female=(0.3, 0.45, 0.5, 0.45),
        head_category=CIVIL,
        titles={CIVIL: _CIVIL_TITLES, CONTRACT: _CONTRACT_TITLES},
    ),
    "commune_admin": Profile(
        mix=(58, 32, 0, 10),
        female=(0.3, 0.45, 0.5, 0.45),
        head_category=CADRE,
        titles={CADRE: _COMMUNE_CADRE_TITLES, CIVIL: (("Chuyên viên", 1.0),), CONTRACT: _CONTRACT_TITLES},
    ),
    "commune_division": Profile(
        mix=(6, 82, 0, 12),
        female=(0.3, 0.45, 0.5, 0.45),
        head_category=CIVIL,
        titles={
            CADRE: _COMMUNE_CADRE_TITLES,
            CIVIL: (("Chuyên viên", 5.0), ("Cán sự", 1.0)),
            CONTRACT: _CONTRACT_TITLES,
        },
    ),
    "school_kindergarten": _school(0.97),
    "school_primary": _school(0.80),
    "school_secondary": _school(0.70),
    "school_high": _school(0.62),
    "school": _school(
        0.55,
        (
            ("Giảng viên", 60.0),
            ("Giảng viên chính", 20.0),
            ("Giảng viên cao cấp", 4.0),
            ("Chuyên viên", 16.0),
        ),
    ),
    "health": Profile(
        mix=(0, 0, 88, 12),
        female=(0.3, 0.5, 0.66, 0.55),
        head_category=PUBLIC,
        titles={
            PUBLIC: (
                ("Bác sĩ", 25.0),
                ("Điều dưỡng", 40.0),
                ("Hộ sinh", 6.0),
                ("Kỹ thuật viên", 10.0),
                ("Dược sĩ", 7.0),
                ("Y sĩ", 6.0),
                ("Kế toán viên", 3.0),
                ("Chuyên viên", 3.0),
            ),
            CONTRACT: (("Hộ lý", 4.0),) + _CONTRACT_TITLES,
        },
    ),
    "service": Profile(
        mix=(0, 0, 80, 20),
        female=(0.3, 0.5, 0.5, 0.45),
        head_category=PUBLIC,
        titles={PUBLIC: _SERVICE_TITLES, CONTRACT: _CONTRACT_TITLES},
    ),
}


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder, ties by position)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    shares = [w * total / weight_sum for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _cum(pairs: Sequence[tuple[str, float]]) -> tuple[list[str], list[float]]:
    return [p[0] for p in pairs], list(accumulate(p[1] for p in pairs))


class PeopleGenerator:
    """Generates the personnel of each organisation node, reproducibly for a seed and a reference date."""

    def __init__(
        self,
        seed: int,
        as_of: dt.date,
        legacy_codes_by_province: dict[str, tuple[str, ...]],
        all_legacy_codes: Sequence[str],
    ) -> None:
        self.seed = seed
        self.rng = random.Random(f"noivu-demo:{seed}:people")
        self.as_of = as_of
        self.as_of_ord = as_of.toordinal()
        self.youngest = years_before(as_of, MIN_AGE).toordinal()
        self.oldest = {
            "M": years_before(as_of, MAX_AGE + 1).toordinal() + 1,
            "F": years_before(as_of, MAX_AGE_FEMALE + 1).toordinal() + 1,
        }
        self.home_codes = legacy_codes_by_province
        self.all_codes = list(all_legacy_codes)
        self.surnames = _cum(names.SURNAMES)
        self.middles = {g: _cum(names.MIDDLE_NAMES[g]) for g in "MF"}
        self.givens = {g: list(names.GIVEN_NAMES[g]) for g in "MF"}
        self.ethnic_mixes: dict[str, tuple[list[str], list[float]]] = {}
        self.profiles = {
            key: (p, list(accumulate(p.mix)), {c: _cum(t) for c, t in p.titles.items()})
            for key, p in PROFILES.items()
        }
        self.serial_counters: dict[str, int] = {}
        self.serial_offsets: dict[str, int] = {}
        self.dates: dict[int, tuple[str, int]] = {}
        words = {w for w, _ in names.SURNAMES} | {w for g in "MF" for w, _ in names.MIDDLE_NAMES[g]}
        words |= (
            set(names.GIVEN_NAMES["M"] + names.GIVEN_NAMES["F"])
            | {w for ws in names.ETHNIC_SURNAMES.values() for w in ws}
            | {"Văn", "Thị"}
        )
        self.folded = {w: fold(w) for w in words}

    def _date(self, ordinal: int) -> tuple[str, int]:
        """ISO text and year of a day ordinal (cached: people share a few thousand distinct days)."""
        found = self.dates.get(ordinal)
        if found is None:
            day = dt.date.fromordinal(ordinal)
            found = self.dates[ordinal] = (day.isoformat(), day.year)
        return found

    def _ethnic_mix(self, home: str) -> tuple[list[str], list[float]]:
        if home not in self.ethnic_mixes:
            mix = names.ETHNIC_MIX_BY_PROVINCE.get(home, names.DEFAULT_ETHNIC_MIX)
            self.ethnic_mixes[home] = _cum(mix)
        return self.ethnic_mixes[home]

    def staff(self, org_index: int, node: OrgNode, count: int) -> list[PersonRow]:
        """``count`` people working in ``node``: its head and deputies first, then the staff."""
        if count <= 0:
            return []
        rng = self.rng
        random_ = rng.random
        profile, mix_cum, titles = self.profiles[node.staff]
        categories = rng.choices(CATEGORIES, cum_weights=mix_cum, k=count)
        deputies = 0 if count < 2 else 1 if count < 6 else min(3, 1 + count // 40)
        for i in range(1, deputies + 1):
            if profile.head_category == CADRE and node.staff not in ("commune_admin", "province_admin"):
                categories[i] = CIVIL  # deputy ministers are civil servants
            else:
                categories[i] = profile.head_category
        categories[0] = profile.head_category
        ethnic_names, ethnic_cum = self._ethnic_mix(node.home)
        ethnics = rng.choices(ethnic_names, cum_weights=ethnic_cum, k=count)
        surname_names, surname_cum = self.surnames
        surnames = rng.choices(surname_names, cum_weights=surname_cum, k=count)
        female_share = dict(zip(CATEGORIES, profile.female, strict=True))
        home_codes = self.home_codes.get(node.home, ())
        all_codes, n_codes = self.all_codes, len(self.all_codes)
        from_ord, as_of_ord, youngest = node.effective_from.toordinal(), self.as_of_ord, self.youngest
        ethnic_surnames, folded, middles, givens = (
            names.ETHNIC_SURNAMES,
            self.folded,
            self.middles,
            self.givens,
        )
        counters, offsets, date_of, oldest = (
            self.serial_counters,
            self.serial_offsets,
            self._date,
            self.oldest,
        )
        rows = []
        for i in range(count):
            category = categories[i]
            gender = "F" if random_() < female_share[category] else "M"
            ethnic = ethnics[i]
            surname = surnames[i]
            if ethnic in ethnic_surnames and random_() < 0.85:
                own = ethnic_surnames[ethnic]
                surname = own[int(random_() * len(own))]
            middle_names, middle_cum = middles[gender]
            middle = middle_names[bisect(middle_cum, random_() * middle_cum[-1])]
            given_names = givens[gender]
            given = given_names[int(random_() * len(given_names))]
            if given == middle:
                middle = "Văn" if gender == "M" else "Thị"
            # Ages: a broad band with more people in mid-career.
            u = random_() if random_() < 0.4 else (random_() + random_()) / 2
            birth_ord = youngest - int(u * (youngest - oldest[gender]))
            birth_text, birth_year = date_of(birth_ord)
            if home_codes and random_() < BORN_IN_HOME_PROVINCE:
                place = home_codes[int(random_() * len(home_codes))]
            else:
                place = all_codes[int(random_() * n_codes)]
            prefix = f"0{place}{(0 if birth_year < 2000 else 2) + (gender == 'F')}{birth_year % 100:02d}"
            serial = counters.get(prefix, 0)
            if serial == 0:
                offsets[prefix] = zlib.crc32(f"{self.seed}:{prefix}".encode()) % 1_000_000
            elif serial >= 1_000_000:
                raise ValueError(f"more than a million people share the identification prefix {prefix}")
            counters[prefix] = serial + 1
            career_start = min(birth_ord + 8040, as_of_ord)
            recruited = career_start + int((as_of_ord - career_start) * random_() ** 2)
            if i == 0:
                title = node.head_title
            elif i <= deputies:
                title = node.deputy_title
            elif category in titles:
                title_names, title_cum = titles[category]
                title = title_names[bisect(title_cum, random_() * title_cum[-1])]
            else:
                title = ""
            rows.append(
                PersonRow(
                    f"{surname} {middle} {given}",
                    f"{folded[surname]} {folded[middle]} {folded[given]}",
                    birth_text,
                    gender,
                    f"{prefix}{(serial * _SERIAL_STEP + offsets[prefix]) % 1_000_000:06d}",
                    ethnic,
                    org_index,
                    category,
                    date_of(max(recruited, from_ord))[0],
                    title,
                    date_of(recruited)[0],
                )
            )
        return rows

    def batches(self, nodes: Sequence[OrgNode], counts: Sequence[int]) -> Iterator[list[PersonRow]]:
        """One batch of rows per organisation that has staff, in node order."""
        for index, (node, count) in enumerate(zip(nodes, counts, strict=True)):
            if count:
                yield self.staff(index, node, count)
