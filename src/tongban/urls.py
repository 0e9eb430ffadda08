from django.contrib import admin
from django.urls import include, path

from tongban.api import api
from tongban.seals import views as seal_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workbench/org/", include("tongban.org.urls")),
    path("catalog/", include("tongban.catalog.urls")),
    path("workbench/catalog/", include("tongban.catalog.urls_workbench")),
    path("workbench/cases/", include("tongban.cases.urls_workbench")),
    path("workbench/window/", include("tongban.cases.urls_window")),
    path("workbench/trading/", include("tongban.trading.urls")),
    path("apply/", include("tongban.cases.urls_portal")),
    path("bundles/", include("tongban.bundles.urls_portal")),
    path("workbench/bundles/", include("tongban.bundles.urls_workbench")),
    path("people/", include("tongban.people.urls")),
    path("verify/", include("tongban.seals.urls")),
    # The CRL distribution point written into every seal certificate.
    path("seals/crl.der", seal_views.revocation_list, name="seal_crl"),
    path("", include("tongban.web.urls")),
]
