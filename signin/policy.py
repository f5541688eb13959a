"""Who must use two-factor sign-in (settings.ADMIN_2FA_REQUIRED), and where a sign-in stands.

"roles": administrators (superusers) and members of ADMIN_2FA_GROUPS (Eindredacteuren); "all": every
account; "off": nobody is obliged. An account that has set up a device always confirms with a code.
"""

from django.conf import settings
from django_otp import user_has_device

REQUIRED_CHOICES = ("roles", "all", "off")
# Set by signin.oidc when the identity provider's own sign-in counts as the second factor.
TRUSTED_SSO_SESSION_KEY = "signin_trusted_sso"


def requirement() -> str:
    value = getattr(settings, "ADMIN_2FA_REQUIRED", "roles")
    return value if value in REQUIRED_CHOICES else "roles"  # an unknown value never weakens the rule


def must_use_2fa(user) -> bool:
    mode = requirement()
    if not user.is_authenticated or mode == "off":
        return False
    if mode == "all" or user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.ADMIN_2FA_GROUPS).exists()


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_step(request) -> str | None:
    """The step ("verify" or "setup") while the signed-in user still owes a second factor, else None."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(TRUSTED_SSO_SESSION_KEY):
        return None
    if has_device(user):
        return "verify"
    if must_use_2fa(user):
        return "setup"
    return None
