"""Response headers Django does not set itself, and the admin's own Content-Security-Policy.

Sits inside Django's CSP middleware, so the policy it attaches (the admin's, with frame-ancestors matching
X-Frame-Options) is the one that middleware writes; and outside Django's X-Frame-Options middleware, so it
sees the header each response ends up with (DENY, or SAMEORIGIN from Wagtail's preview views).
"""

import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.csp import CSP

# Files others may embed (API consumers show our images) versus everything else.
CROSS_ORIGIN_PREFIXES = ("/media/", "/api/", "/static/")
CSP_HEADER = str(CSP.HEADER_ENFORCE)
FRAME_ANCESTORS = {"DENY": [CSP.NONE], "SAMEORIGIN": [CSP.SELF]}


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            # What Django's csp_override() sets and its middleware reads (contract tested)
            response._csp_config = settings.ADMIN_CSP
        frame_ancestors_follow_x_frame_options(response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        cross = request.path.startswith(CROSS_ORIGIN_PREFIXES)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if cross else "same-origin"
        )
        return response


def frame_ancestors_follow_x_frame_options(response) -> None:
    """Old browsers read X-Frame-Options, new ones the CSP's frame-ancestors: give both the same answer.

    A response without X-Frame-Options (one answered before Django's middleware ran, e.g. a static file)
    gets X_FRAME_OPTIONS; one exempted with @xframe_options_exempt keeps the policy's own frame-ancestors.
    A Wagtail preview runs the page through the whole middleware chain (the CSP header is written there,
    with DENY's 'none') and is then marked SAMEORIGIN: a header already written is corrected in place.
    Otherwise the policy goes in `_csp_config`, which Django's csp_override sets and its middleware reads.
    """
    framing = response.headers.get("X-Frame-Options")
    if framing is None:
        if getattr(response, "xframe_options_exempt", False):
            return
        framing = response.headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS.upper()
    ancestors = FRAME_ANCESTORS.get(framing.upper())
    if ancestors is None:
        return
    if (written := response.headers.get(CSP_HEADER)) is not None:
        response.headers[CSP_HEADER] = with_frame_ancestors(written, ancestors)
        return
    config = getattr(response, "_csp_config", settings.SECURE_CSP)
    if config and config.get("frame-ancestors") != ancestors:
        response._csp_config = {**config, "frame-ancestors": ancestors}


def with_frame_ancestors(policy: str, ancestors: list[str]) -> str:
    directive = " ".join(["frame-ancestors", *ancestors])
    parts = [part.strip() for part in policy.split(";") if part.strip()]
    kept = [directive if part.split()[0].lower() == "frame-ancestors" else part for part in parts]
    return "; ".join(kept if directive in kept else [*kept, directive])


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
