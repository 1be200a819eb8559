"""Dates come from the Vietnam calendar day (``noivu.core.dates``), never from the server's clock:
between 00:00 and 07:00 Vietnam time a server in UTC is still on the day before."""

import re
from pathlib import Path

import noivu

SERVER_CLOCK = re.compile(r"\bdate\.today\(\)|\btimezone\.localdate\(\)|\bdatetime\.now\(\)")


def test_no_module_outside_the_tests_reads_the_servers_calendar_day() -> None:
    root = Path(noivu.__file__).parent
    offences = [
        f"{path.relative_to(root.parent)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SERVER_CLOCK.search(line)
    ]
    assert offences == [], "use noivu.core.dates.today():\n" + "\n".join(offences)
