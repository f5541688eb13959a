"""Security headers on every public response, scored by the MDN HTTP Observatory's rules."""

import pytest

from tests.security.observatory import parse_csp, score
from tests.site_content import STATUS, build_public_site


@pytest.fixture
def production_security(settings):
    """The transport settings production.py adds on top of base.py (the rest is shared)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_CSP = {**settings.SECURE_CSP, "upgrade-insecure-requests": True}


@pytest.fixture
def public_pages(home):
    return build_public_site(home)


def test_every_public_page_scores_a_plus(client, public_pages, production_security):
    for name, path in public_pages.items():
        response = client.get(path, secure=True)
        assert response.status_code == STATUS.get(name, 200), name
        redirect = client.get(path)
        total, modifiers = score(response, redirect)
        assert total >= 100, (name, total, modifiers)


def test_public_policy_is_strict_and_admin_policy_is_separate(client, admin_client, public_pages):
    public = parse_csp(client.get(public_pages["article_full"]).headers["Content-Security-Policy"])
    admin = parse_csp(admin_client.get("/admin/").headers["Content-Security-Policy"])

    assert public["script-src"] == ["'self'"]
    assert public["object-src"] == ["'none'"]
    assert public["base-uri"] == ["'none'"]
    assert public["frame-ancestors"] == ["'none'"]  # previews: tests/security/test_framing.py
    assert not any("unsafe" in value for values in public.values() for value in values)
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'none'"]


def test_the_other_headers_on_a_public_page(client, public_pages, production_security):
    response = client.get(public_pages["home"], secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "upgrade-insecure-requests" in response["Content-Security-Policy"]


def test_cached_pages_carry_the_same_policy_and_no_nonce(client, public_pages, settings):
    settings.PAGE_CACHE = True
    miss = client.get(public_pages["article_full"])
    hit = client.get(public_pages["article_full"])

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["Content-Security-Policy"] == hit["Content-Security-Policy"]
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert "Content-Security-Policy" in hit and "Permissions-Policy" in hit


def test_unknown_hosts_are_refused(client, public_pages):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
