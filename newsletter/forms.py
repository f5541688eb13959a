import time

from django import forms
from django.core import signing
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from news.models import ArticlePage, ArticlePageTag
from newsletter import conf
from newsletter.models import normalise_email

CONSENT_TEXT = _(
    "Ik wil per e-mail bericht krijgen over nieuwe artikelen en geef toestemming om mijn e-mailadres "
    "daarvoor te gebruiken. Afmelden kan altijd, met de link in elke e-mail."
)

# The minimum fill time on pages that a CDN caches for everyone.
#
# The signup block on home and article pages may carry nothing per visitor (no CSRF token, no cookie), so
# the form holds a *signed render-time bucket*: the start of the STAMP_BUCKET-second slot in which the page
# was rendered. Every visitor of the same cached copy gets the same value, and it cannot be forged (a bot
# cannot claim the form is older than it is). On submission we require `now - stamp >= MIN_FILL_SECONDS`
# and reject stamps older than FORM_MAX_AGE_DAYS (harvested once, replayed forever).
# Limits, stated honestly: on a copy that was cached long ago the stamp is old, so the check only catches
# bots that submit a freshly rendered form at once, or that send no/forged stamps. It is one layer; the
# others are the honeypot, the rate limit per address, one email per address per day and the double
# opt-in (nothing but a confirmation request is ever mailed to an unconfirmed address).
# A visitor who trips the check is not turned away: the full signup page is shown again with a fresh stamp
# and their input kept, and a second submit goes through.
STAMP_BUCKET = 10


def make_stamp(now: float | None = None) -> str:
    now = time.time() if now is None else now
    bucket = int(now) // STAMP_BUCKET * STAMP_BUCKET
    return signing.Signer(salt="newsletter.form-stamp").sign(str(bucket))


def check_stamp(value: str, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    try:
        rendered = int(signing.Signer(salt="newsletter.form-stamp").unsign(value or ""))
    except (signing.BadSignature, ValueError):
        return False
    age = now - rendered
    return conf.get("MIN_FILL_SECONDS") <= age <= conf.get("FORM_MAX_AGE_DAYS") * 86400


def topic_choices():
    """Tags of visible articles, by name: what a visitor can choose from."""
    used = ArticlePageTag.objects.filter(content_object__in=ArticlePage.objects.visible()).values("tag_id")
    return Tag.objects.filter(pk__in=used).order_by(Lower("name"), "pk")


def email_field():
    return forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )


class SignupForm(forms.Form):
    email = email_field()
    topics = forms.ModelMultipleChoiceField(
        label=_("Onderwerpen (niet verplicht)"),
        queryset=Tag.objects.none(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("Kies onderwerpen uit de lijst.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Geef toestemming, anders kunnen we u geen e-mail sturen.")},
    )
    # Honeypot: hidden from people (CSS, aria-hidden, tabindex=-1); bots fill in every field.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))
    stamp = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any existing tag is accepted (the block under an article offers that article's tags).
        self.fields["topics"].queryset = Tag.objects.all()

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    @property
    def stamp_ok(self) -> bool:
        return check_stamp(self.data.get("stamp", ""))


class LinkRequestForm(forms.Form):
    email = email_field()

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
