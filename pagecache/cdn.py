"""Purging a CDN in front of the site (Wagtail's frontend_cache) after content changes; idle without one.

The page cache needs no purging (store.py: it is keyed on the content version). A CDN only forgets the URLs
it is told, so after each change (`versions.content_changed`, sent for the one list of changes in
sitewide/versions.py) the URLs that show it are purged there: for an article its own page, home, every page
of the news index and its feeds, the listings and feeds of its tags before and after the change, the sitemap
and the articles whose "Gerelateerd nieuws" shows or could show it; for an image or a person the pages that
show it (Wagtail's reference index); for anything else (settings, tags, privacy, sites) every live page.
"""

import math

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import NoReverseMatch
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import get_snippet_models

from news.models import ARTICLES_PER_PAGE, RELATED_LIMIT, ArticlePage, ArticlePageTag, NewsIndexPage

OLD_URLS = "_cdn_old_urls"  # set on an article before it is saved over or deleted


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _full_urls(page, suffixes=("",)) -> set[str]:
    parts = page.get_url_parts()
    if parts is None:
        return set()
    _, root_url, path = parts
    return {root_url + path + suffix for suffix in suffixes}


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


def _tag_ids(article) -> set[int]:
    return set(ArticlePageTag.objects.filter(content_object_id=article.pk).values_list("tag_id", flat=True))


def article_urls(article, tag_ids) -> set[str]:
    urls = _full_urls(article)
    index = NewsIndexPage.objects.ancestor_of(article).first()
    if index is None:
        return urls
    urls |= _full_urls(index.get_parent(), ("", "sitemap.xml"))
    urls |= _full_urls(index, _pages(index.articles().count()) + _feeds(index))
    found = dict(
        ArticlePageTag.objects.filter(tag_id__in=tag_ids, content_object__in=index.articles().values("pk"))
        .values_list("tag__slug")
        .annotate(n=Count("pk"))
    )
    for slug in ArticlePageTag.tag_model().objects.filter(pk__in=tag_ids).values_list("slug", flat=True):
        prefix = index.reverse_subpage("tag_view", args=[slug])
        urls |= _full_urls(index, [prefix + q for q in _pages(found.get(slug, 0))] + _feeds(index, slug))
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
        urls |= _full_urls(page)
    return urls


def site_urls() -> set[str]:
    urls = set()
    for page in Page.objects.live().public().specific(defer=True).iterator():
        urls |= _full_urls(page)
    return urls


def referrer_urls(obj) -> set[str]:
    page_type = ContentType.objects.get_for_model(Page)  # what the reference index records pages as
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type_id=page_type.pk)
        .values_list("object_id", flat=True)
    )
    urls = set()
    for page in Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).specific():
        if not isinstance(page, ArticlePage):
            return site_urls()
        urls |= article_urls(page, _tag_ids(page))
    return urls


def urls_for(obj) -> set[str]:
    if isinstance(obj, Page) and type(obj) is not ArticlePage and obj.specific_class is ArticlePage:
        obj = obj.specific_deferred
    if isinstance(obj, ArticlePage):
        return getattr(obj, OLD_URLS, set()) | article_urls(obj, _tag_ids(obj))
    if type(obj) is get_image_model() or type(obj) in get_snippet_models():
        return referrer_urls(obj)
    return site_urls()


def purge(sender, objects=None, **kwargs) -> None:
    """After a change committed (versions.content_changed): purge what shows it at the CDN."""
    if not configured():
        return
    urls = set()
    for obj in [None] if objects is None else objects:
        urls |= site_urls() if obj is None else urls_for(obj)
        if obj is None or len(urls) > 10_000:
            break
    batch = PurgeBatch()
    batch.add_urls(sorted(urls))
    batch.purge()


def remember_old_urls(sender, instance, update_fields=None, **kwargs) -> None:
    """Before an article is saved over or deleted: what showed it (its old address, its old tags)."""
    if not configured() or instance.pk is None or update_fields is not None:
        return
    old = ArticlePage.objects.filter(pk=instance.pk).first()
    if old is not None:
        setattr(instance, OLD_URLS, article_urls(old, _tag_ids(old)))


def connect() -> None:
    from django.db.models.signals import pre_delete, pre_save

    from sitewide.versions import content_changed

    content_changed.connect(purge, dispatch_uid="pagecache-cdn")
    pre_save.connect(remember_old_urls, sender=ArticlePage, dispatch_uid="pagecache-cdn-old")
    pre_delete.connect(remember_old_urls, sender=ArticlePage, dispatch_uid="pagecache-cdn-deleting")
