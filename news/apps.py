from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Nieuws")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag

        from news import counts
        from news.cards import tags_renamed

        counts.connect()
        post_save.connect(tags_renamed, sender=Tag, dispatch_uid="news-cards-tags")
        post_delete.connect(tags_renamed, sender=Tag, dispatch_uid="news-cards-tags-deleted")
