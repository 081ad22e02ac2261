"""Local development: debug on, console e-mail, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F401,F403
from .base import STORAGES, env

DEBUG = env.bool("DEBUG", default=True)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
