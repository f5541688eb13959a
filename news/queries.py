"""The article queryset: what visitors may see, listings in the newest-first index order, and cards' fields."""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import PageManager

from pagebase.mixins import PublicPageQuerySet

NEWEST_FIRST, OLDEST_FIRST = ("-date", "-pk"), ("date", "pk")


def _articles():
    # Also on querysets of Page (which don't know the article model): looked up, not imported, as the article
    # model's module imports this one.
    return apps.get_model("news", "ArticlePage").objects


class ArticlePageQuerySet(PublicPageQuerySet):
    def visible(self):
        """Live, public, not withdrawn and not past their expiry time, even before the expiry job has run.
        Also on a queryset of Page: withdrawal is found through a small partial index, not the article rows."""
        now = timezone.now()
        withdrawn = _articles().filter(withdrawn=True).order_by().values("pk")
        return (
            self.live()
            .public()
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .exclude(pk__in=withdrawn)
        )

    def listing(self):
        """Visible articles, newest first, with their image: what a card's cache key needs
        (news/cards.py fetches tags and renditions only for cards it has to render)."""
        return self.visible().card_fields().order_by(*NEWEST_FIRST)

    def card_fields(self):
        return self.defer_streamfields().select_related("image")

    def walk_ids(self, start, stop, oldest_first=False):
        """The ids of this listing's articles `start` to `stop`, found by walking the newest-first index and
        checking each article against the listing's filters. SQLite otherwise reads and sorts every article
        (whose rows hold the body) to return twelve; only worth it where most articles qualify."""
        within = _articles().filter(Exists(self.filter(pk=OuterRef("pk"))))
        return within.order_by(*(OLDEST_FIRST if oldest_first else NEWEST_FIRST)).values("pk")[start:stop]

    def walk(self, start, stop, oldest_first=False):
        """listing[start:stop] through walk_ids; the ids passed the listing's filters already."""
        ids = self.walk_ids(start, stop, oldest_first)
        order = OLDEST_FIRST if oldest_first else NEWEST_FIRST
        return list(_articles().card_fields().filter(pk__in=ids).order_by(*order))

    def for_listing(self):
        """A listing with everything a card shows fetched in bulk (for feeds, the API, emails)."""
        return self.listing().prefetch_related("tags", "image__renditions")

    def with_tag(self, tag):
        return self.filter(tagged_items__tag=tag)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
