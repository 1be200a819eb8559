"""Careers of the demo personnel: the ranks (ngạch, chức danh nghề nghiệp) a kind of job passes through,
the education it needs, and the leadership allowance (phụ cấp chức vụ lãnh đạo) of a head or deputy.

A track is the sequence of ranks a person holds: the first from recruitment, each next one after some
years of service (nâng ngạch, thăng hạng) or from a fixed date (the regrading of Cán sự from group B to
A0 by Thông tư 2/2021/TT-BNV). A rank's salary table and group come from the rule table
``rank_salary_tables`` when it lists the rank; the professional titles of public employees (V.xx.xx.xx)
are set by each sector's circular, which the project has not collected, so their groups below are
illustrative (unverified) and only used by the demo data.
"""

import datetime as dt
from dataclasses import dataclass

from noivu.personnel.models import Category

CADRE, CIVIL, PUBLIC, CONTRACT = (
    Category.CADRE.value,
    Category.CIVIL_SERVANT.value,
    Category.PUBLIC_EMPLOYEE.value,
    Category.CONTRACT.value,
)
TABLE_CIVIL, TABLE_PUBLIC, TABLE_SUPPORT = "bang_2_cong_chuc", "bang_3_vien_chuc", "bang_4_thua_hanh_phuc_vu"
NO_DATE = dt.date.min


@dataclass(frozen=True)
class Rank:
    """A rank as the demo records it; ``table`` and ``group`` are used when the rank table lacks it."""

    code: str  # "" for the jobs of Bảng 4, which have no rank
    name: str
    table: str
    group: str


@dataclass(frozen=True)
class Stage:
    """A rank of a track: held from ``after_years`` of service, and not before ``not_before``."""

    rank: Rank
    after_years: int = 0
    not_before: dt.date = NO_DATE


@dataclass(frozen=True)
class Track:
    stages: tuple[Stage, ...]
    degree: str  # the professional level expected at recruitment (codes of the "professional" list)
    field: str  # chuyên ngành


def _rank(code: str, name: str, group: str, table: str = TABLE_CIVIL) -> Rank:
    return Rank(code, name, table, group)


CHUYEN_VIEN = _rank("01.003", "Chuyên viên", "A1")
CHUYEN_VIEN_CHINH = _rank("01.002", "Chuyên viên chính", "A2.1")
CHUYEN_VIEN_CAO_CAP = _rank("01.001", "Chuyên viên cao cấp", "A3.1")
CAN_SU_B = _rank("01.004", "Cán sự", "B")
CAN_SU = _rank("01.004", "Cán sự", "A0")
KE_TOAN_VIEN = _rank("06.031", "Kế toán viên", "A1")
VAN_THU_TRUNG_CAP = _rank("02.008", "Văn thư viên trung cấp", "B")
THANH_TRA_VIEN = _rank("04.025", "Thanh tra viên", "A1")
# Professional titles of public employees (illustrative groups, see the module's docstring).
GV_MN_III = _rank("V.07.02.26", "Giáo viên mầm non hạng III", "A0", TABLE_PUBLIC)
GV_MN_II = _rank("V.07.02.25", "Giáo viên mầm non hạng II", "A1", TABLE_PUBLIC)
GV_TH_III = _rank("V.07.03.29", "Giáo viên tiểu học hạng III", "A1", TABLE_PUBLIC)
GV_TH_II = _rank("V.07.03.28", "Giáo viên tiểu học hạng II", "A2.2", TABLE_PUBLIC)
GV_THCS_III = _rank("V.07.04.32", "Giáo viên trung học cơ sở hạng III", "A1", TABLE_PUBLIC)
GV_THCS_II = _rank("V.07.04.31", "Giáo viên trung học cơ sở hạng II", "A2.2", TABLE_PUBLIC)
GV_THPT_III = _rank("V.07.05.15", "Giáo viên trung học phổ thông hạng III", "A1", TABLE_PUBLIC)
GV_THPT_II = _rank("V.07.05.14", "Giáo viên trung học phổ thông hạng II", "A2.2", TABLE_PUBLIC)
GIANG_VIEN = _rank("V.07.01.03", "Giảng viên", "A1", TABLE_PUBLIC)
GIANG_VIEN_CHINH = _rank("V.07.01.02", "Giảng viên chính", "A2.1", TABLE_PUBLIC)
GIANG_VIEN_CAO_CAP = _rank("V.07.01.01", "Giảng viên cao cấp", "A3.1", TABLE_PUBLIC)
BAC_SI = _rank("V.08.01.03", "Bác sĩ", "A1", TABLE_PUBLIC)
BAC_SI_CHINH = _rank("V.08.01.02", "Bác sĩ chính", "A2.1", TABLE_PUBLIC)
DIEU_DUONG = _rank("V.08.05.12", "Điều dưỡng hạng III", "A1", TABLE_PUBLIC)
HO_SINH = _rank("V.08.06.16", "Hộ sinh hạng III", "A1", TABLE_PUBLIC)
KY_THUAT_Y = _rank("V.08.07.18", "Kỹ thuật y hạng III", "A1", TABLE_PUBLIC)
DUOC_SI = _rank("V.08.08.22", "Dược sĩ hạng III", "A1", TABLE_PUBLIC)
Y_SI = _rank("V.08.03.07", "Y sĩ hạng IV", "B", TABLE_PUBLIC)
KY_SU = _rank("V.05.02.07", "Kỹ sư hạng III", "A1", TABLE_PUBLIC)
LUU_TRU_VIEN = _rank("V.01.02.02", "Lưu trữ viên hạng III", "A1", TABLE_PUBLIC)
THU_VIEN_VIEN = _rank("V.10.02.07", "Thư viện viên hạng IV", "B", TABLE_PUBLIC)
THIET_BI = _rank("V.07.07.20", "Viên chức thiết bị, thí nghiệm", "B", TABLE_PUBLIC)


