"""Settings shared by every environment. Everything variable comes from the environment."""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # our apps first so their templates and translations take precedence
    "integrity.core",
    "integrity.records",
    "commitments",
    "commitments.proposals",
    "assessment",
    "cms",
    "portal",
    "portal.monitoring",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "integrity.core.users_app.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # third party
    "rules",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "import_export",
    "django_celery_beat",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "integrity.core.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "integrity.core.middleware.ChineseFirstLocaleMiddleware",
    "integrity.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "integrity.urls"
WSGI_APPLICATION = "integrity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": environ.Env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the web process and a worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": environ.Env.cache_url_config(
        env.str("CACHE_URL", default="") or "locmemcache://integrity"
    )
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # first: it logs users in
    "rules.permissions.ObjectPermissionBackend",  # the permission layer's predicates
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- i18n: Simplified Chinese first, English available -----------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list = []  # each app keeps its catalogue in <app>/locale/
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- static and media: every asset is served by the project itself -----------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Behind nginx: the open-data files are sent by the web server (X-Accel-Redirect to this
# internal location), so no application worker is held by a download (docs/opendata.md).
OPENDATA_ACCEL_REDIRECT = env.str("OPENDATA_ACCEL_REDIRECT", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "政务诚信监督评价平台"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com: nothing loads from other hosts
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]  # one time zone: no list of foreign zone names
WAGTAIL_USAGE_COUNT_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# --- API ---------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes an anonymous call a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # One error format ({"code", "detail", "errors"}), documented on every operation.
    "DEFAULT_SCHEMA_CLASS": "integrity.core.api_errors.ErrorDocumentingAutoSchema",
    "EXCEPTION_HANDLER": "integrity.core.api_errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "政务诚信监督评价平台 API",
    "DESCRIPTION": (
        "JSON API v1. 公开端点只返回已公开数据；其余端点按用户所在组织及其下级范围授权。"
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # /api/v1/schema/ describes what the asking user may call: a visitor sees the public
    # (open-data) endpoints only, a signed-in user also those their role allows.
    "SERVE_PUBLIC": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # One component name per choice set used by several serializers.
    "ENUM_NAME_OVERRIDES": {
        "CommitmentKindEnum": "commitments.models.Commitment.Kind",
        "CommitmentStatusEnum": "commitments.models.Commitment.Status",
        "ProposalKindEnum": "commitments.proposals.models.Kind",
        "SatisfactionLevelEnum": "commitments.proposals.models.Rating.Level",
    },
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["integrity.api.only_v1_endpoints"],
}

# --- import-export -------------------------------------------------------------
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_USE_TRANSACTIONS = True

# --- Celery: eager (in-process) unless a broker is configured ---------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- e-mail ------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@integrity.example")

PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)

# --- project ---------------------------------------------------------------------
# Key used to encrypt personal data at rest (ID numbers, phone numbers).
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="") or SECRET_KEY

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- field encryption (issue 11) ---
# Keys of the personal-data keyring (phones, e-mails, ID numbers, reporters' contacts),
# newest first: the first encrypts, every one decrypts. To rotate, prepend a new key,
# run `manage.py rotate_field_key`, then remove the old key. Empty: FIELD_ENCRYPTION_KEY.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[]) or [FIELD_ENCRYPTION_KEY]

# --- event log hash chain (issue 11) ---------------------------------------------------
# `manage.py events_verify` reports events older than this that have no seal yet.
EVENT_CHAIN_GRACE_MINUTES = env.int("EVENT_CHAIN_GRACE_MINUTES", default=10)

# --- login protection (issue 11) ---------------------------------------------------
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks, e.g.
# "127.0.0.1,10.0.0.0/8"). Empty: the header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
CLIENT_IP_CALLABLE = "integrity.core.clientip.client_ip"

# django-axes: a username is locked after AXES_FAILURE_LIMIT failures from anywhere, and a
# client address after as many failures across usernames, for AXES_COOLOFF_TIME.
INSTALLED_APPS += ["axes", "captcha"]
MIDDLEWARE += [
    "integrity.core.sessions.IdleTimeoutMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = CLIENT_IP_CALLABLE
AXES_LOCKOUT_CALLABLE = "integrity.core.lockout.lockout_response"

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and at the latest
# after SESSION_COOKIE_AGE, or when the browser closes.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Passwords of a government system: at least 10 characters of 3 classes.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "integrity.core.passwords.MinimumLengthInChineseValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "integrity.core.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]

# Citizen report form and case lookup: an offline image captcha (django-simple-captcha,
# images served by this project) and limits per client address (django-ratelimit, counted
# in the default cache: use Redis in production so every worker shares the counters).
CAPTCHA_CHALLENGE_FUNCT = "integrity.records.captcha.challenge"
CAPTCHA_LENGTH = 5
CAPTCHA_NOISE_FUNCTIONS = (
    "captcha.helpers.noise_arcs",
    "captcha.helpers.noise_dots",
    "integrity.records.captcha.noise_lines",
)
CAPTCHA_LETTER_COLOR_FUNCT = "captcha.helpers.random_letter_color_challenge"
CAPTCHA_LETTER_ROTATION = (-40, 40)
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (170, 50)
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_2X_IMAGE = False
CAPTCHA_TEST_MODE = False
RATELIMIT_IP_META_KEY = CLIENT_IP_CALLABLE
RATELIMIT_VIEW = "integrity.records.views.rate_limited"
REPORT_RATE_LIMIT = env.str("REPORT_RATE_LIMIT", default="5/h")
LOOKUP_RATE_LIMIT = env.str("LOOKUP_RATE_LIMIT", default="20/h")

# --- private files (issue 11) -------------------------------------------------------
# Uploads and generated files live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT and any
# URL; permission-checked views stream them as attachments. MEDIA_ROOT/MEDIA_URL keep only
# Wagtail image renditions (pictures editors publish on the portal).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "integrity.core.storage.PrivateStorage"},
    "private": {"BACKEND": "integrity.core.storage.PrivateStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png"]
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.CheckedImageForm"
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)

# --- Content-Security-Policy (issue 11) ---
# Every asset is served by the site itself and no page runs inline script: scripts are
# static files, data reach them through data-* attributes or JSON <script> blocks
# (docs/architecture.md, "Content-Security-Policy"). style-src allows inline styles
# because Wagtail's page editor needs them (its scripts apply style attributes: with
# style-src 'self' Chromium refuses four in the editor); a style cannot run code.
# Framing: 'none', except for views that ask for SAMEORIGIN (Wagtail's live preview),
# where integrity.core.csp.CSPMiddleware sends 'self'.
# CSP_REPORT_ONLY=true sends the policy as Content-Security-Policy-Report-Only instead,
# so an operator can watch the browser console before enforcing a change.
csp_policy = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = csp_policy
    CONTENT_SECURITY_POLICY = None
else:
    CONTENT_SECURITY_POLICY = csp_policy
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
X_FRAME_OPTIONS = "DENY"

# --- Portal: text messages to reporters (issue 16) ---
# A class with send(phone, text); production names the city's SMS gateway adapter.
PORTAL_SMS_BACKEND = env.str("PORTAL_SMS_BACKEND", default="portal.sms.ConsoleBackend")
