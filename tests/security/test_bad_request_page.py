"""A bad request (unknown Host, oversized body, NUL byte) gets the Dutch 400 page, never Django's English one."""

import pytest
from django.test import Client

from tests.security.test_faults import LEAKS


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.DEBUG = False


def assert_dutch_400(response):
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ongeldig verzoek" in body
    assert '<html lang="nl">' in body
    assert "Bad Request" not in body
    for leak in LEAKS:
        assert leak not in body, leak


@pytest.mark.parametrize(
    "host", ["evil.example", "nieuws.example.nl:8000", "<script>alert(1)</script>", "a" * 300]
)
def test_an_unknown_or_invalid_host_gets_the_dutch_page_without_the_host(client, home, host):
    response = client.get("/", HTTP_HOST=host)

    assert_dutch_400(response)
    assert host not in response.content.decode()
    assert "alert(1)" not in response.content.decode()


def test_an_oversized_body_gets_the_dutch_page(home, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    browser = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check reads the body first

    response = browser.post("/blijf-op-de-hoogte/", {"email": "lezer@example.nl", "toelichting": "x" * 5_000})

    assert_dutch_400(response)


def test_a_nul_byte_in_the_path_gets_the_dutch_page(client, home):
    assert_dutch_400(client.get("/nieuws/a%00b/"))


def test_the_400_and_password_lockout_pages_are_valid_html(tmp_path):
    from django.template.loader import render_to_string

    from tests.html.test_valid_html import validate
    from tests.tools import require

    require("html")
    pages = {
        "400": render_to_string("400.html").encode(),
        "password-lockout": render_to_string("security/password_lockout.html", {"minutes": 15}).encode(),
    }

    assert validate(tmp_path, pages) == {name: [] for name in pages}
