"""Sign-ins, failed sign-ins, sign-outs and idle time-outs in the event log.

Connected to Django's authentication signals in ``CoreConfig.ready``. Authentication is not
a business write of ours, so a signal is the one place every login path (the Wagtail admin,
any other form that calls ``authenticate``/``login``) passes through. The password is never
read: only the username given and the client address.
"""

from axes.handlers.proxy import AxesProxyHandler

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from integrity.core.clientip import client_ip
from integrity.core.events import EventType, record_event
from integrity.core.models import Event

# Set on a request whose session the idle time-out ends, so the sign-out is logged once.
TIMED_OUT_ATTRIBUTE = "integrity_session_timed_out"


def _details(request: HttpRequest | None, username: str) -> dict[str, str | bool]:
    return {"username": username[:150], "ip": client_ip(request) if request else ""}


def record_auth_event(
    *, type: str, request: HttpRequest | None, user=None, username: str = ""
) -> Event:
    """One ``auth.*`` event; ``user`` (if known) is the actor and the object, which puts the
    event in the user's organisation."""
    name = user.get_username() if user is not None else username
    return record_event(
        type=type,
        actor=user,
        obj=user,
        details=_details(request, name),
    )


def _on_login(sender, request, user, **kwargs) -> None:
    from integrity.core.sessions import touch

    record_auth_event(type=EventType.LOGIN, request=request, user=user)
    if request is not None:
        touch(request)  # the idle clock starts at the sign-in


def _on_logout(sender, request, user, **kwargs) -> None:
    if user is None or getattr(request, TIMED_OUT_ATTRIBUTE, False):
        return
    record_auth_event(type=EventType.LOGOUT, request=request, user=user)


def _on_failure(sender, credentials, request=None, **kwargs) -> None:
    """A failed sign-in: the account named, if it exists, gives the organisation; the
    event's actor stays empty because nobody was authenticated. ``locked_out`` is true
    when django-axes refused the attempt without checking the password (already locked)."""
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    details = _details(request, username)
    details["locked_out"] = request is not None and AxesProxyHandler.is_locked(request, credentials)
    record_event(
        type=EventType.LOGIN_FAILED,
        obj=user,
        details=details,
    )


def connect() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="integrity-auth-login")
    user_logged_out.connect(_on_logout, dispatch_uid="integrity-auth-logout")
    user_login_failed.connect(_on_failure, dispatch_uid="integrity-auth-failed")
