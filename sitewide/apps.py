from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = _("Site-instellingen")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from sitewide.navigation import clear_menu_cache

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(clear_menu_cache, dispatch_uid=f"sitewide-menu-{id(signal)}")
        post_delete.connect(
            lambda sender, instance, **kw: isinstance(instance, Page) and clear_menu_cache(),
            dispatch_uid="sitewide-menu-delete",
            weak=False,
        )
        from sitewide.restrictions import forget as forget_restrictions

        for signal in (post_save, post_delete):
            signal.connect(
                clear_menu_cache, sender=PageViewRestriction, dispatch_uid=f"sitewide-menu-pvr-{id(signal)}"
            )
            signal.connect(
                forget_restrictions, sender=PageViewRestriction, dispatch_uid=f"sitewide-pvr-{id(signal)}"
            )
