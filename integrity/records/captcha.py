"""The challenge and extra noise of the citizen forms' image captcha (django-simple-captcha).

The answer lives in the database (``CaptchaStore``), never in the page: the page carries a
random key, the image is drawn by this project (no external service, many government
networks have none), and each key is usable once. Characters are drawn with ``secrets``
from an alphabet without look-alikes (0/O, 1/I/L); the image adds rotated, coloured
letters, arcs, dots and random lines so that reading it with OCR fails. The settings
(``CAPTCHA_*``) are in ``integrity/settings/base.py``.
"""

import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def challenge() -> tuple[str, str]:
    """``(text drawn, expected answer)``; the answer is compared case-insensitively."""
    text = "".join(secrets.choice(ALPHABET) for _ in range(settings.CAPTCHA_LENGTH))
    return text, text.lower()


def noise_lines(draw, image):
    """A few random lines across the letters (django-simple-captcha noise function)."""
    width, height = image.size
    for _ in range(4):
        points = [
            (secrets.randbelow(width), secrets.randbelow(height)),
            (secrets.randbelow(width), secrets.randbelow(height)),
        ]
        draw.line(points, fill=f"#{secrets.randbelow(0xAAAAAA):06x}", width=2)
    return draw
