"""Settings for qualitymonth, read from the environment.

Defaults give the embedded set-up (SQLite in var/, uploads in var/media/). Production sets
DATABASE_URL, the QM_S3_* variables and QM_SECRET_KEY (and, optionally, QM_REPLICA_DATABASE_URL);
see README, "Configuration".
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from qualitymonth.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("QM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("QM_DEBUG", False)
# The insecure key is only accepted when DEBUG is on, so a production start without a key fails.
SECRET_KEY = env_str("QM_SECRET_KEY", "insecure-dev-key-only-for-debug" if DEBUG else None)
ALLOWED_HOSTS = env_list("QM_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("QM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "auditlog",
    "axes",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "storages",
    "core",
    "orgs",
    "campaigns",
    "activities",
    "reports",
    "notifications",
    "imports",
    "exports",
    "dashboards",
    "public",
    "ninja",  # serves the API docs' Swagger UI from our static files, not a CDN
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the acting user on every audited change, web and admin alike.
    "core.audit.AuditMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qualitymonth.urls"
WSGI_APPLICATION = "qualitymonth.wsgi.application"

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
            ],
        },
    },
]


def _database(url: str) -> dict:
    """One DATABASES entry; the primary and the replica share the connection options."""
    database = dj_database_url.parse(
        url, conn_max_age=env_int("QM_DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while the task worker writes; the timeout rides out
        # short write locks instead of failing with "database is locked".
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Prepared statements: PostgreSQL plans each statement once per connection instead of
        # on every execution. The autosave's joined lock spent over 1 ms of the server's CPU
        # planning and 0.2 ms running, measured in a profile. They need server-side parameter
        # binding. Turn off (0) behind a pooler in transaction mode that cannot keep them
        # (PgBouncer before 1.21, or without max_prepared_statements).
        if env_bool("QM_DB_PREPARED_STATEMENTS", True):
            database["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
    return database


DATABASES = {
    "default": _database(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'qualitymonth.sqlite3'}"))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
# Optional streaming replica of the primary (deploy/README.md, "Read replica"): only code
# wrapped in core.replica.read_from_replica() reads from it; all writes, and every other
# read, stay on the primary.
if env_str("QM_REPLICA_DATABASE_URL", ""):
    DATABASES["replica"] = _database(env_str("QM_REPLICA_DATABASE_URL"))
    DATABASE_ROUTERS = ["core.db_routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "orgs:my_units"
LOGOUT_REDIRECT_URL = "core:home"

# Password guessing: five failures for one user from one address lock that pair for an hour.
AXES_FAILURE_LIMIT = env_int("QM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The same client address as the rate limits and the audit log (core/client.py).
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
# Proxies in front of the app servers that append to X-Forwarded-For (0: none; the app server
# sees the clients). Set it when deploying behind nginx or a load balancer: deploy/README.md.
QM_TRUSTED_PROXIES = env_int("QM_TRUSTED_PROXIES", 0)

SECURE_COOKIES = env_bool("QM_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("QM_BEHIND_TLS_PROXY", False) else None
)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

# Uploaded files go through Django's storage API only: S3-compatible object storage in
# production (django-storages), the local file system in the embedded default.
if env_str("QM_S3_BUCKET", ""):
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("QM_S3_BUCKET"),
            "endpoint_url": env_str("QM_S3_ENDPOINT_URL", "") or None,
            "access_key": env_str("QM_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("QM_S3_SECRET_KEY", "") or None,
            "region_name": env_str("QM_S3_REGION", "") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Refuse oversized uploads before they reach a parser; per-feature limits are stricter.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("QM_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
QM_NOTICE_UPLOAD_MAX_BYTES = env_int("QM_NOTICE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
QM_REPORT_PHOTO_MAX_BYTES = env_int("QM_REPORT_PHOTO_MAX_BYTES", 20 * 1024 * 1024)
QM_REPORT_VIDEO_MAX_BYTES = env_int("QM_REPORT_VIDEO_MAX_BYTES", 500 * 1024 * 1024)
# Supervision colours: blue from this many days before a due date.
QM_REPORT_NEAR_DAYS = env_int("QM_REPORT_NEAR_DAYS", 3)
# Automatic reminders go out this many days before a due date, and on the day.
QM_REMINDER_DAYS_BEFORE = env_int("QM_REMINDER_DAYS_BEFORE", 3)

# Shared by every app server (rate limits must count across processes): a database table by
# default (`manage.py createcachetable`, run by `make setup`); QM_CACHE_BACKEND/LOCATION can
# point it at Redis or memcached instead.
CACHES = {
    "default": {
        "BACKEND": env_str("QM_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env_str("QM_CACHE_LOCATION", "qualitymonth_cache"),
    }
}

# Aggregates over a nation's activities (dashboard counts, the public calendar) are reused
# for this many seconds (core/figures.py); 0: computed on every view.
QM_FIGURES_CACHE_SECONDS = env_int("QM_FIGURES_CACHE_SECONDS", 60)

TASKS = {
    "default": {
        "BACKEND": env_str("QM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = env_str("QM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("QM_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("QM_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("QM_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("QM_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("QM_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("QM_DEFAULT_FROM_EMAIL", "qualitymonth@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("QM_LOG_FORMAT", "plain"),  # "json" in production
        }
    },
    "root": {"handlers": ["console"], "level": env_str("QM_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

QM_SITE_NAME = _("质量月活动管理平台")
