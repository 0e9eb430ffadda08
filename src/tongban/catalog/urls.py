"""Public catalogue pages (办事指南), mounted at /catalog/: `path("catalog/", include("tongban.catalog.urls"))`."""

from django.urls import path

from tongban.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("items/", views.directory, name="directory"),
    path("items/<str:code>/", views.guide, name="guide"),
    path("items/<str:code>/pdf/", views.guide_pdf, name="guide_pdf"),
    path("items/<str:code>/materials/<int:material_id>/<str:which>/", views.material_file, name="material_file"),
]
