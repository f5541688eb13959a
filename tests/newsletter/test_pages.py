"""The signup block keeps home and article pages cacheable; the signup pages are accessible HTML."""

from collections import Counter

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from tests.factories import ArticlePageFactory
from tests.newsletter.conftest import SIGNUP_URL, signup_data
from tests.site_content import newsletter_page_states

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Samen sterker", tags=["armoede", "wonen"])


@pytest.mark.parametrize("which", ["home", "article"])
def test_pages_with_the_signup_block_carry_nothing_per_visitor(article, which):
    url = "/" if which == "home" else article.url
    with time_machine.travel(timezone.now(), tick=False):
        first = Client().get(url)
        second = Client().get(url)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert "Set-Cookie" not in first.headers
    assert not first.cookies
    assert b"csrfmiddlewaretoken" not in first.content
    soup = BeautifulSoup(first.content, "html.parser")
    form = soup.select_one(".newsletter-cta form")
    assert form["action"] == SIGNUP_URL
    assert form["method"] == "post"
    assert soup.select_one("label[for=nieuwsbrief-email]").get_text(strip=True) == "E-mailadres"


def test_the_block_under_an_article_offers_its_tags(article):
    soup = BeautifulSoup(Client().get(article.url).content, "html.parser")

    offered = [box["value"] for box in soup.select(".newsletter-cta input[name=topics]")]
    assert offered == ["armoede", "wonen"]
    assert soup.select_one(".newsletter-cta a[href='/blijf-op-de-hoogte/']")


def test_signup_from_the_article_block_with_its_topics(article, post_signup):
    post_signup(signup_data("lezer@example.nl", topics=["wonen"]))

    from newsletter.models import Subscriber

    subscriber = Subscriber.objects.get()
    assert [t.slug for t in subscriber.topics.all()] == ["wonen"]
    assert not subscriber.all_news


def test_signup_pages_are_accessible_html(client, django_capture_on_commit_callbacks, settings, home):
    for name, response in newsletter_page_states(client, settings).items():
        assert response.status_code in (200, 404, 410, 429), name
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == "nl", name
        assert len(soup.find_all("h1")) == 1, name
        assert soup.title.get_text(strip=True), name
        ids = Counter(tag["id"] for tag in soup.find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], name
        assert not soup.select("[style]"), f"{name}: inline style"
        assert not [s for s in soup.find_all("script") if not s.get("src")], f"{name}: inline script"
        for field in soup.select("input:not([type=hidden]), select, textarea"):
            label = soup.select_one(f"label[for='{field['id']}']")
            assert label and label.get_text(strip=True), f"{name}: {field} has no label"
            for described in field.get("aria-describedby", "").split():
                assert soup.find(id=described), f"{name}: {described} missing"
        for honeypot in soup.select("input[name=website]"):
            assert honeypot["tabindex"] == "-1"
            assert honeypot.find_parent(attrs={"aria-hidden": "true"})
        for form in soup.select("form[method=post]"):
            assert form.select("button[type=submit]"), name


def test_error_summary_links_to_the_fields(client):
    soup = BeautifulSoup(
        client.post(SIGNUP_URL, signup_data("geen adres", consent="")).content, "html.parser"
    )

    links = [a["href"] for a in soup.select(".error-summary a")]
    assert links == ["#nieuwsbrief-email", "#nieuwsbrief-toestemming"]
    assert soup.select_one(".error-summary")["role"] == "alert"
    assert soup.select_one("#nieuwsbrief-toestemming")["aria-invalid"] == "true"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "geen adres"}, "email"),
        ({"topics": ["bestaat-niet"]}, "topics"),
        ({"consent": ""}, "consent"),
    ],
)
def test_an_error_marks_its_own_field_only(client, article, data, field):
    soup = BeautifulSoup(client.post(SIGNUP_URL, {**signup_data(), **data}).content, "html.parser")

    blocks = {
        "email": soup.select_one("#nieuwsbrief-email").find_parent(class_="form-field"),
        "topics": soup.select_one("#nieuwsbrief-onderwerpen"),
        "consent": soup.select_one("#nieuwsbrief-toestemming").find_parent(class_="form-field"),
    }
    marked = {name for name, block in blocks.items() if "form-field--error" in block["class"]}
    assert marked == {field}
    assert [p["id"] for p in soup.select(".signup-form .form-field__error")] == [
        {"email": "nieuwsbrief-email-fout", "topics": "nieuwsbrief-onderwerpen-fout"}.get(
            field, "nieuwsbrief-toestemming-fout"
        )
    ]
