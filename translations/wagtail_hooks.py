from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

# Wagtail's help menu links to its English editor guide and release notes; the editors get their own handbook.
WAGTAIL_GUIDES = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def dutch_handbook_in_help_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_GUIDES)]
    if settings.EDITOR_GUIDE_URL:
        menu_items.insert(
            0,
            MenuItem(
                _("Handleiding voor de redactie"),
                settings.EDITOR_GUIDE_URL,
                name="handleiding-redactie",
                icon_name="help",
                order=1000,
                attrs={"target": "_blank", "rel": "noreferrer"},
            ),
        )
