from django.urls import path

from tongban.people import views

app_name = "people"
urlpatterns = [
    path("me/access-log/", views.access_log, name="access_log"),
]
