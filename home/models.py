from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import StandardPageBodyBlock
from news import routing
from news.cards import attach_cards
from news.models import NEWEST_FIRST, ArticlePage, NewsIndexPage
from pagebase.mixins import SitePageMixin
from pagebase.panels import SETTINGS_PANELS

LATEST_COUNT = 6


class HomePage(SitePageMixin, Page):
    intro = RichTextField(
        _("introductie"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Eén of twee zinnen over wie hier nieuws publiceert en waarover."),
    )
    featured_article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("uitgelicht artikel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optioneel: dit artikel staat groot bovenaan. Leeg laten voor alleen het laatste nieuws."
        ),
    )

    content_panels = [
        *Page.content_panels,
        "intro",
        PageChooserPanel("featured_article", "news.ArticlePage"),
    ]
    settings_panels = SETTINGS_PANELS

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("homepage")
        verbose_name_plural = _("homepages")

    # Wagtail's routing hook, called on the site's root page for every request; contract tested.
    def route(self, request, path_components):
        """The news index, under which most requests go, in one query instead of Wagtail's two, kept per
        content version (news/routing.py). The home page itself is the site's root page, which each process
        remembers per content version (sitewide/sites.py), so it is as it is now."""
        if path_components:
            index = routing.find_child(self, path_components[0], self.find_news_index)
            if index is not None:
                return index.route(request, path_components[1:])
        return super().route(request, path_components)

    @staticmethod
    def find_news_index(home, slug):
        # Slugs are unique among siblings: no ordering to compile, at most one row.
        return next(iter(NewsIndexPage.objects.child_of(home).filter(slug=slug).order_by()[:1]), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The featured article (if visible) sorts first, so one query fetches it and the latest ones.
        featured_first = Case(When(pk=self.featured_article_id, then=Value(0)), default=Value(1))
        listing = ArticlePage.objects.descendant_of(self).listing()
        latest = listing.walk_ids(0, LATEST_COUNT + 1)
        latest_or_featured = Q(pk__in=latest) | Q(pk=self.featured_article_id or 0)
        ordered = listing.filter(latest_or_featured).order_by(featured_first, *NEWEST_FIRST)
        articles = list(ordered[: LATEST_COUNT + 1])
        news_index = NewsIndexPage.objects.child_of(self).live().first()
        featured = articles.pop(0) if articles and articles[0].pk == self.featured_article_id else None
        if featured is not None:
            attach_cards([featured], request, news_index, heading_level="h3", featured_pk=featured.pk)
        context["featured"] = featured
        context["latest_articles"] = attach_cards(
            articles[:LATEST_COUNT], request, news_index, heading_level="h3"
        )
        context["news_index"] = news_index
        return context


class StandardPage(SitePageMixin, Page):
    """A plain page such as Toegankelijkheid, Privacy or Contact."""

    intro = models.TextField(
        _("inleiding"),
        max_length=600,
        blank=True,
        help_text=_(
            "Optioneel: één of twee zinnen zonder opmaak boven de tekst. "
            "Ook de omschrijving in zoekmachines als die niet apart is ingevuld."
        ),
    )
    body = StreamField(
        StandardPageBodyBlock(),
        blank=True,
        verbose_name=_("inhoud"),
        help_text=_("Alinea's, secties met tussenkop en afbeeldingen."),
    )

    content_panels = [*Page.content_panels, "intro", "body"]
    settings_panels = SETTINGS_PANELS

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")
