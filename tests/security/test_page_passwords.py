"""Passwords on pages (and document collections) cannot be guessed without limit."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import resolve, reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from security.pagepasswords import document_password, page_password
from tests.factories import ArticlePageFactory

PASSWORD = "lente-2026"
VISITOR = "198.51.100.7"
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def protect(page, password=PASSWORD) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


@pytest.fixture
def secret(news_index):
    article = ArticlePageFactory(parent=news_index, title="Vertrouwelijk verslag")
    return article, protect(article)


def attempt(client, page, restriction, password, address=VISITOR, **headers):
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=address, **headers)


def sees(client, page, address=VISITOR) -> bool:
    return page.title in client.get(page.url, REMOTE_ADDR=address).content.decode()


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, secret):
    page, restriction = secret
    wrong = [attempt(client, page, restriction, f"gok-{n}") for n in range(4)]
    fifth = attempt(client, page, restriction, "gok-5")
    right = attempt(client, page, restriction, PASSWORD)

    assert [response.status_code for response in wrong] == [200] * 4
    assert "niet juist" in wrong[0].content.decode()  # Wagtail's own form error, in Dutch
    for response in (fifth, right):
        body = response.content.decode()
        assert response.status_code == 429
        assert "Tijdelijk geblokkeerd" in body
        assert "te vaak een verkeerd wachtwoord" in body
        assert "15 minuten" in body
        assert '<html lang="nl">' in body
        assert response["Retry-After"] == "900"
    assert not sees(client, page)


def test_another_page_and_another_address_are_not_affected(client, secret, news_index):
    page, restriction = secret
    other_page = ArticlePageFactory(parent=news_index, title="Ander verslag")
    other_restriction = protect(other_page, "zomer-2026")
    for n in range(5):
        attempt(client, page, restriction, f"gok-{n}")

    assert attempt(client, other_page, other_restriction, "zomer-2026").status_code == 302
    assert sees(client, other_page)
    assert not sees(client, page)
    assert attempt(client, page, restriction, PASSWORD, address="203.0.113.9").status_code == 302


def test_the_count_is_per_restriction_whatever_page_id_is_posted(client, secret):
    page, restriction = secret
    below = ArticlePageFactory(parent=page, title="Bijlage bij het verslag")  # covered by the same password
    for n in range(5):
        attempt(client, below if n % 2 else page, restriction, f"gok-{n}")

    assert attempt(client, below, restriction, PASSWORD).status_code == 429


def test_the_lockout_ends_after_fifteen_minutes(client, secret):
    page, restriction = secret
    with time_machine.travel(START, tick=False):
        for n in range(5):
            attempt(client, page, restriction, f"gok-{n}")
    with time_machine.travel(START + timedelta(minutes=14, seconds=59), tick=False):
        assert attempt(client, page, restriction, PASSWORD).status_code == 429
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        assert attempt(client, page, restriction, PASSWORD).status_code == 302
        assert sees(client, page)


def test_the_right_password_before_the_limit_works_and_starts_the_count_again(client, secret):
    page, restriction = secret
    for n in range(4):
        attempt(client, page, restriction, f"gok-{n}")

    assert attempt(client, page, restriction, PASSWORD).status_code == 302
    assert sees(client, page)
    fresh = type(client)()  # a second visitor at the same address (an office) starts from zero
    assert [attempt(fresh, page, restriction, f"gok-{n}").status_code for n in range(4)] == [200] * 4


def test_the_address_comes_from_the_trusted_proxy_header(client, secret, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    page, restriction = secret
    for n in range(5):
        attempt(client, page, restriction, f"gok-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7")

    # A forged left-most entry does not give new attempts; the proxy's own entry counts.
    assert attempt(client, page, restriction, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert attempt(client, page, restriction, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


def test_document_collection_passwords_are_limited_too(client, db):
    collection = Collection.get_first_root_node().add_child(name="Stukken")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=PASSWORD
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])

    def post(password):
        return client.post(url, {"password": password, "return_url": "/"}, REMOTE_ADDR=VISITOR)

    assert [post(f"gok-{n}").status_code for n in range(4)] == [200] * 4
    assert post("gok-5").status_code == 429
    assert post(PASSWORD).status_code == 429


def test_contract_wagtails_password_views_answer_as_the_limit_expects(rf, secret, settings):
    """The limit routes Wagtail's password URLs to its own views, which delegate to Wagtail's and read a
    redirect as "right password". If this fails after a Wagtail upgrade, check security/pagepasswords.py."""
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail import views as wagtail_views

    page, restriction = secret
    page_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    assert resolve(page_url).func is page_password
    assert resolve(reverse("wagtaildocs_authenticate_with_password", args=[1])).func is document_password

    def wagtail_answer(password):
        request = rf.post(page_url, {"password": password, "return_url": page.url})
        request.session = SessionStore()
        return wagtail_views.authenticate_with_password(request, restriction.pk, page.pk)

    assert wagtail_answer("fout").status_code == 200
    assert wagtail_answer(PASSWORD).status_code == 302
