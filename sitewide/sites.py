"""The Wagtail site of a request, with what every page needs from it, in one query per content version.

Wagtail looks the site up on every page request, then its root page, its settings and the root paths of all
sites (for page URLs), each with its own query. They only change when a Site, a page or the settings are
saved, which moves the content version on (sitewide/versions.py). So each process reads every site once per
version, in one query with its root page (as its own page type), its settings and whether any page has a
view restriction, and matches hosts against them in Python as Wagtail's `get_site_for_hostname` does
(contract tested). Every process reads them again on its first request after any change, wherever that
change was made.
"""

from django.db.models import Exists
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from sitewide import restrictions, versions

_memo: dict = {"entry": None}  # (version, sites, root paths), replaced whole: threads see one or the other


def _root_page_types() -> list[str]:
    """The page types a site's root can be created as (below Wagtail's root), by their link from Page."""
    allowed = set(Page.allowed_subpage_models())
    return [
        field.name
        for field in Page._meta.get_fields()
        if field.one_to_one and field.auto_created and not field.concrete and field.related_model in allowed
    ]


def _specific_root(site, page_types) -> None:
    """Put the root page in as its own page type when the query brought it along, as Wagtail's
    `specific` (a cached property, contract tested) would fetch it."""
    root = site.root_page
    for name in page_types:
        specific = getattr(root, name, None)  # None: the root is not of this type
        if specific is not None:
            specific.__dict__["specific"] = specific
            site.root_page = specific
            return


def _load() -> tuple[list, list]:
    page_types = _root_page_types()
    sites = list(
        Site.objects.select_related(
            "root_page__locale", "sitesettings", *(f"root_page__{t}" for t in page_types)
        )
        .annotate(any_restriction=Exists(PageViewRestriction.objects.all()))
        .order_by("-root_page__url_path", "-is_default_site", "hostname")  # Wagtail's order of root paths
    )
    for site in sites:
        _specific_root(site, page_types)
    root_paths = [
        SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
        for site in sites
    ]
    return sites, root_paths


def _match(sites, hostname: str, port) -> Site | None:
    """Wagtail's choice: the site with the host and port; else the default site if it has the host; else the
    only site with the host; else the default site (None without one)."""
    port = int(port) if str(port).isdigit() else None
    default = next((site for site in sites if site.is_default_site), None)
    named = [site for site in sites if site.hostname == hostname]
    exact = next((site for site in named if site.port == port), None)
    if exact is not None:
        return exact
    if default is not None and default in named:
        return default
    return named[0] if len(named) == 1 else default


def _current(version: str) -> tuple[list, list]:
    if not version:
        return _load()
    entry = _memo["entry"]
    if entry is None or entry[0] != version:
        entry = (version, *_load())
        _memo["entry"] = entry
        if entry[1]:  # "is any page private?", answered by the same query
            restrictions.remember(entry[1][0].any_restriction)
    return entry[1], entry[2]


def site_for(request) -> Site | None:
    hostname = split_domain_port(request.get_host())[0]  # a host not in ALLOWED_HOSTS: 400
    sites, root_paths = _current(versions.current())
    site = _match(sites, hostname, request.get_port())
    request._wagtail_site = site  # where Wagtail's Site.find_for_request looks first
    # Where Wagtail's page URLs look for the root paths first (contract tested).
    request._wagtail_cached_site_root_paths = root_paths
    return site


def settings_of(site):
    """The site's settings as the site's query brought them along, or None (not made yet, or not loaded)."""
    try:
        return site.sitesettings if Site.sitesettings.is_cached(site) else None
    except Site.sitesettings.RelatedObjectDoesNotExist:
        return None


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site_for(request)
        return self.get_response(request)


def forget_sites() -> None:
    """Forget what this process remembered (tests, which roll the content version back)."""
    _memo["entry"] = None
