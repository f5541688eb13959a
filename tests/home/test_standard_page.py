"""StandardPage: plain pages such as Toegankelijkheid, Privacy and Contact."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage, StandardPage
from news.models import ArticlePage, NewsIndexPage
from tests.factories import ImageFactory, StandardPageFactory


@pytest.fixture
def contact(home):
    page = StandardPageFactory(
        parent=home,
        title="Contact",
        slug="contact",
        intro="Zo bereikt u de redactie.",
        body=[
            ("paragraph", '<p>Mail naar <a href="mailto:redactie@voorbeeld.example">de redactie</a>.</p>'),
            (
                "section",
                {
                    "heading": "Postadres",
                    "content": [("paragraph", "<p>Postbus 1, 3500 AA Utrecht</p>")],
                },
            ),
            (
                "image",
                {"image": ImageFactory(), "alt_text": "Het kantoor", "decorative": False, "caption": ""},
            ),
        ],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_standard_page_renders_its_content(client, contact):
    response = client.get("/contact/")
    soup = BeautifulSoup(response.content, "html.parser")

    assert response.status_code == 200
    assert soup.select_one("main h1").get_text() == "Contact"
    assert soup.select_one("main .lead").get_text() == "Zo bereikt u de redactie."
    assert soup.select_one('main a[href="mailto:redactie@voorbeeld.example"]').get_text() == "de redactie"
    assert soup.select_one("main section h2").get_text() == "Postadres"
    assert soup.select_one("main figure img")["alt"] == "Het kantoor"
    assert (
        soup.select_one("main time")["datetime"] == timezone.localdate(contact.last_published_at).isoformat()
    )
    crumbs = [li.get_text(strip=True) for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Home", "Contact"]


def test_nested_standard_pages_have_breadcrumbs_through_their_parents(client, home):
    about = StandardPageFactory(parent=home, title="Over ons", slug="over-ons")
    StandardPageFactory(parent=about, title="Team", slug="team")

    soup = BeautifulSoup(client.get("/over-ons/team/").content, "html.parser")

    links = [(a.get_text(), a["href"]) for a in soup.select(".breadcrumbs a")]
    assert links == [("Home", "/"), ("Over ons", "/over-ons/")]
    assert soup.select_one('.breadcrumbs [aria-current="page"]').get_text() == "Team"


def test_standard_pages_go_below_the_home_page_or_each_other(home):
    assert StandardPage in HomePage.allowed_subpage_models()
    assert StandardPage.allowed_parent_page_models() == [HomePage, StandardPage]
    assert StandardPage.allowed_subpage_models() == [StandardPage]
    assert StandardPage not in NewsIndexPage.allowed_subpage_models()
    assert ArticlePage not in StandardPage.allowed_subpage_models()


def test_an_editor_creates_a_standard_page_in_the_admin(admin_client, home):
    url = f"/admin/pages/add/home/standardpage/{home.pk}/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        {
            "title": "Privacy",
            "slug": "privacy",
            "intro": "Wij volgen u niet.",
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Geen cookies.", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    page = Page.objects.get(slug="privacy").specific
    assert isinstance(page, StandardPage) and page.live
    assert "Geen cookies." in str(page.body[0].value)
