"""No silent loss: what a page shows cannot be deleted from under it, and unpublishing an article names the
published pages that link to it. Judged through the admin views, by what still exists and what visitors see.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.people import Person
from tests.factories import ArticlePageFactory, ImageFactory
from tests.publishing.forms import quote


@pytest.fixture
def anna(db):
    return Person.objects.create(name="Anna Smit", role="wethouder Zorg")


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def caption(client, page) -> str:
    figure = BeautifulSoup(client.get(page.url).content, "html.parser").select_one("figure.quote")
    return figure.figcaption.get_text(" ", strip=True) if figure and figure.figcaption else ""


def test_a_quoted_person_is_not_deleted_and_the_refusal_says_where(admin_client, news_index, anna):
    article = ArticlePageFactory(
        parent=news_index,
        title="Samenwerken is hard werken",
        body=[("section", {"heading": "Kop", "content": [("quote", quote(person=anna))]})],
    )
    url = reverse("wagtailsnippets_news_person:delete", args=[anna.pk])

    page = text(admin_client.get(url))
    assert "‘Anna Smit, wethouder Zorg’ wordt gebruikt op 1 pagina en is daarom niet verwijderd" in page
    assert "Samenwerken is hard werken (gepubliceerd; gebruikt in Inhoud → Sectie met tussenkop" in page
    assert "Pas dan deze persoon aan" in page
    assert "Ja, verwijder" not in page

    admin_client.post(url)
    assert Person.objects.filter(pk=anna.pk).exists()
    assert "Anna Smit" in caption(admin_client, article)


def test_bulk_delete_refuses_the_quoted_person_and_keeps_the_others(admin_client, news_index, anna):
    ArticlePageFactory(parent=news_index, body=[("quote", quote(person=anna))])
    unused = Person.objects.create(name="Rob Kok", role="verbinder")
    url = reverse("wagtail_bulk_action", args=["news", "person", "delete"])

    response = admin_client.post(f"{url}?id={anna.pk}&id={unused.pk}", {})
    assert "wordt gebruikt op 1 pagina" in text(response)
    assert set(Person.objects.values_list("name", flat=True)) == {"Anna Smit", "Rob Kok"}


def test_an_unused_person_is_deleted_with_a_grammatical_question(admin_client, anna):
    url = reverse("wagtailsnippets_news_person:delete", args=[anna.pk])
    page = text(admin_client.get(url))
    assert "Weet je zeker dat je dit wilt verwijderen? (persoon)" in page
    assert "verwijdert" not in page

    admin_client.post(url)
    assert not Person.objects.filter(pk=anna.pk).exists()


@pytest.mark.parametrize("place", ["header", "body"])
def test_an_image_on_a_page_is_not_deleted(admin_client, news_index, place):
    image = ImageFactory(title="Overleg in Amersfoort")
    block = {"image": image, "alt_text": "Overleg aan een lange tafel.", "decorative": False, "caption": ""}
    fields = (
        {"image": image, "image_alt": "Overleg aan een lange tafel."}
        if place == "header"
        else {"body": [("image", block)]}
    )
    article = ArticlePageFactory(parent=news_index, title="Wijkteams delen één aanpak", **fields)
    url = reverse("wagtailimages:delete", args=[image.pk])

    page = text(admin_client.get(url))
    assert "‘Overleg in Amersfoort’ wordt gebruikt op 1 pagina" in page
    assert "Wijkteams delen één aanpak (gepubliceerd" in page
    admin_client.post(url)
    assert get_image_model().objects.filter(pk=image.pk).exists()
    assert "Overleg aan een lange tafel." in admin_client.get(article.url).content.decode()

    bulk = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
    admin_client.post(f"{bulk}?id={image.pk}", {})
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_an_unused_image_or_document_is_deleted(admin_client):
    image = ImageFactory()
    admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert not get_image_model().objects.filter(pk=image.pk).exists()

    document = get_document_model().objects.create(title="Jaarverslag")
    admin_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert not get_document_model().objects.filter(pk=document.pk).exists()


def test_unpublishing_names_the_published_pages_that_list_the_article(admin_client, news_index):
    target = ArticlePageFactory(parent=news_index, title="Wijkteams delen één aanpak")
    ArticlePageFactory(parent=news_index, title="Samenwerken is hard werken", related=[target])
    ArticlePageFactory(parent=news_index, title="Een concept", related=[target], live=False)
    ArticlePageFactory(parent=news_index, title="Zonder link")
    url = reverse("wagtailadmin_pages:unpublish", args=[target.pk])

    page = text(admin_client.get(url))
    assert "Let op: 1 gepubliceerde pagina linkt naar deze pagina" in page
    assert "Samenwerken is hard werken (Gerelateerd artikel → Artikel)" in page
    assert "Een concept" not in page and "Zonder link" not in page

    admin_client.post(url)
    target.refresh_from_db()
    assert not target.live


def test_unpublishing_an_article_nobody_links_to_shows_no_warning(admin_client, news_index):
    target = ArticlePageFactory(parent=news_index)
    page = text(admin_client.get(reverse("wagtailadmin_pages:unpublish", args=[target.pk])))
    assert "Let op" not in page
