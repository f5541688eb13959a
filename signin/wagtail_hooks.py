from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from signin.views import may_reset


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("signin_manage"),
        "label": _("Tweestapsverificatie"),
        "help_text": _("Uw authenticator-app en herstelcodes beheren."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if may_reset(request_user, user):
        yield ListingButton(
            _("Tweestapsverificatie herstellen"),
            reverse("signin_reset_user", args=[user.pk]),
            priority=60,
        )
