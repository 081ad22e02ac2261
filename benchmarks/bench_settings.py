"""Settings for the portal benchmarks: production settings on loopback, nothing else.

Production settings (DEBUG False, manifest static files, security middleware) with a
throwaway secret, plain HTTP on 127.0.0.1, and a cache shared by every gunicorn worker
(Redis on 127.0.0.1:6379 by default; ``BENCH_CACHE_URL`` overrides, e.g.
``filecache:///tmp/bench-cache``) so the whole-page cache behaves as in production.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-secret-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")

import environ  # noqa: E402

from integrity.settings.production import *  # noqa: E402,F401,F403
from integrity.settings.production import BASE_DIR, env  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ROOT_URLCONF = "benchmarks.bench_urls"
STATIC_ROOT = BASE_DIR / "var" / "bench-static"
CACHE_URL = env.str("BENCH_CACHE_URL", default="redis://127.0.0.1:6379/0")
if CACHE_URL.startswith("redis://"):
    # Django's own Redis backend (redis-py is a locked dependency; django-redis is not).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
else:
    CACHES = {"default": environ.Env.cache_url_config(CACHE_URL)}
# Keys of this run only: a fresh prefix per run, so stale entries of another run never serve.
CACHES["default"]["KEY_PREFIX"] = env.str("BENCH_CACHE_PREFIX", default="bench")
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Open-data files of the benchmark (benchmarks/opendata_files.py), apart from the site's.
OPENDATA_ROOT = env.path("BENCH_OPENDATA_ROOT", default=str(BASE_DIR / "var" / "bench-opendata"))
OPENDATA_ACCEL_REDIRECT = env.str("BENCH_OPENDATA_ACCEL_REDIRECT", default="")
