"""What each role can do, judged by the resulting state of pages and images, not by status codes.

Deleting and privacy: test_page_rules.py; people: test_people_permissions.py.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from news.models import ArticlePage
from tests.factories import ArticlePageFactory, ImageFactory
from tests.publishing.forms import article_form_data
from tests.publishing.users import make_editor, make_final_editor, make_user


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def final_editor(db):
    return make_final_editor()


@pytest.fixture
def live_article(news_index):
    return ArticlePageFactory(parent=news_index, title="Oude titel", slug="oude-titel")


def create_url(parent):
    return reverse("wagtailadmin_pages:add", args=["news", "articlepage", parent.pk])


def edit(client, page, **fields):
    data = article_form_data(title=fields.pop("title", page.title), slug=page.slug, **fields)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_editor_creates_a_draft_but_publishing_leaves_it_offline(client, editor, news_index):
    client.force_login(editor)

    client.post(create_url(news_index), article_form_data(action="publish"))

    article = ArticlePage.objects.get(slug="wijkteams-werken-samen")
    assert article.owner == editor
    assert not article.live
    assert article.live_revision is None
    assert article.latest_revision is not None
    assert client.get(article.url or "/nieuws/wijkteams-werken-samen/").status_code == 404


def test_editor_publish_post_leaves_the_live_revision_unchanged(client, editor, live_article):
    live_revision = live_article.live_revision_id
    client.force_login(editor)

    edit(client, live_article, title="Nieuwe titel van de redacteur", action="publish")

    live_article.refresh_from_db()
    assert live_article.live_revision_id == live_revision
    assert live_article.title == "Oude titel"
    assert live_article.has_unpublished_changes
    assert live_article.get_latest_revision_as_object().title == "Nieuwe titel van de redacteur"
    assert "Oude titel" in client.get("/nieuws/oude-titel/").content.decode()


def test_editor_cannot_unpublish(client, editor, live_article):
    client.force_login(editor)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[live_article.pk]))

    live_article.refresh_from_db()
    assert live_article.live


def test_editor_cannot_delete_a_live_article(client, editor, live_article):
    client.force_login(editor)

    client.post(reverse("wagtailadmin_pages:delete", args=[live_article.pk]))

    assert ArticlePage.objects.filter(pk=live_article.pk, live=True).exists()


def test_final_editor_publishes_directly(client, final_editor, live_article):
    client.force_login(final_editor)

    edit(client, live_article, title="Titel van de eindredactie", action="publish")

    live_article.refresh_from_db()
    assert live_article.title == "Titel van de eindredactie"
    assert not live_article.has_unpublished_changes
    assert "Titel van de eindredactie" in client.get("/nieuws/oude-titel/").content.decode()


def test_final_editor_creates_and_publishes_in_one_go(client, final_editor, news_index):
    client.force_login(final_editor)

    client.post(create_url(news_index), article_form_data(action="publish"))

    assert client.get("/nieuws/wijkteams-werken-samen/").status_code == 200


def test_final_editor_unpublishes(client, final_editor, live_article):
    client.force_login(final_editor)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[live_article.pk]))

    live_article.refresh_from_db()
    assert not live_article.live
    assert client.get("/nieuws/oude-titel/").status_code == 410  # once live: gone


def test_user_without_a_role_cannot_create_pages(client, news_index):
    outsider = make_user("buitenstaander")
    client.force_login(outsider)

    client.post(create_url(news_index), article_form_data(action="publish"))

    assert not Page.objects.filter(slug="wijkteams-werken-samen").exists()


@pytest.mark.parametrize("make", [make_editor, make_final_editor])
def test_both_roles_add_and_choose_images_and_delete_only_their_own(client, news_index, make):
    someone_elses = ImageFactory()
    user = make()
    own = ImageFactory(uploaded_by_user=user)
    client.force_login(user)

    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    client.post(reverse("wagtailimages:delete", args=[someone_elses.pk]))
    client.post(reverse("wagtailimages:delete", args=[own.pk]))

    assert type(someone_elses).objects.filter(pk=someone_elses.pk).exists()
    assert not type(own).objects.filter(pk=own.pk).exists()
    client.force_login(make_user("beheerder", superuser=True))
    client.post(reverse("wagtailimages:delete", args=[someone_elses.pk]))
    assert not type(someone_elses).objects.filter(pk=someone_elses.pk).exists()
