"""Template context for every page: the navigation menus and the signed-in member of staff (computed lazily)."""

from __future__ import annotations

from django.utils.functional import cached_property

from tongban.org.selectors import current_staff
from tongban.web import navigation as nav
from tongban.web.selectors import staff_roles


class Navigation:
    """`{{ nav.portal }}`, `{{ nav.workbench }}`, `{{ nav.staff }}`: built on first use, once per render."""

    def __init__(self, request):
        self._request = request

    @cached_property
    def staff(self):
        if hasattr(self._request, "staff"):  # read by staff_required for this request
            return self._request.staff
        return current_staff(self._request.user)

    @cached_property
    def roles(self) -> frozenset[str]:
        return staff_roles(self.staff)

    @cached_property
    def portal(self):
        return nav.portal_menu(self._request.path, nav.PORTAL_NAV)

    @cached_property
    def workbench(self):
        if self.staff is None:
            return ()
        return nav.workbench_menu(self._request.path, self.roles, nav.WORKBENCH_NAV)


def navigation(request):
    return {"nav": Navigation(request)}
