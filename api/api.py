"""The JSON API (django-ninja) at /api/: notices, activities, report requirements, reports
and rollups, for programs acting with a user's personal token.

This module holds the one `NinjaAPI`: its bearer-token auth, the error answers every
operation shares, and the mounting of the per-resource routers in `api.endpoints`. Workflow
steps are explicit operations (`POST /reports/{id}/submit`).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from api.auth import BearerToken, TokenExpiredError
from api.endpoints import notices, reports, requirements, rollups
from api.messages import (
    MSG_BAD_BODY,
    MSG_FORBIDDEN,
    MSG_INVALID,
    MSG_NOT_EXPECTED,
    MSG_NOT_FOUND,
    MSG_REPORT_EXISTS,
    MSG_TOKEN_EXPIRED,
    MSG_UNAUTHORIZED,
)
from core.errors import ConflictError
from reports import services as report_services

# The error words are part of what `api.api` offers: clients' tests compare against them.
__all__ = [
    "MSG_BAD_BODY",
    "MSG_FORBIDDEN",
    "MSG_INVALID",
    "MSG_NOT_EXPECTED",
    "MSG_NOT_FOUND",
    "MSG_REPORT_EXISTS",
    "MSG_TOKEN_EXPIRED",
    "MSG_UNAUTHORIZED",
    "api",
]


class QualityMonthAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Generated clients name their methods after the operationIds, so these must not
        # follow a view from module to module as ninja's "<module>_<view>" would. They keep the
        # names published when every view lived in this module; view names are unique because
        # each starts with its resource (notice_, report_ …).
        return f"api_api_{operation.view_func.__name__}"


api = QualityMonthAPI(
    title="质量月活动管理平台 API",
    version="1",
    description=(
        "质量月活动的通知、活动、报送要求、报送材料与汇总数据。"
        "在“接口令牌”页面（/api/tokens/）创建个人令牌，请求时带上 "
        "`Authorization: Bearer <令牌>`；权限与网页相同：只能看到本单位及下级单位的数据。"
    ),
    auth=BearerToken(),
    # The schema and its docs page map the whole attack surface: only for signed-in users
    # (the people who create tokens). Tests and schemathesis read `api.get_openapi_schema()`.
    docs_decorator=login_required,
    urls_namespace="api",
)

# In this order in the schema and the docs page.
api.add_router("", notices.router)
api.add_router("", requirements.router)
api.add_router("", reports.router)
api.add_router("", rollups.router)


# --- Errors: the same words everywhere, in Chinese ------------------------------------------


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    message = MSG_TOKEN_EXPIRED if isinstance(exc, TokenExpiredError) else MSG_UNAUTHORIZED
    return api.create_response(request, {"detail": _(message)}, status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    # ninja answers a body it cannot parse with 400.
    detail = _(MSG_BAD_BODY) if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _(MSG_NOT_FOUND)}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": _(MSG_FORBIDDEN)}, status=403)


@api.exception_handler(ConflictError)
def _conflict(request, exc):
    return api.create_response(
        request,
        {"detail": str(exc), "current_version": exc.current_version},
        status=409,
    )


@api.exception_handler(report_services.ReportStateError)
def _state(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(report_services.IncompleteReportError)
def _incomplete(request, exc):
    return api.create_response(
        request, {"detail": str(exc), "errors": [], "missing": exc.missing}, status=422
    )


@api.exception_handler(DjangoValidationError)
def _invalid(request, exc):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "message": m} for m in exc.messages]
    return api.create_response(
        request, {"detail": _(MSG_INVALID), "errors": errors, "missing": []}, status=422
    )


@api.exception_handler(NinjaValidationError)
def _invalid_request(request, exc):
    errors = [
        {
            "field": ".".join(str(part) for part in e.get("loc", ())),
            "message": str(e.get("msg", "")),
        }
        for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": _(MSG_INVALID), "errors": errors, "missing": []}, status=422
    )
