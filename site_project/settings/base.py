"""Settings shared by every environment. Per-deployment values come from the environment."""

import datetime
import json
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .objectstorage import s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "home",
    "news",
    "demo",  # load_demo: the demo site
    "pagebase",  # what every page type shares: metadata (its template tags), the schedule panel
    "contentblocks",  # documents, video, table and language blocks (docs/media-blocks.md)
    "sitewide",  # before pagecache: on a shared signal the content version moves on before the purge
    "securitytxt",  # /.well-known/security.txt and its deploy checks
    "search",
    "api",
    "pagecache",
    "backups",
    "security",
    "newsletter",
    "publishing",
    "worker",  # the task worker (docs/worker.md)
    "signin",  # two-factor and single sign-on (docs/signin.md); before wagtail.admin for its login page
    "translations",  # the admin in Dutch (docs/translations.md); before wagtail.admin for its templates
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail_modeladmin",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its catalog: Wagtail's "5 minuten geleden"
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost: times the whole request, gives it its id and logs one line with the status the client
    # gets, whichever middleware answers (requestlog/, docs/operations.md).
    "requestlog.middleware.RequestLogMiddleware",
    # Next: it compresses what everything below answered, page cache hits included, once the cookies and
    # tokens that rule compression out are known (compression/middleware.py).
    "compression.middleware.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "security.middleware.SecurityHeadersMiddleware",
    "security.middleware.RejectNullBytesMiddleware",
    # Load-balancer probes (health/): after the security headers, before anything that reads the Host
    # header (SiteMiddleware, CommonMiddleware: a probe by IP address would get a 400), the database,
    # sessions or the page cache. Exempt from the https redirect (SECURE_REDIRECT_EXEMPT below).
    "health.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sitewide.versions.RequestMiddleware",
    "sitewide.sites.SiteMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    # Inside the page cache: a page with a video stores its player's frame-src (contentblocks/middleware.py).
    "contentblocks.middleware.VideoPlayerPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "signin.middleware.SecondFactorMiddleware",  # holds a sign-in at the code step (docs/signin.md)
    "security.middleware.SlidingSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outside the redirects: an editor's redirect wins; a 404 left at an address where a live article
    # was becomes 410 Gone (news/withdrawal.py).
    "news.withdrawal.GoneMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a writer commits; IMMEDIATE avoids lock upgrades. Connections are
    # kept as on PostgreSQL: opening one and reading the schema again costs ~1.2 ms per request.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            "PRAGMA secure_delete=ON;"  # an erased subscriber leaves no bytes in the file
        ),
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")  # Wagtail's full-text search index on PostgreSQL
    # The planner's default (4) prices a random read as a disk seek: with the search index in memory or on
    # SSD it then scans the whole index table instead of using its GIN indexes (search at 10,000 articles:
    # 7 ms against 3 ms). `?options=` in DATABASE_URL takes precedence; DB_RANDOM_PAGE_COST= keeps the server's.
    if os.environ.get("DB_RANDOM_PAGE_COST", "1.1"):
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "options", f"-c random_page_cost={float(os.environ.get('DB_RANDOM_PAGE_COST', '1.1'))}"
        )

# On PostgreSQL: each process is told of a new content version (LISTEN/NOTIFY) instead of reading it on every
# request; a change then shows tens of microseconds after its commit, not on the very next request
# (sitewide/version_push.py, docs/architecture.md). Off unless CONTENT_VERSION_PUSH=true.
CONTENT_VERSION_PUSH = env_bool("CONTENT_VERSION_PUSH", False)
CONTENT_VERSION_RESYNC_SECONDS = float(os.environ.get("CONTENT_VERSION_RESYNC_SECONDS", "5"))

# Each process's own memory unless REDIS_URL is set (production.py). Room for every card and page, so
# the small, hot entries (site settings, menu) are not culled by the many large ones.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "security.validators.DutchCommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads in an S3-compatible bucket instead when AWS_STORAGE_BUCKET_NAME is set (docs/media.md); its
# origin joins the Content-Security-Policy's img-src below.
S3_STORAGE, MEDIA_ORIGIN = s3_storage(os.environ)
MEDIA_ORIGINS = [origin for origin in (MEDIA_ORIGIN, *env_list("CSP_MEDIA_ORIGINS")) if origin]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Nieuwsroom"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_USER_LOGIN_FORM = "publishing.forms.DutchLoginForm"
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "dutch",
    }
}
# Uploads: an allow-list of types (no SVG, no HTML), checked by content too (security/forms.py).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# PDF, ODF, OOXML and CSV only (docs/media-blocks.md).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.DocumentForm"
# Documents go through Wagtail's serve view (permissions, privacy) and always download as attachments.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# The admin calls no third parties.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The editors' Dutch handbook, linked from the admin's help menu and dashboard; without it no guide is linked
# (never Wagtail's English one). See docs/translations.md.
EDITOR_GUIDE_URL = os.environ.get("EDITOR_GUIDE_URL", "")
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Tags: editors may type multi-word tags; the same normalisation applies to imports.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "news.tags.parse_tags"
WAGTAIL_TAG_SPACES_ALLOWED = True

# Background tasks. Two task frameworks share the TASKS setting: Wagtail 8.0 and modelsearch use the
# django_tasks backport (alias "default"; it runs their small jobs, such as reference index updates,
# immediately), while django-tasks-db 0.13 on Django 6 implements Django's built-in `django.tasks`, so
# the project's own tasks (`django.tasks.task(backend="background")`, e.g. the newsletter) use the
# "background" alias: immediate in development and tests, `django_tasks_db.DatabaseBackend` with
# `manage.py db_worker --backend background` in production (see production.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": os.environ.get(
            "BACKGROUND_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        ),
    },
}

