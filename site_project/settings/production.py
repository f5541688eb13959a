from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated).")

# HTTPS behind a proxy that sets X-Forwarded-Proto; HSTS for a year.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": True}
ADMIN_CSP = {**ADMIN_CSP, "upgrade-insecure-requests": True}

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# The project's background tasks run in a separate process: `python manage.py db_worker --backend background`.
TASKS["background"] = {
    "BACKEND": os.environ.get("BACKGROUND_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
}

# Email through SMTP; SMTP_SECURITY is "starttls" (default), "ssl" or "none".
_smtp_security = os.environ.get("SMTP_SECURITY", "starttls").lower()
if _smtp_security not in {"starttls", "ssl", "none"}:
    raise ImproperlyConfigured("SMTP_SECURITY must be starttls, ssl or none.")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("SMTP_HOST", "localhost"),
            "port": int(os.environ.get("SMTP_PORT", "465" if _smtp_security == "ssl" else "587")),
            "username": os.environ.get("SMTP_USER", ""),
            "password": os.environ.get("SMTP_PASSWORD", ""),
            "use_tls": _smtp_security == "starttls",
            "use_ssl": _smtp_security == "ssl",
            "timeout": int(os.environ.get("SMTP_TIMEOUT", "20")),
        },
    }
}

# A shared cache makes the signup rate limits hold across all web processes, which also share cached pages.
# Short socket timeouts and a circuit breaker: a Redis that is down or hangs costs a request at most one
# short wait per few seconds, not one per cache call (docs/cache-faults.md).
if os.environ.get("REDIS_URL"):
    _redis_options = {}
    for _option, _variable, _default in (
        ("socket_connect_timeout", "REDIS_CONNECT_TIMEOUT", "0.5"),
        ("socket_timeout", "REDIS_TIMEOUT", "0.5"),
        ("breaker_seconds", "REDIS_BREAKER_SECONDS", "5"),
    ):
        try:
            _redis_options[_option] = float(os.environ.get(_variable) or _default)
        except ValueError:
            _redis_options[_option] = 0.0
        if not 0 < _redis_options[_option] <= 60:
            raise ImproperlyConfigured(f"{_variable} must be a number of seconds above 0 and at most 60.")
    CACHES = {
        "default": {
            "BACKEND": "rediscache.backend.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": _redis_options,
        }
    }
# Without REDIS_URL each process keeps its own cache; the page cache stays right (it is keyed on the
# content version, which every process reads from the database), only less often hit.

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL.")

# Logs: one JSON object per line (docs/operations.md). The request log (one line per request) on stdout;
# everything else from INFO up, with tracebacks (Django's "Internal Server Error" included), on stderr.
# 4xx responses are in the request log already, so django.request only reports server errors (and not the
# 503 of a failing readiness probe, which health.checks explains once).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "requestlog.logs.RequestIdFilter"},
        "skip_probes": {"()": "requestlog.logs.SkipProbesFilter"},
    },
    "formatters": {"json": {"()": "requestlog.logs.JsonFormatter"}},
    "handlers": {
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "loggers": {
        "requestlog": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        "django.request": {"level": "ERROR", "filters": ["skip_probes"]},
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
}

# PostgreSQL: give up connecting after a few seconds (a host that drops packets would otherwise hold a
# request, or the readiness probe, for minutes); `?connect_timeout=` in DATABASE_URL takes precedence.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env_seconds("DB_CONNECT_TIMEOUT", "3", minimum=1))
    )
