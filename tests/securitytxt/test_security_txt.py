"""/.well-known/security.txt (RFC 9116) from the site settings: its text, its address, and no file at all while
it has no contact or has expired."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from wagtail.models import Site

from sitewide.models import SiteSettings

URL = "/.well-known/security.txt"
NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CONTACTS = "mailto:security@voorbeeld.example\n  https://voorbeeld.example/kwetsbaarheid-melden  \n"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def site(home):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "nieuws.example.nl", 443
    site.save()
    return site


def configure(site, **fields) -> SiteSettings:
    settings = SiteSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_the_file_holds_the_settings_in_rfc_9116_form(client, site, frozen):
    configure(
        site,
        security_contact=CONTACTS,
        security_expires=datetime.datetime(2027, 3, 1, 10, 30, tzinfo=AMSTERDAM),
        security_policy="https://voorbeeld.example/cvd",
        security_languages="nl,en",
    )

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == (
        b"Contact: mailto:security@voorbeeld.example\n"
        b"Contact: https://voorbeeld.example/kwetsbaarheid-melden\n"
        b"Expires: 2027-03-01T09:30:00Z\n"
        b"Policy: https://voorbeeld.example/cvd\n"
        b"Preferred-Languages: nl, en\n"
        b"Canonical: https://nieuws.example.nl/.well-known/security.txt\n"
    )
    expires = response.content.decode().splitlines()[2].removeprefix("Expires: ")
    parsed = datetime.datetime.fromisoformat(expires)
    assert parsed.utcoffset() == datetime.timedelta(0)  # ISO 8601 / RFC 3339 with its time zone
    assert parsed == datetime.datetime(2027, 3, 1, 10, 30, tzinfo=AMSTERDAM)


def test_optional_fields_are_left_out_when_empty(client, site, frozen):
    configure(
        site,
        security_contact="mailto:security@voorbeeld.example",
        security_expires=NOW + datetime.timedelta(days=100),
        security_languages="",
    )

    fields = [line.split(":", 1)[0] for line in client.get(URL).content.decode().splitlines()]

    assert fields == ["Contact", "Expires", "Canonical"]


def test_canonical_comes_from_the_sites_root_not_the_host_header(client, site, frozen, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "vreemd.example"]
    configure(site, security_contact=CONTACTS, security_expires=NOW + datetime.timedelta(days=100))

    body = client.get(URL, HTTP_HOST="vreemd.example", secure=True).content.decode()

    assert "Canonical: https://nieuws.example.nl/.well-known/security.txt" in body.splitlines()
    assert "vreemd" not in body


def test_no_canonical_line_for_a_site_without_https(client, site, frozen):
    site.port = 80
    site.save()
    configure(site, security_contact=CONTACTS, security_expires=NOW + datetime.timedelta(days=100))

    body = client.get(URL).content.decode()

    assert body.startswith("Contact: mailto:security@voorbeeld.example\n")
    assert "Canonical" not in body


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({}, id="nothing set"),
        pytest.param({"security_expires": NOW + datetime.timedelta(days=100)}, id="no contact"),
        pytest.param({"security_contact": CONTACTS}, id="no expiry"),
        pytest.param({"security_contact": CONTACTS, "security_expires": NOW}, id="expires now"),
        pytest.param(
            {"security_contact": CONTACTS, "security_expires": NOW - datetime.timedelta(days=1)}, id="expired"
        ),
    ],
)
def test_no_file_without_contact_or_once_expired(client, site, frozen, fields):
    configure(site, **fields)

    response = client.get(URL)

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()  # the site's Dutch 404 page
    assert "security@" not in response.content.decode()


def test_browsers_and_proxies_may_not_keep_it_past_its_expiry(client, site, frozen):
    configure(site, security_contact=CONTACTS, security_expires=NOW + datetime.timedelta(minutes=10))
    soon = client.get(URL)
    configure(site, security_expires=NOW + datetime.timedelta(days=100))
    later = client.get(URL)

    assert soon["Cache-Control"] == "public, max-age=600"
    assert later["Cache-Control"] == "public, max-age=3600"


def test_the_page_cache_never_serves_it_after_its_expiry(client, site, settings):
    settings.PAGE_CACHE = True
    with time_machine.travel(NOW, tick=False):
        configure(site, security_contact=CONTACTS, security_expires=NOW + datetime.timedelta(hours=2))
        before = client.get(URL)
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        after = client.get(URL)

    assert before.status_code == 200
    assert "X-Page-Cache" not in before
    assert after.status_code == 404


def test_head_works_and_other_methods_are_refused(client, site, frozen):
    configure(site, security_contact=CONTACTS, security_expires=NOW + datetime.timedelta(days=100))

    head = client.head(URL)

    assert head.status_code == 200 and head.content == b""
    assert client.post(URL).status_code == 405
    assert client.put(URL).status_code == 405


def test_the_legacy_address_redirects_to_the_well_known_one(client, site, frozen):
    configure(site, security_contact=CONTACTS, security_expires=NOW + datetime.timedelta(days=100))

    response = client.get("/security.txt", follow=True)

    assert response.redirect_chain == [(URL, 301)]
    assert response.content.startswith(b"Contact: mailto:security@voorbeeld.example\n")
