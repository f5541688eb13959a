"""Updates and corrections: an editor marks a significant change with a public note.

The notes are a child list of the article (they go through drafts, review and publication with it). The
newest note's date is kept on the article itself (`updated_at`) when it is saved, so listings, feeds, the
sitemap and structured data read the update date without another query; an edit without a note changes
none of it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.models import Orderable


class ArticleUpdate(Orderable):
    page = ParentalKey("news.ArticlePage", related_name="updates", on_delete=models.CASCADE)
    date = models.DateTimeField(
        _("datum"),
        default=timezone.now,
        help_text=_("Wanneer het bericht is bijgewerkt; staat bij de toelichting op de pagina."),
    )
    note = models.TextField(
        _("toelichting"),
        max_length=500,
        help_text=_("Wat er is veranderd en waarom, voor lezers, bijvoorbeeld “Het bedrag is gecorrigeerd.”"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("belangrijke wijziging")
        verbose_name_plural = _("belangrijke wijzigingen")


class UpdateFields(models.Model):
    updated_at = models.DateTimeField(_("bijgewerkt op"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    updates_panel = InlinePanel(
        "updates",
        heading=_("Belangrijke wijzigingen"),
        label=_("Belangrijke wijziging"),
        help_text=_(
            "Alleen voor een wijziging die lezers moeten weten, zoals een correctie: de toelichting en "
            "de datum staan onder het bericht en het bericht krijgt ‘Bijgewerkt op’. Kleine verbeteringen "
            "(een tikfout, een betere zin) hebben geen toelichting nodig."
        ),
    )

    def note_updates(self) -> None:
        """Keep `updated_at` at the newest note's date (the notes in memory: the editor's form or a
        revision being published)."""
        self.updated_at = max((u.date for u in self.updates.all() if u.date), default=None)

    def update_notes(self) -> list:
        """The notes, oldest first; no query for an article that has none."""
        if self.updated_at is None:
            return []
        return sorted(self.updates.all(), key=lambda u: u.date)
