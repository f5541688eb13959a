"""Items published elsewhere: an article on another site (a blog on iBestuur, an interview in a trade
journal) that is listed here like an article, with every link going to that site and saying so in text.

It is an ArticlePage with `external_url` filled in, so listings, tag pages, related blocks, feeds, search,
the API and the newsletter treat it as any article; it has no page of its own: its address redirects to
the other site and it is left out of the sitemap.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel

SCHEMES = ("http", "https")
_URL = URLValidator(schemes=list(SCHEMES))


def validate_external_url(value: str) -> None:
    """Only a complete http(s) address: never javascript:, data:, mailto: or a path on this site."""
    message = _("Geef een volledig webadres dat begint met https:// of http://.")
    if urlsplit(value.strip()).scheme.lower() not in SCHEMES:
        raise ValidationError(message, code="scheme")
    try:
        _URL(value.strip())
    except ValidationError as error:
        raise ValidationError(message, code="invalid") from error


class ExternalItemFields(models.Model):
    external_url = models.CharField(
        _("adres van het bericht elders"),
        max_length=500,
        blank=True,
        validators=[validate_external_url],
        help_text=_(
            "Alleen invullen als dit bericht op een andere website staat. Het overzicht linkt dan naar die "
            "website en dit bericht krijgt hier geen eigen pagina: inhoud en ‘Gerelateerd nieuws’ worden "
            "niet getoond. Begint met https://."
        ),
    )
    source_name = models.CharField(
        _("naam van de website"),
        max_length=100,
        blank=True,
        help_text=_("Waar het bericht staat, bijvoorbeeld “iBestuur”. Verplicht bij een adres elders."),
    )
    kind_label = models.CharField(
        _("soort bericht"),
        max_length=40,
        blank=True,
        help_text=_("Optioneel, bijvoorbeeld Blog, Opinie of Interview."),
    )

    class Meta:
        abstract = True

    external_panel = MultiFieldPanel(
        ["external_url", "source_name", "kind_label"],
        heading=_("Elders gepubliceerd"),
        classname="collapsed",
    )

    @property
    def is_external(self) -> bool:
        return bool(self.external_url)

    @property
    def external_note(self) -> str:
        """What every link to the other site says, e.g. "externe link, iBestuur"."""
        return _("externe link, %(source)s") % {"source": self.source_name}

    def external_errors(self) -> dict:
        self.external_url = self.external_url.strip()
        self.source_name = " ".join(self.source_name.split())
        self.kind_label = " ".join(self.kind_label.split())
        if self.external_url and not self.source_name:
            return {"source_name": _("Geef de naam van de website waar het bericht staat.")}
        if not self.external_url and (self.source_name or self.kind_label):
            return {
                "external_url": _("Geef het adres van het bericht elders, of maak de naam en soort leeg.")
            }
        return {}
