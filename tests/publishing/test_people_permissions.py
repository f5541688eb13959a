"""Who may add, change and delete people: a change shows at once in every live quote, so it is for the
final editors and administrators; editors add people and choose them. Judged by the people and the site.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from news.models import ArticlePage
from news.people import Person
from tests.factories import ArticlePageFactory
from tests.publishing.forms import article_form_data, quote
from tests.publishing.users import make_editor, make_final_editor, make_user

REFUSED = "Sorry, je hebt geen toegang tot dit gedeelte."


@pytest.fixture
def anna(db):
    return Person.objects.create(name="Anna Smit", role="wethouder")


@pytest.fixture
def quoted(news_index, anna):
    """A live article quoting Anna."""
    return ArticlePageFactory(
        parent=news_index, body=[("quote", {"text": "Het werkt.", "person": anna, "name": "", "role": ""})]
    )


def caption(client, page) -> str:
    figure = BeautifulSoup(client.get(page.url).content, "html.parser").select_one("figure.quote")
    return figure.figcaption.get_text(strip=True) if figure.figcaption else ""


def edit(client, person, **fields):
    url = reverse("wagtailsnippets_news_person:edit", args=[person.pk])
    return client.post(url, {"name": person.name, "role": person.role, **fields}, follow=True)


def delete(client, person):
    return client.post(reverse("wagtailsnippets_news_person:delete", args=[person.pk]), follow=True)


def bulk_delete(client, person):
    url = reverse("wagtail_bulk_action", args=["news", "person", "delete"])
    return client.post(f"{url}?id={person.pk}", follow=True)


def messages(response) -> list[str]:
    return [str(message).strip() for message in response.context["messages"]]


def test_editor_adds_a_person_and_quotes_them(client, news_index):
    client.force_login(make_editor())

    client.post(reverse("wagtailsnippets_news_person:add"), {"name": "Els Kort", "role": "wethouder"})
    client.post(
        reverse("wagtailsnippetchoosers_news_person:create"), {"name": "Rob Kok", "role": "verbinder"}
    )
    rob = Person.objects.get(name="Rob Kok")
    add_article = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    client.post(add_article, article_form_data(body=streamfield([("quote", quote(person=rob.pk))])))

    assert Person.objects.filter(name="Els Kort", role="wethouder").exists()
    draft = ArticlePage.objects.get(slug="wijkteams-werken-samen").get_latest_revision_as_object()
    assert [block.value["person"] for block in draft.body] == [rob]


def test_editor_cannot_change_or_delete_a_person(client, anna, quoted):
    client.force_login(make_editor())

    assert REFUSED in messages(edit(client, anna, name="Anna de Vries", role="burgemeester"))
    assert REFUSED in messages(delete(client, anna))
    bulk_delete(client, anna)

    assert Person.objects.filter(pk=anna.pk, name="Anna Smit", role="wethouder").exists()
    assert caption(client, quoted) == "Anna Smit, wethouder"


def test_editor_is_not_offered_what_they_cannot_do(client, anna):
    client.force_login(make_editor())

    listing = client.get(reverse("wagtailsnippets_news_person:list")).content.decode()

    assert "Anna Smit" in listing
    assert reverse("wagtailsnippets_news_person:edit", args=[anna.pk]) not in listing
    assert reverse("wagtailsnippets_news_person:delete", args=[anna.pk]) not in listing


@pytest.mark.parametrize("make", [make_final_editor, lambda: make_user("beheerder", superuser=True)])
def test_final_editors_and_administrators_change_and_delete_people(client, anna, quoted, make):
    rob = Person.objects.create(name="Rob Kok", role="verbinder")
    client.force_login(make())

    edit(client, anna, role="burgemeester")
    assert caption(client, quoted) == "Anna Smit, burgemeester"
    delete(client, anna)  # quoted on a live page: refused (tests/publishing/test_no_silent_loss.py)
    bulk_delete(client, rob)

    assert list(Person.objects.values_list("name", flat=True)) == ["Anna Smit"]
    assert caption(client, quoted) == "Anna Smit, burgemeester"
