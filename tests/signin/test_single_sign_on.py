"""Single sign-on through OpenID Connect against a provider started for the test (tests/signin/provider.py)."""

import logging
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from signin.models import SingleSignOnIdentity
from tests.publishing.users import PASSWORD, make_user
from tests.signin.helpers import LOGIN, SETUP, sign_in
from tests.signin.provider import Provider

pytestmark = pytest.mark.django_db

EDITOR = {
    "sub": "abc-123",
    "preferred_username": "roos",
    "email": "roos@example.org",
    "given_name": "Roos",
    "family_name": "Jansen",
    "groups": ["nieuws-redactie", "kantine"],
}


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "signin.oidc.GroupMappingBackend",
        ]
        settings.OIDC_PROVIDER_NAME = "Testorganisatie"
        settings.OIDC_GROUP_MAPPING = {
            "nieuws-redactie": "Redacteuren",
            "nieuws-eindredactie": "Eindredacteuren",
        }
        settings.OIDC_SUPERUSER_GROUPS = ["nieuws-beheer"]
        settings.ADMIN_2FA_REQUIRED = "roles"
        yield running


def single_sign_on(client, provider, claims, start="/oidc/authenticate/"):
    """The browser's round trip: to the provider, which answers at once, and back to the callback."""
    provider.claims = claims
    begin = client.get(start)
    assert begin.status_code == 302 and begin["Location"].startswith(provider.url + "/authorize?")
    at_provider = requests.get(begin["Location"], allow_redirects=False, timeout=5)
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == "/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")


def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings):
    assert "Inloggen met" not in client.get(LOGIN).content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.OIDC_PROVIDER_NAME = "Testorganisatie"
        page = client.get(LOGIN + "?next=/admin/pages/").content.decode()
    assert "Inloggen met Testorganisatie" in page
    assert 'href="/oidc/authenticate/?next=/admin/pages/"' in page


def test_a_first_sign_in_creates_the_account_with_its_mapped_role(client, provider):
    response = single_sign_on(client, provider, EDITOR, start="/oidc/authenticate/?next=/admin/pages/")

    assert response["Location"] == "/admin/pages/"
    user = get_user_model().objects.get(sso_identity__subject="abc-123")
    assert (user.username, user.email, user.get_full_name()) == ("roos", "roos@example.org", "Roos Jansen")
    assert list(user.groups.values_list("name", flat=True)) == ["Redacteuren"]
    assert not user.has_usable_password() and not user.is_superuser
    assert client.get("/admin/pages/").status_code == 200


def test_roles_follow_the_provider_at_every_sign_in(client, provider):
    single_sign_on(client, provider, EDITOR)
    client.logout()
    promoted = {**EDITOR, "groups": ["nieuws-eindredactie"], "email": "roos.jansen@example.org"}
    single_sign_on(client, provider, promoted)

    user = get_user_model().objects.get(sso_identity__subject="abc-123")
    assert get_user_model().objects.count() == 1
    assert list(user.groups.values_list("name", flat=True)) == ["Eindredacteuren"]
    assert user.email == "roos.jansen@example.org"

    client.logout()
    single_sign_on(client, provider, {**EDITOR, "groups": ["nieuws-beheer"]})
    user.refresh_from_db()
    assert user.is_superuser and not user.groups.exists()


def test_without_a_mapped_role_nobody_signs_in(client, provider):
    response = single_sign_on(client, provider, {**EDITOR, "groups": ["kantine"]})

    assert response["Location"] == LOGIN
    assert "Uw account heeft geen rol in het beheer" in client.get(LOGIN).content.decode()
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.exists()


def test_a_role_taken_away_at_the_provider_ends_admin_access(client, provider):
    single_sign_on(client, provider, EDITOR)
    client.logout()
    response = single_sign_on(client, provider, {**EDITOR, "groups": []})

    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.get(sso_identity__subject="abc-123").groups.exists()


def test_an_existing_password_account_is_not_taken_over(client, provider):
    local = make_user("roos", superuser=True)
    single_sign_on(client, provider, {**EDITOR, "email": local.email})

    identity = SingleSignOnIdentity.objects.get(subject="abc-123")
    assert identity.user != local and identity.user.username.startswith("sso-")
    local.refresh_from_db()
    assert local.check_password(PASSWORD) and local.is_superuser


def test_single_sign_on_counts_as_two_factor_when_the_provider_is_trusted(client, provider):
    single_sign_on(client, provider, {**EDITOR, "groups": ["nieuws-eindredactie"]})
    assert client.get("/admin/pages/").status_code == 200


def test_single_sign_on_asks_for_the_code_too_when_the_provider_is_not_trusted(client, provider, settings):
    settings.OIDC_TRUST_IDP_MFA = False
    single_sign_on(client, provider, {**EDITOR, "groups": ["nieuws-eindredactie"]})
    assert client.get("/admin/pages/")["Location"].startswith(SETUP)


@pytest.mark.parametrize("tamper", ["key", "nonce", "audience", "issuer", "expired", "subject"])
def test_a_tampered_answer_signs_nobody_in(client, provider, tamper, caplog):
    provider.tamper = tamper
    with caplog.at_level(logging.WARNING, logger="signin"):
        response = single_sign_on(client, provider, EDITOR)

    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.exists()
    assert "Inloggen via Testorganisatie is niet gelukt" in client.get(LOGIN).content.decode()
    assert any("Single sign-on" in record.getMessage() for record in caplog.records)


def test_an_unknown_state_or_a_replayed_callback_is_refused(client, provider):
    provider.claims = EDITOR
    begin = client.get("/oidc/authenticate/")
    back = urlsplit(requests.get(begin["Location"], allow_redirects=False, timeout=5).headers["Location"])
    forged = client.get(f"{back.path}?code=gestolen&state=verzonnen")
    assert forged["Location"] == LOGIN and "_auth_user_id" not in client.session

    assert client.get(f"{back.path}?{back.query}")["Location"] == "/admin/"
    client.logout()
    replayed = client.get(f"{back.path}?{back.query}")
    assert replayed["Location"] == LOGIN and "_auth_user_id" not in client.session


def test_repeated_failed_callbacks_from_one_address_are_blocked(client, provider):
    provider.tamper = "key"
    for _ in range(5):
        single_sign_on(client, provider, EDITOR)
    provider.tamper = None
    blocked = single_sign_on(client, provider, EDITOR)
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_password_form_keeps_its_lockout_with_single_sign_on_on(client, provider, settings):
    settings.AXES_ENABLED = True
    user = make_user("beheerder", superuser=True)
    for _ in range(5):
        sign_in(client, user, password="fout")
    assert sign_in(client, user).status_code == 429
