from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction

from security.adminposts import PageEditorViewSet, guarded_bulk_action


@hooks.register("register_admin_viewset")
def register_page_editor_viewset():
    # After Wagtail's own base page viewset (order=-1), so it replaces it for every page type.
    return PageEditorViewSet()


# After Wagtail's own registrations (order 0), so these replace them.
for action_class in [DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction]:
    hooks.register("register_bulk_action", guarded_bulk_action(action_class), order=1)
