"""BREACH: a response that may hold a secret (a CSRF token, a token in the URL, a signed-in user's page, the
admin, anything that sets a cookie) is never compressed, whatever the browser accepts."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client
from django.urls import resolve
from wagtail.models import PageViewRestriction

from compression.middleware import CompressionMiddleware
from newsletter import tokens
from tests.factories import ArticlePageFactory, make_subscriber

BROWSER = "gzip, deflate, br, zstd"


def fetch(client, url):
    return client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)


def assert_sent_as_is(response):
    assert response.status_code in (200, 404)
    assert "Content-Encoding" not in response
    assert b"</html>" in response.content  # the plain page
    assert "Accept-Encoding" not in response.get("Vary", "")


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Samen sterker in de wijk")


def test_the_admin_login_page_and_its_csrf_form_go_out_as_they_are(client, home):
    response = fetch(client, "/admin/login/")

    assert_sent_as_is(response)
    assert b"csrfmiddlewaretoken" in response.content


def test_signed_in_users_get_no_compressed_page_public_or_admin(client, article, django_user_model):
    editor = django_user_model.objects.create_superuser("beheerder", password="x" * 12)
    client.force_login(editor)

    for url in ["/", article.url, "/nieuws/", "/admin/"]:
        assert_sent_as_is(fetch(client, url))


def test_a_session_cookie_alone_rules_compression_out(client, home):
    """A stale or anonymous session may still hold a token; only visitors without one get compression."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "verlopen-sessie"

    assert_sent_as_is(fetch(client, "/"))


def test_the_newsletter_token_pages_go_out_as_they_are(client, home):
    subscriber = make_subscriber("lezer@example.nl")
    pages = {
        "confirm": f"/blijf-op-de-hoogte/bevestigen/{tokens.make_token(subscriber, tokens.CONFIRM)}/",
        "unsubscribe": f"/blijf-op-de-hoogte/afmelden/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/",
        "broken link": "/blijf-op-de-hoogte/afmelden/abc:def:ghi/",  # the page asks for a new link
        "link request": "/blijf-op-de-hoogte/afmelden/",
    }
    for name, url in pages.items():
        response = fetch(Client(), url)
        assert_sent_as_is(response)
        assert b"csrfmiddlewaretoken" in response.content, name


def test_a_private_pages_password_form_goes_out_as_it_is(client, article):
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="geheim-1234")

    response = fetch(client, article.url)

    assert_sent_as_is(response)
    assert b"csrfmiddlewaretoken" in response.content


def test_a_returning_visitor_with_a_csrf_cookie_still_gets_pages_without_a_form_compressed(client, article):
    """Only a token used for this response counts, not one the browser holds from an earlier form."""
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32

    assert fetch(client, article.url)["Content-Encoding"] == "br"
    assert_sent_as_is(fetch(client, "/blijf-op-de-hoogte/afmelden/"))


SECRETS = [
    "admin",
    "session cookie",
    "signed-in user",
    "csrf token used",
    "csrf field",
    "cookie",
    "url token",
]


@pytest.mark.parametrize("secret", [None, *SECRETS])
def test_each_kind_of_secret_alone_rules_compression_out(rf, secret):
    """Each rule on its own (the pages above meet several at once); None: the same page is compressed."""
    path = {"admin": "/admin/pages/", "url token": "/blijf-op-de-hoogte/bevestigen/a1:b2:c3/"}.get(
        secret, "/"
    )
    request = rf.get(path, HTTP_ACCEPT_ENCODING=BROWSER)
    request.resolver_match = resolve(path)
    if secret == "session cookie":
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "sessie"
    if secret == "signed-in user":
        request.user = User(username="redacteur")

    def view(request):
        form = '<input type="hidden" name="csrfmiddlewaretoken" value="x">' if secret == "csrf field" else ""
        response = HttpResponse(f"<html><body>{'<p>Nieuws uit de regio.</p>' * 50}{form}</body></html>")
        if secret == "csrf token used":
            get_token(request)  # as a template's {% csrf_token %} does
        if secret == "cookie":
            response.set_cookie("voorkeur", "1")
        return response

    response = CompressionMiddleware(view)(request)

    assert response.get("Content-Encoding") == (None if secret else "br")


def test_django_marks_a_csrf_token_used_for_the_response_in_request_meta(rf):
    """Contract: carries_secret relies on Django's `CSRF_COOKIE_NEEDS_UPDATE` key, added by get_token() only
    and left in request.META (set to False) by CsrfViewMiddleware. If this fails after a Django upgrade,
    find the new way to tell that a response used the CSRF token before compressing anything."""

    def view(request):
        if request.GET.get("formulier"):
            get_token(request)
        return HttpResponse("pagina")

    def marked(url) -> bool:
        request = rf.get(url)
        request.COOKIES[settings.CSRF_COOKIE_NAME] = "a" * 32  # a returning visitor
        CsrfViewMiddleware(view)(request)
        return "CSRF_COOKIE_NEEDS_UPDATE" in request.META

    assert (marked("/?formulier=1"), marked("/")) == (True, False)
