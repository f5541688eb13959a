"""Optional single sign-on through OpenID Connect (mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is set.

Accounts are found by the provider's subject ("sub"), never by e-mail address, so the provider cannot take
over an existing password account. Roles come from the OIDC_GROUPS_CLAIM claim through OIDC_GROUP_MAPPING
at every sign-in; without a mapped role there is no sign-in. Failed callbacks (bad state, nonce, signature,
audience, an unreachable provider) sign nobody in, are logged and counted per address like wrong passwords.
"""

import hashlib
import logging
import re

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from security import ratelimit
from security.clientip import client_ip
from signin.models import SingleSignOnIdentity
from signin.policy import TRUSTED_SSO_SESSION_KEY

logger = logging.getLogger("signin")
CALLBACK_ERRORS = (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, KeyError, ValueError)


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def mapped_roles(claims) -> tuple[set[str], bool]:
    """The Django groups and whether the user is an administrator, from the provider's groups claim."""
    values = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(values, str):
        values = [values]
    values = {str(value) for value in values}
    groups = {group for value, group in settings.OIDC_GROUP_MAPPING.items() if value in values}
    return groups, bool(values & set(settings.OIDC_SUPERUSER_GROUPS))


class GroupMappingBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature (RS256 from the JWKS), expiry, nonce
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from another issuer")
        if "exp" not in payload or not payload.get("sub"):
            raise SuspiciousOperation("ID token without exp or sub")
        self.id_token_subject = payload["sub"]
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo for another subject")
        return claims

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return get_user_model().objects.filter(sso_identity__subject=claims["sub"])

    def refuse(self, message) -> None:
        self.request.signin_sso_refusal = message
        return None

    @transaction.atomic
    def create_user(self, claims):
        groups, superuser = mapped_roles(claims)
        if not groups and not superuser:
            logger.info("Single sign-on refused: no mapped role for a new subject")
            return self.refuse(
                _("Uw account heeft geen rol in het beheer van deze site. Vraag een beheerder om toegang.")
            )
        user = get_user_model().objects.create_user(self.new_username(claims))
        user.set_unusable_password()
        SingleSignOnIdentity.objects.create(user=user, subject=claims["sub"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        groups, superuser = mapped_roles(claims)
        user.email = claims.get("email", user.email)[:254]
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.is_superuser = user.is_staff = superuser
        user.save()
        managed = set(settings.OIDC_GROUP_MAPPING.values())
        user.groups.remove(*Group.objects.filter(name__in=managed - groups))
        found = list(Group.objects.filter(name__in=groups))
        if len(found) < len(groups):
            logger.warning(
                "OIDC_GROUP_MAPPING names groups that do not exist: %s", groups - {g.name for g in found}
            )
        user.groups.add(*found)
        if not found and not superuser:
            logger.info("Single sign-on refused: user %s has no mapped role any more", user.pk)
            return self.refuse(
                _("Uw account heeft geen rol in het beheer van deze site. Vraag een beheerder om toegang.")
            )
        return user

    def new_username(self, claims) -> str:
        User = get_user_model()
        wanted = re.sub(r"[^\w.@+-]", "", str(claims.get("preferred_username") or ""))[:100]
        if wanted and not User.objects.filter(username__iexact=wanted).exists():
            return wanted
        return "sso-" + hashlib.sha256(claims["sub"].encode()).hexdigest()[:16]


def _failures_key(request) -> str:
    return f"signin:sso-failures:{client_ip(request)}"


class SignInView(OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)

    def get(self, request):
        if not enabled():
            raise Http404
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not enabled():
            raise Http404
        if (cache.get(_failures_key(request)) or 0) >= settings.AXES_FAILURE_LIMIT:
            return render(request, "signin/lockout.html", status=429)
        try:
            return super().get(request)
        except CALLBACK_ERRORS as error:
            logger.warning("Single sign-on callback refused: %s: %s", type(error).__name__, error)
            return self.login_failure()

    def login_failure(self):
        count = ratelimit.hit(_failures_key(self.request), int(settings.AXES_COOLOFF_TIME.total_seconds()))
        logger.warning("Single sign-on failed from %s (%s in a row)", client_ip(self.request), count)
        message = getattr(self.request, "signin_sso_refusal", None) or _(
            "Inloggen via %(provider)s is niet gelukt. Probeer het opnieuw."
        ) % {"provider": settings.OIDC_PROVIDER_NAME}
        messages.error(self.request, message)
        return redirect("wagtailadmin_login")

    def login_success(self):
        response = super().login_success()
        ratelimit.reset(_failures_key(self.request))
        if settings.OIDC_TRUST_IDP_MFA:
            self.request.session[TRUSTED_SSO_SESSION_KEY] = True
        return response
