"""Builders for test data shared by every app's tests."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth import get_user_model

from tongban.org.models import Department, Region, Role, RoleAssignment, Staff


def make_staff(username: str, department: Department, *roles: str, name: str | None = None, region: Region | None = None) -> Staff:
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    staff = Staff.objects.create(user=user, name=name or username, department=department)
    for role in roles:
        if region is not None:
            RoleAssignment.objects.create(staff=staff, role=role, region=region)
        else:
            RoleAssignment.objects.create(staff=staff, role=role, department=department)
    return staff


def make_world() -> SimpleNamespace:
    """A city with two districts, the approval bureau (with a division) and two functional departments."""
    city = Region.objects.create(division_code="320500", name="苏州市", level=Region.Level.CITY)
    district = Region.objects.create(division_code="320508", name="姑苏区", level=Region.Level.DISTRICT, parent=city)
    bureau = Department.objects.create(name="苏州市行政审批局", kind=Department.Kind.BUREAU, region=city)
    division = Department.objects.create(
        name="市场准入处", kind=Department.Kind.DIVISION, region=city, parent=bureau
    )
    market = Department.objects.create(name="苏州市市场监督管理局", kind=Department.Kind.FUNCTIONAL, region=city)
    health = Department.objects.create(name="苏州市卫生健康委员会", kind=Department.Kind.FUNCTIONAL, region=city)
    w = SimpleNamespace(city=city, district=district, bureau=bureau, division=division, market=market, health=health)
    w.admin = make_staff("admin", bureau, Role.SYSTEM_ADMIN, name="系统管理员")
    w.reviewer_a = make_staff("reviewer_a", market, Role.REVIEWER, name="市场审查员")
    w.reviewer_b = make_staff("reviewer_b", health, Role.REVIEWER, name="卫健审查员")
    w.clerk = make_staff("clerk", bureau, Role.WINDOW_CLERK, name="综窗人员")
    w.inspector = make_staff("inspector", bureau, Role.INSPECTOR, name="督查员", region=city)
    return w
