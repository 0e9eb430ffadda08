"""Portal, login/logout and the workbench shell. Pages only: reads come from selectors, access from access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from tongban.org.access import staff_required
from tongban.web.forms import LoginForm
from tongban.web.selectors import role_assignments


def portal(request):
    return render(request, "web/portal.html")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET with 405): a link cannot sign anybody out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("您已安全退出。"))
        return response


@staff_required
def workbench(request):
    return render(request, "web/workbench.html", {"staff": request.staff, "assignments": role_assignments(request.staff)})


@method_decorator(staff_required, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:workbench")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。"))
        return response
