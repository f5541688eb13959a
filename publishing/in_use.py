"""No silent loss: what a page shows cannot be deleted from under it.

A person quoted on a page, an image or document on a page, or any other snippet a page uses is refused
deletion while a page uses it (the page would otherwise lose the speaker, the image or the file without a
word). The refusal lists where it is used and how to replace it. Before an article is unpublished, the
editor sees the published pages that link to it (related news, links in the text).

Usage comes from Wagtail's reference index, which records what each page's saved content points at.
"""

from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DeleteView as DocumentDeleteView
from wagtail.images import get_image_model
from wagtail.images.views.images import DeleteView as ImageDeleteView
from wagtail.models import Page, ReferenceIndex

from news.people import Person

REPLACE_HINTS = {
    Person: _(
        "Is alleen de naam of functie veranderd? Pas dan deze persoon aan: de wijziging verschijnt meteen "
        "onder alle citaten."
    ),
    get_image_model(): _(
        "Is er een betere versie? Vervang dan het bestand van deze afbeelding: alle pagina's tonen meteen "
        "de nieuwe."
    ),
    get_document_model(): _(
        "Is er een nieuwe versie? Vervang dan het bestand van dit document: alle links wijzen meteen naar "
        "de nieuwe."
    ),
}


def page_uses(obj, live_only=False) -> list[dict]:
    """The pages whose saved content uses `obj`: page, where on the page, its edit URL; published first."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    if isinstance(obj, Page):
        references = references.exclude(object_id=str(obj.pk))
    fields: dict[int, list[str]] = {}
    for reference in references.order_by("object_id", "model_path"):
        described = str(reference.describe_source_field())
        found = fields.setdefault(int(reference.object_id), [])
        if described not in found:
            found.append(described)
    pages = Page.objects.filter(pk__in=fields).order_by("-live", "title")
    if live_only:
        pages = pages.filter(live=True)
    return (
        [
            {
                "page": page,
                "where": fields[page.pk],
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            }
            for page in pages
        ]
        if fields
        else []
    )


def refusal(request, objects):
    """The refusal page for deleting `objects` if a page uses any of them, else None (go ahead)."""
    finder = AdminURLFinder(request.user)
    blocked = []
    for obj in objects:
        uses = page_uses(obj)
        if uses:
            blocked.append(
                {
                    "object": obj,
                    "uses": uses,
                    "count": len(uses),
                    "edit_url": finder.get_edit_url(obj),
                    "hint": REPLACE_HINTS.get(type(obj)),
                }
            )
    if not blocked:
        return None
    return TemplateResponse(
        request,
        "publishing/in_use.html",
        {"blocked": blocked, "back_url": request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home")},
    )


def before_delete_snippet(request, instances):
    return refusal(request, instances)


def before_bulk_delete(request, action_type, objects, action):
    if action_type == "delete" and not any(isinstance(obj, Page) for obj in objects):
        return refusal(request, objects)
    return None


class GuardedImageDeleteView(ImageDeleteView):
    def run_before_hook(self):
        return refusal(self.request, [self.get_object()])


class GuardedDocumentDeleteView(DocumentDeleteView):
    def run_before_hook(self):
        return refusal(self.request, [self.get_object()])


def pages_linking_to(page) -> list[dict]:
    """The published pages that link to `page` (related news, links in the text), for the unpublish page."""
    return page_uses(page, live_only=True)
