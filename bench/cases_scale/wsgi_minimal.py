"""wsgi_proposed plus one change to the API's contract, for the load test's third round: write requests that
carry `Prefer: return=minimal` (RFC 7240) are answered with the case's id, number, status and row_version (and
the ETag / Location headers) instead of the full case detail.

Every write endpoint of the cases API answers with the whole case as the actor now sees it (api._out: the case
looked up again through the actor's scope, then its steps, suspensions, extension, deliveries, materials,
requirements, supplement requests, documents, timeline and clocks — about 15 queries). A portal or an
integrating system submitting an application does not read that after each step; the detail stays one GET away.
Served only by the benchmark's own gunicorn on 127.0.0.1; the application's code is not changed.
"""

from __future__ import annotations

from django.http import JsonResponse

from bench.cases_scale.wsgi_proposed import application  # noqa: F401  (applies the proposed fixes too)
from tongban.api import api as ninja_api
from tongban.cases import api as cases_api
from tongban.cases.models import Case


class _Minimal(Exception):
    def __init__(self, case_id: int, response):
        self.case_id, self.response = case_id, response


_detail_out = cases_api._out


def _out(request, response, case_id):
    if "return=minimal" in request.headers.get("Prefer", "").replace(" ", "").lower():
        raise _Minimal(case_id, response)
    return _detail_out(request, response, case_id)


@ninja_api.exception_handler(_Minimal)
def _minimal(request, exc: _Minimal):
    row = Case.objects.values("id", "number", "status", "row_version").get(pk=exc.case_id)
    created = request.method == "POST" and request.path.rstrip("/").endswith(("/cases", "/materials"))
    answer = JsonResponse(row, status=201 if created else 200)
    answer["ETag"] = f'"{row["row_version"]}"'
    answer["Preference-Applied"] = "return=minimal"
    if exc.response is not None and exc.response.has_header("Location"):
        answer["Location"] = exc.response["Location"]
    return answer


cases_api._out = _out
