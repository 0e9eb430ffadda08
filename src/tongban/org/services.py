"""Writes for the organisation: regions, departments, staff, roles and API tokens.

Each function is one transaction, checks the actor's permission and writes an audit entry.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongban.audit.services import audit_record
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.org.auth import token_hash
from tongban.org.models import (
    ApiToken,
    Department,
    Region,
    Role,
    RoleAssignment,
    Staff,
    division_code_validator,
)
from tongban.org.permissions import has_role, is_system_admin, require_role

# Roles a department admin may grant inside their own department; the rest only a system admin grants.
DEPT_GRANTABLE = {Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.SUPERVISOR, Role.ARCHIVIST, Role.LEGAL_OFFICER}


def _require_system_admin(actor) -> None:
    if not is_system_admin(actor):
        raise PermissionDenied("仅系统管理员可以执行此操作。")


@transaction.atomic
def region_create(*, actor, division_code: str, name: str, level: str, parent: Region | None = None) -> Region:
    _require_system_admin(actor)
    try:
        division_code_validator(division_code)
    except ValidationError as exc:
        raise ValidationFailed("行政区划代码应为 6 位数字。", errors={"division_code": [str(exc.messages[0])]}) from exc
    if Region.objects.filter(division_code=division_code).exists():
        raise Conflict(f"行政区划代码 {division_code} 已存在。")
    region = Region.objects.create(division_code=division_code, name=name, level=level, parent=parent)
    audit_record(actor=actor, action="org.region.create", target=region, summary=f"新增行政区划 {region}")
    return region


@transaction.atomic
def department_create(
    *, actor, name: str, kind: str, region: Region, parent: Department | None = None, uscc: str = "", phone: str = ""
) -> Department:
    _require_system_admin(actor)
    if Department.objects.filter(region=region, name=name).exists():
        raise Conflict(f"{region.name}已有名为“{name}”的部门。")
    dept = Department.objects.create(name=name, kind=kind, region=region, parent=parent, uscc=uscc, phone=phone)
    audit_record(actor=actor, action="org.department.create", target=dept, summary=f"新增部门 {name}")
    return dept


@transaction.atomic
def staff_create(
    *, actor, username: str, name: str, department: Department, password: str | None = None, employee_no: str = ""
) -> Staff:
    """A system admin, or the department admin of `department`, creates a staff account."""
    require_role(actor, [Role.DEPT_ADMIN], department)
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise Conflict(f"登录名“{username}”已被使用。")
    try:
        user = User.objects.create_user(username=username, password=password)
    except IntegrityError as exc:  # lost a race for the same username
        raise Conflict(f"登录名“{username}”已被使用。") from exc
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    staff = Staff.objects.create(user=user, name=name, department=department, employee_no=employee_no)
    audit_record(actor=actor, action="org.staff.create", target=staff, summary=f"新增工作人员 {name}（{department}）")
    return staff


@transaction.atomic
def role_grant(
    *, actor, staff: Staff, role: str, department: Department | None = None, region: Region | None = None
) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationFailed(f"未知角色：{role}")
    if (department is None) == (region is None):
        raise ValidationFailed("角色授权须指定一个部门或一个行政区划作为范围（二者取一）。")
    if not is_system_admin(actor):
        if role not in DEPT_GRANTABLE or department is None or not has_role(actor, [Role.DEPT_ADMIN], department):
            raise PermissionDenied("部门管理员只能在本部门内授予业务角色；其他授权须由系统管理员办理。")
    assignment, created = RoleAssignment.objects.get_or_create(
        staff=staff, role=role, department=department, region=region
    )
    if not created:
        raise Conflict(f"{staff.name}已在该范围内拥有此角色。")
    audit_record(actor=actor, action="org.role.grant", target=staff, summary=f"授予 {assignment}")
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    if not is_system_admin(actor):
        if assignment.role not in DEPT_GRANTABLE or not has_role(actor, [Role.DEPT_ADMIN], assignment.department_id):
            raise PermissionDenied("您无权撤销该角色授权。")
    label = str(assignment)
    staff = assignment.staff
    deleted, _ = RoleAssignment.objects.filter(pk=assignment.pk).delete()
    if not deleted:
        raise Conflict("该角色授权已被他人撤销。")
    audit_record(actor=actor, action="org.role.revoke", target=staff, summary=f"撤销 {label}")


@transaction.atomic
def api_token_issue(*, actor, user, name: str) -> tuple[ApiToken, str]:
    """Issue a bearer token for an integrating system. The raw key is returned once and never stored."""
    if actor.pk != user.pk:
        _require_system_admin(actor)
    if not name.strip():
        raise ValidationFailed("请填写令牌用途。")
    raw = "tb_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=raw[:10], key_hash=token_hash(raw))
    audit_record(actor=actor, action="org.token.issue", target=token, summary=f"签发接口令牌 {token}")
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> None:
    if actor.pk != token.user_id:
        _require_system_admin(actor)
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not updated:
        raise Conflict("该令牌已被吊销。")
    audit_record(actor=actor, action="org.token.revoke", target=token, summary=f"吊销接口令牌 {token}")
