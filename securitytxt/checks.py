"""`manage.py check --deploy`: each site's security.txt is there, current and not about to expire.

Reads the database only when the tables exist: `make deploy-check` (and CI) runs against an empty in-memory
database, where there is nothing to check. Reads, never writes (no SiteSettings.for_site, which creates).
"""

from django.apps import apps
from django.core import checks
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from securitytxt import file as securitytxt
from sitewide.models import SiteSettings

HINT = gettext_lazy(
    "Vul onder Instellingen → Site-instellingen → Beveiliging een contactadres en een vervaldatum in."
)
RENEW = gettext_lazy(
    "Kies onder Instellingen → Site-instellingen → Beveiliging een nieuwe vervaldatum (hoogstens een jaar vooruit)."
)


def _sites_and_settings():
    """[(site, settings or None)], or None when the tables are not there (yet)."""
    tables = set(connection.introspection.table_names())
    if not {Site._meta.db_table, SiteSettings._meta.db_table} <= tables:
        return None
    by_site = {settings.site_id: settings for settings in SiteSettings.objects.all()}
    return [(site, by_site.get(site.pk)) for site in Site.objects.order_by("hostname", "port")]


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


@checks.register(checks.Tags.security, deploy=True)
def check_security_txt(app_configs=None, **kwargs):
    if app_configs is not None and apps.get_app_config("securitytxt") not in app_configs:
        return []
    try:
        rows = _sites_and_settings()
    except DatabaseError as error:
        return [
            checks.Info(
                _("security.txt niet gecontroleerd: de database is niet bereikbaar (%(error)s).")
                % {"error": str(error)[:200] or type(error).__name__},
                id="sitewide.I011",
            )
        ]
    messages = []
    now = timezone.now()
    for site, settings in rows or []:
        state = securitytxt.state(settings, now) if settings else securitytxt.MISSING
        name = site.hostname
        if state == securitytxt.MISSING:
            text = _("%(site)s: er staat geen security.txt op de site (geen contactadres of vervaldatum).")
            messages.append(checks.Warning(text % {"site": name}, hint=HINT, id="sitewide.W011"))
        elif state == securitytxt.EXPIRED:
            text = _("%(site)s: security.txt is verlopen op %(date)s en staat niet meer op de site.")
            when = _when(settings.security_expires)
            messages.append(
                checks.Warning(text % {"site": name, "date": when}, hint=RENEW, id="sitewide.W012")
            )
        elif state == securitytxt.SOON:
            text = _("%(site)s: security.txt verloopt op %(date)s, binnen %(days)d dagen.")
            params = {
                "site": name,
                "date": _when(settings.security_expires),
                "days": securitytxt.WARN_BEFORE.days,
            }
            messages.append(checks.Warning(text % params, hint=RENEW, id="sitewide.W013"))
        if state in (securitytxt.VALID, securitytxt.SOON) and not securitytxt.canonical_url(site):
            text = _(
                "%(site)s: security.txt heeft geen Canonical-regel, want de site staat niet op poort 443."
            )
            hint = _("Zet onder Instellingen → Sites de poort van deze site op 443 (https).")
            messages.append(checks.Warning(text % {"site": name}, hint=hint, id="sitewide.W014"))
    return messages
