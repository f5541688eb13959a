"""Page and document passwords: a few wrong guesses per restriction and client address, then a lockout.

Wagtail's password form posts to its own views, which check a password as often as they are asked. These thin
views in front of them count each attempt per (view restriction, client address) in the cache. The
PAGE_PASSWORD_FAILURE_LIMIT-th wrong password locks that combination for PAGE_PASSWORD_LOCKOUT_SECONDS: a
Dutch page with status 429, even for the right password. The password belongs to the restriction (which may
cover a whole subtree), so the page id in the URL does not matter for the count.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from security import ratelimit
from security.clientip import client_ip


def failure_limit() -> int:
    return getattr(settings, "PAGE_PASSWORD_FAILURE_LIMIT", 5)


def lockout_seconds() -> int:
    return getattr(settings, "PAGE_PASSWORD_LOCKOUT_SECONDS", 15 * 60)


def page_password(request, page_view_restriction_id, page_id):
    return _limited(
        request,
        f"page:{page_view_restriction_id}",
        wagtail_views.authenticate_with_password,
        page_view_restriction_id,
        page_id,
    )


def document_password(request, restriction_id):
    return _limited(
        request, f"collection:{restriction_id}", document_views.authenticate_with_password, restriction_id
    )


def _limited(request, scope, view, *args):
    if request.method != "POST":
        return view(request, *args)  # showing the form is free; only a submitted password counts
    key = f"security:password-attempts:{scope}:{client_ip(request)}"
    window = lockout_seconds()
    # Counted before the check, so parallel requests cannot slip more guesses past the limit.
    attempts = ratelimit.hit(key, window)
    if attempts > failure_limit():
        return locked_out(window)
    response = view(request, *args)
    if response.status_code == 302:  # Wagtail redirects to the page once the password is right
        ratelimit.reset(key)
        return response
    if attempts == failure_limit():
        ratelimit.prolong(key, window)
        return locked_out(window)
    return response


def locked_out(window: int) -> HttpResponse:
    minutes = -(-window // 60)
    response = HttpResponse(
        render_to_string("security/password_lockout.html", {"minutes": minutes}), status=429
    )
    response["Retry-After"] = str(window)
    response["Cache-Control"] = "no-store"
    return response
