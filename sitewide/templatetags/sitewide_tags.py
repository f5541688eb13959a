from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site:
        root = site.root_page
        for item in root.get_children().live().public().in_menu():
            if current and current.pk == item.pk:
                state = "page"
            elif current and current.path.startswith(item.path):
                state = "true"
            else:
                state = ""
            items.append({"page": item, "current": state})
        return {"home": root, "items": items, "request": request}
    return {"home": None, "items": items, "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, extra_label=None):
    """Ancestors below the tree root; the current page last (or a sub-view such as a tag listing)."""
    ancestors = list(page.get_ancestors().filter(depth__gte=2)) if page.depth > 2 else []
    return {
        "ancestors": ancestors,
        "page": page,
        "extra_label": extra_label,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def tag_url(context, tag):
    """URL of a tag's listing under the news index that the view put in the context."""
    index = context.get("news_index")
    if index is None:
        return ""
    return index.get_url(context.get("request")) + index.reverse_subpage("tag_view", args=[tag.slug])
