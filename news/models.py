import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import InlinePanel, MultiFieldPanel, PageChooserPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from news import counts, related, routing
from news.archive import ArchiveRoutes
from news.blocks import ArticleBodyBlock
from news.cards import attach_cards
from news.external import ExternalItemFields
from news.feeds import ArticleAtomFeed, ArticleFeed
from news.listing import ListingPaginator, paginate
from news.people import Person  # noqa: F401 - registers the model and its snippet admin
from news.queries import NEWEST_FIRST, ArticlePageManager, ArticlePageQuerySet  # noqa: F401 - NEWEST_FIRST: re-export
from news.related import RELATED_LIMIT
from news.tags import NormalisedTaggableManager, find_visible_tag
from news.updates import ArticleUpdate, UpdateFields  # noqa: F401 - registers the notes' model
from news.withdrawal import GoneUrl, WithdrawalFields, gone_response  # noqa: F401 - registers GoneUrl
from pagebase.mixins import SitePageMixin, absolute_url, shorten
from pagebase.panels import SETTINGS_PANELS
from sitewide.models import SiteSettings

ARTICLES_PER_PAGE = 12
# Sub-routes of the news index; an article may not take these slugs.
RESERVED_SLUGS = {"tag", "feed", "atom", "archief"}


def make_teaser(text: str, limit: int = 240) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    teaser = sentences[0]
    if len(sentences) > 1 and len(teaser) + len(sentences[1]) < limit:
        teaser = f"{teaser} {sentences[1]}"
    if len(teaser) > limit:
        teaser = teaser[: limit - 1].rsplit(" ", 1)[0] + "…"
    return teaser


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticleRelatedLink(Orderable):
    page = ParentalKey("news.ArticlePage", related_name="related_links", on_delete=models.CASCADE)
    related_page = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("artikel"),
        help_text=_("Een ander artikel dat lezers van dit artikel ook willen lezen."),
    )

    panels = [PageChooserPanel("related_page", "news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("gerelateerd artikel")
        verbose_name_plural = _("gerelateerde artikelen")


class NewsIndexPage(SitePageMixin, ArchiveRoutes, RoutablePageMixin, Page):
    intro = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Korte tekst boven het nieuwsoverzicht."),
    )

    content_panels = [*Page.content_panels, "intro"]
    settings_panels = SETTINGS_PANELS

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count = 1
    template = "pages/news_index_page.html"

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    # Wagtail's routing hook (route_for_request calls it from the root down); contract tested.
    def route(self, request, path_components):
        """Find an article with its image in one query instead of Wagtail's generic two-step lookup, and
        keep it per content version (news/routing.py)."""
        if len(path_components) == 1 and self.live:
            try:
                self.resolve_subpage(f"/{path_components[0]}/")
            except Http404:
                article = routing.find_child(self, path_components[0], self.find_article)
                if article is None:
                    raise
                return article.route(request, [])
        return super().route(request, path_components)

    @staticmethod
    def find_article(index, slug):
        found = ArticlePage.objects.child_of(index).filter(slug=slug).select_related("image").order_by()[:1]
        return next(iter(found), None)  # renditions come from Wagtail's rendition cache

    def own_articles(self):
        return ArticlePage.objects.child_of(self)

    def articles(self):
        return self.own_articles().for_listing()

    def visible_pages(self):
        """This index's visible articles as plain pages: without reading the article table, whose rows hold
        the body (see ArticlePageQuerySet.walk_ids)."""
        return ArticlePageQuerySet(Page).child_of(self).of_type(ArticlePage).visible()

    def count_articles(self, tag=None):
        """The visible articles (with `tag`), counted and cached (see news/counts.py)."""
        pages = self.visible_pages()
        if tag is not None:
            pages = pages.filter(pk__in=ArticlePageTag.objects.filter(tag=tag).values("content_object_id"))
        return counts.count(self, pages, tag)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self
        return context

    def listing(self, tag=None):
        articles = ArticlePage.objects.child_of(self).listing()
        return articles if tag is None else articles.with_tag(tag)

    def cards_page(self, request, tag=None):
        """The requested page of this index's visible articles (with `tag`), as cards."""
        count = self.count_articles(tag)
        page = paginate(request, self.listing(tag), ARTICLES_PER_PAGE, count=count, candidates=self.numchild)
        page.object_list = attach_cards(page.object_list, request, self)
        return page

    def tag_names(self, articles) -> dict[int, list[str]]:
        """The names of the tags of `articles` by article id, in one query."""
        names = {article.pk: [] for article in articles}
        tagged = ArticlePageTag.objects.filter(content_object_id__in=names).order_by("tag__name", "tag_id")
        for article_id, name in tagged.values_list("content_object_id", "tag__name"):
            names[article_id].append(name)
        return names

    def cards_page_items(self, tag=None, length=ARTICLES_PER_PAGE):
        """The newest `length` visible articles (with `tag`), read as a listing's first page is."""
        count = self.count_articles(tag)
        paginator = ListingPaginator(self.listing(tag), length, count=count, candidates=self.numchild)
        return list(paginator.page(1).object_list) if count else []

    @path("")
    def index_view(self, request):
        return self.render(request, context_overrides={"articles": self.cards_page(request)})

    def visible_tag(self, slug):
        """The tag with `slug` if a visible article of this index has it; else 404, the same answer (one
        query, one code path) whether nobody ever used the tag or only drafts, scheduled, private or expired
        articles do, so a tag page cannot reveal an unpublished topic. Cached with its count (news/counts.py)."""
        tag = counts.visible_tag(self, slug, self.find_tag)
        if tag is None:
            raise Http404
        return tag

    def find_tag(self, slug):
        return find_visible_tag(slug, self.visible_pages(), ArticlePageTag)

    @path("tag/<str:tag>/")
    def tag_view(self, request, tag):
        tag = self.visible_tag(tag)
        articles = self.cards_page(request, tag)
        url = self.get_url(request) + self.reverse_subpage("tag_view", args=[tag.slug])
        context = {
            "articles": articles,
            "tag": tag,
            "meta_title": _("Nieuws over %(tag)s") % {"tag": tag.name},
            "meta_description": _("Alle artikelen over %(tag)s, het nieuwste eerst.") % {"tag": tag.name},
            "canonical_url": absolute_url(request, url),
        }
        return self.render(request, context_overrides=context)

    @path("feed/", name="feed")
    def feed_view(self, request):
        return ArticleFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_view(self, request):
        return ArticleAtomFeed()(request, index=self)

    @path("tag/<str:tag>/feed/", name="tag_feed")
    def tag_feed_view(self, request, tag):
        return ArticleFeed()(request, index=self, tag=self.visible_tag(tag))

    @path("tag/<str:tag>/atom/", name="tag_atom")
    def tag_atom_view(self, request, tag):
        return ArticleAtomFeed()(request, index=self, tag=self.visible_tag(tag))


class ArticlePage(SitePageMixin, ExternalItemFields, UpdateFields, WithdrawalFields, Page):
    date = models.DateField(
        _("publicatiedatum"),
        default=timezone.localdate,
        help_text=_("De datum die bij het artikel staat; het overzicht sorteert hierop."),
    )
    intro = models.TextField(
        _("inleiding"),
        max_length=600,
        help_text=_(
            "De lead: twee à vier zinnen zonder opmaak. Verschijnt boven het artikel, "
            "als teaser in overzichten en als omschrijving in zoekmachines. "
            "Houd de eerste zin onder de 160 tekens."
        ),
    )
    image = models.ForeignKey(
        get_image_model(),
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optioneel: verschijnt boven het artikel en op de kaart in overzichten."),
    )
    image_alt = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        blank=True,
        help_text=_(
            "Beschrijf wat de afbeelding laat zien voor wie haar niet kan zien. "
            "Verplicht als er een afbeelding is, tenzij ze puur decoratief is."
        ),
    )
    image_decorative = models.BooleanField(
        _("decoratief"),
        default=False,
        help_text=_(
            "Aanvinken als de afbeelding geen informatie toevoegt aan het artikel; "
            "schermlezers slaan haar dan over en de alternatieve tekst mag leeg blijven."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        verbose_name=_("inhoud"),
        help_text=_("Alinea's, secties met tussenkop, citaten en afbeeldingen."),
    )
    tags = NormalisedTaggableManager(
        through=ArticlePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Onderwerpen van het artikel; elk wordt een link naar meer nieuws over dat onderwerp."),
    )

    objects = ArticlePageManager()

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=_(
                "De kop van het artikel: kort en concreet, liefst onder de 70 tekens. "
                "Staat ook op kaarten in overzichten en in zoekmachines."
            ),
        ),
        "date",
        "intro",
        ExternalItemFields.external_panel,
        MultiFieldPanel(["image", "image_alt", "image_decorative"], heading=_("Afbeelding")),
        "body",
        "tags",
        InlinePanel(
            "related_links",
            max_num=RELATED_LIMIT,
            heading=_("Gerelateerd nieuws"),
            label=_("Gerelateerd artikel"),
            help_text=_(
                "Kies tot drie artikelen, in de volgorde waarin ze moeten verschijnen. "
                "Lege plekken worden aangevuld met artikelen met dezelfde tags."
            ),
        ),
        UpdateFields.updates_panel,
        WithdrawalFields.withdrawal_panel,
    ]

    settings_panels = SETTINGS_PANELS

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"
    og_type = "article"

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        # Listings walk this index newest first and stop after one page of cards.
        indexes = [
            models.Index(fields=["-date", "-page_ptr"], name="news_article_newest_first"),
            # visible(): the few withdrawn articles, without reading the article rows.
            models.Index(fields=["page_ptr"], condition=Q(withdrawn=True), name="news_article_withdrawn"),
        ]

    def clean(self):
        super().clean()
        errors = {**self.external_errors(), **self.withdrawal_errors()}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Dit adres is gereserveerd voor het nieuwsoverzicht; kies een ander.")
        if self.image and not self.image_decorative and not self.image_alt.strip():
            errors["image_alt"] = _(
                "Geef een alternatieve tekst voor de afbeelding, of vink ‘Decoratief’ aan."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.note_updates()
            self.note_withdrawal()
        return super().save(*args, **kwargs)

    @property
    def teaser(self):
        """The intro's first one or two sentences, for cards, feeds and emails."""
        return make_teaser(self.intro)

    @property
    def published_at(self):
        """The article date as a moment: the first publication time if that was on the date, else midnight."""
        first = self.first_published_at
        if first is not None and timezone.localdate(first) == self.date:
            return timezone.localtime(first)
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @property
    def modified_at(self):
        """The newest significant update (a note), else the publication: minor edits change nothing."""
        published = self.published_at
        return max(timezone.localtime(self.updated_at), published) if self.updated_at else published

    @classmethod
    def sitemap_hidden(cls):
        """Ids of live articles that have no page of their own to index (crawlers/sitemaps.py)."""
        return cls.objects.filter(Q(withdrawn=True) | ~Q(external_url="")).order_by().values("pk")

    @classmethod
    def sitemap_lastmods(cls, pks) -> dict:
        found = cls.objects.filter(pk__in=pks).only("date", "first_published_at", "updated_at")
        return {article.pk: article.modified_at for article in found}

    def get_structured_data(self, request, share_image=None):
        """schema.org NewsArticle; the organisation is both author and publisher."""
        organisation = {
            "@type": "Organization",
            "name": SiteSettings.for_request(request).organisation_name,
            "url": absolute_url(request, "/"),
        }
        published = self.published_at
        modified = self.modified_at
        url = self.get_canonical_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": shorten(self.get_meta_title(), 110),
            "description": self.get_meta_description(),
            "datePublished": published.isoformat(),
            "dateModified": modified.isoformat(),
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "inLanguage": "nl",
            "author": organisation,
            "publisher": organisation,
        }
        if share_image:
            data["image"] = [share_image["url"]]
        return data

    def related_articles(self, tags=None):
        """See news/related.py."""
        return related.related_articles(self, tags if tags is not None else list(self.tags.all()))

    def serve(self, request, *args, **kwargs):
        preview = getattr(request, "is_preview", False)
        expired = self.expire_at is not None and self.expire_at <= timezone.now()
        if expired and not preview:
            raise Http404(_("Dit artikel is niet meer beschikbaar."))
        if self.is_external and not preview:  # no page of its own (news/external.py)
            return gone_response(request) if self.withdrawn else redirect(self.external_url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        news_index = parent if isinstance(parent, NewsIndexPage) else parent.specific
        if getattr(request, "is_preview", False):  # the editor's unsaved choices, never from the cache
            tags = sorted(self.tags.all(), key=related.tag_order)
            related_articles = attach_cards(
                self.related_articles(tags), request, news_index, heading_level="h3"
            )
        else:
            tags, related_articles = related.published_block(self, request, news_index)
        context["tags"] = tags
        context["related_articles"] = [] if self.withdrawn or self.is_external else related_articles
        context["update_notes"] = self.update_notes()
        context["noindex"] = self.withdrawn
        context["news_index"] = news_index
        return context
