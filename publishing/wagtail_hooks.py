from django.urls import path
from wagtail import hooks

from publishing import admin_views, in_use, journey
from publishing.content_checks import use_site_content_checker
from publishing.dashboard import add_panels

admin_views.register()
hooks.register("construct_homepage_panels", add_panels)
hooks.register("construct_homepage_panels", journey.add_new_article_panel)
hooks.register("construct_wagtail_userbar", use_site_content_checker)
hooks.register("construct_page_action_menu", journey.submit_first)
hooks.register("before_edit_page", journey.show_requested_changes)
hooks.register("after_edit_page", journey.after_workflow_action_in_editor)
hooks.register("insert_editor_js", journey.editor_js)
hooks.register("before_delete_snippet", in_use.before_delete_snippet)
hooks.register("before_bulk_action", in_use.before_bulk_delete)


hooks.register("register_admin_urls", journey.admin_urls)


@hooks.register("register_admin_viewset")
def article_editor_viewset():
    return journey.ArticleEditorViewSet()


@hooks.register("register_admin_urls", order=-1)
def guarded_delete_urls():
    # Before Wagtail's own image and document URLs (order 0), at the same addresses: deletion refused while
    # in use (in_use.py).
    return [
        path(
            "images/<int:image_id>/delete/",
            in_use.GuardedImageDeleteView.as_view(),
            name="image_delete_in_use",
        ),
        path(
            "documents/delete/<int:document_id>/",
            in_use.GuardedDocumentDeleteView.as_view(),
            name="document_delete_in_use",
        ),
    ]
