"""Reads for the web layouts and the workbench home."""

from __future__ import annotations

from tongban.org.models import RoleAssignment, Staff


def staff_roles(staff: Staff | None) -> frozenset[str]:
    if staff is None:
        return frozenset()
    return frozenset(staff.roles.values_list("role", flat=True))


def role_assignments(staff: Staff) -> list[RoleAssignment]:
    """The roles a member of staff holds, each with its scope (a department or a region)."""
    return list(
        staff.roles.select_related("department", "region").order_by("role", "department__name", "region__division_code")
    )
