from django.contrib import admin
from django.urls import include, path

from tongban.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workbench/org/", include("tongban.org.urls")),
    path("catalog/", include("tongban.catalog.urls")),
    path("workbench/catalog/", include("tongban.catalog.urls_workbench")),
    path("people/", include("tongban.people.urls")),
    path("verify/", include("tongban.seals.urls")),
    path("", include("tongban.web.urls")),
]
