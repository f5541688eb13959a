"""The content checker (axe in the userbar and in the editor's Checks panel) tuned for this site's editors.

It checks what an editor controls (headings, link texts, images and their alt text) and explains
each problem in Dutch. It runs on the live page for logged-in users and on every preview.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

# Alt texts that say nothing: file names, underscores, or a bare word like "foto 3".
MEANINGLESS_ALT = r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_|^\s*(afbeelding|foto|plaatje|illustratie|image|img|picture|photo)\s*\d*\s*$"


class SiteContentChecker(ContentCheckerItem):
    axe_include = ["main"]
    axe_run_only = [
        "button-name",
        "empty-heading",
        "empty-table-header",
        "frame-title",
        "heading-order",
        "input-button-name",
        "link-name",
        "p-as-heading",
        "image-alt",
        "image-redundant-alt",
        "alt-text-quality",
        "empty-meta-description",
    ]
    axe_custom_checks = [
        {"id": "check-image-alt-text", "options": {"pattern": MEANINGLESS_ALT}},
        {"id": "check-empty-meta-description"},
    ]
    axe_messages = {
        "button-name": {
            "error_name": _("Knop zonder tekst"),
            "help_text": _("Geef de knop een tekst die zegt wat hij doet."),
        },
        "empty-heading": {
            "error_name": _("Lege kop"),
            "help_text": _("Geef de tussenkop tekst of verwijder hem; schermlezers lezen lege koppen voor."),
        },
        "empty-table-header": {
            "error_name": _("Lege kolomkop in een tabel"),
            "help_text": _("Geef elke kolom een kop die zegt wat erin staat."),
        },
        "frame-title": {
            "error_name": _("Ingesloten inhoud zonder titel"),
            "help_text": _("Geef ingesloten inhoud een titel die zegt wat het is."),
        },
        "heading-order": {
            "error_name": _("Kopniveau overgeslagen"),
            "help_text": _("Sla geen kopniveaus over: schermlezers navigeren via de koppen."),
        },
        "input-button-name": {
            "error_name": _("Knop zonder tekst"),
            "help_text": _("Geef de knop een tekst die zegt wat hij doet."),
        },
        "link-name": {
            "error_name": _("Link zonder tekst"),
            "help_text": _("Een link heeft tekst nodig die zegt waar hij heen gaat."),
        },
        "p-as-heading": {
            "error_name": _("Vetgedrukte alinea gebruikt als kop"),
            "help_text": _("Gebruik een sectie met tussenkop in plaats van een vette alinea."),
        },
        "image-alt": {
            "error_name": _("Afbeelding zonder alternatieve tekst"),
            "help_text": _("Beschrijf wat de afbeelding laat zien, of vink ‘Decoratief’ aan."),
        },
        "image-redundant-alt": {
            "error_name": _("Alternatieve tekst herhaalt de tekst ernaast"),
            "help_text": _("Beschrijf wat er te zien is in plaats van het bijschrift te herhalen."),
        },
        "alt-text-quality": {
            "error_name": _("Alternatieve tekst zegt niets"),
            "help_text": _("Een bestandsnaam of ‘foto’ helpt niemand: beschrijf wat er te zien is."),
        },
        "empty-meta-description": {
            "error_name": _("Omschrijving voor zoekmachines is leeg"),
            "help_text": _("Vul de inleiding of de zoekmachine-omschrijving in."),
        },
    }


def use_site_content_checker(request, items, page):
    """construct_wagtail_userbar hook: replace Wagtail's default checker by the site's one."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentChecker):
            items[index] = SiteContentChecker(in_editor=item.in_editor)
