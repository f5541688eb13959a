"""The main menu and the footer links, from one query, cached per site under the content version
(sitewide/versions.py), which every published, unpublished, moved or deleted page and every saved site
setting moves on."""

from django.db.models import Q
from wagtail.models import Page, Site

from sitewide import versions
from sitewide.models import SiteSettings
from sitewide.restrictions import any_restrictions

KEY = "sitewide:navigation:{site_id}"


def _links(site: Site, settings, request) -> dict:
    """Both lists; the menu holds the live, public children of the site's root page marked "show in menus",
    the footer the settings' footer pages (accessibility, privacy, contact) that are live and public."""

    def build():
        root = site.root_page
        ids = [pk for pk in (settings.footer_page_ids if settings else []) if pk]
        in_menu = Q(path__startswith=root.path, depth=root.depth + 1, show_in_menus=True)
        pages = Page.objects.filter(in_menu | Q(pk__in=ids)).live().order_by("path")
        pages = list(pages.public() if any_restrictions() else pages)  # public() reads every restriction
        by_id = {p.pk: p for p in pages}
        link = {p.pk: {"title": p.title, "url": p.get_url(request), "path": p.path} for p in pages}
        menu = [
            p for p in pages if p.show_in_menus and p.depth == root.depth + 1 and p.path.startswith(root.path)
        ]
        return {
            "menu": [link[p.pk] for p in menu],
            "footer": [link[pk] for pk in dict.fromkeys(ids) if pk in by_id],
        }

    return versions.cached(KEY.format(site_id=site.pk), build)


def menu_items(site: Site, request=None) -> list[dict]:
    settings = SiteSettings.for_request(request) if request is not None else SiteSettings.for_site(site)
    return _links(site, settings, request)["menu"]


def footer_links(site: Site, settings, request=None) -> list[dict]:
    return _links(site, settings, request)["footer"]
