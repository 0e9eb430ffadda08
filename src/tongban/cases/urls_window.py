"""Window registration pages (窗口收件), mounted at /workbench/window/:
`path("workbench/window/", include("tongban.cases.urls_window"))`."""

from django.urls import path

from tongban.cases import views_window as views

app_name = "cases_window"
urlpatterns = [
    path("", views.register, name="register"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/receipt/", views.receipt, name="receipt"),
]
