from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import hooks

from sitewide.restrictions import any_restrictions


@hooks.register("on_serve_page")
def restricted_pages_are_never_stored(next_serve_page):
    """A restricted page, its login redirect and its password form are for one visitor only:
    `Cache-Control: private, no-store`, so no shared cache (ours, a CDN, a proxy) keeps them."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if any_restrictions() and page.get_view_restrictions().exists():
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    return serve
