"""The admin pages each role works with, on a small site: an article online, one awaiting approval, a person,
images and a document.

`journey(role, objects)` lists (url, expected status) for Redacteuren ("editor"), Eindredacteuren
("final_editor") and superusers ("administrator"); each list holds the previous role's pages plus its own.
"""

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from news.people import Person
from tests.factories import ArticlePageFactory, ImageFactory
from tests.publishing.forms import quote

ROLES = ["editor", "final_editor", "administrator"]


def build_site(news_index, editor, final_editor, walker) -> dict:
    """The content the journeys work on; the walker uploaded the image (everyone may edit their own)."""
    person = Person.objects.create(name="Anna Smit", role="wethouder")
    image = ImageFactory(title="Stadhuis", uploaded_by_user=walker)
    article = ArticlePageFactory(
        parent=news_index,
        title="Wijkteams werken samen",
        tags=["wijkteams"],
        owner=editor,
        body=[("quote", quote(person=person))],
    )
    first = article.save_revision(user=editor)
    article.title = "Wijkteams werken beter samen"
    article.save_revision(user=editor).publish(user=final_editor)
    scheduled = ArticlePageFactory(parent=news_index, title="Geldzorgen eerder in beeld", live=False)
    scheduled.save_revision().publish()  # as the scheduler and imports publish: without a user
    awaiting = ArticlePageFactory(
        parent=news_index, title="Jongeren houden hun hulp", live=False, owner=editor, slug="jongeren"
    )
    awaiting.save_revision(user=editor)
    workflow_state = awaiting.get_workflow().start(awaiting, editor)
    returned = ArticlePageFactory(
        parent=news_index, title="Vier steden, één loket", live=False, owner=editor, slug="een-loket"
    )
    returned.save_revision(user=editor)
    returned.get_workflow().start(returned, editor).current_task_state.reject(
        user=final_editor, comment="Kop?"
    )
    document = get_document_model().objects.create(
        title="Jaarverslag", file=ContentFile(b"Jaarverslag van de samenwerking.", name="jaarverslag.txt")
    )
    return {
        "index": news_index,
        "article": article,
        "first_revision": first,
        "awaiting": awaiting,
        "returned": returned,
        "task_state": workflow_state.current_task_state,
        "workflow": workflow_state.workflow,
        "person": person,
        "image": image,
        "document": document,
    }


def editor_pages(o: dict) -> list[str]:
    index, article, awaiting = o["index"].pk, o["article"], o["awaiting"].pk
    pages = "wagtailadmin_pages"
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[index]),
        reverse("wagtailadmin_explore", args=[index]) + "?q=wijkteams",
        reverse(f"{pages}:search") + "?q=wijkteams",
        reverse(f"{pages}:search") + "?q=onvindbaar",
        reverse(f"{pages}:add", args=["news", "articlepage", index]),
        reverse(f"{pages}:edit", args=[article.pk]),
        reverse(f"{pages}:edit", args=[awaiting]),
        reverse(f"{pages}:edit", args=[o["returned"].pk]),
        reverse(f"{pages}:history", args=[article.pk]),
        reverse(f"{pages}:workflow_history", args=[awaiting]),
        reverse(f"{pages}:revisions_compare", args=[article.pk, o["first_revision"].pk, "latest"]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[index]),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailadmin_choose_page_email_link"),
        reverse("wagtailadmin_choose_page_phone_link"),
        reverse("wagtailadmin_choose_page_anchor_link"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailsnippetchoosers_news_person:choose"),
        reverse("wagtailsnippets_news_person:list"),
        reverse("wagtailsnippets_news_person:add"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[o["image"].pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_javascript_catalog"),
        article.url,  # the userbar on the live site
    ]


def final_editor_pages(o: dict) -> list[str]:
    awaiting, task_state, person = o["awaiting"].pk, o["task_state"].pk, o["person"].pk
    return [
        reverse("wagtailadmin_pages:workflow_action", args=[awaiting, "approve", task_state]),
        reverse("wagtailadmin_pages:workflow_action", args=[awaiting, "reject", task_state]),
        reverse("wagtailadmin_pages:unpublish", args=[o["article"].pk]),
        reverse("wagtailsnippets_news_person:edit", args=[person]),
        reverse("wagtailsnippets_news_person:usage", args=[person]),
        reverse("wagtailsnippets_news_person:history", args=[person]),
        reverse("wagtailsnippets_news_person:delete", args=[person]),
        reverse("wagtailadmin_reports:locked_pages"),
    ]


def administrator_pages(o: dict) -> list[str]:
    article, site_history = o["article"].pk, reverse("wagtailadmin_reports:site_history")
    overviews = ["/admin/overzichten/publicaties/", "/admin/overzichten/geciteerde-personen/"]
    return [
        reverse("wagtailadmin_pages:delete", args=[article]),
        reverse("wagtailadmin_pages:move", args=[article]),
        reverse("wagtailadmin_pages:copy", args=[article]),
        reverse("wagtailadmin_pages:set_privacy", args=[article]),
        f"{site_history}?export=xlsx",
        f"{site_history}?export=csv",
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:edit", args=[o["workflow"].pk]),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailadmin_workflows:edit_task", args=[o["task_state"].task_id]),
        reverse("wagtailsettings:edit", args=["sitewide", "sitesettings", o["article"].get_site().pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=[o["awaiting"].owner_id]),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_collections:index"),
        reverse("wagtailredirects:index"),
        *overviews,
        *(f"{url}?export={kind}" for url in overviews for kind in ("csv", "xlsx")),
        "/admin/newsletter/subscriber/",
        "/admin/newsletter/articlemailing/",
    ]


def journey(role: str, objects: dict) -> list[tuple[str, int]]:
    urls = editor_pages(objects)
    if role in ("final_editor", "administrator"):
        urls += final_editor_pages(objects)
    if role == "administrator":
        urls += administrator_pages(objects)
    return [(url, 200) for url in urls] + [("/admin/bestaat-niet/", 404)]
