from django.urls import path

from tongban.web import views

app_name = "web"
urlpatterns = [
    path("", views.portal, name="portal"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("workbench/", views.workbench, name="workbench"),
    path("workbench/password/", views.PasswordChangeView.as_view(), name="password_change"),
]
