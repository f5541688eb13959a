from django import template
from django.utils.translation import gettext as _

from pagebase.mixins import SHARE_IMAGE_SPEC, SitePageMixin, absolute_url, json_ld_script
from sitewide import fragments
from sitewide.models import SiteSettings

register = template.Library()
OVERRIDES = ("meta_title", "meta_description", "canonical_url")


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Description, canonical URL, share tags, feed links and structured data for the page being shown.

    Views override single values with `meta_title`, `meta_description`, `canonical_url` and `noindex`
    in the context; everything else comes from the page (SitePageMixin) without database queries
    beyond an image rendition that the page's queryset has prefetched. Without overrides it is kept as a
    fragment per page, listing page number, index, tag and tags shown (sitewide/fragments.py).
    """
    request = context.get("request")
    page = context.get("page")

    def build():
        meta = _meta(context, request, page if isinstance(page, SitePageMixin) else None)
        return fragments.render_template(context, "components/meta.html", meta)

    if not isinstance(page, SitePageMixin) or request is None or any(context.get(n) for n in OVERRIDES):
        return build()
    vary = (
        page.pk,
        request.path,
        bool(context.get("noindex", False)),
        _page_number(request),
        getattr(context.get("news_index"), "pk", None),
        getattr(context.get("tag"), "pk", None),
        tuple(tag.pk for tag in context.get("tags") or []),
    )
    return fragments.render(request, "meta", vary, build)


def _page_number(request) -> int:
    number = request.GET.get("page", "") if request else ""
    return int(number) if number.isascii() and number.isdigit() and int(number) > 1 else 1


def _meta(context, request, page) -> dict:
    site_settings = SiteSettings.for_request(request) if request else None
    meta = {
        "title": context.get("meta_title") or (page.get_meta_title() if page else ""),
        "description": context.get("meta_description") or (page.get_meta_description() if page else ""),
        "canonical": context.get("canonical_url") or (page.get_canonical_url(request) if page else ""),
        "noindex": context.get("noindex", False),
        "og_type": page.og_type if page else "website",
        "site_name": site_settings.organisation_name if site_settings else "",
    }
    number = _page_number(request)
    if meta["canonical"] and number > 1:
        meta["canonical"] += f"?page={number}"
    image, alt = page.get_meta_image() if page else (None, "")
    share_image = None
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        share_image = {
            "url": absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }
    meta["image"] = share_image
    data = page.get_structured_data(request, share_image) if page else None
    meta["structured_data"] = json_ld_script(data) if data else ""
    meta["feeds"] = feed_links(context.get("news_index"), context.get("tag"), request)
    meta["page"] = page
    meta["tags"] = context.get("tags") or []
    return meta


def feed_links(news_index, tag, request) -> list[dict]:
    """RSS and Atom feeds of the news index (and of the tag being listed), as absolute URLs."""
    if news_index is None or request is None:
        return []
    base = news_index.get_url(request)
    if not base:
        return []
    links = []
    if tag is not None:
        for route, kind, label in (("tag_feed", "rss", "RSS"), ("tag_atom", "atom", "Atom")):
            links.append(
                {
                    "url": absolute_url(request, base + news_index.reverse_subpage(route, args=[tag.slug])),
                    "type": f"application/{kind}+xml",
                    "title": _("Nieuws over %(tag)s (%(format)s)") % {"tag": tag.name, "format": label},
                }
            )
    for route, kind, label in (("feed", "rss", "RSS"), ("atom", "atom", "Atom")):
        links.append(
            {
                "url": absolute_url(request, base + news_index.reverse_subpage(route)),
                "type": f"application/{kind}+xml",
                "title": _("Al het nieuws (%(format)s)") % {"format": label},
            }
        )
    return links
