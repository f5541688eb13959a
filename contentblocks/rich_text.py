"""The rich-text `lang` feature: a Draftail entity stored and shown as <span lang="en"> (WCAG 3.1.2).

Admin-only imports: loaded from wagtail_hooks, once the models are ready.
"""

from django.utils.translation import gettext_lazy as _
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.editor_html import WhitelistRule
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.whitelist import attribute_rule

from contentblocks.language import LANGUAGES, valid_code

FEATURE = "lang"
ENTITY_TYPE = "LANGUAGE"


class LanguageElementHandler(InlineEntityElementHandler):
    """<span lang="…"> in the database → a LANGUAGE entity in the editor (an unknown code: none, and the
    decorator below writes the text back unmarked)."""

    mutability = "MUTABLE"

    def get_attribute_data(self, attrs):
        return {"lang": valid_code(attrs.get("lang"))}


def language_entity_decorator(props):
    """A LANGUAGE entity → <span lang="…"> in the database; an invalid code keeps only the text."""
    code = valid_code(props.get("lang"))
    if code is None:
        return props["children"]
    return DOM.create_element("span", {"lang": code}, props["children"])


def register(features) -> None:
    features.register_editor_plugin(
        "draftail",
        FEATURE,
        draftail_features.EntityFeature(
            {
                "type": ENTITY_TYPE,
                "icon": "globe",
                "description": str(_("Andere taal")),
                "languages": [{"code": code, "name": str(name)} for code, name in LANGUAGES],
            },
            js=["contentblocks/language-entity.js"],
            css={"all": ["contentblocks/admin.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        FEATURE,
        {
            "from_database_format": {"span[lang]": LanguageElementHandler(ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {ENTITY_TYPE: language_entity_decorator}},
        },
    )
    features.register_converter_rule(
        "editorhtml", FEATURE, [WhitelistRule("span", attribute_rule({"lang": valid_code}))]
    )
