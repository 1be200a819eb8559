"""The statutory clock against deadlines computed by hand on the 2025 and 2026 calendars of Viet Nam.

Tết Ất Tỵ 2025: days off Saturday 25/01 to Sunday 02/02. 30/04–01/05/2025 with 02/05 off in exchange for
Saturday 26/04 worked. Tết Bính Ngọ 2026: days off Saturday 14/02 to Sunday 22/02.
"""

import datetime as dt

import pytest

from noivu.religion.procedures.clock import (
    CALENDAR,
    WORKING,
    CalendarRow,
    Pause,
    Procedure,
    WorkCalendar,
    deadline,
    working_days_between,
)

D = dt.date


def _procedure(days: int, count: str = CALENDAR) -> Procedure:
    return Procedure("TEST", "thủ tục thử", days, count, "commune")


def test_a_calendar_deadline_on_a_sunday_moves_to_monday():
    # 03/03/2025 (Mon) + 20 days = 23/03/2025 (Sun) → Mon 24/03.
    result = deadline(_procedure(20), D(2025, 3, 3), [], WorkCalendar())
    assert (result.due_on, result.moved_from) == (D(2025, 3, 24), D(2025, 3, 23))


def test_a_calendar_deadline_inside_tet_2026_moves_past_the_whole_holiday():
    # 27/01/2026 + 20 days = 16/02/2026, Lunar New Year's Eve; off until Sunday 22/02 → Mon 23/02.
    result = deadline(_procedure(20), D(2026, 1, 27), [], WorkCalendar())
    assert result.due_on == D(2026, 2, 23)
    assert "Giao thừa" in result.steps[-2]


def test_a_calendar_deadline_on_reunification_day_skips_the_swapped_day_off():
    # 15/04/2025 + 15 days = 30/04; 01/05 holiday, 02/05 off (swap), 03–04/05 weekend → Mon 05/05.
    result = deadline(_procedure(15), D(2025, 4, 15), [], WorkCalendar())
    assert result.due_on == D(2025, 5, 5)


def test_working_days_skip_weekends_and_tet_2025():
    # From Mon 20/01/2025: 21, 22, 23, 24 (4); Tết 25/01–02/02; 03, 04, 05, 06, 07 (9); Mon 10/02 (10).
    result = deadline(_procedure(10, WORKING), D(2025, 1, 20), [], WorkCalendar())
    assert result.due_on == D(2025, 2, 10)
    assert result.moved_from is None


def test_a_make_up_saturday_counts_as_a_working_day():
    # From Tue 22/04/2025: 23, 24, 25, Sat 26 (worked in exchange for 02/05), Mon 28 → 5th working day.
    result = deadline(_procedure(5, WORKING), D(2025, 4, 22), [], WorkCalendar())
    assert result.due_on == D(2025, 4, 28)


def test_a_supplement_request_pauses_the_clock_until_the_supplement_arrives():
    # Received 03/03/2025, 20 days; asked 05/03, supplement 10/03: 06–10/03 (5 days) do not count.
    # Counted 04, 05 (2), then 11/03 … 28/03 (18) → Fri 28/03.
    pauses = [Pause(D(2025, 3, 5), D(2025, 3, 10))]
    result = deadline(_procedure(20), D(2025, 3, 3), pauses, WorkCalendar())
    assert (result.due_on, result.paused_days) == (D(2025, 3, 28), 5)


def test_a_pending_supplement_leaves_no_deadline():
    result = deadline(_procedure(20), D(2025, 3, 3), [Pause(D(2025, 3, 5), None)], WorkCalendar())
    assert result.paused and result.due_on is None
    assert result.days_counted == 2


def test_a_working_day_pause_across_tet():
    # 10 working days from Mon 20/01/2025, asked on 21/01 (1 counted), supplement on Wed 05/02:
    # 06, 07 (3), 10–14 (8), 17, 18 (10) → Tue 18/02.
    pauses = [Pause(D(2025, 1, 21), D(2025, 2, 5))]
    result = deadline(_procedure(10, WORKING), D(2025, 1, 20), pauses, WorkCalendar())
    assert result.due_on == D(2025, 2, 18)


def test_an_announced_day_off_and_a_make_up_day_as_rows_win_over_the_library():
    calendar = WorkCalendar.of(
        [
            CalendarRow(D(2025, 3, 24), False, "nghỉ theo quyết định của tỉnh"),
            CalendarRow(D(2025, 3, 22), True, "làm bù"),
        ]
    )
    result = deadline(_procedure(20), D(2025, 3, 3), [], calendar)
    assert result.due_on == D(2025, 3, 25)
    assert result.moved_from == D(2025, 3, 23)
    assert calendar.is_working_day(D(2025, 3, 22))
    assert working_days_between(calendar, D(2025, 3, 20), D(2025, 3, 25)) == 3


def test_a_pause_before_receipt_is_refused():
    with pytest.raises(ValueError):
        deadline(_procedure(20), D(2025, 3, 3), [Pause(D(2025, 3, 1), D(2025, 3, 2))], WorkCalendar())
