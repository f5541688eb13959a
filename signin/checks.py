"""Sign-in settings that would otherwise fail only when someone signs in (docs/signin.md)."""

from django.conf import settings
from django.core import checks

from signin.policy import REQUIRED_CHOICES

ENDPOINTS = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@checks.register(checks.Tags.security)
def sign_in_settings(app_configs, **kwargs):
    problems = []
    if settings.ADMIN_2FA_REQUIRED not in REQUIRED_CHOICES:
        problems.append(
            checks.Warning(
                f"ADMIN_2FA_REQUIRED={settings.ADMIN_2FA_REQUIRED!r} is unknown; it counts as 'roles'.",
                hint="Use roles, all or off.",
                id="signin.W001",
            )
        )
    if settings.OIDC_RP_CLIENT_ID:
        missing = [name for name in ENDPOINTS if not getattr(settings, name, "")]
        if missing:
            problems.append(
                checks.Error(
                    "Single sign-on is on (OIDC_RP_CLIENT_ID) but these are not set: " + ", ".join(missing),
                    hint="Copy the endpoints from the provider's /.well-known/openid-configuration.",
                    id="signin.E001",
                )
            )
        if not isinstance(settings.OIDC_GROUP_MAPPING, dict) or not settings.OIDC_GROUP_MAPPING:
            problems.append(
                checks.Warning(
                    "OIDC_GROUP_MAPPING maps no provider group to a role: single sign-on lets nobody in "
                    "except OIDC_SUPERUSER_GROUPS.",
                    id="signin.W002",
                )
            )
        if "signin.oidc.GroupMappingBackend" not in settings.AUTHENTICATION_BACKENDS:
            problems.append(
                checks.Error(
                    "signin.oidc.GroupMappingBackend is missing from AUTHENTICATION_BACKENDS.",
                    id="signin.E002",
                )
            )
    return problems
