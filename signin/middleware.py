"""Hold a signed-in user at the second step until it is done (after django_otp's OTPMiddleware).

In the admin they are sent to the code or set-up page; elsewhere (the public site, private pages) they
count as not signed in. The sign-in pages themselves and logging out stay reachable.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from signin.policy import pending_step

OPEN_URL_NAMES = (
    "signin_verify",
    "signin_setup",
    "signin_recovery_codes",
    "wagtailadmin_logout",
    # what the step pages' admin scripts fetch: the icons and the JavaScript catalog (no data)
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = pending_step(request)
        if step is None:
            return self.get_response(request)
        path = request.path_info
        if path in {reverse(name) for name in OPEN_URL_NAMES} or path.startswith("/oidc/"):
            return self.get_response(request)
        if path.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
            target = reverse("signin_verify" if step == "verify" else "signin_setup")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        request.user = AnonymousUser()
        request.auser = _anonymous
        return self.get_response(request)


async def _anonymous():
    return AnonymousUser()
