"""A reviewer of department A never reads or acts on department B's data: through services, the API and the web."""

import json

import pytest
from tests.factories import make_staff

from tongban.core.errors import PermissionDenied
from tongban.org import selectors
from tongban.org.models import Role, Staff
from tongban.org.permissions import department_scope, department_scopes, has_role


def test_scope_covers_own_department_only(org_world):
    w = org_world
    assert department_scope(w.reviewer_a.user, [Role.REVIEWER]) == {w.market.pk}
    assert has_role(w.reviewer_a.user, [Role.REVIEWER], w.market)
    assert not has_role(w.reviewer_a.user, [Role.REVIEWER], w.health)


def test_department_role_covers_its_divisions(org_world):
    w = org_world
    head = make_staff("bureau_reviewer", w.bureau, Role.REVIEWER)
    assert department_scope(head.user, [Role.REVIEWER]) == {w.bureau.pk, w.division.pk}


def test_region_role_covers_every_department_in_the_region(org_world):
    w = org_world
    scope = department_scope(w.inspector.user, [Role.INSPECTOR])
    assert {w.bureau.pk, w.division.pk, w.market.pk, w.health.pk} <= scope


def test_every_roles_scope_at_once_agrees_with_one_at_a_time(org_world, django_assert_max_num_queries):
    w = org_world
    head = make_staff("bureau_head", w.bureau, Role.REVIEWER)
    head.roles.create(role=Role.WINDOW_CLERK, department=w.market)
    for user in (w.reviewer_a.user, head.user, w.inspector.user, w.admin.user, w.applicant_user
                 if hasattr(w, "applicant_user") else None):
        expected = {role: department_scope(user, [role]) for role in Role.values}
        with django_assert_max_num_queries(4):  # staff, assignments, departments, regions
            assert department_scopes(user, Role.values) == expected
    scopes = department_scopes(head.user, Role.values)
    assert scopes[Role.REVIEWER] == {w.bureau.pk, w.division.pk} and scopes[Role.WINDOW_CLERK] == {w.market.pk}
    assert scopes[Role.APPROVER] == set() and department_scopes(w.admin.user, [Role.REVIEWER]) == {Role.REVIEWER: None}


def test_service_refuses_other_department(org_world):
    w = org_world
    with pytest.raises(PermissionDenied):
        selectors.department_staff(actor=w.reviewer_a.user, department=w.health)
    assert [s.name for s in selectors.department_staff(actor=w.reviewer_a.user, department=w.market)] == ["市场审查员"]


def test_api_refuses_other_department_with_problem_json(org_world, client):
    w = org_world
    client.force_login(w.reviewer_a.user)
    own = client.get(f"/api/v1/org/departments/{w.market.pk}/staff")
    assert own.status_code == 200 and own.json()[0]["name"] == "市场审查员"
    other = client.get(f"/api/v1/org/departments/{w.health.pk}/staff")
    assert other.status_code == 403
    assert other["Content-Type"] == "application/problem+json"
    body = json.loads(other.content)
    assert body["title"] == "无权操作" and "权限" in body["detail"]
    assert "卫健审查员" not in other.content.decode()


def test_reviewer_cannot_act_on_other_department(org_world, client):
    w = org_world
    client.force_login(w.reviewer_a.user)
    response = client.post(
        "/api/v1/org/staff",
        data={"username": "intruder", "name": "冒名者", "department_id": w.health.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Staff.objects.filter(name="冒名者").exists()


def test_anonymous_api_gets_401_problem(db, client):
    response = client.get("/api/v1/org/me")
    assert response.status_code == 401
    assert response.json()["title"] == "未登录"


def test_every_role_is_confined_to_its_department(org_world, client):
    """Each role held in the market department sees market staff and is refused the health department."""
    w = org_world
    for role in Role.values:
        if role == Role.SYSTEM_ADMIN:
            continue
        staff = make_staff(f"u_{role}", w.market, role)
        client.force_login(staff.user)
        assert client.get(f"/api/v1/org/departments/{w.market.pk}/staff").status_code == 200, role
        assert client.get(f"/api/v1/org/departments/{w.health.pk}/staff").status_code == 403, role
