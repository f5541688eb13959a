from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# The demo accounts sign in with their password only; ADMIN_2FA_REQUIRED=roles tries the production rule.
ADMIN_2FA_REQUIRED = os.environ.get("ADMIN_2FA_REQUIRED", "off").strip().lower()  # noqa: F405

# load_demo creates this account so a fresh checkout can log in; never in production.
DEMO_ADMIN_ACCOUNT = {"username": "admin", "password": "nieuwsroom-demo"}

# Emails are not sent: each one is written to var/mail/ as an .eml file and summarised in the console.
MAILERS = {
    "default": {
        "BACKEND": "newsletter.mail_backends.DevelopmentEmailBackend",
        "OPTIONS": {"directory": BASE_DIR / "var" / "mail"},
    }
}

# load_demo also creates an editor and a final editor, so reviewers can try the publication workflow.
DEMO_EDITORIAL_ACCOUNTS = [
    {
        "username": "redacteur",
        "password": "nieuwsroom-demo",
        "group": "Redacteuren",
        "first_name": "Roos",
        "last_name": "de Redacteur",
        "email": "redacteur@example.org",
    },
    {
        "username": "eindredacteur",
        "password": "nieuwsroom-demo",
        "group": "Eindredacteuren",
        "first_name": "Erik",
        "last_name": "Eindredacteur",
        "email": "eindredacteur@example.org",
    },
]
