"""Dates as the sector counts them: the calendar day in Vietnam (Asia/Ho_Chi_Minh), whatever the server's
clock, ages in full years and months added the way decisions count them."""

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> dt.datetime:
    """The current moment in Vietnam time (aware)."""
    return dt.datetime.now(VIETNAM)


def today() -> dt.date:
    """Today's date in Vietnam: between 00:00 and 07:00 it differs from a server clock kept in UTC."""
    return now().date()


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative: back), clamped to the month's last day:
    31/01 + 1 month is 28/02 (29/02 in a leap year)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` years earlier (29/02 becomes 28/02 in a common year)."""
    return add_months(day, -12 * years)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in full years on ``day`` (the birthday itself counts as the new year of age)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# The years a date of a record may fall in (năm hợp lý): the import refuses any other, and so does every
# other path, so that a typo such as 0001 or 9999 never reaches a calculation or an export.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def is_plausible(day: dt.date) -> bool:
    """Whether ``day`` lies within :data:`FIRST_YEAR` … :data:`LAST_YEAR`."""
    return FIRST_YEAR <= day.year <= LAST_YEAR
