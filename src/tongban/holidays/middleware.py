"""One working-day calendar per request."""

from __future__ import annotations

from tongban.holidays.selectors import one_calendar


class OneCalendarPerRequest:
    """Every deadline a request evaluates uses the calendar as it was when the request first asked for it: one
    version check per request instead of one per deadline (a workbench page evaluates about fifty)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_calendar():
            return self.get_response(request)
