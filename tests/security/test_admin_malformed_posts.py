"""Malformed posts to the page editor's endpoints and the other admin forms answer 400 or 404 (or a form
error) and change nothing (they answered 500)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Page,
    PageLogEntry,
    Revision,
    Site,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage
from news.models import ArticlePage
from news.people import Person
from publishing.roles import WORKFLOW_NAME
from security.adminposts import GUARDED_VIEWS, PageEditorViewSet
from sitewide.models import SiteSettings
from tests.factories import ArticlePageFactory, ImageFactory
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
    default_site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.objects.create(
        site=default_site,
        organisation_name="Nieuwsroom",
        social_links=[("profile", {"network": "mastodon", "url": "https://social.example/@nieuws"})],
    )
    return {
        "article": article,
        "first": first_revision,
        "other": other,
        "parent": news_index,
        "user": user,
        "site": default_site,
        "settings": settings,
        "workflow": Workflow.objects.get(name=WORKFLOW_NAME),
        "redirect": Redirect.objects.create(old_path="/oud", redirect_link="/nieuws/"),
        "person": Person.objects.create(name="Anna Smit", role="wethouder"),
        "image": ImageFactory(title="Wijkteam"),
        "document": get_document_model().objects.create(
            title="Verslag", file=ContentFile(b"%PDF-1.7\n", name="verslag.pdf")
        ),
    }


def rows(model, *fields):
    return sorted(model.objects.values_list("pk", *fields))


def state():
    """Everything a post to these admin views could change."""
    pages = Page.objects.values_list(
        "pk", "title", "draft_title", "slug", "path", "live", "has_unpublished_changes", "latest_revision"
    )
    return {
        "pages": sorted(pages),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "workflows": sorted(WorkflowState.objects.values_list("pk", "status")),
        "tasks": sorted(TaskState.objects.values_list("pk", "status")),
        "settings": [
            (row.pk, row.organisation_name, list(row.social_links.raw_data))
            for row in SiteSettings.objects.all()
        ],
        "workflow setup": (
            rows(Workflow, "name", "active"),
            rows(WorkflowTask, "workflow", "task", "sort_order"),
            rows(WorkflowPage, "workflow"),
        ),
        "redirects": rows(Redirect, "old_path", "site", "redirect_page", "redirect_link"),
        "sites": rows(Site, "hostname", "port", "root_page", "is_default_site"),
        "people": rows(Person, "name", "role"),
        "images": rows(get_image_model(), "title", "collection", "focal_point_x"),
        "documents": rows(get_document_model(), "title", "collection"),
    }


def revert(s, revision=None):
    revision_id = revision if revision is not None else s["first"].pk
    return reverse("wagtailadmin_pages:revisions_revert", args=[s["article"].pk, revision_id])


def edit(s):
    return reverse("wagtailadmin_pages:edit", args=[s["article"].pk])


def approve_with(extra):
    return article_form_data(**{"action-workflow-action": "1", "workflow-action-name": "approve"}, **extra)


GARBLED_STREAM = {"body-count": "veel", "comments-TOTAL_FORMS": "x"}


def site_settings(s):
    return reverse("wagtailsettings:edit", args=["sitewide", "sitesettings", s["site"].pk])


def settings_form_data(**fields):
    data = {
        "organisation_name": "Andere naam",
        "newsletter_heading": "Blijf op de hoogte",
        "newsletter_text": "Tekst.",
        "contact_email": "",
        "contact_phone": "",
        "contact_address": "",
        "social_links": streamfield([]),
    }
    return {**nested_form_data(data), **fields}


def workflow(s):
    return reverse("wagtailadmin_workflows:edit", args=[s["workflow"].pk])


def workflow_form_data(s, **fields):
    """The workflow as its editor posts it, renamed; the formset's counts as `fields` say."""
    task = WorkflowTask.objects.get(workflow=s["workflow"])
    return {
        "name": "Andere naam",
        "workflow_tasks-TOTAL_FORMS": "1",
        "workflow_tasks-INITIAL_FORMS": "1",
        "workflow_tasks-MIN_NUM_FORMS": "0",
        "workflow_tasks-MAX_NUM_FORMS": "1000",
        "workflow_tasks-0-id": str(task.pk),
        "workflow_tasks-0-task": str(task.task_id),
        "workflow_tasks-0-ORDER": "1",
        "pages-TOTAL_FORMS": "0",
        "pages-INITIAL_FORMS": "0",
        "pages-MIN_NUM_FORMS": "0",
        "pages-MAX_NUM_FORMS": "1000",
        **fields,
    }


