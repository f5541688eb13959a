"""Documents and articles with the new blocks, for the content-block tests."""

import io
import zipfile

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"%" * 1200 + b"\n%%EOF\n"


def make_document(title="Jaarverslag 2018", name="jaarverslag.pdf", content=PDF, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(content, name=name),
        file_size=len(content),
        collection=collection or Collection.get_first_root_node(),
    )


def documents_block(*documents) -> dict:
    return {"type": "documents", "value": {"documents": [document.pk for document in documents]}}


def office_file(extension: str) -> bytes:
    """A minimal OOXML or ODF container, as office software writes its first entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if extension.startswith("od"):
            kinds = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}
            archive.writestr(
                zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kinds[extension]}"
            )
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            part = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("_rels/.rels", "<Relationships/>")
            archive.writestr(part[extension], "<x/>")
    return buffer.getvalue()


def video_block(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", title="Tien jaar samenwerking") -> dict:
    from contentblocks.video import parse_video_url

    found = parse_video_url(url)
    value = {
        "url": found.watch_url,
        "title": title,
        "transcript": "De video is ondertiteld in het Nederlands.",
    }
    return {"type": "video", "value": {**value, "provider": found.provider, "video_id": found.video_id}}


def edit_article(client, page, blocks, action=None):
    """POST the article editor with `blocks` (name, value) as its body, as an editor's browser would.
    Wagtail checks required fields only on publishing (action="publish"), not on saving a draft."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import streamfield

    from tests.publishing.forms import article_form_data

    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_form_data(action, slug=page.slug, body=streamfield(blocks)),
    )


def block_errors(response) -> dict:
    """The first body block's errors per field, from an editor response that was refused."""
    error = response.context["form"].errors["body"].as_data()[0].block_errors[0]
    return {key: list(child.messages) for key, child in error.block_errors.items()}


def table_value(rows, caption="Aanmeldingen per gemeente", choice="both") -> dict:
    return {"data": rows, "table_caption": caption, "table_header_choice": choice}


def table_block(rows, caption="Aanmeldingen per gemeente", choice="both") -> dict:
    value = table_value(rows, caption, choice)
    flags = {
        "first_row_is_table_header": choice in ("row", "both"),
        "first_col_is_header": choice in ("column", "both"),
    }
    return {"type": "table", "value": {**value, **flags}}
