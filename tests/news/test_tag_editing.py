"""Tags in the article editor: one tag per chip (spaces allowed, no quotes), suggestions only of tags that
articles use, and no new tag from an autosave. Judged through the admin views by the tags that exist."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from taggit.models import Tag

from news.models import ArticlePage
from tests.factories import ArticlePageFactory, tag
from tests.publishing.forms import article_form_data
from tests.publishing.users import make_editor


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_editor())
    return client


def test_suggestions_are_only_tags_articles_use(editor_client, news_index):
    ArticlePageFactory(parent=news_index, tags=["samenwerking", "Sociaal domein"])
    tag("samenwerkingvng")  # left behind, no article uses it
    url = reverse("news_tag_suggestions")

    assert editor_client.get(url, {"term": "samen"}).json() == ["samenwerking"]
    assert editor_client.get(url, {"term": "SOCIAAL"}).json() == ["Sociaal domein"]
    assert editor_client.get(url).json() == ["samenwerking", "Sociaal domein"]


def test_the_editor_shows_tags_without_quotes_and_keeps_a_tag_with_spaces_whole(editor_client, news_index):
    article = ArticlePageFactory(parent=news_index, tags=["mens centraal", "wonen"])
    form = BeautifulSoup(
        editor_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content, "html.parser"
    )
    field = form.find("input", attrs={"name": "tags"})
    assert field["value"] == "mens centraal, wonen"
    assert field["data-controller"] == "nr-tag"
    assert field["data-nr-tag-url-value"] == reverse("news_tag_suggestions")

    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    editor_client.post(url, article_form_data(tags="mens centraal"))
    saved = ArticlePage.objects.get(slug="wijkteams-werken-samen")
    assert [t.name for t in saved.tags.all()] == ["mens centraal"]


def test_an_autosave_creates_no_tag_and_the_persons_save_does(editor_client, news_index):
    tag("samenwerking")
    article = ArticlePageFactory(parent=news_index, title="Wijkteams werken samen", live=False)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = article_form_data(tags="samenwerking, samenwerkingvng")

    autosaved = editor_client.post(url, data, headers={"Accept": "application/json"})
    assert autosaved.json()["success"] is True
    assert not Tag.objects.filter(name="samenwerkingvng").exists()
    assert [t.name for t in article.get_latest_revision_as_object().tags.all()] == ["samenwerking"]

    editor_client.post(url, data)
    assert Tag.objects.filter(name="samenwerkingvng").exists()
    assert sorted(t.name for t in article.get_latest_revision_as_object().tags.all()) == [
        "samenwerking",
        "samenwerkingvng",
    ]
