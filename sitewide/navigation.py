"""The main menu and the footer links, cached per site and dropped whenever a page is published,
unpublished, moved or deleted (and the footer links also when the site settings are saved)."""

from django.core.cache import cache
from wagtail.models import Page, Site

MENU_KEY = "sitewide:menu:{site_id}"
FOOTER_KEY = "sitewide:footer:{site_id}"


def menu_items(site: Site, request=None) -> list[dict]:
    """Live, public children of the site's root page marked "show in menus", as plain data."""

    def build():
        pages = site.root_page.get_children().live().public().in_menu()
        return [{"title": p.title, "url": p.get_url(request), "path": p.path} for p in pages]

    return cache.get_or_set(MENU_KEY.format(site_id=site.pk), build, timeout=None)


def footer_links(site: Site, settings, request=None) -> list[dict]:
    """The settings' footer pages (accessibility, privacy, contact) that are live and public, in that order."""

    def build():
        ids = [pk for pk in settings.footer_page_ids if pk]
        pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).live().public()} if ids else {}
        return [
            {"title": pages[pk].title, "url": pages[pk].get_url(request), "path": pages[pk].path}
            for pk in dict.fromkeys(ids)
            if pk in pages
        ]

    return cache.get_or_set(FOOTER_KEY.format(site_id=site.pk), build, timeout=None)


def clear_footer_cache(site_id):
    cache.delete(FOOTER_KEY.format(site_id=site_id))


def clear_menu_cache(**kwargs):
    """Drop the menu and footer links of every site."""
    site_ids = Site.objects.values_list("pk", flat=True)
    cache.delete_many([key.format(site_id=pk) for pk in site_ids for key in (MENU_KEY, FOOTER_KEY)])