def _support(job: str, name: str) -> Rank:
    return Rank("", name, TABLE_SUPPORT, job)


def _track(*stages: Stage, degree: str = "university", field: str = "Hành chính học") -> Track:
    return Track(stages, degree, field)


_CV = Stage(CHUYEN_VIEN)
ADMIN = _track(_CV)
ADMIN_PRINCIPAL = _track(_CV, Stage(CHUYEN_VIEN_CHINH, 9))
ADMIN_SENIOR = _track(_CV, Stage(CHUYEN_VIEN_CHINH, 9), Stage(CHUYEN_VIEN_CAO_CAP, 18))
CLERK = _track(Stage(CAN_SU_B), Stage(CAN_SU, not_before=dt.date(2021, 8, 1)), degree="college")

TRACKS_BY_TITLE: dict[tuple[str, str], Track] = {
    (CIVIL, "Chuyên viên"): ADMIN,
    (CIVIL, "Chuyên viên chính"): ADMIN_PRINCIPAL,
    (CIVIL, "Chuyên viên cao cấp"): ADMIN_SENIOR,
    (CIVIL, "Cán sự"): CLERK,
    (CIVIL, "Thanh tra viên"): _track(Stage(THANH_TRA_VIEN), field="Luật"),
    (PUBLIC, "Chuyên viên"): ADMIN,
    (PUBLIC, "Cán sự"): CLERK,
    (PUBLIC, "Kỹ sư"): _track(Stage(KY_SU), field="Kỹ thuật xây dựng"),
    (PUBLIC, "Kế toán viên"): _track(Stage(KE_TOAN_VIEN), field="Kế toán"),
    (PUBLIC, "Nhân viên kế toán"): _track(Stage(KE_TOAN_VIEN), field="Kế toán"),
    (PUBLIC, "Lưu trữ viên"): _track(Stage(LUU_TRU_VIEN), field="Lưu trữ học"),
    (PUBLIC, "Nhân viên văn thư"): _track(Stage(VAN_THU_TRUNG_CAP), degree="intermediate", field="Văn thư"),
    (PUBLIC, "Nhân viên y tế trường học"): _track(Stage(Y_SI), degree="intermediate", field="Y sĩ đa khoa"),
    (PUBLIC, "Nhân viên thư viện"): _track(Stage(THU_VIEN_VIEN), degree="intermediate", field="Thư viện"),
    (PUBLIC, "Nhân viên thiết bị"): _track(
        Stage(THIET_BI), degree="intermediate", field="Thiết bị trường học"
    ),
    (PUBLIC, "Giảng viên"): _track(Stage(GIANG_VIEN), degree="master", field="Kinh tế"),
    (PUBLIC, "Giảng viên chính"): _track(
        Stage(GIANG_VIEN), Stage(GIANG_VIEN_CHINH, 9), degree="master", field="Kinh tế"
    ),
    (PUBLIC, "Giảng viên cao cấp"): _track(
        Stage(GIANG_VIEN),
        Stage(GIANG_VIEN_CHINH, 9),
        Stage(GIANG_VIEN_CAO_CAP, 18),
        degree="doctorate",
        field="Kinh tế",
    ),
    (PUBLIC, "Bác sĩ"): _track(Stage(BAC_SI), Stage(BAC_SI_CHINH, 12), field="Y khoa"),
    (PUBLIC, "Điều dưỡng"): _track(Stage(DIEU_DUONG), field="Điều dưỡng"),
    (PUBLIC, "Hộ sinh"): _track(Stage(HO_SINH), field="Hộ sinh"),
    (PUBLIC, "Kỹ thuật viên"): _track(Stage(KY_THUAT_Y), field="Kỹ thuật xét nghiệm y học"),
    (PUBLIC, "Dược sĩ"): _track(Stage(DUOC_SI), field="Dược học"),
    (PUBLIC, "Y sĩ"): _track(Stage(Y_SI), degree="intermediate", field="Y sĩ đa khoa"),
}
# Teachers by the kind of school (staffing profile).
TEACHERS: dict[str, Track] = {
    "school_kindergarten": _track(
        Stage(GV_MN_III), Stage(GV_MN_II, 9), degree="college", field="Giáo dục mầm non"
    ),
    "school_primary": _track(Stage(GV_TH_III), Stage(GV_TH_II, 9), field="Giáo dục tiểu học"),
    "school_secondary": _track(Stage(GV_THCS_III), Stage(GV_THCS_II, 9), field="Sư phạm Toán học"),
    "school_high": _track(Stage(GV_THPT_III), Stage(GV_THPT_II, 9), field="Sư phạm Ngữ văn"),
}
SUPPORT_JOBS: dict[str, Rank] = {
    "Lái xe": _support("lai_xe", "Lái xe cơ quan"),
    "Bảo vệ": _support("bao_ve", "Nhân viên bảo vệ"),
    "Nhân viên phục vụ": _support("phuc_vu", "Nhân viên phục vụ"),
    "Hộ lý": _support("phuc_vu", "Nhân viên phục vụ"),
    "Nhân viên kỹ thuật": _support("ky_thuat", "Nhân viên kỹ thuật"),
    "Nhân viên văn thư": _support("van_thu", "Nhân viên văn thư"),
}
SUPPORT_DEFAULT = SUPPORT_JOBS["Nhân viên phục vụ"]


