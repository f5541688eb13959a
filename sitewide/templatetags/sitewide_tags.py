from django import template
from wagtail.models import Site

from sitewide import fragments
from sitewide.models import SiteSettings
from sitewide.navigation import footer_links, menu_items

register = template.Library()


def _vary(value):
    """A fragment's key part for a template value: objects by their primary key, lists item by item."""
    if isinstance(value, list | tuple):
        return tuple(_vary(item) for item in value)
    return getattr(value, "pk", value)


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        vary = tuple(_vary(value.resolve(context)) for value in self.vary)
        name = self.name.resolve(context)
        return fragments.render(context.get("request"), name, vary, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    """{% fragment "name" value… %}…{% endfragment %}: rendered once per content version, site and the values
    given (sitewide/fragments.py). Everything inside must depend on nothing else of the request."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Menu items with aria-current: "page" for the current page, "true" for its section; kept as a fragment
    per combination of those (a handful per site)."""
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
    values = {"items": items, "request": request, "show_home": site is not None}
    vary = (tuple(item["current"] for item in items), request is not None and request.path == "/")
    return fragments.render(
        request, "menu", vary, lambda: fragments.render_template(context, "components/main_menu.html", values)
    )


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


@register.simple_tag(takes_context=True)
def site_footer(context):
    """Contact details, the footer page links and social profiles from the (cached) site settings; a fragment
    per footer link that is the current page (aria-current), or none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return fragments.render_template(
            context, "components/footer.html", {"settings": None, "links": [], "request": request}
        )
    settings = SiteSettings.for_request(request)
    links = footer_links(site, settings, request)
    values = {"settings": settings, "links": links, "request": request}
    current = next((link["url"] for link in links if link["url"] == request.path), "")
    return fragments.render(
        request,
        "footer",
        (current,),
        lambda: fragments.render_template(context, "components/footer.html", values),
    )
