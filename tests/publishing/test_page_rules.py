"""Deleting pages and changing their privacy, per role, through every admin path; judged by resulting state.

The table these tests enforce is in docs/roles.md.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, PageViewRestriction, get_page_models

from news.models import ArticlePage
from publishing.permissions import EditorialPagePermissionTester
from publishing.roles import FINAL_EDITORS
from tests.factories import ArticlePageFactory, NewsIndexPageFactory, StandardPageFactory
from tests.publishing.users import make_editor, make_final_editor, make_user

REFUSED = "Sorry, je hebt geen toegang tot dit gedeelte."


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def colleague(db):
    return make_editor("collega")


@pytest.fixture
def final_editor(db):
    return make_final_editor()


@pytest.fixture
def administrator(db):
    return make_user("beheerder", superuser=True)


def draft(parent, owner, title="Concept"):
    """A page as an editor leaves it after *Concept opslaan*: never online, owned by them."""
    page = ArticlePageFactory(parent=parent, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return page


def once_online(parent, owner):
    """A page of `owner` that was online and has been taken offline."""
    page = ArticlePageFactory(parent=parent, title="Was online", owner=owner)
    page.save_revision(user=owner).publish()
    page.refresh_from_db()
    page.unpublish()
    return page


def scheduled(parent, owner):
    """A page of `owner` approved to go online tomorrow."""
    page = ArticlePageFactory(parent=parent, title="Gepland", live=False, owner=owner)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision(user=owner).publish()
    return page


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)


def bulk_delete(client, page):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return client.post(f"{url}?id={page.pk}", follow=True)


def exists(page) -> bool:
    return Page.objects.filter(pk=page.pk).exists()


def messages(response) -> list[str]:
    return [str(message).strip() for message in response.context["messages"]]


# Deleting


@pytest.mark.parametrize("how", [delete, bulk_delete])
@pytest.mark.parametrize("page_type", ["article", "standard page"])
def test_only_an_administrator_deletes_a_live_page(
    client, home, news_index, final_editor, administrator, how, page_type
):
    if page_type == "article":
        page = ArticlePageFactory(parent=news_index, title="Live bericht")
    else:
        page = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
    client.force_login(final_editor)

    response = how(client, page)

    assert exists(page) and Page.objects.get(pk=page.pk).live
    if how is delete:
        assert REFUSED in messages(response)
    client.force_login(administrator)
    how(client, page)
    assert not exists(page)


@pytest.mark.parametrize("how", [delete, bulk_delete])
def test_final_editor_deletes_what_is_offline_including_after_taking_it_offline(
    client, news_index, editor, final_editor, how
):
    live = ArticlePageFactory(parent=news_index, title="Live bericht")
    someone_elses_draft = draft(news_index, editor)
    client.force_login(final_editor)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    how(client, live)
    how(client, someone_elses_draft)

    assert not exists(live)
    assert not exists(someone_elses_draft)


@pytest.mark.parametrize("how", [delete, bulk_delete])
def test_editor_deletes_their_own_draft(client, news_index, editor, how):
    own = draft(news_index, editor)
    client.force_login(editor)

    how(client, own)

    assert not exists(own)


@pytest.mark.parametrize("how", [delete, bulk_delete])
@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda parent, editor, colleague: draft(parent, colleague), id="colleagues draft"),
        pytest.param(lambda parent, editor, colleague: once_online(parent, editor), id="own, was online"),
        pytest.param(lambda parent, editor, colleague: scheduled(parent, editor), id="own, scheduled"),
        pytest.param(
            lambda parent, editor, colleague: ArticlePageFactory(parent=parent, owner=editor), id="live"
        ),
    ],
)
def test_editor_deletes_nothing_but_their_own_drafts(client, news_index, editor, colleague, how, make):
    page = make(news_index, editor, colleague)
    state = Page.objects.filter(pk=page.pk).values("live", "first_published_at").get()
    client.force_login(editor)

    response = how(client, page)

    assert Page.objects.filter(pk=page.pk).values("live", "first_published_at").get() == state
    if how is delete:
        assert REFUSED in messages(response)


def test_with_bulk_delete_a_section_goes_only_when_nothing_under_it_is_live(
    client, home, editor, final_editor
):
    """Wagtail lets only groups given *bulk delete* delete a page with pages under it; ours have none."""
    GroupPagePermission.objects.create(
        group=Group.objects.get(name=FINAL_EDITORS),
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="bulk_delete_page"),
    )
    with_live = NewsIndexPageFactory(parent=home, title="Nieuws", slug="nieuws", live=False)
    ArticlePageFactory(parent=with_live, title="Live bericht")
    offline = NewsIndexPageFactory(parent=home, title="Archief", slug="archief", live=False)
    draft(offline, editor)
    client.force_login(final_editor)

    delete(client, with_live)
    delete(client, offline)

    assert exists(with_live)
    assert not exists(offline)


def delete_links(client, parent) -> set[int]:
    """The pages whose delete action the explorer offers under `parent`."""
    html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content.decode()
    return {
        page.pk
        for page in parent.get_children()
        if reverse("wagtailadmin_pages:delete", args=[page.pk]) in html
    }


def test_the_delete_action_is_offered_only_where_it_works(
    client, news_index, editor, colleague, final_editor
):
    live = ArticlePageFactory(parent=news_index, title="Live bericht")
    own, colleagues = draft(news_index, editor, "Eigen"), draft(news_index, colleague, "Van collega")

    client.force_login(editor)
    assert delete_links(client, news_index) == {own.pk}
    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=[colleagues.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[colleagues.pk]) not in editor_view

    client.force_login(final_editor)
    assert delete_links(client, news_index) == {own.pk, colleagues.pk}
    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=[live.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[live.pk]) not in editor_view


# Privacy


def privacy(client, page, **data):
    return client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        data,
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def restrictions(page):
    return list(PageViewRestriction.objects.filter(page=page).values_list("restriction_type", "password"))


def privacy_toggle(client, page) -> bool:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return bool(BeautifulSoup(html, "html.parser").select('[data-a11y-dialog-show="set-privacy"]'))


@pytest.mark.parametrize("make", [make_editor, make_final_editor])
def test_only_an_administrator_changes_privacy(client, news_index, administrator, make):
    private = ArticlePageFactory(parent=news_index, title="Intern bericht", slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = ArticlePageFactory(parent=news_index, title="Openbaar bericht")
    client.force_login(make())

    assert privacy(client, private, restriction_type="none").status_code == 403
    assert privacy(client, private, restriction_type="password", password="geheim").status_code == 403
    assert privacy(client, public, restriction_type="login").status_code == 403
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[private.pk]), follow=True)
    assert REFUSED in messages(response)
    assert not privacy_toggle(client, private)

    assert restrictions(private) == [("login", "")]
    assert restrictions(public) == []
    assert Client().get("/nieuws/intern/").status_code == 302

    client.force_login(administrator)
    assert privacy_toggle(client, private)
    privacy(client, private, restriction_type="none")
    privacy(client, public, restriction_type="login")
    assert restrictions(private) == []
    assert restrictions(public) == [("login", "")]


# Moving into other privacy


def move(client, page, destination):
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))


def parent_of(page):
    return Page.objects.get(pk=page.pk).get_parent().pk


def test_moving_a_page_out_of_a_private_section_is_for_administrators(
    client, home, final_editor, administrator
):
    public = NewsIndexPageFactory(parent=home, title="Nieuws", slug="nieuws")
    private = NewsIndexPageFactory(parent=home, title="Intern", slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    other_public = NewsIndexPageFactory(parent=home, title="Archief", slug="archief")
    secret = ArticlePageFactory(parent=private, title="Geheim")
    ordinary = ArticlePageFactory(parent=public, title="Gewoon")
    client.force_login(final_editor)

    move(client, secret, public)
    move(client, ordinary, private)
    move(client, ordinary, other_public)

    assert parent_of(secret) == private.pk
    assert parent_of(ordinary) == other_public.pk
    client.force_login(administrator)
    move(client, secret, public)
    assert parent_of(secret) == public.pk


def test_editor_moves_pages_that_are_not_online(client, home, editor, colleague):
    """Wagtail's own rule, unchanged: moving a live page is publishing it elsewhere."""
    here = NewsIndexPageFactory(parent=home, title="Nieuws", slug="nieuws")
    there = NewsIndexPageFactory(parent=home, title="Archief", slug="archief")
    colleagues = draft(here, colleague)
    live = ArticlePageFactory(parent=here, title="Live bericht")
    client.force_login(editor)

    move(client, colleagues, there)
    move(client, live, there)

    assert parent_of(colleagues) == there.pk
    assert parent_of(live) == here.pk


# The rules hold for every page type, also when Wagtail starts from a plain Page


def test_every_page_type_uses_the_editorial_rules(news_index, editor):
    article = ArticlePageFactory(parent=news_index)
    for model in get_page_models():
        if model is not Page:
            assert model.permissions_for_user is not Page.permissions_for_user, model
    tester = Page.objects.get(pk=article.pk).permissions_for_user(editor)
    assert isinstance(tester, EditorialPagePermissionTester), (
        "Wagtail no longer asks the page type for its permission tester (Page.permissions_for_user): "
        "see publishing/permissions.py"
    )
    assert isinstance(
        ArticlePage.objects.get(pk=article.pk).permissions_for_user(editor), EditorialPagePermissionTester
    )