def redirect_form_data(**fields):
    return {"old_path": "/ander-pad", "site": "", "is_permanent": "on", "redirect_link": "", **fields}


def site_form_data(s, **fields):
    return {
        "hostname": "ander.example",
        "port": "80",
        "site_name": "Ander",
        "root_page": s["parent"].pk,
        **fields,
    }


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
    "unpublish, next not a path": (
        lambda s: reverse("wagtailadmin_pages:unpublish", args=[s["article"].pk]),
        {"next": "nieuws"},
        400,
    ),
    "delete, next not a path": (
        lambda s: reverse("wagtailadmin_pages:delete", args=[s["article"].pk]),
        {"next": "nieuws"},
        400,
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
    # The other admin forms. Site settings: a StreamField (`social_links-count`).
    "site settings, empty body": (site_settings, {}, 400),
    "site settings, garbled count": (
        site_settings,
        settings_form_data(**{"social_links-count": "veel"}),
        400,
    ),
    "site settings, a block without its fields": (
        site_settings,
        settings_form_data(**{"social_links-count": "1"}),
        400,
    ),
    # The workflow editor: two inline formsets (tasks and pages).
    "workflow, empty body": (workflow, {}, 200),
    "workflow, more existing tasks than posted": (
        workflow,
        lambda s: workflow_form_data(
            s, **{"workflow_tasks-TOTAL_FORMS": "2", "workflow_tasks-INITIAL_FORMS": "2"}
        ),
        400,
    ),
    "workflow, garbled counts": (
        workflow,
        lambda s: workflow_form_data(s, **{"workflow_tasks-TOTAL_FORMS": "x", "pages-TOTAL_FORMS": "x"}),
        200,
    ),
    # Page choosers outside the page editor: a redirect's target, a site's root page.
    "redirect add, page id not a number": (
        lambda s: reverse("wagtailredirects:add"),
        redirect_form_data(redirect_page="abc"),
        400,
    ),
    "redirect edit, page id not a number": (
        lambda s: reverse("wagtailredirects:edit", args=[s["redirect"].pk]),
        redirect_form_data(redirect_page="abc"),
        400,
    ),
    "redirect import, nothing uploaded": (lambda s: reverse("wagtailredirects:process_import"), {}, 400),
    "site add, root page not a number": (
        lambda s: reverse("wagtailsites:add"),
        lambda s: site_form_data(s, root_page="abc"),
        400,
    ),
    "site edit, root page not a number": (
        lambda s: reverse("wagtailsites:edit", args=[s["site"].pk]),
        lambda s: site_form_data(s, root_page="abc"),
        400,
    ),
    # Forms that already answered with a form error; kept so they stay that way.
    "person, empty body": (
        lambda s: reverse("wagtailsnippets_news_person:edit", args=[s["person"].pk]),
        {},
        200,
    ),
    "image, empty body": (lambda s: reverse("wagtailimages:edit", args=[s["image"].pk]), {}, 200),
    "image, garbled": (
        lambda s: reverse("wagtailimages:edit", args=[s["image"].pk]),
        {"title": "Nieuw", "collection": "abc", "focal_point_x": "abc", "tags": "[", "file": "abc"},
        200,
    ),
    "document, empty body": (lambda s: reverse("wagtaildocs:edit", args=[s["document"].pk]), {}, 200),
}


@pytest.mark.parametrize("case", CASES)
def test_malformed_posts_answer_400_or_404_and_change_nothing(client, site, case):
    url, data, expected = CASES[case]
    client.force_login(site["user"])
    before = state()

    response = client.post(url(site), data(site) if callable(data) else data)

    assert response.status_code == expected
    assert state() == before
    if expected == 400:
        assert "Ongeldig verzoek" in response.content.decode()
    if expected == 200:
        assert "niet worden opgeslagen" in response.content.decode()  # Wagtail's banner over a form error


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


def named_views(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_views(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name, pattern.callback


def test_contract_the_other_admin_forms_are_guarded():
    """The guard is wrapped around these views by their URL name (security.adminposts.guard_admin_views).
    If this fails after a Wagtail upgrade, a view was renamed: update GUARDED_VIEWS."""
    views = [(name, view) for name, view in named_views(get_resolver().url_patterns) if name in GUARDED_VIEWS]

    assert {name for name, _ in views} == set(GUARDED_VIEWS)
    for name, view in views:
        assert getattr(view, "guards_malformed_input", False), name
