"""seal_create / seal_rotate / seal_revoke: who may, what changes, what is audited."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from PIL import Image
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.org.models import Role
from tongban.seals import keys
from tongban.seals.models import Seal
from tongban.seals.services import seal_create, seal_revoke, seal_rotate


@pytest.fixture
def bureau_admin(org_world):
    return make_staff("bureau_admin", org_world.bureau, Role.DEPT_ADMIN, name="审批局管理员").user


def test_a_department_admin_makes_a_seal_for_their_department(org_world, bureau_admin):
    seal = seal_create(actor=bureau_admin, department=org_world.bureau, kind=Seal.Kind.INTAKE)
    assert seal.name == "苏州市行政审批局受理专用章"
    assert seal.status == Seal.Status.CURRENT and seal.generation == 1
    assert seal.created_by == bureau_admin
    assert seal.code.startswith("320500") and len(seal.code) == 13
    assert seal.es_id == seal.code + "001"
    entry = AuditEntry.objects.get(action="seal.create")
    assert entry.actor_id == bureau_admin.pk and entry.target_id == str(seal.pk)
    assert entry.data["es_id"] == seal.es_id


def test_a_department_admin_cannot_make_another_departments_seal(org_world, bureau_admin):
    with pytest.raises(PermissionDenied):
        seal_create(actor=bureau_admin, department=org_world.market, kind=Seal.Kind.OFFICIAL)
    assert not Seal.objects.exists()


def test_other_roles_and_anonymous_users_cannot_make_seals(org_world):
    with pytest.raises(PermissionDenied):
        seal_create(actor=org_world.reviewer_a.user, department=org_world.market, kind=Seal.Kind.OFFICIAL)
    with pytest.raises(PermissionDenied):
        seal_create(actor=AnonymousUser(), department=org_world.market, kind=Seal.Kind.OFFICIAL)
    assert not Seal.objects.exists() and not AuditEntry.objects.filter(action__startswith="seal.").exists()


def test_a_system_admin_makes_any_departments_seal(org_world):
    seal = seal_create(actor=org_world.admin.user, department=org_world.health, kind=Seal.Kind.OFFICIAL)
    assert seal.name == "苏州市卫生健康委员会"  # a 公章 bears the agency name


def test_one_seal_of_a_kind_in_use_per_department(org_world, approval_seal):
    with pytest.raises(Conflict) as refused:
        seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.APPROVAL)
    assert "更换" in refused.value.detail
    other = seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.INTAKE)
    assert other.code != approval_seal.code


def test_bad_input_is_refused_and_changes_nothing(org_world):
    with pytest.raises(ValidationFailed, match="印章类型"):
        seal_create(actor=None, department=org_world.bureau, kind="personal")
    with pytest.raises(ValidationFailed, match="PNG 或 SVG"):
        seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.APPROVAL, picture=b"GIF89a")
    with pytest.raises(ValidationFailed, match="尺寸"):
        seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.APPROVAL, width_mm=400)
    org_world.health.is_active = False
    org_world.health.save()
    with pytest.raises(ValidationFailed, match="停用"):
        seal_create(actor=None, department=org_world.health, kind=Seal.Kind.OFFICIAL)
    assert not Seal.objects.exists() and not AuditEntry.objects.filter(action__startswith="seal.").exists()


def test_an_uploaded_png_becomes_the_seal_picture(org_world):
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    for x in range(100, 200):
        img.putpixel((x, 150), (214, 0, 28, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.name = "seal.png"
    seal = seal_create(actor=None, department=org_world.market, kind=Seal.Kind.OFFICIAL, picture=buf, width_mm=40)
    assert seal.picture_png() == buf.getvalue()
    assert not seal.picture_drawn
    assert (seal.width_mm, seal.height_mm) == (40, 40)


def test_rotation_keeps_the_seal_and_replaces_its_certificates(approval_seal, bureau_admin):
    new = seal_rotate(actor=bureau_admin, seal=approval_seal)
    old = Seal.objects.get(pk=approval_seal.pk)
    assert old.status == Seal.Status.SUPERSEDED and old.superseded_at is not None
    assert new.replaces == old and new.generation == 2
    assert (new.name, new.code, new.picture_png()) == (old.name, old.code, old.picture_png())
    assert new.es_id != old.es_id
    assert new.certificate_serial != old.certificate_serial
    assert new.sm2_certificate_serial != old.sm2_certificate_serial
    assert new.key_ref != old.key_ref
    assert not keys.is_revoked(keys.signing_material(new).certificate)
    entry = AuditEntry.objects.get(action="seal.rotate")
    assert entry.data["replaces_es_id"] == old.es_id
    with pytest.raises(Conflict):
        seal_rotate(actor=bureau_admin, seal=old)


def test_rotation_needs_the_same_permission(approval_seal, org_world):
    with pytest.raises(PermissionDenied):
        seal_rotate(actor=org_world.clerk.user, seal=approval_seal)
    assert Seal.objects.get(pk=approval_seal.pk).status == Seal.Status.CURRENT


def test_revocation_records_who_when_and_why(approval_seal, bureau_admin):
    seal = seal_revoke(actor=bureau_admin, seal=approval_seal, reason="印章证书私钥疑似泄露",
                       reason_code=Seal.RevocationReason.KEY_COMPROMISE)
    assert seal.status == Seal.Status.REVOKED
    assert seal.revoked_by == bureau_admin and seal.revoked_at is not None
    assert (seal.revocation_reason, seal.revocation_note) == ("key_compromise", "印章证书私钥疑似泄露")
    assert AuditEntry.objects.get(action="seal.revoke").data["reason"] == "印章证书私钥疑似泄露"
    with pytest.raises(Conflict):
        seal_revoke(actor=bureau_admin, seal=seal, reason="again")


def test_revocation_needs_a_reason_and_permission(approval_seal, org_world):
    with pytest.raises(ValidationFailed) as missing:
        seal_revoke(actor=None, seal=approval_seal, reason="  ")
    assert missing.value.errors == {"reason": ["请填写吊销原因。"]}
    with pytest.raises(PermissionDenied):
        seal_revoke(actor=org_world.reviewer_a.user, seal=approval_seal, reason="x")
    with pytest.raises(ValidationFailed):
        seal_revoke(actor=None, seal=approval_seal, reason="x", reason_code="because")
    assert Seal.objects.get(pk=approval_seal.pk).status == Seal.Status.CURRENT


def test_a_superseded_seal_can_be_revoked(approval_seal):
    seal_rotate(actor=None, seal=approval_seal)
    old = seal_revoke(actor=None, seal=Seal.objects.get(pk=approval_seal.pk), reason="旧证书私钥泄露",
                      reason_code=Seal.RevocationReason.KEY_COMPROMISE)
    assert old.status == Seal.Status.REVOKED and old.superseded_at is not None
    assert keys.seal_for(approval_seal.department, Seal.Kind.APPROVAL).generation == 2
