"""Documents in an article: the download-list block, its cached look-up, and who may download a document.

A visitor (anyone without access to the admin) only gets a document that a live, public page links to
(a documents block or a link in rich text, as Wagtail's reference index records it). A document of a
draft, an unpublished or a private page answers 404, however well its address is guessed.
"""

from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.models import Page, ReferenceIndex

from sitewide import versions
from sitewide.models import SiteSettings

# What visitors read as the type; anything else shows its extension in capitals.
TYPE_LABELS = {
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "ODT",
    "ods": "ODS",
    "odp": "ODP",
}
HTML_EXTENSIONS = {"htm", "html"}


def documents_by_id(ids) -> dict:
    """Documents for blocks, from the cache where possible: one query for all the misses of a page."""
    model = get_document_model()
    return versions.cached_by_id(
        "contentblocks:document",
        ids,
        fetch=model.objects.only("id", "title", "file", "file_size", "collection_id").in_bulk,
        to_entry=lambda doc: (doc.title, doc.file.name, doc.file_size, doc.collection_id),
        from_entry=lambda pk, entry: model(
            pk=pk, title=entry[0], file=entry[1], file_size=entry[2], collection_id=entry[3]
        ),
    )


def connect() -> None:
    """A renamed, replaced or deleted document changes what pages show: move the content version on."""
    model = get_document_model()
    for signal in (post_save, post_delete):
        signal.connect(versions.saved, sender=model, dispatch_uid=f"versions-document-{id(signal)}")


def describe(document) -> dict:
    extension = document.file_extension.lower()
    size = filesizeformat(document.file_size) if document.file_size else ""
    kind = TYPE_LABELS.get(extension, extension.upper())
    return {
        "document": document,
        "kind": kind,
        "details": ", ".join(part for part in (kind, size) if part),
        "accessible_version": extension not in HTML_EXTENSIONS,
        "subject": quote(_("Toegankelijke versie van %(title)s") % {"title": document.title}, safe=""),
    }


class CachedDocumentChooserBlock(DocumentChooserBlock):
    def bulk_to_python(self, values):
        documents = documents_by_id(values)
        return [documents.get(int(v)) if str(v).isdigit() else None for v in values]


class DocumentsBlock(blocks.StructBlock):
    """One or more documents as download links naming title, type and size."""

    documents = blocks.ListBlock(
        CachedDocumentChooserBlock(label=_("Document")),
        min_num=1,
        max_num=20,
        label=_("Documenten"),
        help_text=_(
            "Kies de documenten of upload ze (PDF, ODF, Word, Excel, PowerPoint of CSV). Bezoekers zien de "
            "titel, het bestandstype en de grootte, en kunnen een toegankelijke versie aanvragen."
        ),
    )

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/documents.html"
        label = _("Documenten")
        help_text = _("Een of meer documenten om te downloaden, zoals een rapport of jaarverslag.")
        description = _("Downloadlinks naar documenten, met bestandstype en grootte.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = [describe(document) for document in value["documents"] if document]
        request = (parent_context or {}).get("request")
        site_settings = SiteSettings.for_request(request) if request is not None else None
        context["request_email"] = site_settings.contact_email if site_settings else ""
        return context


def visible_to_visitors(document) -> bool:
    """Whether a live, public page links to the document (two queries; only when a document is served)."""
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id=str(document.pk),
    ).values_list("object_id", flat=True)
    page_ids = {int(pk) for pk in references if pk.isdigit()}
    if not page_ids:
        return False
    not_expired = Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())  # before the job unpublishes
    return Page.objects.live().public().filter(not_expired, pk__in=page_ids).exists()


def check_document_access(document, request):
    """before_serve_document: editors get every document, visitors only those of live, public pages."""
    user = getattr(request, "user", None)
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return None
    if not visible_to_visitors(document):
        raise Http404("Document not linked from a live, public page")
    return None
