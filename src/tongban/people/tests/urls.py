"""The project's URLs plus the people pages, as src/tongban/urls.py will include them."""

from django.urls import include, path

from tongban.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("people/", include("tongban.people.urls")), *project_urlpatterns]
