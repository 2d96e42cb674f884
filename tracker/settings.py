"""Settings for the Toezeggingen tracker.

Every value that differs between machines comes from the environment (or a `.env`
file beside manage.py). The defaults are for development: SQLite, DEBUG on.
Production overrides live in `tracker/settings_production.py`.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Reading is public, as the Kamer's own register is; set to True to require login
# for every page outside the admin.
TRACKER_REQUIRE_LOGIN = env.bool("TRACKER_REQUIRE_LOGIN", default=False)
# Reasons clerks type for a new due date (admin, rappel screen) are internal notes: the public
# page shows the kind of change and the dates, and the reason only when this is on.
TRACKER_PUBLISH_STAFF_REASONS = env.bool("TRACKER_PUBLISH_STAFF_REASONS", default=False)
# A recess edit re-derives the due dates that can depend on it: inside the clerk's request when
# at most this many commitments are to be read, else in a thread started after the save commits
# (off: in the request all the same, for development). See `commitments.services.rederivation`.
TRACKER_REDERIVE_INLINE_LIMIT = env.int("TRACKER_REDERIVE_INLINE_LIMIT", default=2000)
TRACKER_REDERIVE_IN_BACKGROUND = env.bool("TRACKER_REDERIVE_IN_BACKGROUND", default=True)
# Public pages for visitors without a session are served whole from the cache, under the data
# version (never stale; `commitments.pagecache`). Off: every request renders its page.
TRACKER_PAGE_CACHE = env.bool("TRACKER_PAGE_CACHE", default=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    # Not "rest_framework" itself: only its browsable API needs it, and its Dutch catalogue
    # would replace Django's form messages ("Dit veld is verplicht.").
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Login rate limiting: failed sign-ins are counted per user name and address, then locked out.
    "axes",
    "commitments",
]

MIDDLEWARE = [
    "tracker.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "tracker.db_router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "commitments.middleware.DutchByDefaultLocaleMiddleware",
    "commitments.middleware.RejectNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "commitments.middleware.LoginRequiredSettingMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections (seconds; 0 closes after each request), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica, when there is one: the public pages read from it (tracker/db_router.py).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["tracker.db_router.ReplicaRouter"]

# The figures of the dashboard and the index pages are cached under the data version (never stale:
# commitments/selectors/cached.py). Per process by default; CACHE_URL names a shared cache
# (e.g. rediscache://127.0.0.1:6379/1) so the workers compute each version once between them.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://toezeggingen?MAX_ENTRIES=1000")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# --- sign-in -------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After 5 failed sign-ins for one user name from one address, that pair waits an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "commitments.auth.lockout_response"
# Behind a proxy, the client's address is the first of X-Forwarded-For (set AXES_IPWARE_PROXY_COUNT).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# A sign-in lasts a working day (SESSION_HOURS) at most, and ends when the browser closes. (Not
# renewed on every request: that would write the session on every page a clerk opens.)
SESSION_COOKIE_AGE = int(env.float("SESSION_HOURS", default=9.0) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Single sign-on through the institution's proxy: it authenticates and passes the user name in
# this header (e.g. HTTP_X_REMOTE_USER). Users must exist here; the griffie assigns their group.
SSO_REMOTE_USER_HEADER = env("SSO_REMOTE_USER_HEADER", default="")
if SSO_REMOTE_USER_HEADER:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "tracker.sso.HeaderRemoteUserMiddleware",
    )
    AUTHENTICATION_BACKENDS.append("tracker.sso.ExistingRemoteUserBackend")

# --- audit -----------------------------------------------------------------------------------
# History is read-only: changes go through the forms and actions, which go through the services.
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Content-Security-Policy (django-csp) ----------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Scripts are strict; inline CSS is allowed (the admin's style attributes, the rappel's print
        # styles): it cannot run code.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- logging: JSON lines on stdout, with the request id -----------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tracker.requestlog.RequestIdFilter"}},
    "formatters": {"json": {"()": "tracker.requestlog.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Errors (with their traceback) of every failed request.
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        # One line per request; quiet unless ACCESS_LOG is on (the proxy usually logs access).
        "tracker.request": {
            "handlers": ["stdout"],
            "level": "INFO" if env.bool("ACCESS_LOG", default=False) else "WARNING",
            "propagate": False,
        },
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The API (/api/v1/): public reads like the pages (closed when TRACKER_REQUIRE_LOGIN), session
# or token authentication, writes for the griffie with a token. See commitments/api/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous client is answered 401 with "WWW-Authenticate: Token".
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["commitments.api.permissions.ReadableLikeThePages"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "commitments.api.pagination.KeysetCursorPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Toezeggingen API",
    "DESCRIPTION": "Commitments to the Tweede Kamer, motions and their course, and the papers that close them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every choice set under its own name in the schema (several fields are called kind or status).
    "ENUM_NAME_OVERRIDES": {
        "CommitmentKindEnum": "commitments.models.choices.CommitmentKind",
        "CommitmentStatusEnum": "commitments.models.choices.CommitmentStatus",
        "MotionStatusEnum": "commitments.models.choices.MotionStatus",
        "DocumentKindEnum": "commitments.models.choices.DocumentKind",
    },
    "SERVE_PERMISSIONS": ["commitments.api.permissions.ReadableLikeThePages"],
}

# E-mail (the subscription digests): EMAIL_URL such as smtp://user:pass@host:587 (console by default).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="toezeggingen@localhost")
# Links in e-mails are absolute: the site's address as readers reach it.
TRACKER_BASE_URL = env("TRACKER_BASE_URL", default="http://127.0.0.1:8000")

# The Tweede Kamer's open data (OData v4), read by `manage.py sync_tk` when it has no --from.
TK_OPEN_DATA_URL = env("TK_OPEN_DATA_URL", default="https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/")
