from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def editor_guide_url() -> str:
    """The editors' Dutch handbook (settings.EDITOR_GUIDE_URL), or "" when none is configured."""
    return settings.EDITOR_GUIDE_URL
