"""The site settings' own rules: what the security.txt fields may hold, checked in the admin's form.

Serving the file and the deploy checks are in securitytxt/.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

MAX_AHEAD = datetime.timedelta(days=365)  # RFC 9116 recommends an expiry less than a year ahead
FIELDS = {"security_contact", "security_expires", "security_policy", "security_languages"}


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
