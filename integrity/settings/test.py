"""Test settings: fast hashing, local memory e-mail, eager Celery unless a broker is given."""

import warnings

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, LOGGING, STORAGES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("TEST_SQLITE_NAME", default=str(BASE_DIR / "var" / "test.sqlite3"))
    }
elif env.str("TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DB_NAME")}
CAPTCHA_TEST_MODE = env.bool("CAPTCHA_TEST_MODE", default=True)
# django-simple-captcha warns (and logs an error) at import when test mode is on without
# DEBUG; here that is intended. tests/records/test_captcha.py switches test mode off.
warnings.filterwarnings("ignore", message="CAPTCHA_TEST_MODE is enabled", category=RuntimeWarning)
LOGGING = {**LOGGING, "loggers": {"captcha.conf.settings": {"level": "CRITICAL"}}}
# Tasks run inline in tests; tests about tasks start a real worker (tests/celery_worker.py),
# which uses CELERY_BROKER_URL (Redis in CI's second run) or Celery's memory transport.
CELERY_TASK_ALWAYS_EAGER = True
PORTAL_SMS_BACKEND = "portal.sms.MemoryBackend"
