"""Text messages to citizens through a pluggable backend (setting ``PORTAL_SMS_BACKEND``).

A backend is a class with ``send(phone: str, text: str) -> None``. The government's SMS
gateway differs from city to city, so production names its own adapter class; the
console backend writes to the log and the memory backend keeps messages for tests.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextMessage:
    phone: str
    text: str


outbox: list[TextMessage] = []  # filled by MemoryBackend


class ConsoleBackend:
    """Logs that a message was sent, without the number or the text (personal data)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS sent (%d characters)", len(text))


class MemoryBackend:
    """Keeps every message in ``portal.sms.outbox`` (tests, demos)."""

    def send(self, phone: str, text: str) -> None:
        outbox.append(TextMessage(phone=phone, text=text))


def send_sms(phone: str, text: str) -> None:
    backend = import_string(getattr(settings, "PORTAL_SMS_BACKEND", "portal.sms.ConsoleBackend"))
    backend().send(phone, text)
