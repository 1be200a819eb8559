"""Fields of the personnel calculators' cases (hồ sơ tính toán) shared by the features: gender and a birth
date that may be known only by month or year."""

import datetime as dt
import re

from noivu.core.calculation import Case, CaseError, date_field, plausible
from noivu.core.text import fold
from noivu.personnel.models import Gender

GENDER_WORDS = {
    "m": Gender.MALE,
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "f": Gender.FEMALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
}
YEAR_ONLY = re.compile(r"^\d{4}$")
MONTH_YEAR = re.compile(r"^(?:(?P<m1>\d{1,2})/(?P<y1>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2}))$")


def gender_field(case: Case, field: str, *, required: bool) -> str | None:
    """ "M"/"F", also "Nam"/"Nữ" and "male"/"female" in any case."""
    raw = case.get(field)
    if raw in (None, ""):
        if required:
            raise CaseError(field, "bắt buộc")
        return None
    if not isinstance(raw, str) or fold(raw) not in GENDER_WORDS:
        raise CaseError(field, f"'{raw}' không phải giới tính hợp lệ (M/F, Nam/Nữ, male/female)")
    return GENDER_WORDS[fold(raw)]


def birth_date_field(case: Case, field: str, *, required: bool) -> tuple[dt.date | None, str]:
    """A birth date, also one known only by year ("1961") or by month and year ("03/1961", "1961-03").

    Returns the date and what was known: "day", "month" or "year". A missing day or month counts as the
    1st (Nghị định 135/2020/NĐ-CP Điều 3; Nghị định 158/2025/NĐ-CP).
    """
    raw = case.get(field)
    if isinstance(raw, str):
        text = raw.strip()
        if YEAR_ONLY.match(text) and int(text) > 0:
            return plausible(field, dt.date(int(text), 1, 1)), "year"
        match = MONTH_YEAR.match(text)
        if match:
            month = int(match["m1"] or match["m2"])
            if not 1 <= month <= 12:
                raise CaseError(field, f"'{raw}' không phải tháng, năm hợp lệ")
            year = int(match["y1"] or match["y2"])
            if year == 0:
                raise CaseError(field, f"'{raw}' không phải tháng, năm hợp lệ")
            return plausible(field, dt.date(year, month, 1)), "month"
    return date_field(case, field, required=required), "day"
