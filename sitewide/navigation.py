"""The main menu and the footer links, cached per site under the content version (sitewide/versions.py),
which every published, unpublished, moved or deleted page and every saved site setting moves on."""

from wagtail.models import Page, Site

from sitewide import versions
from sitewide.restrictions import any_restrictions

MENU_KEY = "sitewide:menu:{site_id}"
FOOTER_KEY = "sitewide:footer:{site_id}"


def menu_items(site: Site, request=None) -> list[dict]:
    """Live, public children of the site's root page marked "show in menus", as plain data."""

    def build():
        pages = site.root_page.get_children().live().in_menu()
        pages = pages.public() if any_restrictions() else pages  # public() reads every restriction
        return [{"title": p.title, "url": p.get_url(request), "path": p.path} for p in pages]

    return versions.cached(MENU_KEY.format(site_id=site.pk), build)


def footer_links(site: Site, settings, request=None) -> list[dict]:
    """The settings' footer pages (accessibility, privacy, contact) that are live and public, in that order."""

    def build():
        ids = [pk for pk in settings.footer_page_ids if pk]
        found = Page.objects.filter(pk__in=ids).live()
        found = found.public() if any_restrictions() else found
        pages = {p.pk: p for p in found} if ids else {}
        return [
            {"title": pages[pk].title, "url": pages[pk].get_url(request), "path": pages[pk].path}
            for pk in dict.fromkeys(ids)
            if pk in pages
        ]

    return versions.cached(FOOTER_KEY.format(site_id=site.pk), build)
