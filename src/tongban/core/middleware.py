"""Turns a ServiceError raised under a web page into the matching error page with its Chinese message."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader

from tongban.core.errors import ServiceError
from tongban.core.problem import from_service_error


class ServiceErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ServiceError):
            return None
        if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
            return from_service_error(request, exception)
        template = loader.select_template([f"{exception.status}.html", "web/service_error.html"])
        body = template.render(
            {"exception": exception.detail, "title": exception.title, "status": exception.status}, request
        )
        return HttpResponse(body, status=exception.status)
