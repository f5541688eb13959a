"""The second sign-in step: set up an authenticator app, enter a code, manage or reset it."""

import django_otp
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.auth import require_admin_access

from signin import devices, lockout
from signin.forms import CodeForm, RecoveryCodeForm
from signin.policy import has_device, must_use_2fa, pending_step

NEW_CODES_SESSION_KEY = "signin_new_recovery_codes"


def next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("wagtailadmin_home")


def signin_login_required(view):
    return never_cache(login_required(view, login_url="wagtailadmin_login"))


def locked_out(request):
    logout(request)
    return render(request, "signin/lockout.html", status=429)


@signin_login_required
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if pending_step(request) != "verify":
        return redirect(next_url(request))
    if lockout.is_locked(request, user):
        return locked_out(request)
    recovery = request.GET.get("methode") == "herstelcode" or request.POST.get("methode") == "herstelcode"
    form_class = RecoveryCodeForm if recovery else CodeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if recovery and device is not None and not isinstance(device, StaticDevice):
            device = None  # the recovery form takes recovery codes only
        if device is None:
            if lockout.wrong_code(request, user):
                return locked_out(request)
            form.add_error("code", _("Deze code klopt niet. Probeer het opnieuw."))
        else:
            lockout.right_code(user)
            request.session.cycle_key()
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("U hebt een herstelcode gebruikt. Er zijn er nog %(count)s over.")
                    % {"count": devices.recovery_codes_left(user)},
                )
            return redirect(next_url(request))
    return render(
        request,
        "signin/verify.html",
        {"form": form, "recovery": recovery, "next": next_url(request), "has_recovery": _has_recovery(user)},
    )


def _has_recovery(user) -> bool:
    return devices.recovery_codes_left(user) > 0


@signin_login_required
@sensitive_post_parameters("code")
def setup(request):
    user = request.user
    step = pending_step(request)
    if step == "verify":
        return redirect(reverse("signin_verify"))
    if has_device(user):
        return redirect(reverse("signin_manage"))
    device = devices.pending_totp(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if devices.confirm(request, device, form.cleaned_data["code"]):
            request.session.cycle_key()
            django_otp.login(request, device)
            request.session[NEW_CODES_SESSION_KEY] = devices.new_recovery_codes(user)
            return redirect(reverse("signin_recovery_codes") + "?" + _next_query(request))
        form.add_error(
            "code", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw.")
        )
    context = {
        "form": form,
        "qr_svg": devices.qr_svg(device),
        "manual_key": devices.manual_key(device),
        "required": must_use_2fa(user),
        "next": next_url(request),
    }
    return render(request, "signin/setup.html", context)


def _next_query(request) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": next_url(request)})


@signin_login_required
def recovery_codes(request):
    """The new recovery codes, shown once."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(reverse("signin_manage"))
    return render(request, "signin/recovery_codes.html", {"codes": codes, "next": next_url(request)})


@require_admin_access
@never_cache
def manage(request):
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "reset" and has_device(user):
            devices.remove_all(user)
            messages.success(request, _("Tweestapsverificatie is verwijderd voor uw account."))
            if must_use_2fa(user):
                return redirect(reverse("signin_setup"))
        elif action == "recovery_codes" and has_device(user):
            request.session[NEW_CODES_SESSION_KEY] = devices.new_recovery_codes(user)
            return redirect(reverse("signin_recovery_codes") + "?next=" + reverse("signin_manage"))
        return redirect(reverse("signin_manage"))
    context = {
        "active": has_device(user),
        "required": must_use_2fa(user),
        "codes_left": devices.recovery_codes_left(user),
    }
    return render(request, "signin/manage.html", context)


def may_reset(request_user, user) -> bool:
    if request_user.pk == user.pk or not request_user.has_perm("auth.change_user"):
        return False
    return request_user.is_superuser or not user.is_superuser


@require_admin_access
@never_cache
def reset_user(request, user_id):
    """An administrator removes another user's authenticator app and recovery codes (e.g. a lost phone)."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, user):
        messages.error(request, _("Sorry, je hebt geen toegang tot dit gedeelte."))
        return redirect(reverse("wagtailadmin_home"))
    if request.method == "POST":
        devices.remove_all(user)
        lockout.right_code(user)
        messages.success(
            request,
            _(
                "Tweestapsverificatie van %(name)s is verwijderd. Bij de volgende keer inloggen stelt "
                "%(name)s die opnieuw in."
            )
            % {"name": user.get_username()},
        )
        return redirect(reverse("wagtailusers_users:index"))
    return render(request, "signin/reset_user.html", {"target": user, "active": has_device(user)})
