"""X-Frame-Options and the CSP's frame-ancestors give every response the same answer: nobody may frame it,
except Wagtail's previews, which the editor shows in a frame of the admin (same origin only)."""

import pytest
from django.test import Client
from django.urls import reverse

from news.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.publishing.forms import article_form_data
from tests.publishing.users import make_editor, make_user
from tests.security.observatory import parse_csp

AGREEING = {"DENY": ["'none'"], "SAMEORIGIN": ["'self'"]}


def framing(response) -> tuple[str, list[str]]:
    """(X-Frame-Options, frame-ancestors); fails when they say different things."""
    options = response.get("X-Frame-Options", "(none)")
    ancestors = parse_csp(response.get("Content-Security-Policy", "")).get("frame-ancestors", ["(none)"])
    assert AGREEING.get(options) == ancestors, (
        f"X-Frame-Options {options} but frame-ancestors {ancestors} (if Django no longer reads "
        "response._csp_config, security/middleware.py must set frame-ancestors another way)"
    )
    return options, ancestors


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Bericht", slug="bericht")


@pytest.fixture
def superuser_client(db):
    client = Client(raise_request_exception=False)
    client.force_login(make_user("beheerder", superuser=True))
    return client


def test_public_responses_may_not_be_framed(client, article, settings):
    settings.PAGE_CACHE = True
    client.raise_request_exception = False
    responses = {
        "home": client.get("/"),
        "article": client.get(article.url),
        "article from the page cache": client.get(article.url),
        "404 page": client.get("/bestaat-niet/"),
        "400 page (NUL byte)": client.get("/a%00b/"),
        "400 page (unknown host)": client.get("/", HTTP_HOST="evil.example"),
        "static file": client.get("/static/css/site.css"),
        "robots.txt": client.get("/robots.txt"),
        "admin login page": client.get(reverse("wagtailadmin_login")),
    }

    assert responses["article from the page cache"]["X-Page-Cache"] == "hit"
    statuses = {name: response.status_code for name, response in responses.items()}
    assert statuses == {
        **dict.fromkeys(responses, 200),
        "404 page": 404,
        "400 page (NUL byte)": 400,
        "400 page (unknown host)": 400,
    }
    for name, response in responses.items():
        assert framing(response) == ("DENY", ["'none'"]), name


def test_the_500_page_may_not_be_framed(superuser_client):
    response = superuser_client.get("/admin/failwhale/")  # Wagtail's view that raises on purpose

    assert response.status_code == 500
    assert framing(response) == ("DENY", ["'none'"])


def test_admin_pages_may_not_be_framed(superuser_client, article):
    responses = {
        "dashboard": superuser_client.get("/admin/"),
        "page editor": superuser_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])),
        "admin 404": superuser_client.get("/admin/bestaat-niet/"),
    }

    assert {name: r.status_code for name, r in responses.items()} == {
        "dashboard": 200,
        "page editor": 200,
        "admin 404": 404,
    }
    for name, response in responses.items():
        assert framing(response) == ("DENY", ["'none'"]), name


def test_previews_may_be_framed_by_the_admin_only(article):
    client = Client()
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    assert client.post(url, article_form_data(slug="bericht", title="Voorbeeld")).json()["is_valid"]
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks["paragraph"]

    responses = {
        "page preview": client.get(url, {"in_preview_panel": "true"}),
        "block preview": client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}),
    }

    assert "Voorbeeld" in responses["page preview"].content.decode()
    for name, response in responses.items():
        assert response.status_code == 200, name
        assert framing(response) == ("SAMEORIGIN", ["'self'"]), name
