"""Settings for qualitymonth, read from the environment.

Defaults give the embedded set-up (SQLite in var/, uploads in var/media/). Production sets
DATABASE_URL, the QM_S3_* variables, QM_SECRET_KEY and QM_PERSONAL_DATA_KEY (and, optionally,
QM_REPLICA_DATABASE_URL);
see README, "Configuration".
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from qualitymonth.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("QM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("QM_DEBUG", False)
# The insecure key is only accepted when DEBUG is on, so a production start without a key fails.
SECRET_KEY = env_str("QM_SECRET_KEY", "insecure-dev-key-only-for-debug" if DEBUG else None)
# Personal data (visitors, award applicants and objectors, assistance contacts) is encrypted,
# and visitors' phones digested, under keys derived from this one (core/personal_data.py).
# Required when debug is off, like the secret key; it is kept apart from it so that rotating
# the secret key (sessions) does not lose personal data.
QM_PERSONAL_DATA_KEY = env_str(
    "QM_PERSONAL_DATA_KEY", f"debug-only-derived-from:{SECRET_KEY}" if DEBUG else None
)
if len(QM_PERSONAL_DATA_KEY) < 32:
    raise ImproperlyConfigured("QM_PERSONAL_DATA_KEY must be at least 32 characters long.")
# Former personal-data keys (comma-separated), still used to read and to find digests after a
# rotation until `manage.py rotate_personal_data_key` has moved everything to the current key.
QM_PERSONAL_DATA_OLD_KEYS = env_list("QM_PERSONAL_DATA_OLD_KEYS", [])
# Days after an open day ends (or a poll closes, an award round's final list is published, an
# assistance case is closed) before its personal data is erased by
# `manage.py expire_personal_data`.
QM_PERSONAL_DATA_RETENTION_DAYS = env_int("QM_PERSONAL_DATA_RETENTION_DAYS", 180)
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
    "csp",
    "core",
    "orgs",
    "campaigns",
    "activities",
    "entities",
    "inspections",
    "awards",
    "assistance",
    "media",
    "reports",
    "cascade",
    "notifications",
    "imports",
    "exports",
    "dashboards",
    "public",
    "accounts",
    "ninja",  # serves the API docs' Swagger UI from our static files, not a CDN
    "api",
    "seeding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body: oversized bodies are refused unread (413).
    "core.uploads.RequestSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionIdleMiddleware",
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
        # Tests use a file beside the database too, not Django's shared in-memory default:
        # there two requests writing at once (an autosave and an upload in a browser test)
        # fail at once with "database table is locked" instead of one waiting as above.
        if database["NAME"] and database["NAME"] != ":memory:":
            name = Path(database["NAME"])
            database["TEST"] = {"NAME": str(name.with_name(f"test_{name.name}"))}
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Prepared statements: PostgreSQL plans each statement once per connection instead of
        # on every execution: the autosave's joined lock cost far more to plan than to run
        # (bench/results.md). They need server-side parameter binding. Turn off (0) behind a
        # pooler in transaction mode that cannot keep them
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
# Password policy (等保 2.0: 口令应有复杂度要求): every password set through a form (the
# account page, the admin, `changepassword`) passes these; the messages are in Chinese.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("QM_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 2}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "orgs:my_units"
LOGOUT_REDIRECT_URL = "core:home"

# Password guessing: five failures for one user from one address lock that pair for an hour.
AXES_FAILURE_LIMIT = env_int("QM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Each failed login as its own row (the lock-out counter above is reset on success), so that
# the login history (accounts: 登录记录) shows failures next to the successful logins.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Password spraying (one password tried on many user names from one address): wrong
# passwords from one address over all user names, within the same hour, lock the address
# (core/login_limits.py). Higher than the per-user limit: an office behind one NAT address
# shares it.
AXES_HANDLER = "core.login_limits.AddressThrottlingHandler"
QM_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("QM_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
# The same client address as the rate limits and the audit log (core/client.py).
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
# Personal API tokens expire after this many days at most (the default when creating one).
QM_API_TOKEN_DAYS = env_int("QM_API_TOKEN_DAYS", 90)
# Proxies in front of the app servers that append to X-Forwarded-For (0: none; the app server
# sees the clients). Set it when deploying behind nginx or a load balancer: deploy/README.md.
QM_TRUSTED_PROXIES = env_int("QM_TRUSTED_PROXIES", 0)

SECURE_COOKIES = env_bool("QM_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# Idle timeout (等保 2.0: 登录连接超时自动退出): a session unused this long has expired. Sliding:
# accounts.middleware.SessionIdleMiddleware renews it every few minutes of use (not on every
# request: the report autosave must not write the session each time).
QM_SESSION_IDLE_MINUTES = env_int("QM_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = QM_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env_bool("QM_BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Behind a TLS proxy every plain-HTTP request is sent to HTTPS, except the health checks: load
# balancers probe the app servers over HTTP and must get the answer, not a redirect.
SECURE_SSL_REDIRECT = env_bool("QM_SSL_REDIRECT", BEHIND_TLS_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# HSTS: a browser that has seen the site over HTTPS refuses plain HTTP to it for this long (sent
# on HTTPS responses only). 0 turns it off, e.g. while trying TLS out on a new host name.
SECURE_HSTS_SECONDS = env_int("QM_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("QM_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload list binds the whole registered domain (often a shared gov.cn one) for months;
# its owner decides that, so it is asked for explicitly and otherwise not warned about.
SECURE_HSTS_PRELOAD = env_bool("QM_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The tallies' covering index (reports.ReportTally) lets PostgreSQL answer the figure pages
# from the index alone; SQLite, the embedded default, builds it without the extra columns,
# which changes no result: its warning on every command would only alarm the clerk.
SILENCED_SYSTEM_CHECKS += ["models.W040"]

# Content-Security-Policy on every response (django-csp 4): scripts only from our own static
# files, never inline, so text a user typed cannot run even where a page forgot to escape it.
# Data reaches scripts through json_script; the LED screen alone adds a nonce for its one
# inline script (campaigns.views.slogan_screen), to keep rolling offline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # 'unsafe-inline' for styles only (styles cannot run script): ECharts writes its
        # tooltips as markup with style attributes (the arrow, the colour markers), and a few
        # templates size bars and swatches with a style attribute.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],  # data: the empty favicon and ECharts' exported images
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

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
# Request bodies are refused by their declared size before a byte is read, and files while
# they arrive (core/uploads.py). A body other than files (a form, JSON): the largest a
# clerk sends is a report's two texts at QM_REPORT_TEXT_MAX_CHARS, form-encoded (a
# Chinese character travels as 9 bytes): under 2 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("QM_UPLOAD_MAX_MEMORY_SIZE", 4 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "core.uploads.TemporaryFileUploadHandler",
]
# Larger files are written here while they arrive, named after their process, so that the
# files of a worker killed mid-upload are found and deleted (core.uploads.sweep).
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "tmp" / "uploads")
# Temporary uploads older than this (seconds) are deleted by the sweep whoever owns them.
QM_UPLOAD_TEMP_MAX_AGE = env_int("QM_UPLOAD_TEMP_MAX_AGE", 24 * 3600)
QM_NOTICE_UPLOAD_MAX_BYTES = env_int("QM_NOTICE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
QM_REPORT_PHOTO_MAX_BYTES = env_int("QM_REPORT_PHOTO_MAX_BYTES", 20 * 1024 * 1024)
QM_REPORT_VIDEO_MAX_BYTES = env_int("QM_REPORT_VIDEO_MAX_BYTES", 500 * 1024 * 1024)
# The media library (宣传素材库): print-size posters and campaign videos.
QM_MEDIA_UPLOAD_MAX_BYTES = env_int("QM_MEDIA_UPLOAD_MAX_BYTES", 300 * 1024 * 1024)
# The longest summary or problems text of a report, in characters (the API's bound too).
QM_REPORT_TEXT_MAX_CHARS = env_int("QM_REPORT_TEXT_MAX_CHARS", 100_000)
# Autosaves per user and window (seconds): the page saves 2 s after typing stops, so a
# clerk typing without pause in two tabs stays far below.
QM_AUTOSAVE_RATE_LIMIT = env_int("QM_AUTOSAVE_RATE_LIMIT", 120)
QM_AUTOSAVE_RATE_WINDOW = env_int("QM_AUTOSAVE_RATE_WINDOW", 60)
# Width × height of a photo, read from its header before anything decodes it (a small PNG
# can declare 30000×30000 pixels: gigabytes once decoded).
QM_REPORT_PHOTO_MAX_PIXELS = env_int("QM_REPORT_PHOTO_MAX_PIXELS", 60_000_000)
# The largest file accepted by an upload view that declares no limit of its own
# (core.uploads.upload_max_bytes), such as a notice's attachments: a document's limit.
QM_UPLOAD_MAX_BYTES = env_int("QM_UPLOAD_MAX_BYTES", QM_NOTICE_UPLOAD_MAX_BYTES)
# Supervision colours: blue from this many days before a due date.
QM_REPORT_NEAR_DAYS = env_int("QM_REPORT_NEAR_DAYS", 3)
# 双随机、一公开: an unpublished plan turns blue, and its unit is warned, this many working days
# before its publication limit; documents and photos of an inspection up to this size.
QM_INSPECTION_WARN_DAYS = env_int("QM_INSPECTION_WARN_DAYS", 5)
QM_INSPECTION_FILE_MAX_BYTES = env_int("QM_INSPECTION_FILE_MAX_BYTES", 20 * 1024 * 1024)
# Automatic reminders go out this many days before a due date, and on the day.
QM_REMINDER_DAYS_BEFORE = env_int("QM_REMINDER_DAYS_BEFORE", 3)

# Shared by every app server (the figures cache): a database table by default
# (`manage.py createcachetable`, run by `make setup`); QM_CACHE_BACKEND/LOCATION can point it
# at Redis or memcached instead. Rate limits are not counted here: the database cache's
# increment reads and writes back, and parallel requests overshot the limits
# (core/ratelimit.py counts in one atomic statement instead).
CACHES = {
    "default": {
        "BACKEND": env_str("QM_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env_str("QM_CACHE_LOCATION", "qualitymonth_cache"),
    }
}

# The figure pages read counts the writes keep (reports.tallies, activities.tallies), so
# they are fresh on every view; a positive value reuses them for this many seconds
# (core/figures.py), which `make bench` uses to time the cached pages against the fresh ones.
QM_FIGURES_CACHE_SECONDS = env_int("QM_FIGURES_CACHE_SECONDS", 0)

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
