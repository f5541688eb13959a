"""Blocks of the site settings: links to the organisation's social media profiles."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

SOCIAL_NETWORKS = [
    ("linkedin", "LinkedIn"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("x", "X"),
]


class SocialLinkBlock(blocks.StructBlock):
    """One profile: which network and the full address of the profile."""

    network = blocks.ChoiceBlock(
        choices=SOCIAL_NETWORKS,
        label=_("Netwerk"),
        help_text=_("Wordt als linktekst in de footer getoond."),
    )
    url = blocks.URLBlock(
        label=_("Adres van het profiel"),
        help_text=_("Het volledige webadres, bijvoorbeeld https://www.linkedin.com/company/…"),
    )

    class Meta:
        icon = "link-external"
        template = "components/streamfield/social_link.html"
        label = _("Profiel op sociale media")
        help_text = _("Een link naar het profiel van de organisatie op een sociaal netwerk.")
        description = _("Een link naar het profiel van de organisatie op een sociaal netwerk.")
        preview_value = {"network": "linkedin", "url": "https://www.linkedin.com/"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["network_label"] = dict(SOCIAL_NETWORKS).get(value["network"], value["network"])
        return context
