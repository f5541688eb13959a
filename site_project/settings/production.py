from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated).")

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

# A shared cache makes the signup rate limit hold across all web processes.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
