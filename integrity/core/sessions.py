"""Signed-in sessions end after ``settings.SESSION_IDLE_TIMEOUT`` seconds without a request."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from integrity.core.auth_events import TIMED_OUT_ATTRIBUTE, record_auth_event
from integrity.core.events import EventType

LAST_ACTIVITY_KEY = "integrity_last_activity"
# The time stamp is rewritten at most this often, to not save the session on every request.
RESOLUTION_SECONDS = 30


def touch(request: HttpRequest, now: float | None = None) -> None:
    """Remember ``now`` as the session's last activity."""
    request.session[LAST_ACTIVITY_KEY] = int(time.time() if now is None else now)


class IdleTimeoutMiddleware:
    """Logs out (and records ``auth.timeout``) a user idle for longer than the timeout;
    otherwise remembers the time of this request in the session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request, time.time())
        return self.get_response(request)

    def _check(self, request: HttpRequest, now: float) -> None:
        last = request.session.get(LAST_ACTIVITY_KEY)
        timeout = settings.SESSION_IDLE_TIMEOUT
        if last is not None and timeout and now - float(last) > timeout:
            record_auth_event(type=EventType.TIMEOUT, request=request, user=request.user)
            setattr(request, TIMED_OUT_ATTRIBUTE, True)
            logout(request)
            return
        if last is None or now - float(last) >= RESOLUTION_SECONDS:
            touch(request, now)
