"""Which cached pages a change affects, and purging them here and at a CDN (Wagtail's frontend_cache).

An article is shown on its own page, on the home page, on every page of the news index, on the listings
and feeds of its tags, and in the "Gerelateerd nieuws" block of other articles: those that chose it, and
those that share a tag with it and fill their block by tags. Publishing, unpublishing, moving or deleting
an article purges exactly those pages, for its tags before and after the change. Everything every page
shows (menu, site settings, tag names, a non-article page's title) purges the whole site.
"""

import math

from django.db import transaction
from django.db.models import Count, Q
from django.urls import NoReverseMatch
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex

from news.models import ARTICLES_PER_PAGE, RELATED_LIMIT, ArticlePage, ArticlePageTag, NewsIndexPage
from pagecache import store
from pagecache.tasks import purge_all_when_cache_is_back


class Purge:
    """Collects (site id, path) pairs and absolute URLs, then purges them once the transaction commits."""

    def __init__(self):
        self.paths = set()
        self.urls = set()

    def add(self, page, suffixes=("",)):
        site_id, root_url, path = page.get_url_parts(request=self) or (None, None, None)
        if path is None:
            return
        for suffix in suffixes:
            self.paths.add((site_id, path + suffix))
            self.urls.add(root_url + path + suffix)

    def commit(self):
        paths, urls = set(self.paths), set(self.urls)

        def purge():
            if not store.purge(paths):
                purge_all_when_cache_is_back.enqueue()
            purge_urls_from_cache(urls)

        transaction.on_commit(purge)


def _feeds(index, tag_slug=None) -> list[str]:
    names, args = (("tag_feed", "tag_atom"), [tag_slug]) if tag_slug else (("feed", "atom"), [])
    paths = []
    for name in names:
        try:
            paths.append(index.reverse_subpage(name, args=args))
        except NoReverseMatch:
            continue
    return paths


def _pages(count: int) -> list[str]:
    """Query strings of a paginated listing, one page beyond the last (it may just have gone)."""
    last = max(1, math.ceil(count / ARTICLES_PER_PAGE)) + 1
    return ["", "?page=1", *(f"?page={n}" for n in range(2, last + 1))]


def article_purge(article, tag_ids, extra_paths=()) -> Purge:
    purge = Purge()
    index = NewsIndexPage.objects.ancestor_of(article).first()
    purge.add(article)
    for site_id, path in extra_paths:
        purge.paths.add((site_id, path))
    home = index.get_parent() if index else None
    if home is not None:
        purge.add(home, ("", "sitemap.xml"))
    if index is None:
        return purge
    purge.add(index, _pages(index.articles().count()) + _feeds(index))
    counts = (
        ArticlePageTag.objects.filter(tag_id__in=tag_ids, content_object__in=index.articles().values("pk"))
        .values("tag__slug")
        .annotate(n=Count("pk"))
    )
    found = {row["tag__slug"]: row["n"] for row in counts}
    slugs = ArticlePageTag.tag_model().objects.filter(pk__in=tag_ids).values_list("slug", flat=True)
    for slug in slugs:
        prefix = index.reverse_subpage("tag_view", args=[slug])
        purge.add(index, [prefix + q for q in _pages(found.get(slug, 0))] + _feeds(index, slug))
    showing = (
        ArticlePage.objects.visible()
        .annotate(chosen=Count("related_links", distinct=True))
        .filter(
            Q(related_links__related_page=article)
            | Q(tagged_items__tag_id__in=tag_ids, chosen__lt=RELATED_LIMIT)
        )
        .exclude(pk=article.pk)
        .distinct()
        .only("pk", "path", "url_path", "depth", "locale_id")
    )
    for page in showing:
        purge.add(page)
    return purge


def purge_article(article, old_tag_ids=(), extra_paths=()) -> None:
    tag_ids = set(old_tag_ids) | set(
        ArticlePageTag.objects.filter(content_object_id=article.pk).values_list("tag_id", flat=True)
    )
    article_purge(article, tag_ids, extra_paths).commit()


def purge_site() -> None:
    """Everything: every cached page here, and every live page's URLs at the CDN."""
    purge = Purge()
    for page in Page.objects.live().public().specific(defer=True).iterator():
        purge.add(page)
    urls = set(purge.urls)

    def purge_everything():
        if not store.purge_all():
            purge_all_when_cache_is_back.enqueue()
        purge_urls_from_cache(urls)

    transaction.on_commit(purge_everything)


def purge_referrers(obj) -> None:
    """Pages that show a changed image or snippet, found through Wagtail's reference index."""
    # Wagtail internal, equal to ContentType.objects.get_for_model(Page) (contract tested)
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type_id=page_type.pk)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).specific()
    for page in pages:
        if isinstance(page, ArticlePage):
            purge_article(page)
        else:
            purge_site()
            return
