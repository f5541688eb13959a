"""Editor panels shared by every page type: the publishing schedule with Dutch guidance."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PublishingPanel
from wagtail.models import Page


class SchedulePanel(PublishingPanel):
    """Wagtail's schedule (go-live and expiry time) with help texts that say what each time does."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        go_live, expire = self.children
        go_live.help_text = go_live.help_text or _(
            "Optioneel: de pagina verschijnt pas op de site, in overzichten en bij gerelateerd nieuws "
            "vanaf dit moment. Geldt na publiceren of na goedkeuring door de eindredactie."
        )
        expire.help_text = expire.help_text or _(
            "Optioneel: vanaf dit moment verdwijnt de pagina van de site en uit alle overzichten."
        )


# Wagtail's settings tab with the schedule explained; the rest (comments) as Wagtail builds it.
SETTINGS_PANELS = [SchedulePanel(), *Page.settings_panels[1:]]
