"""Uploads are checked by content, not only by extension: a renamed HTML or script file is refused."""

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# Extension → the content it must have. Office formats are ZIP containers whose first entries name the
# format (filetype reads them: a plain ZIP renamed .docx is refused); text must be plain text.
TEXT_BASED = {"csv", "txt"}
MARKUP_SIGNS = (b"<html", b"<script", b"<!doctype", b"<svg", b"<?xml", b"<body", b"<iframe")


def content_matches(extension: str, head: bytes) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in TEXT_BASED:
        lowered = head.lower()
        return b"\x00" not in head and not any(sign in lowered for sign in MARKUP_SIGNS)
    kind = filetype.guess(head)
    return kind is not None and kind.extension == extension


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            upload.seek(0)
            head = upload.read(8192)
            upload.seek(0)
            if not content_matches(extension, head):
                raise forms.ValidationError(
                    _(
                        "De inhoud van dit bestand past niet bij de extensie .%(ext)s. Upload het originele bestand."
                    ),
                    params={"ext": extension},
                )
        return upload
