from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Blijf op de hoogte")

    def ready(self):
        from wagtail.signals import page_published

        from newsletter.signals import article_published

        page_published.connect(article_published, dispatch_uid="newsletter-article-published")
