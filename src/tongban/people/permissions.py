"""Who may see and change applicants' data; services, selectors, views and admin ask here."""

from __future__ import annotations

from tongban.org.permissions import CASE_ROLES, has_role


def is_case_staff(actor) -> bool:
    """Staff holding a case role (窗口、审查、审批、监管、督查、法制) anywhere, or the system administrator."""
    return has_role(actor, CASE_ROLES)
