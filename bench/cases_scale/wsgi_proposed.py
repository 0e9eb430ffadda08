"""The WSGI application with a proposed change to code this benchmark may not edit, for the load test's second
round (bench/cases_scale/load.py). Served only by the benchmark's own gunicorn on 127.0.0.1; the application's
code is not changed.

One working-day calendar per request: `WorkCalendar.default()` checks the calendar's version stamp in the
database (one aggregate query) on every deadline it evaluates; here it is checked once per request, on first use,
and reused for the rest of that request (thread-local, so gthread workers stay correct).

(This round also locked only the case row in `services._lock` until commit cca7b09 made that change in the
application: `select_for_update(of=("self",))`; before it, concurrent submissions deadlocked — see
docs/benchmarks.md.)
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongban.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

_application = get_wsgi_application()

from tongban.clock import set_default_provider  # noqa: E402
from tongban.holidays.selectors import calendar_from_database  # noqa: E402

_request = threading.local()


def _calendar():
    cal = getattr(_request, "calendar", None)
    if cal is None:
        cal = _request.calendar = calendar_from_database()
    return cal


set_default_provider(_calendar)


def application(environ, start_response):
    _request.calendar = None
    try:
        return _application(environ, start_response)
    finally:
        _request.calendar = None
