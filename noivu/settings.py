"""Settings of Nội vụ số.

Every value can be overridden by an environment variable of the same name. The defaults are those of
production: ``DEBUG`` is off unless ``DEBUG=1`` and there is no built-in ``SECRET_KEY`` (the server refuses
to start without one); ``make run`` sets its own development values explicitly, and the test suite reads
``noivu/settings_test.py``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set the SECRET_KEY environment variable to a long random value "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or DEBUG=1 for a development server."
        )
    SECRET_KEY = "development-only-key-never-used-in-production"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "treebeard",
    "noivu.core",
    "noivu.accounts",
    "noivu.organizations",
    "noivu.admin_units",
    "noivu.personnel",
    "noivu.legislation",
    "noivu.staffing",
    "noivu.payroll",
    "noivu.positions",
    "noivu.religion",
    "noivu.helpdesk",
    "noivu.evaluation",
    "noivu.awards",
    "noivu.recruitment",
    "noivu.succession",
    "noivu.workforce",
    "noivu.edossier",
    "noivu.exchange",
    "noivu.reports",
    "noivu.demo",
    "axes",
]

MIDDLEWARE = [
    # First, so that every answer carries its request id and every log line of the request has it.
    "noivu.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files, collected by `collectstatic`, served by the application itself (hashed names,
    # compressed variants, cached for a year); with DEBUG=1 straight from the apps' and npm's folders.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "noivu.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "noivu.accounts.middleware.LoginRequiredMiddleware",
    "noivu.core.middleware.RefuseNulInApiMiddleware",
    "noivu.core.storage.DiskFullMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "noivu.urls"
WSGI_APPLICATION = "noivu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "noivu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# A PostgreSQL read replica (a streaming standby the database administrator keeps): the statistical reports
# and the workforce forecast read from it (noivu/core/replica.py); every write goes to "default".
REPLICA_DATABASE_URL = os.environ.get("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
READ_REPLICA = "replica" if REPLICA_DATABASE_URL else ""
DATABASE_ROUTERS = ["noivu.core.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
# Sessions end after a working day by default (seconds).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
# A unit's step-raise list posts up to five fields for each of its 500 rows (Django allows 1,000).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000
# Personal API tokens expire this many days after they are issued.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords, the account (from any
# address) and the address (for any account) are refused for AXES_COOLOFF_MINUTES; a success resets.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "noivu.accounts.views.locked_out"
AXES_VERBOSE = False
# Behind a reverse proxy, the client's address is the last one it appends to X-Forwarded-For.
if os.environ.get("TRUST_X_FORWARDED_FOR") == "1":
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# HTTPS=1 when the site is served over HTTPS (directly or behind a proxy that sets X-Forwarded-Proto).
HTTPS = os.environ.get("HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
if HTTPS:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"
    if os.environ.get("TRUST_X_FORWARDED_PROTO") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check answers over plain HTTP too: the machine's own monitoring asks the server directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Origins other than the site's own address from which forms may be posted (e.g. "https://noivu.example.vn"
# when the proxy rewrites the host), comma-separated.
CSRF_TRUSTED_ORIGINS = [origin for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Officials read and type dates as dd/mm/yyyy whatever the interface language (see noivu/formats).
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["noivu.formats"]

STATIC_URL = "static/"
# Where `manage.py collectstatic` gathers the static files that production serves.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    # Uploaded and generated files (MEDIA_ROOT); a file a full disk cut short is removed (core/storage.py).
    "default": {"BACKEND": "noivu.core.storage.MediaStorage"},
    # In production each file's name carries a hash of its content (so browsers may keep it for a year)
    # and a gzip and a Brotli copy are made beside it; pages then need `collectstatic` to have run.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded workbooks and error reports; several web or worker machines must share this storage.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [BASE_DIR / "noivu" / "static"]
# The npm packages' files the pages use, served as static/vendor/<name>/<file> (noivu/core/assets.py):
# a page that loads another file of a package needs it added here, with the files it refers to.
VENDOR_STATIC = {
    "htmx": (NODE_MODULES / "htmx.org" / "dist", ["htmx.min.js"]),
    "bulma": (NODE_MODULES / "bulma" / "css", ["bulma.min.css"]),
    "chartjs": (NODE_MODULES / "chart.js" / "dist", ["chart.umd.min.js", "chart.umd.min.js.map"]),
    "swagger-ui": (
        NODE_MODULES / "swagger-ui-dist",
        ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui.css.map"],
    ),
    "leaflet": (
        NODE_MODULES / "leaflet" / "dist",
        ["leaflet.js", "leaflet.js.map", "leaflet.css"]
        + [f"images/{name}" for name in ("layers.png", "layers-2x.png", "marker-icon.png")]
        + [f"images/{name}" for name in ("marker-icon-2x.png", "marker-shadow.png")],
    ),
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "noivu.core.assets.VendorFinder",
]
# Pages name static files by their hashed names only, so only those are kept (and compressed); source maps
# are read by a developer's browser tools only, not worth compressing.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker, a job runs on a thread of the web process so that the page that started it answers at
# once and polls its progress; off, it runs inline in the request (the tests).
JOBS_ON_THREAD = os.environ.get("JOBS_ON_THREAD", "1") == "1"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
# A broker that does not answer fails the start of a job within seconds (the job is marked failed and the
# user told), instead of holding the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 1,
    "interval_max": 1,
}
# A statistical report whose query takes longer is stopped and the user asked for a narrower scope.
REPORT_TIMEOUT_SECONDS = float(os.environ.get("REPORT_TIMEOUT_SECONDS", "30"))
# A running job writes a heartbeat every JOB_HEARTBEAT_SECONDS; one silent for JOB_LOST_AFTER_SECONDS lost
# its process and is marked failed (Celery beat's core.fail_lost_jobs, every minute).
JOB_HEARTBEAT_SECONDS = int(os.environ.get("JOB_HEARTBEAT_SECONDS", "30"))
JOB_LOST_AFTER_SECONDS = int(os.environ.get("JOB_LOST_AFTER_SECONDS", "180"))
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING below (JSON in production) instead of its own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic tasks run by `celery beat`, in CELERY_TIMEZONE (Vietnam time); without beat, cron can run the
# management command of the same name.
CELERY_BEAT_SCHEDULE = {
    "fail-lost-jobs": {
        "task": "core.fail_lost_jobs",
        "schedule": crontab(minute="*"),
    },
    "apply-due-assignments": {
        "task": "personnel.apply_due_assignments",
        "schedule": crontab(hour=0, minute=5),
    },
    "helpdesk-reminders": {
        "task": "helpdesk.send_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "edossier-deliver": {
        "task": "edossier.deliver",
        "schedule": crontab(minute="*/5"),
    },
    "edossier-check-integrity": {
        "task": "edossier.check_integrity",
        "schedule": crontab(hour=1, minute=30),
    },
}

# Synchronisation of business data with the national database (Nghị định 27/2026/NĐ-CP): where the events
# go and the bearer token they carry. By default the local stand-in receiver of this installation
# (/edossier/receiver/), which accepts only that token; with DEBUG off and no token set it refuses all.
EDOSSIER_SYNC_ENDPOINT = os.environ.get("EDOSSIER_SYNC_ENDPOINT", "http://127.0.0.1:8000/edossier/receiver/")
EDOSSIER_SYNC_TOKEN = os.environ.get("EDOSSIER_SYNC_TOKEN", "local-stand-in" if DEBUG else "")
# Where the reconciliation report asks what the receiver acknowledged, per unit, with the same token.
EDOSSIER_RECONCILE_ENDPOINT = os.environ.get(
    "EDOSSIER_RECONCILE_ENDPOINT", "http://127.0.0.1:8000/edossier/receiver/acknowledged/"
)

# The Ministry's side of the exchange (docs/exchange.md): the installations that may sync upward to this one,
# each with its bearer token, as "CODE:token,CODE:token" (none: the receiver refuses every batch), and the
# account, a national administrator, on whose behalf their events are applied.
EXCHANGE_SOURCES = dict(
    pair.split(":", 1) for pair in os.environ.get("EXCHANGE_SOURCES", "").split(",") if ":" in pair
)
EXCHANGE_RECEIVER_USER = os.environ.get("EXCHANGE_RECEIVER_USER", "")

# Mail (reminders of the hotline): SMTP settings from the environment; without EMAIL_HOST messages are
# written to the log of the process instead of being sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noivu@localhost")
HELPDESK_MAX_ATTACHMENT_BYTES = int(os.environ.get("HELPDESK_MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024)))
# The public recruitment application page: submissions an hour from one address, and the least seconds
# between showing the form and sending it (a person types; a robot posts at once).
RECRUITMENT_APPLY_PER_HOUR = int(os.environ.get("RECRUITMENT_APPLY_PER_HOUR", "20"))
RECRUITMENT_APPLY_MIN_SECONDS = int(os.environ.get("RECRUITMENT_APPLY_MIN_SECONDS", "5"))
# An application workbook of more rows than this is imported as a background job with its progress shown.
RECRUITMENT_IMPORT_INLINE_ROWS = int(os.environ.get("RECRUITMENT_IMPORT_INLINE_ROWS", "300"))
# The largest file (PDF, JPEG, PNG) an application may carry, in bytes.
RECRUITMENT_MAX_DOCUMENT_BYTES = int(os.environ.get("RECRUITMENT_MAX_DOCUMENT_BYTES", str(5 * 1024 * 1024)))

NINJA_PAGINATION_PER_PAGE = 50
PERSONS_PER_PAGE = 50

# Logs go to stderr, one JSON object a line (LOG_FORMAT=json, the default) or as readable text
# (LOG_FORMAT=text, the default with DEBUG=1); the lines written while a request is answered carry its
# request id (noivu/core/request_id.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "noivu.core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
        "text": {
            "()": "logging.Formatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            "defaults": {"request_id": "-"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
