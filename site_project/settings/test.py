from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# The file system, whatever bucket the environment names; tests/mediafiles/test_s3.py starts its own.
STORAGES = {**STORAGES, "default": {"BACKEND": "mediafiles.storage.MediaStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
NEWSLETTER_BASE_URL = "https://nieuws.example.nl"
# Each test runs in a transaction that never commits: move the content version on at once.
CONTENT_VERSION_AFTER_COMMIT = False
PAGE_CACHE = False  # tests of the page cache switch it on themselves
AXES_ENABLED = False  # the login-throttling test switches it on; client.login() has no request
# client.force_login() has no second step: the suite runs with "off"; tests/signin sets "roles" and "all"
# and checks that base.py (production) says "roles".
ADMIN_2FA_REQUIRED = "off"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in production, not Django's shared in-memory database: with that, every request thread of the
    # browser tests' live server uses the test's one connection, so two requests at once (the alt text fetch
    # beside the uploaded image's preview, both reading the editor's session) can break each other's queries.
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}  # noqa: F405
