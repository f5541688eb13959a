from django import template
from wagtail.models import Site

from sitewide.models import SiteSettings
from sitewide.navigation import footer_links, menu_items

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """Menu items with aria-current: "page" for the current page, "true" for its section."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    for item in menu_items(site, request) if site else []:
        state = ""
        if current is not None and current.path == item["path"]:
            state = "page"
        elif current is not None and current.path.startswith(item["path"]):
            state = "true"
        items.append({**item, "current": state})
    return {"items": items, "request": request, "show_home": site is not None}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, extra_label=None):
    """Ancestors from the home page down, walked through cached parents when the router set them."""
    ancestors = []
    parent = page.get_parent()
    while parent is not None and parent.depth >= 2:
        ancestors.insert(0, parent)
        parent = parent.get_parent() if parent.depth > 2 else None
    return {
        "ancestors": ancestors,
        "page": page,
        "extra_label": extra_label,
        "request": context.get("request"),
    }


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    """Contact details, the footer page links and social profiles from the (cached) site settings."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"settings": None, "links": [], "request": request}
    settings = SiteSettings.for_request(request)
    return {"settings": settings, "links": footer_links(site, settings, request), "request": request}
