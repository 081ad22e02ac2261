"""One way to "do this action on this object", for the back office and the API alike.

An :class:`ObjectAction` declares an action: its name, the form that validates the
POSTed input, the permission (a ``rules`` codename or a predicate), the service callable
``service(obj, user, cleaned_data)`` and the success message. The service itself checks
the rules of the trade *and the actor's role* (it is called from tasks and shells too);
the permission here only decides whether the action is offered to this user at all.

:class:`ObjectActionView` runs one for a back-office form (POST only):

1. the object is looked up through :func:`~integrity.core.permissions.scope_queryset`,
   so an object outside the user's subtree answers 404 (anonymous: the login page);
2. no permission → ``PermissionDenied`` (403; Wagtail's admin turns it into its
   "no permission" redirect);
3. invalid input → an error message listing the form's errors, nothing written;
4. the service runs in one transaction; its ``ValidationError``/``PermissionDenied``
   becomes an error message in Chinese and nothing is written;
5. success → the action's success message; the answer redirects to the object's page
   or to a safe ``next``.

:class:`ObjectActionAPIMixin` runs the same declaration for a DRF ``@action``: same
lookup (``get_object``), permission → 403, invalid input → 400 with field errors,
service refusals → 400/409/403 in the format of :mod:`integrity.core.api_errors`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rest_framework import exceptions, generics
from rest_framework.response import Response

from integrity.core.api_errors import NON_FIELD, django_errors
from integrity.core.permissions import scope_queryset

M = TypeVar("M", bound=models.Model)

Predicate = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class ObjectAction(Generic[M]):
    """What one action on one kind of object needs (see the module docstring).

    ``permission`` is a ``rules`` codename asked with the object (``user.has_perm(p,
    obj)``) or a predicate ``(user, obj) -> bool``; ``None`` leaves the decision to the
    view's own permission and the service. A form deriving from :class:`ObjectForm`
    is given the object and the user (choices limited to the object, the user's scope);
    ``form_kwargs(obj, user)`` gives any other form its constructor's arguments.
    """

    name: str
    service: Callable[[M, Any, dict[str, Any]], object]
    form: type[forms.Form] | None = None
    permission: str | Predicate | None = None
    success: str | Promise | Callable[[Any], str] = gettext_lazy("Done.")
    form_kwargs: Callable[[M, Any], dict[str, Any]] | None = None

    def allowed(self, user: Any, obj: M) -> bool:
        return permitted(self.permission, user, obj)

    def bind(self, obj: M, user: Any, data: Any, files: Any = None) -> forms.Form | None:
        """The action's form bound to the posted ``data`` (``None`` without a form)."""
        if self.form is None:
            return None
        extra = self.form_kwargs(obj, user) if self.form_kwargs else {}
        if issubclass(self.form, ObjectForm):
            extra |= {"obj": obj, "user": user}
        return self.form(data=data, files=files, **extra)

    def perform(self, obj: M, user: Any, cleaned_data: dict[str, Any]) -> object:
        """Run the service in one transaction: a refusal leaves nothing written."""
        with transaction.atomic():
            return self.service(obj, user, cleaned_data)


class ObjectForm(forms.Form):
    """A form that knows the object acted on and the user acting.

    ``related`` maps a ``ModelChoiceField`` to a relation of the object, so only the
    object's own rows can be chosen (``{"objection": "objections"}``).
    """

    related: Mapping[str, str] = {}

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.obj, self.user = obj, user
        for name, relation in self.related.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = getattr(obj, relation).all()


def permitted(permission: str | Predicate | None, user: Any, obj: Any) -> bool:
    """``permission`` (codename, predicate or ``None`` for "no extra check") for ``obj``."""
    if permission is None:
        return True
    if isinstance(permission, str):
        return bool(user.has_perm(permission, obj))
    return bool(permission(user, obj))


def input_form(name: str, **fields: forms.Field) -> type[forms.Form]:
    """A small form class from its fields: ``input_form("NoteForm", note=CharField())``."""
    return type(name, (forms.Form,), dict(fields))


def optional_text() -> forms.CharField:
    """A free-text input the service validates itself (it says why in Chinese)."""
    return forms.CharField(required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files under one name (``<input type=file multiple>``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def form_errors_text(form: forms.Form) -> str:
    """The form's errors as one Chinese sentence per field: ``标题：该字段是必填项。``."""
    parts = []
    for name, errors in form.errors.items():
        text = " ".join(str(e) for e in errors)
        field = form.fields.get(name)
        if field is None:  # errors of the whole form
            parts.append(text)
        else:
            label = field.label or name
            parts.append(_("%(field)s: %(errors)s") % {"field": label, "errors": text})
    return " ".join(parts)


def refusal_text(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal as the Chinese sentence shown to the user."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


class ObjectActionView(View):
    """POST ``…/<pk>/do/<action>/``: run ``actions[action]`` on the scoped object.

    Subclasses set ``model`` (or override ``get_queryset``), ``actions`` and
    ``get_success_url``; ``permission`` is asked for every action on top of the
    action's own (a predicate set on the class needs ``staticmethod``); ``action_name``
    serves URLs without an ``action`` part.
    """

    http_method_names = ["post"]
    model: type[models.Model] | None = None
    actions: Mapping[str, ObjectAction] = {}
    permission: str | Predicate | None = None
    action_name: str = ""
    url_name: str = ""

    def get_queryset(self) -> models.QuerySet:
        if self.model is None:
            raise NotImplementedError("set model or override get_queryset")
        return self.model._default_manager.all()

    def get_object(self, pk: int) -> models.Model:
        return get_object_or_404(scope_queryset(self.request.user, self.get_queryset()), pk=pk)

    def get_action(self, name: str) -> ObjectAction:
        try:
            return self.actions[name]
        except KeyError:
            raise Http404 from None

    def may_act(self) -> bool:
        """Before the lookup: may this user's role act on such objects at all (else 403)?"""
        return True

    def has_permission(self, action: ObjectAction, obj: models.Model) -> bool:
        user = self.request.user
        return permitted(self.permission, user, obj) and action.allowed(user, obj)

    def get_success_url(self, obj: models.Model) -> str:
        """The object's page: ``url_name`` with its pk (a safe ``next`` wins, see below)."""
        return reverse(self.url_name, args=[obj.pk])

    def get_failure_url(self, obj: models.Model) -> str:
        """Where a refused action leads: the object's page too, unless overridden."""
        return self.get_success_url(obj)

    def success_message(self, action: ObjectAction, obj: models.Model, result: object) -> str:
        """The action's message; a callable ``success`` is given the service's result."""
        return action.success(result) if callable(action.success) else str(action.success)

    def redirect_url(self, obj: models.Model, done: bool) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            wanted, {self.request.get_host()}, require_https=self.request.is_secure()
        )
        if wanted and safe:
            return wanted
        return self.get_success_url(obj) if done else self.get_failure_url(obj)

    def post(self, request: HttpRequest, pk: int, action: str = "") -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        chosen = self.get_action(action or self.action_name)
        if not self.may_act():
            return self.permission_denied()
        obj = self.get_object(pk)
        if not self.has_permission(chosen, obj):
            return self.permission_denied()
        form = chosen.bind(obj, request.user, request.POST, request.FILES)
        if form is not None and not form.is_valid():
            return self.form_invalid(chosen, obj, form)
        try:
            result = chosen.perform(obj, request.user, form.cleaned_data if form else {})
        except (ValidationError, PermissionDenied) as error:
            return self.refused(chosen, obj, form, error)
        return self.done(chosen, obj, result)

    # The answers; a screen that shows its forms inline overrides form_invalid/refused.

    def permission_denied(self) -> HttpResponse:
        raise PermissionDenied

    def form_invalid(self, action: ObjectAction, obj: models.Model, form: forms.Form):
        messages.error(self.request, form_errors_text(form))
        return HttpResponseRedirect(self.redirect_url(obj, done=False))

    def refused(
        self,
        action: ObjectAction,
        obj: models.Model,
        form: forms.Form | None,
        error: ValidationError | PermissionDenied,
    ) -> HttpResponse:
        messages.error(self.request, refusal_text(error))
        return HttpResponseRedirect(self.redirect_url(obj, done=False))

    def done(self, action: ObjectAction, obj: models.Model, result: object) -> HttpResponse:
        messages.success(self.request, self.success_message(action, obj, result))
        return HttpResponseRedirect(self.redirect_url(obj, done=True))


def api_form_errors(form: forms.Form) -> exceptions.ValidationError:
    """A form's errors as the API's 400 (``__all__`` becomes ``non_field_errors``)."""
    errors = {
        NON_FIELD if name == NON_FIELD_ERRORS else name: [str(e) for e in errs]
        for name, errs in form.errors.items()
    }
    return exceptions.ValidationError(errors)


T = TypeVar("T")


def api_call(call: Callable[[], T]) -> T:
    """Run a service for the API: its refusals become 400/409/403 API errors."""
    try:
        return call()
    except ValidationError as error:
        raise django_errors(error) from error
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


class ObjectActionAPIMixin:
    """For DRF viewsets: ``return self.run_object_action(ACTION)`` inside an ``@action``.

    The object comes from ``get_object()`` (the scoped queryset: outside → 404), the
    action's permission is asked (403), the input is validated by ``input`` (a DRF
    serializer, which also documents the request) or else by the action's form (400
    with field errors), and the service's refusals answer in the API error format.
    The answer is ``output(result)`` or else the object re-read through
    ``action_serializer_class`` (default: the viewset's ``get_serializer``).
    """

    action_serializer_class: Any = None

    if TYPE_CHECKING:  # provided by GenericAPIView
        request: Any

        kwargs: dict[str, Any]

        def get_queryset(self) -> Any: ...

        def get_serializer_context(self) -> dict[str, Any]: ...

        def get_serializer(self, *args: Any, **kwargs: Any) -> Any: ...

    def run_object_action(
        self,
        action: ObjectAction,
        *,
        input: type | None = None,
        status: int = 200,
        output: Callable[[Any], Any] | None = None,
    ) -> Response:
        # DRF's lookup: a malformed id is a 404 too, not a 500.
        obj = generics.get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        user = self.request.user
        if not action.allowed(user, obj):
            raise exceptions.PermissionDenied
        data = self._validated_input(action, obj, input)
        result = api_call(lambda: action.perform(obj, user, data))
        if output is not None:
            return Response(output(result).data, status=status)
        obj.refresh_from_db()
        if self.action_serializer_class is not None:
            context = self.get_serializer_context()
            serializer = self.action_serializer_class(obj, context=context)
            return Response(serializer.data, status=status)
        return Response(self.get_serializer(obj).data, status=status)

    def _validated_input(self, action: ObjectAction, obj: Any, input: type | None) -> dict:
        if input is not None:
            serializer = input(data=self.request.data)
            serializer.is_valid(raise_exception=True)
            return dict(serializer.validated_data)
        form = action.bind(obj, self.request.user, self.request.data, self.request.FILES)
        if form is None:
            return {}
        if not form.is_valid():
            raise api_form_errors(form)
        return dict(form.cleaned_data)
