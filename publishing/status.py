"""An article's publication status, computed in SQL so overviews and filters cost the same for 1 or 1000 rows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

LIVE = "live"
DRAFT = "draft"
SCHEDULED = "scheduled"
AWAITING_APPROVAL = "awaiting"
EXPIRED = "expired"

STATUS_CHOICES = [
    (LIVE, _("Online")),
    (DRAFT, _("Concept")),
    (SCHEDULED, _("Gepland")),
    (AWAITING_APPROVAL, _("Wacht op goedkeuring")),
    (EXPIRED, _("Verlopen")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
PUBLISH_ACTIONS = ["wagtail.publish", "wagtail.publish.schedule"]


def user_display_name(prefix: str):
    """SQL for a user's full name, or their username when they have none."""
    full_name = Trim(Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name"))
    return Coalesce(NullIf(full_name, Value("")), f"{prefix}username")


def with_publication_status(queryset: QuerySet) -> QuerySet:
    """Annotate pages with `publication_status`, `scheduled_at` and `published_by` (one SQL query).

    Awaiting approval comes first (someone has to act), then expired (past its expiry time, even before
    the expiry job has run), scheduled (approved, waiting for its go-live time), live and draft.
    """
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    page_id = Cast(OuterRef("pk"), output_field=CharField())
    in_moderation = WorkflowState.objects.filter(
        base_content_type=page_type, object_id=page_id, status=WorkflowState.STATUS_IN_PROGRESS
    )
    scheduled_revisions = Revision.objects.filter(
        base_content_type=page_type, object_id=page_id, approved_go_live_at__isnull=False
    )
    last_publication = PageLogEntry.objects.filter(
        page=OuterRef("pk"), action__in=PUBLISH_ACTIONS, user__isnull=False
    ).order_by("-timestamp", "-pk")
    return queryset.annotate(
        publication_status=Case(
            When(Exists(in_moderation), then=Value(AWAITING_APPROVAL)),
            When(Q(expired=True) | Q(live=True, expire_at__lte=now), then=Value(EXPIRED)),
            When(Q(live=False) & Exists(scheduled_revisions), then=Value(SCHEDULED)),
            When(live=True, then=Value(LIVE)),
            default=Value(DRAFT),
            output_field=CharField(),
        ),
        scheduled_at=Subquery(scheduled_revisions.values("approved_go_live_at")[:1]),
        published_by=Subquery(last_publication.values(name=user_display_name("user__"))[:1]),
    )
