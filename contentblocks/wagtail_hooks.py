from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from contentblocks import rich_text
from contentblocks.documents import check_document_access

# After Wagtail's own collection privacy check (order 0): a password form still comes first.
hooks.register("before_serve_document", check_document_access, order=10)


@hooks.register("insert_editor_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("contentblocks/admin.css"))


@hooks.register("register_rich_text_features")
def register_language_feature(features):
    rich_text.register(features)
