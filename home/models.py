from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from news.models import ArticlePage, NewsIndexPage

LATEST_COUNT = 6


class HomePage(Page):
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

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("homepage")
        verbose_name_plural = _("homepages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.descendant_of(self).for_listing()
        featured = None
        if self.featured_article_id:
            featured = articles.filter(pk=self.featured_article_id).first()
            articles = articles.exclude(pk=self.featured_article_id)
        context["featured"] = featured
        context["latest_articles"] = articles[:LATEST_COUNT]
        context["news_index"] = NewsIndexPage.objects.live().public().descendant_of(self).first()
        return context
