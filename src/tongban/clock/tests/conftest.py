from datetime import date

import pytest

from tongban.clock import WorkCalendar

# chinesecalendar 1.11 covers 2004–2026. Property tests draw dates far enough inside that range that
# any answer they ask for is still covered.
FIRST = date(2004, 1, 1)
LAST = date(2026, 12, 31)
SAFE_LAST = date(2026, 6, 30)


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return WorkCalendar.from_chinesecalendar()
