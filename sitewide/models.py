import copy

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, PageChooserPanel, TabbedInterface
from wagtail.blocks import StreamValue
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from sitewide import forms, sites, versions
from sitewide.blocks import SocialLinkBlock
from sitewide.versions import ContentVersion  # noqa: F401 - registers the model

FOOTER_PAGE_FIELDS = ("accessibility_page", "privacy_page", "contact_page")


def _footer_page(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


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
    contact_email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Algemeen e-mailadres voor vragen van bezoekers; staat in de footer."),
    )
    contact_phone = models.CharField(
        _("telefoonnummer"),
        max_length=40,
        blank=True,
        help_text=_("Zoals het er moet staan, bijvoorbeeld ‘030 123 45 67’."),
    )
    contact_address = models.TextField(
        _("postadres"),
        blank=True,
        help_text=_("Elke regel van het adres op een eigen regel."),
    )
    accessibility_page = _footer_page(
        _("pagina toegankelijkheid"),
        _("De toegankelijkheidsverklaring; verplicht voor overheidssites. Link staat in de footer."),
    )
    privacy_page = _footer_page(_("pagina privacy"), _("De privacyverklaring. Link staat in de footer."))
    contact_page = _footer_page(_("pagina contact"), _("De contactpagina. Link staat in de footer."))
    social_links = StreamField(
        [("profile", SocialLinkBlock())],
        blank=True,
        verbose_name=_("sociale media"),
        help_text=_("Profielen van de organisatie, in de volgorde waarin ze in de footer staan."),
    )
    security_contact = models.TextField(
        _("contactadressen"),
        blank=True,
        validators=[forms.validate_contacts],
        help_text=_(
            "Waar iemand een beveiligingsprobleem van de site meldt: één adres per regel, beginnend met "
            "mailto: (e-mail) of https:// (een meldformulier); het eerste heeft de voorkeur. "
            "Zonder contactadres staat er geen security.txt op de site."
        ),
    )
    security_expires = models.DateTimeField(
        _("geldig tot"),
        null=True,
        blank=True,
        help_text=_(
            "Verplicht bij een contactadres; hoogstens een jaar vooruit. Na dit moment verdwijnt security.txt "
            "van de site, zodat niemand verouderde gegevens gebruikt: verleng de datum op tijd."
        ),
    )
    security_policy = models.URLField(
        _("beleid voor meldingen"),
        blank=True,
        validators=[forms.validate_https_url],
        help_text=_(
            "Optioneel: de pagina over het melden van kwetsbaarheden (coordinated vulnerability disclosure), "
            "een adres dat begint met https://."
        ),
    )
    security_languages = models.CharField(
        _("voorkeurstalen"),
        max_length=60,
        blank=True,
        default="nl, en",
        validators=[forms.validate_languages],
        help_text=_("Talen waarin meldingen welkom zijn, als taalcodes gescheiden door komma's: ‘nl, en’."),
    )

    base_form_class = forms.SiteSettingsForm
    panels = [
        "organisation_name",
        MultiFieldPanel(["newsletter_heading", "newsletter_text"], heading=_("Blijf op de hoogte")),
        MultiFieldPanel(["contact_email", "contact_phone", "contact_address"], heading=_("Contactgegevens")),
        MultiFieldPanel(
            [PageChooserPanel(name) for name in FOOTER_PAGE_FIELDS],
            heading=_("Links in de footer"),
            help_text=_("Alleen gepubliceerde, openbare pagina's verschijnen in de footer."),
        ),
        FieldPanel("social_links"),
    ]
    security_panels = [
        MultiFieldPanel(
            ["security_contact", "security_expires", "security_policy", "security_languages"],
            heading=_("security.txt"),
            help_text=_(
                "Deze gegevens staan op /.well-known/security.txt (RFC 9116): zo weten onderzoekers waar ze "
                "een beveiligingsprobleem van de site kunnen melden."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [ObjectList(panels, heading=_("Algemeen")), ObjectList(security_panels, heading=_("Beveiliging"))]
    )

    class Meta:
        verbose_name = _("site-instellingen")

    @classmethod
    def for_site(cls, site):
        """Every page shows these settings: keep them in the cache under the content version, which saving
        them moves on (sitewide/versions.py)."""
        if site is None:
            return super().for_site(site)
        found = sites.settings_of(site)  # brought along by the site's own query
        if found is not None:
            return _own_copy(found)  # the process's copy is shared; forms change what they are given
        return versions.cached(
            f"sitewide:settings:{site.pk}", lambda: super(SiteSettings, cls).for_site(site)
        )

    @property
    def footer_page_ids(self) -> list:
        return [getattr(self, f"{name}_id") for name in FOOTER_PAGE_FIELDS]

    @property
    def phone_href(self) -> str:
        """The phone number as a tel: link target: digits and a leading plus only."""
        number = self.contact_phone.strip()
        digits = "".join(ch for ch in number if ch.isdigit())
        return f"tel:{'+' if number.startswith('+') else ''}{digits}" if digits else ""


def _own_copy(shared):
    """A copy of the process's shared settings for one caller, cheap enough for every request: its own
    attributes and related-object cache (Django's pickling state), its own page URL memo and its own
    StreamField values (fresh lists of the raw blocks). The related site stays shared, as the site itself is
    (sitewide/sites.py); a deep copy walked it, its root page and everything those hold (~1 ms)."""
    clone = copy.copy(shared)
    clone._page_url_cache = {}  # made by AbstractSetting.__init__, which unpickling skips
    for field in clone._meta.concrete_fields:
        value = clone.__dict__.get(field.attname)
        if isinstance(value, StreamValue):
            raw = copy.deepcopy(list(value.raw_data))  # JSON-like dicts and lists: cheap to copy
            clone.__dict__[field.attname] = StreamValue(value.stream_block, raw, is_lazy=True)
    return clone


# Every page shows them: saving or deleting them moves the content version on.
for signal in (post_save, post_delete):
    signal.connect(versions.saved, sender=SiteSettings, dispatch_uid=f"versions-SiteSettings-{id(signal)}")
