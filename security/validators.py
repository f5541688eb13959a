"""A password made of a common Dutch word with some digits or signs around it is refused."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

COMMON_DUTCH = {
    "wachtwoord",
    "welkom",
    "geheim",
    "nederland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "gemeente",
    "zomer",
    "winter",
    "voorjaar",
    "najaar",
    "voetbal",
    "ajax",
    "feyenoord",
    "psv",
    "liefde",
    "schatje",
    "prinses",
    "vakantie",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "nieuwsroom",
    "beheerder",
    "redactie",
    "inloggen",
    "admin",
    "qwerty",
    "azerty",
}


class DutchCommonPasswordValidator:
    def validate(self, password, user=None):
        core = re.sub(r"[^a-z]", "", password.lower())
        if core in COMMON_DUTCH:
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt woord met wat cijfers of tekens."
                ),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag geen veelgebruikt woord met alleen wat cijfers of tekens zijn.")
