"""A URLconf for the error-page tests: the real one plus a view that fails."""

from django.urls import include, path


def explode(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("explode/", explode),
    path("", include("tongban.urls")),
]
