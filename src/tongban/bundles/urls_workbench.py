"""一件事 workbench pages, mounted at /workbench/bundles/."""

from django.urls import path

from tongban.bundles import views

app_name = "bundles_admin"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("savings/", views.savings, name="savings"),
    path("register/", views.register, name="register"),
    path("<int:pk>/edit/", views.staff_edit, name="edit"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("<int:pk>/supplement/", views.request_supplement, name="request_supplement"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/deliver/", views.deliver, name="deliver"),
]
