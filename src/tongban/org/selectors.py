"""Reads for organisation pages and the API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from tongban.core.errors import NotFound
from tongban.org.models import Department, Hall, Region, RoleAssignment, Staff, Window, Zone
from tongban.org.permissions import ALL_STAFF_ROLES, require_role


def department_list() -> QuerySet[Department]:
    """Departments are public (the portal names who handles what)."""
    return Department.objects.filter(is_active=True).select_related("region", "parent")


def department_get(department_id: int) -> Department:
    dept = Department.objects.select_related("region", "parent").filter(pk=department_id).first()
    if dept is None:
        raise NotFound("部门不存在。")
    return dept


def department_staff(*, actor, department: Department) -> QuerySet[Staff]:
    """The staff of a department and its divisions, with their roles: only for staff whose scope covers it."""
    require_role(actor, ALL_STAFF_ROLES, department)
    return (
        Staff.objects.filter(department__in=[department, *department.divisions.all()])
        .select_related("department", "user")
        .prefetch_related(Prefetch("roles", queryset=RoleAssignment.objects.select_related("department", "region")))
    )


def region_tree() -> QuerySet[Region]:
    return Region.objects.select_related("parent")


def hall_list() -> QuerySet[Hall]:
    windows = Window.objects.select_related("department")
    return Hall.objects.select_related("region", "department").prefetch_related(Prefetch("windows", queryset=windows))


def zone_list() -> QuerySet[Zone]:
    return Zone.objects.select_related("region", "department")


def current_staff(user) -> Staff | None:
    """The Staff record of a signed-in user (with the department loaded), or None for anyone else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    staff = Staff.objects.select_related("department").filter(user_id=user.pk).first()
    if staff is not None:
        user.staff = staff  # cached on the account: the permission checks of the same request read it from here
    return staff
