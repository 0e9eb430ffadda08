"""One application error type for every service; the API and the web turn it into a clear Chinese message.

Services raise these; nothing else decides how a failure looks to a user.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refused request: nothing was changed. `detail` is shown to the user."""

    status = 400
    code = "invalid"
    title = "请求无效"

    def __init__(self, detail: str, *, code: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.errors = errors or {}


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_failed"
    title = "输入有误"


class PermissionDenied(ServiceError):
    status = 403
    code = "permission_denied"
    title = "无权操作"


class NotFound(ServiceError):
    status = 404
    code = "not_found"
    title = "未找到"


class Conflict(ServiceError):
    """Somebody else changed the same thing first (or the state no longer allows the action)."""

    status = 409
    code = "conflict"
    title = "操作冲突"
