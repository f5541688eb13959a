"""security.txt (RFC 9116) from the site settings: what the fields may hold, when the file is served, its text.

The file is served only while it has a contact and an expiry in the future: an expired file "SHOULD NOT be
used" (RFC 9116, 2.5.5), so after its expiry the site answers 404 rather than stale contact details, and
`manage.py check --deploy` warns a month ahead (sitewide/securitytxt_checks.py).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

MAX_AHEAD = datetime.timedelta(days=365)  # RFC 9116 recommends an expiry less than a year ahead
WARN_BEFORE = datetime.timedelta(days=30)  # `check --deploy` warns this long before the expiry
MAX_AGE = 3600  # what browsers and proxies may keep, never past the expiry
FIELDS = {"security_contact", "security_expires", "security_policy", "security_languages"}

MISSING, EXPIRED, SOON, VALID = "missing", "expired", "soon", "valid"

_https = URLValidator(
    schemes=["https"], message=_("Vul een volledig adres in dat begint met https://."), code="not_https"
)
_language_tag = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def contact_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def language_tags(text: str) -> list[str]:
    return [tag.strip() for tag in (text or "").split(",") if tag.strip()]


def validate_contacts(text: str) -> None:
    for line in contact_lines(text):
        try:
            if line.lower().startswith("mailto:"):
                validate_email(line[len("mailto:") :])
            else:
                URLValidator(schemes=["https"])(line)
        except ValidationError:
            raise ValidationError(
                _(
                    "‘%(value)s’ is geen geldig contactadres: begin met mailto: (e-mail) of https:// (webformulier)."
                ),
                code="invalid_contact",
                params={"value": line[:100]},
            ) from None


def validate_https_url(value: str) -> None:
    _https(value)


def validate_languages(text: str) -> None:
    for tag in language_tags(text):
        if not _language_tag.match(tag):
            raise ValidationError(
                _("‘%(value)s’ is geen taalcode; gebruik codes als ‘nl’ of ‘en’, gescheiden door komma's."),
                code="invalid_language",
                params={"value": tag[:20]},
            )


def state(settings, now: datetime.datetime) -> str:
    """MISSING (no contact or no expiry: not served), EXPIRED (not served), SOON (within WARN_BEFORE) or VALID."""
    if not contact_lines(settings.security_contact) or settings.security_expires is None:
        return MISSING
    if settings.security_expires <= now:
        return EXPIRED
    return SOON if settings.security_expires - now <= WARN_BEFORE else VALID


def expires_value(moment: datetime.datetime) -> str:
    """RFC 3339 (the ISO 8601 profile RFC 9116 prescribes), in UTC."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_url(site) -> str | None:
    """The file's address at the site's configured root (never the request's Host). RFC 9116 requires https,
    so a site not configured on port 443 gets no Canonical line (and a deploy warning)."""
    root = site.root_url
    return f"{root}{reverse('security_txt')}" if root.startswith("https://") else None


def render(settings, site) -> str:
    lines = [f"Contact: {contact}" for contact in contact_lines(settings.security_contact)]
    lines.append(f"Expires: {expires_value(settings.security_expires)}")
    if settings.security_policy:
        lines.append(f"Policy: {settings.security_policy}")
    if languages := language_tags(settings.security_languages):
        lines.append(f"Preferred-Languages: {', '.join(languages)}")
    if canonical := canonical_url(site):
        lines.append(f"Canonical: {canonical}")
    return "\n".join(lines) + "\n"


class SiteSettingsForm(WagtailAdminModelForm):
    """The expiry is checked whenever the Beveiliging tab changes (not when only other tabs do, so an expired
    file never blocks editing the footer): required with a contact, in the future, at most a year ahead."""

    def clean(self):
        cleaned = super().clean()
        if not FIELDS & set(self.changed_data) or "security_expires" in self.errors:
            return cleaned
        expires = cleaned.get("security_expires")
        now = timezone.now()
        if expires is None:
            if contact_lines(cleaned.get("security_contact", "")):
                self.add_error(
                    "security_expires",
                    _("Vul een vervaldatum in: zonder vervaldatum staat security.txt niet op de site."),
                )
        elif expires <= now:
            self.add_error("security_expires", _("De vervaldatum moet in de toekomst liggen."))
        elif expires > now + MAX_AHEAD:
            self.add_error(
                "security_expires",
                _("De vervaldatum mag hoogstens een jaar vooruit liggen; kies een eerdere datum."),
            )
        return cleaned
