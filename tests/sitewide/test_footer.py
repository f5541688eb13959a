"""The footer: contact details, links to Toegankelijkheid/Privacy/Contact and social profiles from the site
settings, kept in the cache so that it costs no queries on any page."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from sitewide.models import SiteSettings
from tests.factories import ArticlePageFactory, StandardPageFactory
from tests.queries import query_counts


def footer(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("footer.site-footer")


def link_texts(element):
    return [(a.get_text(strip=True), a["href"]) for a in element.select("nav a")]


@pytest.fixture
def site_settings(home):
    pages = {
        name: StandardPageFactory(parent=home, title=title, slug=slug)
        for name, title, slug in [
            ("accessibility_page", "Toegankelijkheid", "toegankelijkheid"),
            ("privacy_page", "Privacy", "privacy"),
            ("contact_page", "Contact", "contact"),
        ]
    }
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, page in pages.items():
        setattr(settings, name, page)
    settings.contact_email = "redactie@voorbeeld.example"
    settings.contact_phone = "+31 (0)30 123 45 67"
    settings.contact_address = "Postbus 1\n3500 AA Utrecht"
    settings.social_links = [("profile", {"network": "mastodon", "url": "https://social.example/@nieuws"})]
    settings.save()
    return settings


def test_the_footer_shows_contact_details_page_links_and_profiles(client, site_settings):
    element = footer(client)

    assert link_texts(element) == [
        ("Toegankelijkheid", "/toegankelijkheid/"),
        ("Privacy", "/privacy/"),
        ("Contact", "/contact/"),
    ]
    address = element.select_one("address")
    assert "Postbus 1" in address.get_text() and "3500 AA Utrecht" in address.get_text()
    assert address.select_one('a[href="mailto:redactie@voorbeeld.example"]')
    assert address.select_one('a[href="tel:+31030123456"]') is None
    assert address.select_one('a[href="tel:+310301234567"]').get_text() == "+31 (0)30 123 45 67"
    profile = element.select_one('a[href="https://social.example/@nieuws"]')
    assert profile.get_text() == "Mastodon" and profile["rel"] == ["me"]
    assert [h.get_text() for h in element.select("h2")] == ["Contact", "Over deze site", "Volg ons"]


def test_unpublished_or_private_footer_pages_are_left_out(client, site_settings):
    site_settings.privacy_page.unpublish()
    PageViewRestriction.objects.create(page=site_settings.contact_page, restriction_type="login")

    assert link_texts(footer(client)) == [("Toegankelijkheid", "/toegankelijkheid/")]


def test_changes_show_up_without_waiting_for_the_cache(client, site_settings):
    footer(client)  # fills the cache

    site_settings.contact_email = "nieuw@voorbeeld.example"
    site_settings.privacy_page = None
    site_settings.save()
    renamed = site_settings.contact_page
    renamed.title = "Contact opnemen"
    renamed.save_revision().publish()

    element = footer(client)
    assert element.select_one('a[href="mailto:nieuw@voorbeeld.example"]')
    assert link_texts(element) == [
        ("Toegankelijkheid", "/toegankelijkheid/"),
        ("Contact opnemen", "/contact/"),
    ]


def test_an_empty_footer_shows_no_empty_sections(client, home):
    element = footer(client)

    assert element.select("h2") == []
    assert "Nieuwsroom Sociaal Domein" in element.get_text()


def test_the_footer_costs_no_queries_once_built_and_one_lookup_for_all_its_links(client, home, news_index):
    article = ArticlePageFactory(parent=news_index)
    without = query_counts(client, article.url)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    pages = [
        StandardPageFactory(parent=home, title=title) for title in ("Toegankelijkheid", "Privacy", "Contact")
    ]
    site_settings.accessibility_page = pages[0]
    site_settings.save()
    one = query_counts(client, article.url)
    site_settings.privacy_page, site_settings.contact_page = pages[1:]
    site_settings.save()

    three = query_counts(client, article.url)

    assert one == three
    assert three.warm == without.warm  # kept in the cache: later requests cost nothing for it
    assert three.cold <= without.cold + 2  # after a change: the pages and their view restrictions, once
    assert [text for text, _ in link_texts(footer(client, article.url))] == [
        "Toegankelijkheid",
        "Privacy",
        "Contact",
    ]


def test_site_settings_are_edited_in_the_admin(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    contact = StandardPageFactory(parent=home, title="Contact", slug="contact")
    url = f"/admin/settings/sitewide/sitesettings/{site.pk}/"

    response = admin_client.get(url)
    assert response.status_code == 200
    content = response.content.decode().lower()
    for label in ["contactgegevens", "links in de footer", "pagina toegankelijkheid", "sociale media"]:
        assert label in content

    response = admin_client.post(
        url,
        {
            "organisation_name": "Nieuwsroom",
            "newsletter_heading": "Blijf op de hoogte",
            "newsletter_text": "Tekst.",
            "contact_email": "geen e-mailadres",
            "contact_phone": "",
            "contact_address": "",
            "contact_page": contact.pk,
            "social_links-count": "0",
        },
    )
    assert response.status_code == 200
    assert SiteSettings.for_site(site).contact_page_id is None

    response = admin_client.post(
        url,
        {
            "organisation_name": "Nieuwsroom",
            "newsletter_heading": "Blijf op de hoogte",
            "newsletter_text": "Tekst.",
            "contact_email": "info@voorbeeld.example",
            "contact_phone": "",
            "contact_address": "",
            "contact_page": contact.pk,
            "social_links-count": "0",
        },
    )
    assert response.status_code == 302
    assert SiteSettings.for_site(site).contact_page_id == contact.pk
    assert ("Contact", "/contact/") in link_texts(footer(Client()))
