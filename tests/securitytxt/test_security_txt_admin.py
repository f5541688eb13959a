"""The Beveiliging tab of Instellingen → Site-instellingen: what it accepts, with Dutch errors for the rest."""

import datetime
import html

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from sitewide.models import SiteSettings

URL = "/.well-known/security.txt"


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def edit_url(site):
    return f"/admin/settings/sitewide/sitesettings/{site.pk}/"


def admin_time(moment: datetime.datetime) -> str:
    """As the admin's date picker sends it (WAGTAIL_DATETIME_FORMAT, local time)."""
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def form_data(**fields) -> dict:
    data = {
        "organisation_name": "Nieuwsroom",
        "newsletter_heading": "Blijf op de hoogte",
        "newsletter_text": "Tekst.",
        "contact_email": "",
        "contact_phone": "",
        "contact_address": "",
        "social_links-count": "0",
        "security_contact": "",
        "security_expires": "",
        "security_policy": "",
        "security_languages": "nl, en",
    }
    data.update(fields)
    return data


def in_a_month() -> str:
    return admin_time(timezone.now() + datetime.timedelta(days=30))


def test_the_beveiliging_tab_holds_the_security_txt_fields(admin_client, edit_url):
    soup = BeautifulSoup(admin_client.get(edit_url).content, "html.parser")

    tabs = [tab.find(string=True, recursive=False).strip() for tab in soup.select('[role="tab"]')]
    assert tabs == ["Algemeen", "Beveiliging"]
    panel = soup.select_one("#tab-beveiliging")
    labels = [label.get_text(" ", strip=True) for label in panel.select("label")]
    for expected in ["Contactadressen", "Geldig tot", "Beleid voor meldingen", "Voorkeurstalen"]:
        assert any(label.startswith(expected) for label in labels), (expected, labels)


def test_a_valid_form_publishes_the_file(admin_client, edit_url, site):
    a_year = timezone.now() + datetime.timedelta(days=365)
    response = admin_client.post(
        edit_url,
        form_data(
            security_contact="mailto:security@voorbeeld.example\nhttps://voorbeeld.example/melden",
            security_expires=admin_time(a_year),  # at most a year ahead: exactly a year is allowed
            security_policy="https://voorbeeld.example/cvd",
        ),
    )

    assert response.status_code == 302
    body = Client().get(URL).content.decode().splitlines()
    assert body[:2] == [
        "Contact: mailto:security@voorbeeld.example",
        "Contact: https://voorbeeld.example/melden",
    ]
    assert body[2] == f"Expires: {a_year.astimezone(datetime.UTC):%Y-%m-%dT%H:%M:00Z}"
    assert "Policy: https://voorbeeld.example/cvd" in body


CONTACT_ERROR = "‘{}’ is geen geldig contactadres: begin met mailto: (e-mail) of https:// (webformulier)."


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        pytest.param(
            {"security_contact": "http://voorbeeld.example/melden"},
            "security_contact",
            CONTACT_ERROR.format("http://voorbeeld.example/melden"),
            id="contact over http",
        ),
        pytest.param(
            {"security_contact": "security@voorbeeld.example"},
            "security_contact",
            CONTACT_ERROR.format("security@voorbeeld.example"),
            id="contact without mailto",
        ),
        pytest.param(
            {"security_contact": "mailto:geen-adres"},
            "security_contact",
            CONTACT_ERROR.format("mailto:geen-adres"),
            id="mailto without an address",
        ),
        pytest.param(
            {"security_contact": "mailto:security@voorbeeld.example\njavascript:alert(1)"},
            "security_contact",
            CONTACT_ERROR.format("javascript:alert(1)"),
            id="second contact is no URI",
        ),
        pytest.param(
            {"security_contact": "mailto:security@voorbeeld.example", "security_expires": ""},
            "security_expires",
            "Vul een vervaldatum in: zonder vervaldatum staat security.txt niet op de site.",
            id="contact without expiry",
        ),
        pytest.param(
            {"security_expires": "past"},
            "security_expires",
            "De vervaldatum moet in de toekomst liggen.",
            id="expiry in the past",
        ),
        pytest.param(
            {"security_expires": "a year and a day"},
            "security_expires",
            "De vervaldatum mag hoogstens een jaar vooruit liggen; kies een eerdere datum.",
            id="expiry more than a year ahead",
        ),
        pytest.param(
            {"security_policy": "http://voorbeeld.example/cvd"},
            "security_policy",
            "Vul een volledig adres in dat begint met https://.",
            id="policy over http",
        ),
        pytest.param(
            {"security_languages": "nl; en"},
            "security_languages",
            "‘nl; en’ is geen taalcode; gebruik codes als ‘nl’ of ‘en’, gescheiden door komma's.",
            id="languages not comma-separated",
        ),
    ],
)
def test_invalid_input_gets_a_dutch_error_and_changes_nothing(
    admin_client, edit_url, site, fields, field, message
):
    now = timezone.now()
    relative = {
        "past": now - datetime.timedelta(hours=1),
        "a year and a day": now + datetime.timedelta(days=366),
    }
    data = {"security_contact": "mailto:security@voorbeeld.example", "security_expires": in_a_month()}
    data.update(fields)
    if data["security_expires"] in relative:
        data["security_expires"] = admin_time(relative[data["security_expires"]])

    response = admin_client.post(edit_url, form_data(**data))

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in html.unescape(response.content.decode())
    stored = SiteSettings.objects.get(site=site)
    assert (stored.security_contact, stored.security_expires, stored.organisation_name) == (
        "",
        None,
        "Nieuwsroom Sociaal Domein",
    )
    assert Client().get(URL).status_code == 404


def test_an_expired_file_does_not_block_editing_the_other_tabs(admin_client, edit_url, site):
    expired = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(days=3)
    settings = SiteSettings.for_site(site)
    settings.security_contact = "mailto:security@voorbeeld.example"
    settings.security_expires = expired
    settings.save()

    unchanged = {"security_contact": settings.security_contact, "security_expires": admin_time(expired)}
    footer_only = admin_client.post(edit_url, form_data(organisation_name="Nieuwe naam", **unchanged))
    touched = admin_client.post(
        edit_url, form_data(**{**unchanged, "security_contact": "mailto:nieuw@voorbeeld.example"})
    )

    assert footer_only.status_code == 302
    assert SiteSettings.objects.get(site=site).organisation_name == "Nieuwe naam"
    assert touched.status_code == 200
    assert "De vervaldatum moet in de toekomst liggen." in touched.context["form"].errors["security_expires"]
    assert SiteSettings.objects.get(site=site).security_contact == "mailto:security@voorbeeld.example"