def track_for(category: str, title: str, staff: str, leader: str) -> Track:
    """The track of a person of ``category`` with job ``title`` in a unit staffed as ``staff``;
    ``leader`` is "head", "deputy" or "" (heads of ministries and departments reach the senior rank)."""
    if category == CONTRACT:
        return _track(Stage(SUPPORT_JOBS.get(title, SUPPORT_DEFAULT)), degree="elementary", field="")
    if category == PUBLIC:
        if staff in TEACHERS and (leader or title == "Giáo viên"):
            return TEACHERS[staff]
        if staff == "health" and leader:
            return TRACKS_BY_TITLE[(PUBLIC, "Bác sĩ")]
        if staff == "school" and leader:
            return TRACKS_BY_TITLE[(PUBLIC, "Giảng viên cao cấp")]
        if leader:
            return ADMIN_PRINCIPAL
        return TRACKS_BY_TITLE.get((PUBLIC, title), ADMIN)
    if leader == "head" and staff in ("ministry", "department", "province_admin"):
        return ADMIN_SENIOR
    if leader or category == CADRE:
        return ADMIN_PRINCIPAL
    return TRACKS_BY_TITLE.get((CIVIL, title), ADMIN)


# Leadership allowance coefficients (phụ cấp chức vụ lãnh đạo, Nghị định 204/2004/NĐ-CP bảng phụ cấp chức vụ
# as amended; Nghị định 07/2026/NĐ-CP for communes from 1/1/2026), by the kind of unit led: (head, deputy),
# for Hà Nội and Hồ Chí Minh City first, then the other provinces. The domain notes mark the Sở and
# commune figures from memory or verified as noted there; heads of ministries and provinces are paid by
# their position's salary, not by an allowance.
LEADERSHIP: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "ministry_deputy": (("1.30", "1.30"), ("1.30", "1.30")),
    "ministry_division": (("1.00", "0.80"), ("1.00", "0.80")),
    "department": (("1.00", "0.80"), ("0.90", "0.70")),
    "department_division": (("0.60", "0.40"), ("0.50", "0.30")),
    "public_unit": (("0.60", "0.40"), ("0.50", "0.30")),
    "commune": (("0.70", "0.60"), ("0.60", "0.50")),
    "commune_division": (("0.35", "0.20"), ("0.25", "0.15")),
}
COMMUNE_ALLOWANCES_FROM = dt.date(2026, 1, 1)
BIG_CITIES = ("01", "79")
