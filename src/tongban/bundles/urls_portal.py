"""一件事 portal pages, mounted at /bundles/."""

from django.urls import path

from tongban.bundles import views

app_name = "bundles_portal"
urlpatterns = [
    path("", views.bundle_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/edit/", views.edit, name="edit"),
    path("applications/<int:pk>/supplement/", views.supplement, name="supplement"),
    path("<str:code>/", views.guide, name="guide"),
    path("<str:code>/start/", views.start, name="start"),
]
