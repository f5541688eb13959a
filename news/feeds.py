"""RSS 2.0 and Atom feeds of the news index and of each tag, served as sub-routes of the NewsIndexPage."""

import io
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag

from pagebase.mixins import absolute_url
from sitewide.models import SiteSettings

FEED_LENGTH = 20


@dataclass
class FeedSource:
    index: object  # the NewsIndexPage
    request: object
    tag: Tag | None = None


class BufferedWrite:
    """Writes the feed to the response in one piece: the XML generator writes every tag and text on its
    own, ~800 response writes (with their checks and encoding) for 20 items."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class RssFeed(BufferedWrite, Rss201rev2Feed):
    pass


class AtomFeed(BufferedWrite, Atom1Feed):
    pass


class ArticleFeed(Feed):
    """The latest visible articles: title, teaser, publication date, tags as categories and a guid that
    survives slug and domain changes (the page's translation key, a UUID).

    Every link is absolute under the site's root: Django would otherwise prefix the request's Host.
    """

    feed_type = RssFeed
    language = "nl"

    def get_object(self, request, index, tag=None):
        return FeedSource(index=index, request=request, tag=tag)

    def items(self, source):
        """The first page of the listing, found as the listings find it (news/listing.py: walking the
        newest-first index where that is cheaper), with the names of their tags in one small query."""
        articles = source.index.cards_page_items(source.tag, FEED_LENGTH)
        names = source.index.tag_names(articles)
        for article in articles:
            article.feed_categories = names[article.pk]
        return articles

    def title(self, source):
        name = SiteSettings.for_request(source.request).organisation_name
        if source.tag is not None:
            return _("%(site)s: nieuws over %(tag)s") % {"site": name, "tag": source.tag.name}
        return _("%(site)s: nieuws") % {"site": name}

    def link(self, source):
        url = source.index.get_url(source.request)
        if source.tag is not None:
            url += source.index.reverse_subpage("tag_view", args=[source.tag.slug])
        return absolute_url(source.request, url)

    def feed_url(self, source):
        return absolute_url(source.request, source.request.path)

    def description(self, source):
        if source.tag is not None:
            return _("De nieuwste artikelen met de tag ‘%(tag)s’.") % {"tag": source.tag.name}
        return source.index.intro or _("De nieuwste artikelen.")

    subtitle = description

    def item_title(self, item):
        # Plain text, as feed readers (and feedparser) read an RSS/Atom title.
        return item.title

    def item_description(self, item):
        # A description is HTML: the plain-text teaser is escaped into it.
        if item.is_external:  # published elsewhere: the link goes there, and says so
            return escape(f"{item.teaser} ({item.external_note})")
        return escape(item.teaser)

    def item_link(self, item):
        if item.is_external:
            return item.external_url
        return absolute_url(self._request, item.get_url(self._request))

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at  # the newest significant update (news/updates.py), not minor edits

    def item_categories(self, item):
        return item.feed_categories

    def item_author_name(self, item):
        return SiteSettings.for_request(self._request).organisation_name

    def get_feed(self, obj, request):
        self._request = request
        return super().get_feed(obj, request)


class ArticleAtomFeed(ArticleFeed):
    feed_type = AtomFeed
