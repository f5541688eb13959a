"""Dutch labels on Wagtail form fields that have none: Django then derives an English label from the field
name ("Link text", "Phone number", "Page") that no catalog can translate.

The forms are Wagtail internals (the link choosers behind Draftail's link button, the workflow editor's pages);
tests/translations/test_contracts.py fails with a clear message when an upgrade renames or removes them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import choosers, workflows

LINK_TEXT = _("Linktekst")
LABELS = {
    (choosers, "ExternalLinkChooserForm"): {"link_text": LINK_TEXT},
    (choosers, "AnchorLinkChooserForm"): {"link_text": LINK_TEXT},
    (choosers, "EmailLinkChooserForm"): {
        "email_address": _("E-mailadres"),
        "link_text": LINK_TEXT,
        "subject": _("Onderwerp"),
        "body": _("Tekst van de e-mail"),
    },
    (choosers, "PhoneLinkChooserForm"): {"phone_number": _("Telefoonnummer"), "link_text": LINK_TEXT},
    (workflows, "WorkflowPageForm"): {"page": _("Pagina")},
}


def label_fields() -> None:
    for (module, form_name), labels in LABELS.items():
        fields = getattr(getattr(module, form_name, None), "base_fields", {})
        for field_name, label in labels.items():
            if field_name in fields:
                fields[field_name].label = label
