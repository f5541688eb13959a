"""StandardPage: plain pages such as Toegankelijkheid, Privacy and Contact."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

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
