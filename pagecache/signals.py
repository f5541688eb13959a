"""Connect content changes to the purges in invalidation.py."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from news.models import ArticlePage, ArticlePageTag
from pagecache import invalidation
from sitewide.models import SiteSettings
from sitewide.sites import forget_sites


def remember_old_state(sender, instance, update_fields=None, **kwargs):
    """Before an article is published over its previous version: the tags and address it had."""
    if instance.pk is None or update_fields is not None:
        return
    instance._pagecache_old_tags = set(
        ArticlePageTag.objects.filter(content_object_id=instance.pk).values_list("tag_id", flat=True)
    )
    old = Page.objects.filter(pk=instance.pk).first()
    instance._pagecache_old_paths = (
        {(parts[0], parts[2])} if old and (parts := old.get_url_parts()) else set()
    )


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        invalidation.purge_article(
            instance,
            getattr(instance, "_pagecache_old_tags", ()),
            getattr(instance, "_pagecache_old_paths", ()),
        )
    else:
        invalidation.purge_site()


def article_deleting(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        tags = set(
            ArticlePageTag.objects.filter(content_object_id=instance.pk).values_list("tag_id", flat=True)
        )
        instance._pagecache_purge = invalidation.article_purge(instance, tags)


def page_deleted(sender, instance, **kwargs):
    purge = getattr(instance, "_pagecache_purge", None)
    if purge is not None:
        purge.commit()
    elif isinstance(instance, Page) and not issubclass(instance.specific_class or Page, ArticlePage):
        invalidation.purge_site()  # the base row of a deleted article arrives here too: skip it


def tag_changed(sender, instance, created=False, **kwargs):
    if not created:  # a new tag is on no page yet; a renamed or deleted one is on many
        invalidation.purge_site()


def referenced_object_changed(sender, instance, **kwargs):
    # Checked at save time: snippets registered after this app is ready (deferred registration) count too.
    if sender is get_image_model() or sender in get_snippet_models():
        invalidation.purge_referrers(instance)


def everything_changed(sender, created=False, **kwargs):
    if not (created and sender is SiteSettings):  # first use creates the defaults pages already showed
        invalidation.purge_site()


def site_changed(sender, **kwargs):
    forget_sites()
    invalidation.purge_site()


def connect():
    pre_save.connect(remember_old_state, sender=ArticlePage, dispatch_uid="pagecache-old-state")
    page_published.connect(page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="pagecache-moved")
    pre_delete.connect(article_deleting, sender=ArticlePage, dispatch_uid="pagecache-deleting")
    post_delete.connect(page_deleted, dispatch_uid="pagecache-deleted")
    post_save.connect(referenced_object_changed, dispatch_uid="pagecache-referenced")
    post_save.connect(everything_changed, sender=SiteSettings, dispatch_uid="pagecache-settings")
    post_save.connect(everything_changed, sender=PageViewRestriction, dispatch_uid="pagecache-privacy")
    post_delete.connect(everything_changed, sender=PageViewRestriction, dispatch_uid="pagecache-privacy-del")
    post_save.connect(tag_changed, sender=Tag, dispatch_uid="pagecache-tag")
    post_delete.connect(tag_changed, sender=Tag, dispatch_uid="pagecache-tag-deleted")
    post_save.connect(site_changed, sender=Site, dispatch_uid="pagecache-site")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="pagecache-site-del")
