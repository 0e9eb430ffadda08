"""The JSON API under /api/v1: every app adds its router here. OpenAPI at /api/v1/docs."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

from tongban import __version__
from tongban.core.errors import ServiceError
from tongban.core.problem import from_service_error, problem_response
from tongban.org.auth import ApiTokenAuth

api = NinjaAPI(
    title="通办 Tongban API",
    version=__version__,
    description=(
        "一网通办平台接口。对接系统使用 `Authorization: Bearer <令牌>`；网页使用会话 (session) 与 CSRF。"
        "错误以 RFC 9457 `application/problem+json` 返回，`title` 与 `detail` 为中文。"
    ),
    urls_namespace="api",
    auth=[ApiTokenAuth(), django_auth],
    docs_url="/docs",
)


@api.exception_handler(ServiceError)
def _service_error(request, exc: ServiceError):
    return from_service_error(request, exc)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        field = ".".join(str(p) for p in err.get("loc", [])[1:]) or "body"
        errors.setdefault(field, []).append(err.get("msg", "无效"))
    return problem_response(
        request, status=422, title="输入有误", detail="请求数据未通过校验，请按 errors 中的说明修改。",
        code="validation_failed", errors=errors,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return problem_response(
        request, status=401, title="未登录", detail="请先登录，或在 Authorization 头中提供有效的接口令牌。",
        code="not_authenticated",
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(request, status=404, title="未找到", detail="请求的对象不存在或无权查看。", code="not_found")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return problem_response(
        request, status=exc.status_code, title="请求无效", detail=str(exc), code="http_error"
    )


def _mount() -> None:
    from tongban.audit.api import router as audit_router
    from tongban.holidays.api import router as holidays_router
    from tongban.org.api import router as org_router
    from tongban.people.api import router as people_router
    from tongban.files.api import router as files_router

    api.add_router("/org", org_router)
    api.add_router("/people", people_router)
    api.add_router("/files", files_router)
    api.add_router("/audit", audit_router)
    api.add_router("/calendar", holidays_router)


_mount()
