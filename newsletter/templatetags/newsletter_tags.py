from django import template

from newsletter.forms import CONSENT_TEXT, make_stamp

register = template.Library()


@register.simple_tag
def newsletter_stamp() -> str:
    """The signed render-time bucket for the minimum fill time (the same for every visitor; see forms.py)."""
    return make_stamp()


@register.simple_tag
def newsletter_consent_text() -> str:
    return CONSENT_TEXT