# Email (Django 6.1 MAILERS). Development writes every message to var/mail/ and prints it (dev.py);
# tests use locmem; production sends through SMTP configured from the environment (production.py).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Nieuwsroom <nieuws@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# The visitor's address for rate limits: REMOTE_ADDR unless the site runs behind a proxy that is trusted
# to set CLIENT_IP_HEADER (e.g. "X-Forwarded-For"); TRUSTED_PROXY_COUNT proxies append to that header.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# "Blijf op de hoogte": links in emails point here (the public site, without trailing slash).
NEWSLETTER_BASE_URL = os.environ.get("NEWSLETTER_BASE_URL", WAGTAILADMIN_BASE_URL).rstrip("/")

# Full-page cache for anonymous visitors (pagecache/): on unless PAGE_CACHE=false. Never for these paths
# (/.well-known/: security.txt must disappear at its own expiry, which the page cache knows nothing of).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/documenten/",
    "/zoeken/",
    "/api/",
    "/blijf-op-de-hoogte/",
    "/.well-known/",
]

# Security headers. The public policy allows no inline script or style; a nonce is added only to
# responses that use one (and those are never page-cached). The admin needs inline scripts and styles.
# Framing: no response may be framed (X-Frame-Options DENY, frame-ancestors 'none') except Wagtail's
# previews, which answer SAMEORIGIN themselves; security/middleware.py makes frame-ancestors follow each
# response's X-Frame-Options, so the two headers always agree.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF, "data:"],
    "frame-src": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views answer SAMEORIGIN themselves (see Framing above)
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SESSION_COOKIE_AGE = 2 * 3600  # a short admin session, renewed while the editor works
SESSION_RENEW_SECONDS = 5 * 60  # security.middleware.SlidingSessionMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True

# Login throttling (django-axes): five wrong passwords for one account from one address lock that
# combination for 15 minutes, answered with a Dutch page and status 429.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_CLIENT_IP_CALLABLE = "security.clientip.client_ip"
AXES_VERBOSE = False

# Two-factor sign-in (signin/, docs/signin.md): "roles" (administrators and ADMIN_2FA_GROUPS must use an
# authenticator app), "all" (everyone) or "off" (nobody must; an account that set one up still uses it).
# Wrong codes lock out like wrong passwords (signin/lockout.py), so django-otp's own delays are off.
ADMIN_2FA_REQUIRED = os.environ.get("ADMIN_2FA_REQUIRED", "roles").strip().lower()
ADMIN_2FA_GROUPS = env_list("ADMIN_2FA_GROUPS", "Eindredacteuren")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Single sign-on through OpenID Connect (signin/oidc.py, docs/signin.md): on when OIDC_RP_CLIENT_ID is set.
# Roles come from the OIDC_GROUPS_CLAIM claim: OIDC_GROUP_MAPPING is JSON {"claim value": "Django group"},
# OIDC_SUPERUSER_GROUPS the claim values that make an administrator. OIDC_TRUST_IDP_MFA: a single sign-on
# counts as two-factor (the provider asks for its own second factor); off, the code step follows as well.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "uw organisatieaccount")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
try:
    OIDC_GROUP_MAPPING = json.loads(os.environ.get("OIDC_GROUP_MAPPING") or "{}")
except ValueError as error:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"OIDC_GROUP_MAPPING is not JSON ({error}).") from None
OIDC_SUPERUSER_GROUPS = env_list("OIDC_SUPERUSER_GROUPS")
OIDC_TRUST_IDP_MFA = env_bool("OIDC_TRUST_IDP_MFA", True)
OIDC_CREATE_USER = True
LOGIN_REDIRECT_URL = "/admin/"
LOGIN_REDIRECT_URL_FAILURE = "/admin/login/"
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, "/oidc/"]
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "signin.oidc.GroupMappingBackend"]

# Uploaded images (mediafiles/, docs/media.md). The app serves the image folders of MEDIA_ROOT at MEDIA_URL
# itself, in production too, unless SERVE_MEDIA=false (a proxy or object storage serves them); documents
# only ever go through Wagtail's serve view. Renditions get names no file had before, so a year's cache
# is safe for them; the page cache does not look at these paths.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES["default"] = S3_STORAGE or {"BACKEND": "mediafiles.storage.MediaStorage"}
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, MEDIA_URL]

# Load-balancer probes (health/, docs/operations.md): /-/gezond/ (liveness) and /-/klaar/ (readiness).
# Answered over plain http too (a load balancer probes the app servers directly), never page-cached.
SECURE_REDIRECT_EXEMPT = [r"^-/(gezond|klaar)/\Z"]
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, "/-/"]


def env_seconds(name: str, default: str, minimum: float = 0.0) -> float:
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        value = -1.0
    if not minimum <= value <= 24 * 3600:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name} must be a number of seconds from {minimum:g} up to a day.")
    return value


# Readiness: the task worker's newest heartbeat may be this old (0: not checked; only checked where the
# background tasks go to the database), and the database queries may take this long (PostgreSQL).
HEALTH_WORKER_MAX_AGE = env_seconds("HEALTH_WORKER_MAX_AGE", "60")
HEALTH_DB_TIMEOUT = env_seconds("HEALTH_DB_TIMEOUT", "1", minimum=0.001)

# The request log (requestlog/; JSON lines in production.py): the client's address only when switched on
# (AVG), and successful probes of /-/gezond/ and /-/klaar/ only when switched on (a line every few seconds).
LOG_CLIENT_IP = env_bool("LOG_CLIENT_IP", False)
LOG_HEALTH_CHECKS = env_bool("LOG_HEALTH_CHECKS", False)
