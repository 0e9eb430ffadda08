import pytest
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.org import services
from tongban.org.models import Department, Role, RoleAssignment, Staff


def test_dept_admin_creates_staff_and_grants_business_roles_in_own_department(org_world):
    w = org_world
    admin = make_staff("market_admin", w.market, Role.DEPT_ADMIN)
    staff = services.staff_create(actor=admin.user, username="li", name="李四", department=w.market, password="a-long-password")
    services.role_grant(actor=admin.user, staff=staff, role=Role.APPROVER, department=w.market)
    assert list(staff.roles.values_list("role", flat=True)) == [Role.APPROVER]
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["org.staff.create", "org.role.grant"]


def test_dept_admin_cannot_grant_admin_roles_or_elsewhere(org_world):
    w = org_world
    admin = make_staff("market_admin", w.market, Role.DEPT_ADMIN)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=admin.user, staff=w.reviewer_a, role=Role.SYSTEM_ADMIN, department=w.market)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=admin.user, staff=w.reviewer_b, role=Role.APPROVER, department=w.health)
    with pytest.raises(PermissionDenied):
        services.staff_create(actor=admin.user, username="x1", name="某人", department=w.health)
    assert not Staff.objects.filter(name="某人").exists()


def test_duplicate_grant_and_bad_scope_are_refused(org_world):
    w = org_world
    with pytest.raises(Conflict):
        services.role_grant(actor=w.admin.user, staff=w.reviewer_a, role=Role.REVIEWER, department=w.market)
    with pytest.raises(ValidationFailed, match="二者取一"):
        services.role_grant(actor=w.admin.user, staff=w.reviewer_a, role=Role.APPROVER)


def test_revoke_twice_conflicts(org_world):
    w = org_world
    assignment = RoleAssignment.objects.get(staff=w.reviewer_a)
    services.role_revoke(actor=w.admin.user, assignment=assignment)
    with pytest.raises(Conflict):
        services.role_revoke(actor=w.admin.user, assignment=assignment)


def test_department_names_are_unique_per_region(org_world):
    w = org_world
    with pytest.raises(Conflict):
        services.department_create(actor=w.admin.user, name="苏州市市场监督管理局", kind=Department.Kind.FUNCTIONAL, region=w.city)


def test_region_code_must_be_six_digits(org_world):
    with pytest.raises(ValidationFailed):
        services.region_create(actor=org_world.admin.user, division_code="32050", name="错", level="district")


def test_api_token_authenticates_an_integrating_system(org_world, client):
    w = org_world
    client.force_login(w.reviewer_a.user)
    issued = client.post("/api/v1/org/tokens", data={"name": "业务系统对接"}, content_type="application/json")
    assert issued.status_code == 201
    key, token_id = issued.json()["key"], issued.json()["id"]
    client.logout()
    me = client.get("/api/v1/org/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert me.status_code == 200 and me.json()["roles"] == ["reviewer"]
    client.force_login(w.reviewer_a.user)
    assert client.post(f"/api/v1/org/tokens/{token_id}/revoke").status_code == 204
    client.logout()
    assert client.get("/api/v1/org/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_token_records_when_it_was_last_used_to_the_minute(org_world, client):
    from datetime import timedelta

    from tongban.org.models import ApiToken

    client.force_login(org_world.reviewer_a.user)
    issued = client.post("/api/v1/org/tokens", data={"name": "对接"}, content_type="application/json").json()
    client.logout()
    token = ApiToken.objects.get(pk=issued["id"])
    assert token.last_used_at is None
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {issued['key']}"}
    assert client.get("/api/v1/org/me", **bearer).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/org/me", **bearer)  # within the minute: not written again
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/org/me", **bearer)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_invalid_api_input_is_problem_json_in_chinese(org_world, client):
    client.force_login(org_world.admin.user)
    response = client.post("/api/v1/org/staff", data={"username": "x"}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "输入有误" and "name" in body["errors"]
