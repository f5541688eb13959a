"""The main menu, cached per site and dropped whenever a page is published, unpublished, moved or deleted."""

from django.core.cache import cache
from wagtail.models import Site

MENU_KEY = "sitewide:menu:{site_id}"


def menu_items(site: Site, request=None) -> list[dict]:
    """Live, public children of the site's root page marked "show in menus", as plain data."""

    def build():
        pages = site.root_page.get_children().live().public().in_menu()
        return [{"title": p.title, "url": p.get_url(request), "path": p.path} for p in pages]

    return cache.get_or_set(MENU_KEY.format(site_id=site.pk), build, timeout=None)


def clear_menu_cache(**kwargs):
    cache.delete_many([MENU_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)])
