"""The admin shows seals and never their private keys."""

import pytest


@pytest.fixture
def admin_client_logged_in(client, org_world):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("root", password="pw-root-long-enough")
    client.force_login(user)
    return client


def test_seal_admin_shows_the_seal_but_no_key(admin_client_logged_in, approval_seal):
    listing = admin_client_logged_in.get("/admin/seals/seal/")
    assert listing.status_code == 200 and "苏州市行政审批局行政审批专用章" in listing.content.decode()
    page = admin_client_logged_in.get(f"/admin/seals/seal/{approval_seal.pk}/change/").content.decode()
    assert approval_seal.es_id in page and "data:image/png;base64," in page
    assert "ENCRYPTED PRIVATE KEY" not in page and "database:" not in page
    roots = admin_client_logged_in.get("/admin/seals/sealauthority/").content.decode()
    assert "ENCRYPTED PRIVATE KEY" not in roots
    assert admin_client_logged_in.post(f"/admin/seals/seal/{approval_seal.pk}/delete/").status_code == 403
