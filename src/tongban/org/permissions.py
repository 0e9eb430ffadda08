"""Who may do what, where. Every service and selector asks here; API, web and admin share the answer.

A role is held in a scope: a department (with its divisions) or a region (with the regions below it).
A system administrator's scope is everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from tongban.core.errors import PermissionDenied
from tongban.org.models import Department, Region, Role, RoleAssignment


def _staff(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "staff", None)


def is_system_admin(user) -> bool:
    staff = _staff(user)
    return bool(staff) and staff.roles.filter(role=Role.SYSTEM_ADMIN).exists()


def roles_of(user) -> set[str]:
    staff = _staff(user)
    return set(staff.roles.values_list("role", flat=True)) if staff else set()


def department_scope(user, roles: Iterable[str]) -> set[int] | None:
    """IDs of the departments where `user` holds any of `roles`; None means every department (system admin)."""
    scopes = department_scopes(user, roles).values()
    if any(scope is None for scope in scopes):
        return None
    return set().union(*scopes)


def department_scopes(user, roles: Iterable[str]) -> dict[str, set[int] | None]:
    """department_scope(user, [role]) for each of `roles`, reading the assignments and the organisation once (a
    page that asks for every role, like 我的待办, would otherwise read them once per role)."""
    roles = list(roles)
    staff = _staff(user)
    if staff is None:
        return {r: set() for r in roles}
    assignments = list(staff.roles.all())
    if any(a.role == Role.SYSTEM_ADMIN for a in assignments):
        return {r: None for r in roles}
    if not assignments:
        return {r: set() for r in roles}
    children: dict[int | None, list[int]] = {}
    by_region: dict[int, list[int]] = {}
    for pk, parent, region in Department.objects.values_list("id", "parent_id", "region_id"):
        children.setdefault(parent, []).append(pk)
        by_region.setdefault(region, []).append(pk)
    region_children: dict[int | None, list[int]] = {}
    if any(a.region_id for a in assignments):
        for pk, parent in Region.objects.values_list("id", "parent_id"):
            region_children.setdefault(parent, []).append(pk)

    def below(start: set[int], tree: dict) -> set[int]:
        found, frontier = set(start), list(start)
        while frontier:
            for child in tree.get(frontier.pop(), ()):
                if child not in found:
                    found.add(child)
                    frontier.append(child)
        return found

    scopes = {}
    for role in roles:
        held = [a for a in assignments if a.role == role]
        dept_ids = {a.department_id for a in held if a.department_id}
        for region in below({a.region_id for a in held if a.region_id}, region_children):
            dept_ids.update(by_region.get(region, ()))
        scopes[role] = below(dept_ids, children)
    return scopes


def has_role(user, roles: Iterable[str], department: Department | int | None = None) -> bool:
    """Does `user` hold one of `roles` — anywhere, or covering `department` when given?"""
    scope = department_scope(user, roles)
    if scope is None:
        return True
    if department is None:
        return bool(scope)
    dept_id = department if isinstance(department, int) else department.pk
    return dept_id in scope


def require_role(user, roles: Iterable[str], department: Department | int | None = None) -> None:
    if not has_role(user, roles, department):
        raise PermissionDenied("您没有在该部门执行此操作的权限。")


def restrict(queryset: QuerySet, user, roles: Iterable[str], *, field: str = "department") -> QuerySet:
    """Narrow `queryset` to rows whose `field` (a Department FK path) lies in the user's scope for `roles`."""
    scope = department_scope(user, roles)
    if scope is None:
        return queryset
    return queryset.filter(Q(**{f"{field}__in": scope}))


ALL_STAFF_ROLES = tuple(Role.values)
CASE_ROLES = (Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.SUPERVISOR, Role.INSPECTOR, Role.LEGAL_OFFICER)
__all__ = ["RoleAssignment", "department_scope", "department_scopes", "has_role", "require_role", "restrict", "roles_of"]
