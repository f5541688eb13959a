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
