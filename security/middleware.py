"""Response headers Django does not set itself, and the admin's own Content-Security-Policy.

Sits inside Django's CSP middleware, so the admin policy it attaches is the one that middleware writes.
"""

import time

from django.conf import settings
from django.core.exceptions import BadRequest

# Files others may embed (API consumers show our images) versus everything else.
CROSS_ORIGIN_PREFIXES = ("/media/", "/api/", "/static/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            # What Django's csp_override() sets and its middleware reads (contract tested)
            response._csp_config = settings.ADMIN_CSP
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        cross = request.path.startswith(CROSS_ORIGIN_PREFIXES)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if cross else "same-origin"
        )
        return response


class RejectNullBytesMiddleware:
    """A NUL byte has no place in a URL path; PostgreSQL cannot even compare one. Answer 400 before any
    query (the Dutch 400 page). (Query parameters are the views' business: the search page, for one, shows
    results anyway.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("NUL byte in the path")
        return self.get_response(request)


class SlidingSessionMiddleware:
    """Keep a signed-in editor's short session alive while they work, without saving the session on every
    request: saving on every request makes parallel requests (icons, previews) fail with a 400 when the
    session was just renewed or ended by another request. Renewed at most every SESSION_RENEW_SECONDS."""

    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # anonymous visitors: the session stays untouched
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[self.KEY] = now  # a change: the session and its cookie get a new expiry
        return self.get_response(request)
