from django import template
from django.conf import settings

from signin.oidc import enabled

register = template.Library()


@register.inclusion_tag("signin/sso_button.html", takes_context=True)
def sso_button(context):
    request = context.get("request")
    next_url = request.GET.get("next", "") if request else ""
    return {"enabled": enabled(), "provider": settings.OIDC_PROVIDER_NAME, "next": next_url}
