"""Production settings: DEBUG off, secrets and hosts from the environment, secure cookies.

`manage.py check --deploy --settings=tracker.settings_production` must report nothing.
"""

from .settings import *  # noqa: F401,F403
from .settings import DATABASES, LOGGING, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The load balancer's health check may come over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Persistent connections: one per worker thread, reused for a minute, checked before reuse.
for _database in DATABASES.values():
    _database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

# Error reporting: every failed request is logged (JSON, with its traceback and request id) to
# stdout; with ADMINS and an e-mail server configured, the admins are also mailed.
ADMINS = [tuple(admin.split(":", 1)) for admin in env.list("ADMINS", default=[]) if ":" in admin]
SERVER_EMAIL = env("SERVER_EMAIL", default="toezeggingen@localhost")
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
if ADMINS:
    LOGGING["handlers"]["mail_admins"] = {
        "class": "django.utils.log.AdminEmailHandler",
        "level": "ERROR",
        "filters": ["request_id"],
    }
    LOGGING["loggers"]["django.request"]["handlers"].append("mail_admins")

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
