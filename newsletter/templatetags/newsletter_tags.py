from django import template

from newsletter.forms import CONSENT_TEXT, make_stamp
from sitewide import fragments

register = template.Library()
fragments.register_hole("newsletter-stamp", make_stamp)


@register.simple_tag
def newsletter_stamp() -> str:
    """The signed render-time bucket for the minimum fill time (the same for every visitor; see forms.py);
    a hole in the signup block's fragment, filled on every request."""
    return fragments.hole("newsletter-stamp")


@register.simple_tag
def newsletter_consent_text() -> str:
    return CONSENT_TEXT
