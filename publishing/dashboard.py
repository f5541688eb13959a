"""Dashboard panels: what an editor got back with comments, and what is scheduled to go on or off the site."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.permissions import page_permission_policy

from news.models import ArticlePage
from publishing.status import SCHEDULED, with_publication_status

PANEL_LIMIT = 10


class ReturnedForChangesPanel(Component):
    """Articles the current user submitted or owns that an eindredacteur sent back, with the comment."""

    name = "returned_for_changes"
    template_name = "publishing/dashboard/returned_for_changes.html"
    order = 205

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        owned = Exists(
            Page.objects.filter(owner=user, pk=Cast(OuterRef("object_id"), output_field=IntegerField()))
        )
        states = list(
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                base_content_type=ContentType.objects.get_for_model(Page),
            )
            .filter(Q(requested_by=user) | owned)
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[:PANEL_LIMIT]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        returned = [
            {"page": pages[int(state.object_id)], "task_state": state.current_task_state}
            for state in states
            if int(state.object_id) in pages
        ]
        return {"returned": returned, "request": request}


class ScheduleOverviewPanel(Component):
    """For those who publish: articles waiting for their go-live time and articles about to expire."""

    name = "publication_schedule"
    template_name = "publishing/dashboard/schedule.html"
    order = 230

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        if not page_permission_policy.user_has_permission(request.user, "publish"):
            return {"show": False}
        now = timezone.now()
        scheduled = list(
            with_publication_status(ArticlePage.objects.defer_streamfields())
            .filter(publication_status=SCHEDULED)
            .order_by("scheduled_at")[:PANEL_LIMIT]
        )
        expiring = list(
            ArticlePage.objects.defer_streamfields()
            .filter(live=True, expire_at__gt=now)
            .order_by("expire_at")[:PANEL_LIMIT]
        )
        overdue = [article for article in scheduled if article.scheduled_at <= now]
        return {
            "show": bool(scheduled or expiring),
            "scheduled": scheduled,
            "expiring": expiring,
            "overdue": overdue,
            "request": request,
        }


def add_panels(request, panels):
    panels.append(ReturnedForChangesPanel())
    panels.append(ScheduleOverviewPanel())
