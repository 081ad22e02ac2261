"""One error format for the whole JSON API, and its description in the OpenAPI schema.

Every error answer (400, 401, 403, 404, 405, 406, 409, 415, 429) has the body::

    {"code": "invalid", "detail": "提交的数据有误。", "errors": {"title": ["该字段是必填项。"]}}

``code`` is stable and meant for programs, ``detail`` is a plain Chinese sentence for
people, ``errors`` maps a field name (``non_field_errors`` for the whole input, ``a.b``
or ``a.0`` for nested input) to its messages and is empty unless the input was refused.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler

from integrity.core.locking import CONFLICT

NON_FIELD = "non_field_errors"


class Conflict(exceptions.APIException):
    """The object changed since it was read: a second decision on it is refused."""

    status_code = 409
    default_detail = _("This has already been decided or changed; reload and try again.")
    default_code = "conflict"


def django_errors(error: DjangoValidationError) -> exceptions.APIException:
    """A service's ``ValidationError`` as an API error: 409 for a stale decision, else 400.

    A refused second decision carries ``code=CONFLICT`` (see ``integrity.core.locking``).
    """
    codes = {e.code for e in error.error_list} if hasattr(error, "error_list") else set()
    if codes == {CONFLICT}:
        return Conflict(" ".join(error.messages))
    return exceptions.ValidationError(
        getattr(error, "message_dict", None) or {NON_FIELD: error.messages}
    )


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return django_errors(exc)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    return exc


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """``{"a": {"b": ["x"]}, "c": [{"d": ["y"]}]}`` → ``{"a.b": ["x"], "c.0.d": ["y"]}``."""
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(d, dict | list) for d in detail):
        items = ((str(i), d) for i, d in enumerate(detail))
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {prefix or NON_FIELD: [str(m) for m in messages]}
    errors: dict[str, list[str]] = {}
    for key, value in items:
        if value:  # a list entry without error is {} or []
            errors.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return errors


def error_body(exc: exceptions.APIException) -> dict:
    """The documented body for ``exc`` (see the module docstring)."""
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        general = errors.get(NON_FIELD, [])
        # A refusal that concerns no single field is the message itself (a clerk reads it).
        detail = general[0] if len(errors) == 1 and len(general) == 1 else None
        return {
            "code": exceptions.ValidationError.default_code,
            "detail": detail or str(_("The submitted data is not valid.")),
            "errors": errors,
        }
    code = exc.detail.code if hasattr(exc.detail, "code") else exc.default_code
    return {"code": code or exc.default_code, "detail": str(exc.detail), "errors": {}}


def api_exception_handler(exc: Exception, context: dict):
    """DRF ``EXCEPTION_HANDLER``: every error in the one format; others stay 500."""
    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = error_body(exc)
    return response


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer of the API."""

    code = serializers.CharField(help_text="Stable machine-readable code, e.g. not_found.")
    detail = serializers.CharField(help_text="中文说明")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per input field; empty unless the input was refused.",
    )


ERROR_RESPONSES = {
    "400": "请求数据有误（errors 列出各字段的问题）",
    "401": "未登录或认证令牌无效",
    "403": "无权执行此操作",
    "404": "对象不存在或不在您的管辖范围内",
}
WRITE_ERROR_RESPONSES = {"409": "已被他人处理或状态已变化，请刷新后重试"}


class ErrorDocumentingAutoSchema(AutoSchema):
    """Adds the shared ``Error`` responses to every operation of the schema."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        documented = dict(ERROR_RESPONSES)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            documented |= WRITE_ERROR_RESPONSES
        for code, description in documented.items():
            if code not in responses:
                error = OpenApiResponse(ErrorSerializer, description=description)
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses
