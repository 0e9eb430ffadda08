"""The portal, login/logout, the workbench and the error pages, as a browser-less user sees them."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from tests.factories import make_staff

from tongban.org.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_portal_home_is_chinese_and_offers_staff_sign_in(client):
    response = client.get("/")
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="zh-hans">' in body
    assert "通办" in body and "一网通办" in body and "平台服务承诺" in body
    assert 'href="/login/"' in body
    assert 'href="#"' not in body


def test_portal_home_greets_signed_in_staff(org_world, client):
    client.force_login(org_world.clerk.user)
    body = text(client.get("/"))
    assert "综窗人员，您已登录。" in body
    assert 'href="/workbench/"' in body and "退出登录" in body


def test_every_page_loads_assets_locally(client):
    body = text(client.get("/"))
    for asset in (
        "/static/vendor/bootstrap/bootstrap.min.css",
        "/static/vendor/bootstrap-icons/bootstrap-icons.min.css",
        "/static/web/tongban.css",
        "/static/vendor/bootstrap/bootstrap.bundle.min.js",
        "/static/vendor/htmx/htmx.min.js",
    ):
        assert asset in body
    assert "http://" not in body and "https://" not in body


def test_login_page_is_chinese(client):
    response = client.get("/login/")
    assert response.status_code == 200
    body = text(response)
    assert "工作人员登录" in body and "用户名" in body and "密码" in body


def test_login_with_a_wrong_password_says_so_in_chinese(org_world, client):
    response = client.post("/login/", {"username": "clerk", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确，请重新输入。密码区分大小写。" in text(response)
    assert "_auth_user_id" not in client.session


def test_login_with_an_empty_form_marks_the_fields(client):
    body = text(client.post("/login/", {"username": "", "password": ""}))
    assert body.count("is-invalid") == 2 and 'aria-invalid="true"' in body


def test_login_leads_to_the_workbench(org_world, client):
    response = client.post("/login/", {"username": "clerk", "password": "pw-clerk"})
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    response = client.get("/workbench/")
    assert response.status_code == 200 and "综窗人员" in text(response)


def test_login_follows_next(org_world, client):
    response = client.post("/login/?next=/workbench/password/", {"username": "clerk", "password": "pw-clerk", "next": "/workbench/password/"})
    assert response["Location"] == "/workbench/password/"


def test_login_refuses_an_offsite_next(org_world, client):
    response = client.post("/login/", {"username": "clerk", "password": "pw-clerk", "next": "https://evil.example/"})
    assert response["Location"] == "/workbench/"


def test_workbench_requires_login(client):
    response = client.get("/workbench/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/workbench/"


def test_workbench_shows_name_department_roles_and_nav(org_world, client):
    client.force_login(org_world.reviewer_a.user)
    response = client.get("/workbench/")
    assert response.status_code == 200
    body = text(response)
    assert "您好，市场审查员" in body
    assert "苏州市市场监督管理局" in body
    assert "审查人员" in body
    assert "工作台首页" in body and "修改密码" in body
    assert 'aria-current="page"' in body
    assert 'action="/logout/"' in body


def test_workbench_shows_a_region_scope(org_world, client):
    client.force_login(org_world.inspector.user)
    body = text(client.get("/workbench/"))
    assert "督查人员" in body and "苏州市（含下级区划）" in body


def test_workbench_without_roles_says_so(org_world, client):
    staff = make_staff("norole", org_world.health, name="无角色人员")
    client.force_login(staff.user)
    assert "您的账号尚未分配角色" in text(client.get("/workbench/"))


def test_workbench_refuses_a_non_staff_account_with_a_chinese_403(client):
    user = get_user_model().objects.create_user("citizen", password="pw-citizen")
    client.force_login(user)
    response = client.get("/workbench/")
    assert response.status_code == 403
    body = text(response)
    assert "无权访问" in body
    assert "工作台仅供工作人员使用，您当前登录的账号不是工作人员账号。" in body
    assert "退出并换个账号登录" in body


def test_logout_refuses_get(org_world, client):
    client.force_login(org_world.clerk.user)
    assert client.get("/logout/").status_code == 405
    assert client.get("/workbench/").status_code == 200


def test_logout_by_post_signs_out_and_says_so(org_world, client):
    client.force_login(org_world.clerk.user)
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "您已安全退出。" in text(client.get("/"))
    assert client.get("/workbench/").status_code == 302


def test_password_change(org_world, client):
    client.force_login(org_world.clerk.user)
    assert "修改密码" in text(client.get("/workbench/password/"))
    wrong = client.post("/workbench/password/", {"old_password": "nope", "new_password1": "Xq7!tongban-2026", "new_password2": "Xq7!tongban-2026"})
    assert wrong.status_code == 200 and "is-invalid" in text(wrong)
    ok = client.post("/workbench/password/", {"old_password": "pw-clerk", "new_password1": "Xq7!tongban-2026", "new_password2": "Xq7!tongban-2026"})
    assert ok.status_code == 302 and ok["Location"] == "/workbench/"
    assert "密码已修改。" in text(client.get("/workbench/"))
    fresh = Client()
    assert fresh.login(username="clerk", password="Xq7!tongban-2026")


def test_password_change_requires_staff(client):
    client.force_login(get_user_model().objects.create_user("citizen2", password="pw"))
    assert client.get("/workbench/password/").status_code == 403


def test_role_restricted_page_refuses_other_roles(org_world, rf):
    """`staff_required(roles=...)` for the pages other apps add."""
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from tongban.org.access import staff_required

    view = staff_required(roles=[Role.ARCHIVIST])(lambda request: HttpResponse("ok"))
    request = rf.get("/x/")
    request.user = org_world.clerk.user
    with pytest.raises(PermissionDenied):
        view(request)
    RoleAssignment.objects.create(staff=org_world.clerk, role=Role.ARCHIVIST, department=org_world.bureau)
    request.user = get_user_model().objects.get(pk=org_world.clerk.user.pk)
    assert view(request).content == b"ok"


def test_404_page_is_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = text(response)
    assert "页面不存在" in body and "返回首页" in body


def test_500_page_is_chinese(settings):
    settings.ROOT_URLCONF = "tongban.web.tests.urls_errors"
    response = Client(raise_request_exception=False).get("/explode/")
    assert response.status_code == 500
    body = text(response)
    assert "系统繁忙，请稍后再试" in body and "boom" not in body


def test_csrf_failure_page_is_chinese():
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "页面已过期，请刷新后重试" in text(response)
