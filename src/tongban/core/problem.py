"""RFC 9457 problem details (application/problem+json) with Chinese titles."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse

from tongban.core.errors import ServiceError

CONTENT_TYPE = "application/problem+json"


def problem_response(
    request: HttpRequest, *, status: int, title: str, detail: str, code: str, errors: dict | None = None
) -> HttpResponse:
    body = {
        "type": f"https://tongban.invalid/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE)


def from_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return problem_response(
        request, status=exc.status, title=exc.title, detail=exc.detail, code=exc.code, errors=exc.errors
    )
