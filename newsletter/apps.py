from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Blijf op de hoogte")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published

        from newsletter.erasure import subscriber_deleted
        from newsletter.models import Subscriber
        from newsletter.signals import article_published

        page_published.connect(article_published, dispatch_uid="newsletter-article-published")
        post_delete.connect(
            subscriber_deleted, sender=Subscriber, dispatch_uid="newsletter-erase-log-entries"
        )
