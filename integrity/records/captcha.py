"""An offline captcha: a small sum rendered as a PNG with Pillow, the answer kept in the session.

No external service is called (many government networks have no internet). When
``settings.CAPTCHA_TEST_MODE`` is true (the test settings), the answer "test" is also
accepted so that tests and load scripts can submit the form.
"""

import io
import secrets

from PIL import Image, ImageDraw, ImageFont

from django.conf import settings

SESSION_KEY = "records_captcha"
TEST_ANSWER = "test"


def captcha_new(session) -> str:
    """Store a new challenge in the session and return its text ("3 + 4 = ?")."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    session[SESSION_KEY] = str(a + b)
    return f"{a} + {b} = ?"


def captcha_check(session, answer: str) -> bool:
    """True when ``answer`` solves the session's challenge. Each challenge is used once."""
    expected = session.pop(SESSION_KEY, None)
    answer = (answer or "").strip()
    if getattr(settings, "CAPTCHA_TEST_MODE", False) and answer == TEST_ANSWER:
        return True
    return bool(expected) and secrets.compare_digest(answer, expected)


def captcha_png(text: str) -> bytes:
    image = Image.new("RGB", (140, 44), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    for _ in range(8):  # light noise lines
        points = [secrets.randbelow(140), secrets.randbelow(44)] * 2
        points[2], points[3] = secrets.randbelow(140), secrets.randbelow(44)
        draw.line(points, fill=(180, 180, 200))
    try:
        font = ImageFont.load_default(size=26)
    except TypeError:  # older Pillow
        font = ImageFont.load_default()
    draw.text((10, 8), text, fill=(30, 30, 90), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
