from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("naam van de site"),
        max_length=120,
        default="Nieuwsroom Sociaal Domein",
        help_text=_("Staat in de kop van elke pagina en in de paginatitel."),
    )
    newsletter_heading = models.CharField(
        _("kop"),
        max_length=120,
        default="Blijf op de hoogte",
        help_text=_("Kop van het blok ‘Blijf op de hoogte’ onder artikelen en op de homepage."),
    )
    newsletter_text = models.TextField(
        _("tekst"),
        default=(
            "Blijf op de hoogte van de laatste ontwikkelingen in de samenwerking "
            "tussen gemeenten in het sociaal domein."
        ),
        help_text=_("Eén of twee zinnen die uitnodigen om op de hoogte te blijven."),
    )

    panels = [
        "organisation_name",
        MultiFieldPanel(["newsletter_heading", "newsletter_text"], heading=_("Blijf op de hoogte")),
    ]

    class Meta:
        verbose_name = _("site-instellingen")

    @classmethod
    def cache_key(cls, site_id):
        return f"sitewide:settings:{site_id}"

    @classmethod
    def for_site(cls, site):
        """Every page shows these settings: keep them in the cache until they are saved again."""
        if site is None:
            return super().for_site(site)
        instance = cache.get(cls.cache_key(site.pk))
        if instance is None:
            instance = super().for_site(site)
            cache.set(cls.cache_key(site.pk), instance, timeout=None)
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))
