"""The WSGI application with the proposed changes to code this benchmark may not edit, for the load test's second
round (bench/cases_scale/load.py). Served only by the benchmark's own gunicorn on 127.0.0.1; the application's
code is not changed.

1. `services._lock` locks only the case row: `select_for_update(of=("self",))`. As written it locks every row of
   the joined select_related tables too — the item version and the department — so every attach and submit of
   the same item (and department) queues behind the others, and a draft being created (whose INSERT takes a
   KEY SHARE lock on the same item version and department rows for its foreign keys) deadlocks with them: under
   load PostgreSQL aborts one transaction of the pair ("deadlock detected") and the API answers 500.
2. One working-day calendar per request: `WorkCalendar.default()` checks the calendar's version stamp in the
   database (one aggregate query) on every deadline it evaluates; here it is checked once per request, on first
   use, and reused for the rest of that request (thread-local, so gthread workers stay correct).
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongban.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

_application = get_wsgi_application()

from tongban.cases import services  # noqa: E402
from tongban.cases.models import Case  # noqa: E402
from tongban.clock import set_default_provider  # noqa: E402
from tongban.core.errors import Conflict  # noqa: E402
from tongban.holidays.selectors import calendar_from_database  # noqa: E402


def _lock(case, expected_version):
    locked = (Case.objects.select_for_update(of=("self",)).select_related("item_version", "department")
              .get(pk=case.pk))
    if expected_version is not None and locked.row_version != expected_version:
        raise Conflict(f"办件 {locked.number} 已被他人处理（当前状态：{locked.status_label}），请刷新后再操作。")
    return locked


services._lock = _lock

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
