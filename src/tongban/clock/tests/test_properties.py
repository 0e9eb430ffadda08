"""Properties of the arithmetic, and agreement with chinesecalendar's own (slow) functions."""

from datetime import date, timedelta

import chinese_calendar
from hypothesis import given, settings
from hypothesis import strategies as st

from tongban.clock import Deadline, Extension, Suspension, SuspensionReason

from .conftest import FIRST, LAST, SAFE_LAST

dates = st.dates(min_value=FIRST + timedelta(days=14), max_value=SAFE_LAST)
budgets = st.integers(min_value=0, max_value=100)


@given(d=dates, n=budgets)
def test_between_inverts_add(cal, d, n):
    assert cal.workdays_between(d, cal.add_workdays(d, n)) == n


@given(a=dates, b=dates)
def test_add_inverts_between_up_to_rest_days(cal, a, b):
    a, b = min(a, b), max(a, b)
    k = cal.workdays_between(a, b)
    r = cal.add_workdays(a, k)
    # The k-th working day after a is b itself when b is a working day, else the last working day before b.
    assert r <= b and cal.workdays_between(r, b) == 0
    assert (r == b) == (cal.is_workday(b) or a == b)


@given(d=st.dates(min_value=date(2004, 7, 1), max_value=SAFE_LAST), n=st.integers(min_value=1, max_value=100))
def test_backwards_then_forwards_returns_to_a_working_day(cal, d, n):
    back = cal.add_workdays(d, -n)
    assert back < d and cal.is_workday(back)
    assert cal.workdays_between(back, d) == n - 1 + cal.is_workday(d)
    # Forward again lands on d when d is a working day, else on the first working day after it.
    assert cal.add_workdays(back, n) == cal.next_workday(d)


@given(d=dates, n=budgets, m=budgets)
def test_add_is_monotone_in_n(cal, d, n, m):
    lo, hi = min(n, m), max(n, m)
    assert cal.add_workdays(d, lo) <= cal.add_workdays(d, hi)
    if lo < hi:
        assert cal.add_workdays(d, lo) < cal.add_workdays(d, hi)


@given(a=dates, b=dates, n=st.integers(min_value=1, max_value=100))
def test_add_is_monotone_in_the_start(cal, a, b, n):
    a, b = min(a, b), max(a, b)
    assert cal.add_workdays(a, n) <= cal.add_workdays(b, n)


@given(s=dates, a=dates, b=dates)
def test_between_is_monotone_in_the_end_and_antitone_in_the_start(cal, s, a, b):
    a, b = min(a, b), max(a, b)
    assert cal.workdays_between(s, a) <= cal.workdays_between(s, b)
    assert cal.workdays_between(a, s) >= cal.workdays_between(b, s)
    assert cal.workdays_between(a, b) == -cal.workdays_between(b, a)


# -- agreement with chinesecalendar --------------------------------------------------------------------------

any_known_date = st.dates(min_value=FIRST, max_value=LAST)


@settings(max_examples=500)
@given(d=any_known_date)
def test_is_workday_agrees_with_chinesecalendar(cal, d):
    assert cal.is_workday(d) == chinese_calendar.is_workday(d)


@given(d=st.dates(min_value=FIRST, max_value=SAFE_LAST), n=st.integers(min_value=1, max_value=100))
def test_add_workdays_agrees_with_find_workday(cal, d, n):
    # find_workday(k, x) is the k-th working day after the first working day on or after x, so the n-th working
    # day after d is find_workday(n - 1, d + 1 day).
    assert cal.add_workdays(d, n) == chinese_calendar.find_workday(n - 1, d + timedelta(days=1))


@given(d=st.dates(min_value=date(2004, 7, 1), max_value=LAST), n=st.integers(min_value=1, max_value=100))
def test_backwards_agrees_with_find_workday(cal, d, n):
    assert cal.add_workdays(d, -n) == chinese_calendar.find_workday(-n, d)


@given(a=any_known_date, span=st.integers(min_value=0, max_value=400))
def test_between_agrees_with_get_workdays(cal, a, span):
    b = min(a + timedelta(days=span), LAST)
    expected = len(chinese_calendar.get_workdays(a + timedelta(days=1), b)) if b > a else 0
    assert cal.workdays_between(a, b) == expected


# -- deadlines ------------------------------------------------------------------------------------------------

suspensions = st.builds(
    lambda reason, offset, length: (reason, offset, length),
    st.sampled_from(list(SuspensionReason)),
    st.integers(min_value=-5, max_value=60),
    st.integers(min_value=0, max_value=30),
)


def _counted(cal, deadline, a, b):
    """Working days in (a, b] that count for `deadline` (not inside a suspension)."""
    suspended = Deadline._suspended_between(cal, deadline._intervals(b), a, b)
    return cal.workdays_between(a, b) - suspended


@given(start=dates, n=st.integers(min_value=0, max_value=60), raw=st.lists(suspensions, max_size=3))
def test_a_suspension_never_makes_a_deadline_earlier(cal, start, n, raw):
    today = start + timedelta(days=40)
    plain = Deadline(start, n, calendar=cal)
    previous = plain.due(today)
    for i in range(len(raw)):
        sus = tuple(
            Suspension(r, start + timedelta(days=o), start + timedelta(days=o + length))
            for r, o, length in raw[: i + 1]
        )
        due = Deadline(start, n, suspensions=sus, calendar=cal).due(today)
        assert due >= previous
        previous = due
    # Counting only the working days outside suspensions, the budget is met exactly on the due date.
    full = Deadline(
        start,
        n,
        suspensions=tuple(
            Suspension(r, start + timedelta(days=o), start + timedelta(days=o + length))
            for r, o, length in raw
        ),
        calendar=cal,
    )
    assert _counted(cal, full, start, full.due(today)) == n


@given(
    start=dates,
    n=st.integers(min_value=0, max_value=60),
    days=st.integers(min_value=1, max_value=20),
    raw=st.lists(suspensions, max_size=2),
)
def test_an_extension_moves_the_deadline_by_exactly_its_working_days(cal, start, n, days, raw):
    today = start + timedelta(days=30)
    sus = tuple(
        Suspension(r, start + timedelta(days=o), start + timedelta(days=o + length)) for r, o, length in raw
    )
    before = Deadline(start, n, suspensions=sus, calendar=cal)
    after = Deadline(
        start, n, suspensions=sus, extensions=(Extension("局长", "情况复杂", days),), calendar=cal
    )
    assert _counted(cal, after, before.due(today), after.due(today)) == days
    if not sus:
        assert after.due(today) == cal.add_workdays(before.due(today), days)
