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


# Pydantic's messages in Chinese, by error type (the rest fall back to a generic message).
_MESSAGES = {
    "missing": "必填",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为是/否",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_parsing": "应为日期，格式 YYYY-MM-DD",
    "datetime_parsing": "应为时间，格式 ISO 8601",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "格式不正确",
}


def _chinese(err: dict) -> str:
    if err.get("type") == "value_error":  # our own validators already speak Chinese
        return str(err.get("msg", "")).removeprefix("Value error, ")
    template = _MESSAGES.get(err.get("type", ""))
    try:
        return template.format(**err.get("ctx", {})) if template else f"无效（{err.get('msg', '')}）"
    except (KeyError, IndexError):
        return template


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", [])]
        # ("body", "payload", "name") → "name": the client knows fields, not our parameter names.
        field = ".".join(loc[2:] if loc[:1] == ["body"] and len(loc) > 2 else loc[1:]) or "body"
        errors.setdefault(field, []).append(_chinese(err))
    fields = "、".join(errors)
    return problem_response(
        request, status=422, title="输入有误", detail=f"请求数据未通过校验：{fields}。请按 errors 中的说明修改。",
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
    from tongban.bundles.api import router as bundles_router
    from tongban.cases.api import notifications_router
    from tongban.cases.api import router as cases_router
    from tongban.catalog.api import router as catalog_router
    from tongban.files.api import router as files_router
    from tongban.holidays.api import router as holidays_router
    from tongban.org.api import router as org_router
    from tongban.people.api import router as people_router
    from tongban.seals.api import router as seals_router
    from tongban.trading.api import router as trading_router

    api.add_router("/org", org_router)
    api.add_router("/people", people_router)
    api.add_router("/files", files_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/audit", audit_router)
    api.add_router("/cases", cases_router)
    api.add_router("/bundles", bundles_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/calendar", holidays_router)
    api.add_router("/seals", seals_router)
    api.add_router("/trading", trading_router)


_mount()
