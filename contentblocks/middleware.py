"""Pages with a video may frame that video's player, and only those pages (docs/media-blocks.md).

Runs inside the page cache, so the policy it writes is stored with the page and sent again on every hit;
Django's CSP middleware (outside) leaves a policy already written alone.
"""

from django.conf import settings
from django.utils.csp import CSP, build_policy

CSP_HEADER = str(CSP.HEADER_ENFORCE)


class VideoPlayerPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = sorted(getattr(request, "_video_player_origins", ()))
        if not origins or CSP_HEADER in response.headers:
            return response
        config = getattr(response, "_csp_config", settings.SECURE_CSP)
        if not config:
            return response
        config = {**config, "frame-src": [CSP.SELF, *origins]}
        # Django keeps the request's lazy nonce there (see pagecache/middleware.py): an unused one is left out.
        response.headers[CSP_HEADER] = build_policy(config, getattr(request, "_csp_nonce", None) or None)
        allowed = " ".join(["self", *(f'"{origin}"' for origin in origins)])
        response.headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace(
            "autoplay=()", f"autoplay=({allowed})"
        )
        return response
