"""security.txt (RFC 9116) from the site settings: when the file is served, and its text.

The file is served only while it has a contact and an expiry in the future: an expired file "SHOULD NOT be
used" (RFC 9116, 2.5.5), so after its expiry the site answers 404 rather than stale contact details, and
`manage.py check --deploy` warns a month ahead (securitytxt/checks.py). What the fields may hold is checked
by the site settings' form (sitewide/forms.py).
"""

import datetime

from django.urls import reverse

from sitewide.forms import contact_lines, language_tags

WARN_BEFORE = datetime.timedelta(days=30)  # `check --deploy` warns this long before the expiry
MAX_AGE = 3600  # what browsers and proxies may keep, never past the expiry

MISSING, EXPIRED, SOON, VALID = "missing", "expired", "soon", "valid"


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
