"""Absolute links in pages, feeds, the sitemap and the API start with a Site record's root: it must be right.

Run with the database (`manage.py check --database default`, and by `migrate`), as they read Site records.
"""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.http.request import validate_host
from wagtail.models import Site


def allowed_hosts() -> list[str]:
    if settings.DEBUG and not settings.ALLOWED_HOSTS:
        return [".localhost", "127.0.0.1", "[::1]"]  # what Django allows then
    return settings.ALLOWED_HOSTS


@checks.register(checks.Tags.database)
def site_roots(app_configs, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    try:
        sites = list(Site.objects.all())
    except DatabaseError:  # not migrated yet
        return []
    https = settings.SECURE_SSL_REDIRECT or settings.SECURE_PROXY_SSL_HEADER is not None
    problems = []
    for site in sites:
        if not validate_host(site.hostname.lower(), allowed_hosts()):
            problems.append(
                checks.Warning(
                    f"Links on the site start with {site.root_url}, a host that ALLOWED_HOSTS refuses.",
                    hint="Set the site's hostname (and port) in the admin under Instellingen → Sites.",
                    obj=site,
                    id="sitewide.W001",
                )
            )
        if https and site.port != 443:
            problems.append(
                checks.Warning(
                    f"The site is served over https, but its links start with {site.root_url}.",
                    hint="Set the site's port to 443 in the admin under Instellingen → Sites.",
                    obj=site,
                    id="sitewide.W002",
                )
            )
    return problems
