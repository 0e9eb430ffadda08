"""Organisation API: regions, departments, halls and windows, zones, staff, roles and tokens."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from tongban.org import selectors, services
from tongban.org.models import ApiToken, Region, RoleAssignment, Staff
from tongban.org.permissions import roles_of

router = Router(tags=["组织机构 org"])


class RegionOut(Schema):
    id: int
    division_code: str = Field(description="6 位行政区划代码")
    name: str
    level: str
    parent_id: int | None


class DepartmentOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    region_id: int
    parent_id: int | None
    phone: str


class WindowOut(Schema):
    id: int
    number: str
    name: str
    kind: str
    department_id: int | None


class HallOut(Schema):
    id: int
    name: str
    address: str
    opening_hours: str
    phone: str
    region_id: int
    windows: list[WindowOut]


class ZoneOut(Schema):
    id: int
    name: str
    kind: str
    region_id: int
    department_id: int | None


class RoleOut(Schema):
    id: int
    role: str
    role_label: str = Field(alias="get_role_display")
    department_id: int | None
    region_id: int | None


class StaffOut(Schema):
    id: int
    name: str
    username: str = Field(alias="user.username")
    department_id: int
    employee_no: str
    roles: list[RoleOut]


class StaffIn(Schema):
    username: str = Field(min_length=3, max_length=150, examples=["reviewer_zhang"])
    name: str = Field(min_length=1, max_length=64, examples=["张三"])
    department_id: int
    password: str | None = Field(default=None, min_length=10)
    employee_no: str = ""


class RoleIn(Schema):
    role: str = Field(examples=["reviewer"])
    department_id: int | None = None
    region_id: int | None = None


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=64, examples=["市场监管业务系统对接"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    key: str = Field(description="令牌原文，只返回这一次")


class MeOut(Schema):
    username: str
    name: str | None
    department_id: int | None
    roles: list[str]


@router.get("/regions", response=list[RegionOut], summary="行政区划")
def regions(request):
    return selectors.region_tree()


@router.get("/departments", response=list[DepartmentOut], summary="部门列表")
def departments(request):
    return selectors.department_list()


@router.get("/departments/{department_id}", response=DepartmentOut, summary="部门详情")
def department(request, department_id: int):
    return selectors.department_get(department_id)


@router.get("/departments/{department_id}/staff", response=list[StaffOut], summary="部门工作人员（限本部门范围）")
def department_staff(request, department_id: int):
    return selectors.department_staff(actor=request.user, department=selectors.department_get(department_id))


@router.get("/halls", response=list[HallOut], summary="政务服务大厅与窗口")
def halls(request):
    return selectors.hall_list()


@router.get("/zones", response=list[ZoneOut], summary="开发区（赋权对象）")
def zones(request):
    return selectors.zone_list()


@router.get("/me", response=MeOut, summary="当前账号")
def me(request):
    staff = getattr(request.user, "staff", None)
    return MeOut(
        username=request.user.get_username(),
        name=staff.name if staff else None,
        department_id=staff.department_id if staff else None,
        roles=sorted(roles_of(request.user)),
    )


@router.post("/staff", response={201: StaffOut}, summary="新增工作人员")
def staff_create(request, payload: StaffIn):
    staff = services.staff_create(
        actor=request.user,
        username=payload.username,
        name=payload.name,
        department=selectors.department_get(payload.department_id),
        password=payload.password,
        employee_no=payload.employee_no,
    )
    return Status(201, staff)


@router.post("/staff/{staff_id}/roles", response={201: RoleOut}, summary="授予角色")
def role_grant(request, staff_id: int, payload: RoleIn):
    staff = get_object_or_404(Staff, pk=staff_id)
    assignment = services.role_grant(
        actor=request.user,
        staff=staff,
        role=payload.role,
        department=selectors.department_get(payload.department_id) if payload.department_id else None,
        region=get_object_or_404(Region, pk=payload.region_id) if payload.region_id else None,
    )
    return Status(201, assignment)


@router.delete("/roles/{assignment_id}", response={204: None}, summary="撤销角色")
def role_revoke(request, assignment_id: int):
    services.role_revoke(actor=request.user, assignment=get_object_or_404(RoleAssignment, pk=assignment_id))
    return Status(204, None)


@router.post("/tokens", response={201: TokenOut}, summary="为当前账号签发接口令牌")
def token_issue(request, payload: TokenIn):
    token, raw = services.api_token_issue(actor=request.user, user=request.user, name=payload.name)
    return Status(201, TokenOut(id=token.pk, name=token.name, prefix=token.prefix, key=raw))


@router.post("/tokens/{token_id}/revoke", response={204: None}, summary="吊销接口令牌")
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    return Status(204, None)


