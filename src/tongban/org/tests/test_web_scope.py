"""The same department confinement through the workbench pages."""

from tests.factories import make_staff

from tongban.org.models import Role


def test_web_refuses_other_department(org_world, client):
    w = org_world
    client.force_login(w.reviewer_a.user)
    own = client.get(f"/workbench/org/departments/{w.market.pk}/")
    assert own.status_code == 200 and "市场审查员" in own.content.decode()
    other = client.get(f"/workbench/org/departments/{w.health.pk}/")
    assert other.status_code == 403
    assert "卫健审查员" not in other.content.decode()


def test_every_role_is_refused_other_departments_pages(org_world, client):
    w = org_world
    for role in Role.values:
        if role == Role.SYSTEM_ADMIN:
            continue
        staff = make_staff(f"u_{role}", w.market, role)
        client.force_login(staff.user)
        assert client.get(f"/workbench/org/departments/{w.market.pk}/").status_code == 200, role
        assert client.get(f"/workbench/org/departments/{w.health.pk}/").status_code == 403, role
