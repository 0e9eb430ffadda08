"""Access to staff pages. Use `@staff_required` on every workbench view (and `roles=` where a page needs one).

Anonymous visitors are sent to the login page; a signed-in account that is not a member of staff, or lacks the
role, gets the 403 page with a Chinese explanation. Hiding a navigation link is never the access check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tongban.org.permissions import has_role
from tongban.org.selectors import current_staff


def staff_required(view: Callable | None = None, *, roles: Iterable[str] = ()):
    """Require a signed-in member of staff holding, when `roles` is given, any of `roles` (in any scope)."""
    wanted = tuple(roles)

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            staff = current_staff(request.user)
            if staff is None:
                raise PermissionDenied(_("工作台仅供工作人员使用，您当前登录的账号不是工作人员账号。"))
            if wanted and not has_role(request.user, wanted):
                raise PermissionDenied(_("您的账号没有访问此页面所需的角色。"))
            request.staff = staff
            return view_func(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator(view) if view is not None else decorator
