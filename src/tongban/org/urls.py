from django.urls import path

from tongban.org import views

app_name = "org"
urlpatterns = [
    path("departments/", views.department_list, name="department_list"),
    path("departments/<int:department_id>/", views.department_detail, name="department_detail"),
]
