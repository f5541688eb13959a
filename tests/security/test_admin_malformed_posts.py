"""Malformed posts to the page editor's endpoints answer 400 or 404 and change nothing (they answered 500)."""

import pytest
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from home.models import HomePage
from news.models import ArticlePage
from security.adminposts import PageEditorViewSet
from tests.factories import ArticlePageFactory
from tests.publishing.forms import article_form_data
from tests.publishing.users import make_user


@pytest.fixture
def site(news_index):
    """A published article with an older revision, in the approval workflow; another article; a superuser."""
    article = ArticlePageFactory(parent=news_index, title="Eerste versie", slug="wijkteams-werken-samen")
    first_revision = article.save_revision()
    article.title = "Tweede versie"
    article.save_revision()
    user = make_user("hoofdredactie", superuser=True)
    article.get_workflow().start(article, user)
    other = ArticlePageFactory(parent=news_index, title="Ander artikel")
    other.save_revision()
    return {"article": article, "first": first_revision, "other": other, "parent": news_index, "user": user}


def state():
    """Everything an editor's post could change."""
    pages = Page.objects.values_list(
        "pk", "title", "draft_title", "slug", "path", "live", "has_unpublished_changes", "latest_revision"
    )
    return {
        "pages": sorted(pages),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "workflows": sorted(WorkflowState.objects.values_list("pk", "status")),
        "tasks": sorted(TaskState.objects.values_list("pk", "status")),
    }


def revert(s, revision=None):
    revision_id = revision if revision is not None else s["first"].pk
    return reverse("wagtailadmin_pages:revisions_revert", args=[s["article"].pk, revision_id])


def edit(s):
    return reverse("wagtailadmin_pages:edit", args=[s["article"].pk])


def approve_with(extra):
    return article_form_data(**{"action-workflow-action": "1", "workflow-action-name": "approve"}, **extra)


GARBLED_STREAM = {"body-count": "veel", "comments-TOTAL_FORMS": "x"}

CASES = {
    # (url, data, expected status)
    "revert, empty body": (revert, {}, 400),
    "revert, garbled counts": (revert, GARBLED_STREAM, 400),
    "revert, overwrite_revision_id not a number": (
        revert,
        article_form_data(overwrite_revision_id="abc"),
        400,
    ),
    "revert, another page's revision": (
        lambda s: revert(s, s["other"].latest_revision.pk),
        article_form_data(),
        404,
    ),
    "revert, no such revision": (lambda s: revert(s, 999_999), article_form_data(), 404),
    "edit, empty body": (edit, {}, 400),
    "edit, garbled counts": (edit, GARBLED_STREAM, 400),
    "edit, image id not a number": (edit, article_form_data(image="abc"), 400),
    "edit, related page id not a number": (
        edit,
        article_form_data(**{"related_links-TOTAL_FORMS": "1", "related_links-0-related_page": "abc"}),
        400,
    ),
    "edit, approve with extra data not JSON": (
        edit,
        approve_with({"workflow-action-extra-data": "{niet"}),
        400,
    ),
    "edit, approve with extra data a list": (edit, approve_with({"workflow-action-extra-data": "[1]"}), 400),
    "add, garbled counts": (
        lambda s: reverse("wagtailadmin_pages:add", args=["news", "articlepage", s["parent"].pk]),
        GARBLED_STREAM,
        400,
    ),
    "preview, garbled counts": (
        lambda s: reverse("wagtailadmin_pages:preview_on_edit", args=[s["article"].pk]),
        GARBLED_STREAM,
        400,
    ),
    "copy, no destination": (lambda s: reverse("wagtailadmin_pages:copy", args=[s["article"].pk]), {}, 400),
    "copy, destination not a number": (
        lambda s: reverse("wagtailadmin_pages:copy", args=[s["article"].pk]),
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": "abc"},
        400,
    ),
    "copy, no such destination": (
        lambda s: reverse("wagtailadmin_pages:copy", args=[s["article"].pk]),
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": "999999"},
        404,
    ),
    "move, no such destination": (
        lambda s: reverse("wagtailadmin_pages:move_confirm", args=[s["article"].pk, 999_999]),
        {},
        404,
    ),
    "workflow action, no such task state": (
        lambda s: reverse("wagtailadmin_pages:workflow_action", args=[s["article"].pk, "approve", 999_999]),
        {},
        404,
    ),
    "bulk unpublish, id not a number": (lambda s: "/admin/bulk/wagtailcore/page/unpublish/?id=abc", {}, 400),
    "bulk publish, no such parent": (
        lambda s: "/admin/bulk/wagtailcore/page/publish/?id=all&childOf=999999",
        {},
        404,
    ),
    "bulk move, destination not a number": (
        lambda s: f"/admin/bulk/wagtailcore/page/move/?id={s['article'].pk}",
        {"chooser": "abc"},
        400,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_malformed_posts_answer_400_or_404_and_change_nothing(client, site, case):
    url, data, expected = CASES[case]
    client.force_login(site["user"])
    before = state()

    response = client.post(url(site), data)

    assert response.status_code == expected
    assert state() == before
    if expected == 400:
        assert "Ongeldig verzoek" in response.content.decode()


def test_a_well_formed_revert_still_works(client, site):
    client.force_login(site["user"])

    response = client.post(revert(site), article_form_data(title="Eerste versie terug"))

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=site["article"].pk).get_latest_revision_as_object().title == (
        "Eerste versie terug"
    )


def test_contract_every_page_type_and_page_bulk_action_is_guarded():
    """The guard sits in the page viewset registered for `Page` and in re-registered bulk actions
    (security/wagtail_hooks.py). If this fails after a Wagtail upgrade, or because a page type got a
    viewset of its own, make that one a subclass of security.adminposts.PageEditorViewSet."""
    for model in [Page, HomePage, ArticlePage, *Page.__subclasses__()]:
        assert isinstance(page_viewset_registry.get_by_type(model), PageEditorViewSet), model
    for action in ["delete", "move", "publish", "unpublish"]:
        action_class = bulk_action_registry.get_bulk_action_class("wagtailcore", "page", action)
        assert action_class.__name__.startswith("Guarded"), action
