from django.urls import path
from wagtail import hooks

from publishing import admin_views, in_use
from publishing.content_checks import use_site_content_checker
from publishing.dashboard import add_panels

admin_views.register()
hooks.register("construct_homepage_panels", add_panels)
hooks.register("construct_wagtail_userbar", use_site_content_checker)
hooks.register("before_delete_snippet", in_use.before_delete_snippet)
hooks.register("before_bulk_action", in_use.before_bulk_delete)


@hooks.register("register_admin_urls", order=-1)
def guarded_delete_urls():
    # Before Wagtail's own image and document URLs (order 0): the same addresses, refusing while in use.
    return [
        path("images/<int:image_id>/delete/", in_use.GuardedImageDeleteView.as_view()),
        path("documents/delete/<int:document_id>/", in_use.GuardedDocumentDeleteView.as_view()),
    ]
