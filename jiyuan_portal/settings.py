"""Settings for the Jiyuan policy-target portal.

Everything that differs between a developer's laptop and production comes from the
environment (``DATABASE_URL``, ``CELERY_BROKER_URL``, ``DJANGO_SECRET_KEY``,
``DJANGO_DEBUG``, ``DJANGO_ALLOWED_HOSTS``). The defaults are the embedded set-up of
``make run``: SQLite, a filesystem message broker, debug on, only localhost allowed.
"""

import datetime
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JIYUAN_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", True)

# The fallback key is only ever used with DEBUG on; production must set its own.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# One app per plan of notice 济政〔2017〕27号, each with a ``PlanAppConfig``: the only list
# of them (``jiyuan_portal.tracking.plan_apps.plan_apps()`` reads the installed ones).
PLAN_APPS = ["capacity", "greening", "smart", "techreform", "innovation"]

INSTALLED_APPS = [
    # The project's shared machinery first, so its templates override third-party ones.
    "jiyuan_portal.accounts",
    "jiyuan_portal.tracking",
    "jiyuan_portal.reporting",
    "jiyuan_portal.alerts",
    "jiyuan_portal.funding",
    "jiyuan_portal.complaints",
    "jiyuan_portal.disclosure",
    "jiyuan_portal.api",
    "jiyuan_portal.drafts",
    "jiyuan_portal.dashboard",
    *PLAN_APPS,
    # Third-party.
    "import_export",
    "django_tables2",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
    "captcha",
    "django_ratelimit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jiyuan_portal.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jiyuan_portal.middleware.PortalHeadersMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jiyuan_portal.middleware.MeasuresCountedOnceMiddleware",
    # After the messages, before any view: a body Django refuses is answered with a message.
    "jiyuan_portal.reporting.middleware.RequestBodyRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jiyuan_portal.urls"
WSGI_APPLICATION = "jiyuan_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiyuan_portal.dashboard.context_processors.navigation",
                "jiyuan_portal.dashboard.context_processors.demo_banner",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out account before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:start"
LOGOUT_REDIRECT_URL = "login"

# Internationalisation: Simplified Chinese first, English available.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "jiyuan_portal" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Evidence files live outside MEDIA_ROOT: they are only served through a permission check.
EVIDENCE_ROOT = Path(os.environ.get("JIYUAN_EVIDENCE_ROOT", VAR_DIR / "evidence"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail (password reset, alert digests): printed to the console unless the environment names a
# real backend, e.g. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: an embedded filesystem broker by default so that `make run` needs no service;
# CELERY_BROKER_URL=redis://… switches to Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
# Redis redelivers a task not acknowledged within this many seconds (see acks_late below).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "celery-broker"
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env_flag("CELERY_TASK_ALWAYS_EAGER", False)
# A task is acknowledged once it has run, so a worker killed mid-task leaves it to be
# redelivered; the jobs are idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With the broker down, a page that queues an email tries once and logs the failure
# (jiyuan_portal.alerts.queueing) rather than keeping the user waiting.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2

# Content-Security-Policy (django-csp): our own files only, no inline scripts or styles
# (templates bind behaviour through portal.js and style through portal.css classes). Django's
# admin is the one exception, made in PortalHeadersMiddleware: it and its add-ons carry
# inline scripts, styles and event handlers, and only admins use it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws icons as data: SVG in its CSS
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Third-party apps.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The preview/confirm file of an admin import must survive between web processes.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
# Hours an import preview waits for its confirmation before its file is cleared.
JIYUAN_IMPORT_PREVIEW_HOURS = 24
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one account
# from one address, that combination is refused for AXES_COOLOFF_TIME, the right password
# included; another address or another account is not affected. Admins unlock under
# 登录尝试 in the admin or with `manage.py axes_reset_username <user>`.
AXES_FAILURE_LIMIT = int(os.environ.get("JIYUAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("JIYUAN_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts are still logged
AXES_LOCKOUT_CALLABLE = "jiyuan_portal.accounts.lockout.lockout_response"
# The client's address: behind N reverse proxies (nginx in production: 1), the N-th
# X-Forwarded-For entry from the right, as the nearest proxy saw it; with 0, REMOTE_ADDR.
JIYUAN_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "jiyuan_portal.accounts.lockout.client_ip_address"

# The portal's "today" (status, lights, jobs and forms): a date such as 2017-09-30 shows the
# demo as it stood that day; empty in production (the local date).
JIYUAN_AS_OF = (
    datetime.date.fromisoformat(os.environ["JIYUAN_AS_OF"])
    if os.environ.get("JIYUAN_AS_OF")
    else None
)
# How a target's actual is judged against its expected value (序时进度, see tracking/status.py):
# "pace", the rule of Chinese supervision: at risk when 10 to 30 percentage points of the way
# behind the pace, behind beyond 30; or "ratio" (Cascade's): on track at 95% or more of the
# expected progress, at risk from 85%.
JIYUAN_TARGET_RULE = {
    "rule": os.environ.get("JIYUAN_TARGET_RULE", "pace"),
    "at_risk_points": 10,
    "behind_points": 30,
    "on_track_ratio": 95,
    "at_risk_ratio": 85,
}
# Days before a milestone's due date from which it counts as "due soon".
JIYUAN_DUE_SOON_DAYS = int(os.environ.get("JIYUAN_DUE_SOON_DAYS", "30"))
# How long the cockpit and the lists keep their rendered content (jiyuan_portal.reporting.
# page_cache) in Django's cache; any change of the data or of the day replaces it sooner.
# 0 turns the page cache off.
JIYUAN_PAGE_CACHE_SECONDS = int(os.environ.get("JIYUAN_PAGE_CACHE_SECONDS", str(24 * 3600)))
# Supervision (督查督办, jiyuan_portal.alerts): reminders this many days before a one-off
# milestone's due date, each once; and the escalation ladder 催办 → 通报 → 约谈, one rung
# per daily scan at most.
JIYUAN_REMINDER_DAYS = (7, 1)
# The bureau that pays the awards and subsidies and reads the 奖补 ledger (its canonical name).
JIYUAN_FINANCE_BUREAU = os.environ.get("JIYUAN_FINANCE_BUREAU", "市财政局")
# The portal's address as users reach it, for the links in emails.
JIYUAN_SITE_URL = os.environ.get("JIYUAN_SITE_URL", "http://127.0.0.1:8000")
JIYUAN_ESCALATION = {
    "urge_after_days": 1,  # 催办 on the first day overdue
    "bulletin_after_days": 15,  # 通报 when 15 days overdue …
    "unanswered_days": 7,  # … or when a 催办 (or 通报) has had no explanation for 7 days
    "interview_after_days": 30,  # 约谈 at 30 days overdue …
    "interview_after_bulletins": 2,  # … or after two 通报
}
# A scan tells a person of at most this many new items (or rungs of one kind) one by one;
# beyond that, in one summary linking to the list, so a backlog flagged at once does not
# bury them under thousands of messages.
JIYUAN_NOTIFY_ONE_BY_ONE = int(os.environ.get("JIYUAN_NOTIFY_ONE_BY_ONE", "20"))
# Uploads (Excel imports, evidence files) larger than this are refused.
# Evidence types allowed, checked by content (see tracking/uploads.py).
JIYUAN_EVIDENCE_TYPES = ("pdf", "jpeg", "png", "docx", "xlsx", "doc", "xls", "wps", "et")
JIYUAN_MAX_UPLOAD_BYTES = int(os.environ.get("JIYUAN_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = JIYUAN_MAX_UPLOAD_BYTES + 1024 * 1024
# Zip archives (.xlsx, .docx) are checked before they are opened (jiyuan_portal.utils.files):
# what they unpack to in all, how far they are compressed, how many files they hold.
JIYUAN_MAX_UNZIPPED_BYTES = int(os.environ.get("JIYUAN_MAX_UNZIPPED_BYTES", str(100 * 1024 * 1024)))
JIYUAN_MAX_ZIP_RATIO = 200
JIYUAN_MAX_ZIP_MEMBERS = 2000

# The public pages (jiyuan_portal.disclosure): served from the cache for this many seconds
# (publishing or withdrawing shows at once); 0 turns the cache off.
JIYUAN_PUBLIC_CACHE_SECONDS = int(os.environ.get("JIYUAN_PUBLIC_CACHE_SECONDS", "300"))
# Complaints (举报核查, jiyuan_portal.complaints; 四(三) 健全监督机制). The plan whose
# supervision they belong to; the bureau each kind of problem goes to, as the lead of the
# plan's task on it (a supervisor may reassign a case); the bureau for any other problem;
# the working days a bureau has to verify and close a case.
JIYUAN_COMPLAINTS = {
    "plan": "capacity",
    "tasks_by_kind": {
        "coal_mine": "二(一)",
        "steel": "二(二)",
        "power": "二(三)",
        "cement": "二(四)",
        "small_polluting": "二(五)",
    },
    "other_bureau": "市发展和改革委员会",
    "working_days": int(os.environ.get("JIYUAN_COMPLAINT_WORKING_DAYS", "15")),
    # At most this many complaints (and receipt look-ups) per address: django-ratelimit's
    # rate, counted in Django's cache.
    "submit_rate": os.environ.get("JIYUAN_COMPLAINT_RATE", "5/h"),
    "lookup_rate": os.environ.get("JIYUAN_COMPLAINT_LOOKUP_RATE", "30/h"),
    "max_photos": 3,
}
# The photos a complaint may carry: checked by content like evidence files, images only.
JIYUAN_COMPLAINT_PHOTO_TYPES = ("jpeg", "png")
# Django's caches: "default" for the page cache and the like, "public-pages" for the public
# pages, "rate-limit" for the complaint form's counts per address. In one process (make run)
# the local memory cache serves; with several web processes set DJANGO_CACHE_URL=redis://…
# so that they share them (and the rate limit counts across them).
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")


def cache_settings(name: str) -> dict:
    if CACHE_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": name,
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}


CACHES = {name: cache_settings(name) for name in ("default", "public-pages", "rate-limit")}
RATELIMIT_USE_CACHE = "rate-limit"
# django-ratelimit knows django-redis's backend, not Django's own (which increments
# atomically as well).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not CACHE_URL:
    # django-ratelimit refuses a cache its counts are not shared in; one process is the
    # embedded default's case, and production sets DJANGO_CACHE_URL.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")
# The client's address for the rate limit: the one django-axes uses (behind proxies).
RATELIMIT_IP_META_KEY = "jiyuan_portal.accounts.lockout.client_ip_address"
# The captcha (django-simple-captcha) is drawn on the server: no internet needed.
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_IMAGE_SIZE = (120, 40)
CAPTCHA_FONT_SIZE = 28

# The API (jiyuan_portal.api, Django REST framework): personal tokens or the portal's session,
# the portal's permission rules, 50 rows a page, a rate per token.
JIYUAN_API_TOKEN_MAX_DAYS = 365
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jiyuan_portal.api.authentication.ApiTokenAuthentication",
        "jiyuan_portal.api.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["jiyuan_portal.api.permissions.PortalRule"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["jiyuan_portal.api.throttling.PerTokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("JIYUAN_API_RATE", "2000/hour")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jiyuan_portal.api.exceptions.portal_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "济源市攻坚方案目标管理平台 API",
    "DESCRIPTION": "济政〔2017〕27号 five plans: tasks, milestones, targets, reports, supervision.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["jiyuan_portal.api.permissions.PortalRule"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MilestoneStatusEnum": "jiyuan_portal.tracking.status.MilestoneStatus",
        "TargetStatusEnum": "jiyuan_portal.tracking.status.TargetStatus",
        "ReviewStatusEnum": "jiyuan_portal.reporting.states.ReviewStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# Shown in the page title and the admin.
PORTAL_TITLE = _("Jiyuan policy-target portal")
