"""The administrators' overviews, built with wagtail-modeladmin (the only module that uses it).

"Publicaties" lists every article in the tree with its publication status (computed in SQL, see
status.py) and links each row to the page editor; "Geciteerde personen" lists the Person snippets with
the number of articles quoting them. Both filter, search and export to CSV and XLSX.
"""

from django.contrib.admin import display
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import ReferenceIndex
from wagtail_modeladmin.helpers import (
    AdminURLHelper,
    ButtonHelper,
    PageButtonHelper,
    PagePermissionHelper,
    PermissionHelper,
)
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from news.models import ArticlePage
from news.people import Person
from publishing.exports import OverviewIndexView, Planned, local_time, site_root_url, with_default_site
from publishing.filters import QuotedFilter, StatusFilter, TagFilter, YearFilter
from publishing.status import (
    AWAITING_APPROVAL,
    EXPIRED,
    LIVE,
    SCHEDULED,
    STATUS_LABELS,
    with_publication_status,
)


def short_datetime(value) -> str:
    return date_format(timezone.localtime(value), "d-m-Y H:i") if value else ""


def user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


class AdministratorsOnly:
    """Overviews are for administrators (superusers); the rows link elsewhere, nothing is edited here."""

    def user_can_list(self, user):
        return user.is_active and user.is_superuser

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return False

    def user_can_edit_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_unpublish_obj(self, user, obj):
        return False

    def user_can_copy_obj(self, user, obj):
        return False


class ArticleOverviewPermissions(AdministratorsOnly, PagePermissionHelper):
    pass


class PeopleOverviewPermissions(AdministratorsOnly, PermissionHelper):
    pass


class EditOnlyButtons(PageButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        if not self.permission_helper.user_can_edit_obj(self.request.user, obj):
            return []
        return [self.edit_button(obj.pk, classnames_add, classnames_exclude)]


class IndexOnly:
    """Register only the listing: editing happens in the page editor and the snippet views."""

    index_view_class = OverviewIndexView
    index_view_extra_css = ["publishing/css/overviews.css"]

    def get_admin_urls_for_registration(self):
        helper = self.url_helper
        return (
            re_path(
                helper.get_action_url_pattern("index"),
                self.index_view,
                name=helper.get_action_url_name("index"),
            ),
        )


class ArticleOverview(IndexOnly, ModelAdmin):
    model = ArticlePage
    menu_label = _("Publicaties")
    menu_icon = "doc-full"
    base_url_path = "overzichten/publicaties"
    permission_helper_class = ArticleOverviewPermissions
    button_helper_class = EditOnlyButtons
    list_display = ("title", "date", "status", "tag_names", "owner_name", "last_change", "publication")
    list_filter = (StatusFilter, TagFilter, YearFilter)
    search_fields = ("title", "intro", "slug")
    ordering = ("-date", "-pk")
    list_per_page = 50
    list_export = (
        "title",
        "date",
        "status_label",
        "tag_names",
        "owner_name",
        "changed_at",
        "changed_by",
        "published_at",
        "published_by",
        "scheduled_for",
        "expires_at",
        "public_url",
        "edit_url",
    )
    export_headings = {
        "title": _("Titel"),
        "date": _("Artikeldatum"),
        "status_label": _("Status"),
        "tag_names": _("Tags"),
        "owner_name": _("Eigenaar"),
        "changed_at": _("Laatst gewijzigd"),
        "changed_by": _("Gewijzigd door"),
        "published_at": _("Laatst gepubliceerd"),
        "published_by": _("Gepubliceerd door"),
        "scheduled_for": _("Gepland voor"),
        "expires_at": _("Verloopt op"),
        "public_url": _("Adres op de site"),
        "edit_url": _("Bewerken"),
    }
    export_filename = "publicaties"

    def get_queryset(self, request):
        queryset = with_publication_status(ArticlePage.objects.all())
        return (
            with_default_site(queryset)
            .annotate(shown_publication_at=Coalesce("last_published_at", "scheduled_at"))
            .defer_streamfields()
            .select_related("owner", "latest_revision__user")
            .prefetch_related("tags")
            .order_by(*self.ordering)
        )

    @display(description=_("status"), ordering="publication_status")
    def status(self, obj):
        label = STATUS_LABELS[obj.publication_status]
        detail = self.status_detail(obj)
        if detail:
            return format_html('<span class="status-tag">{}</span><br><small>{}</small>', label, detail)
        return format_html('<span class="status-tag">{}</span>', label)

    def status_detail(self, obj) -> str:
        status = obj.publication_status
        if status == SCHEDULED:
            return _("online vanaf %(when)s") % {"when": short_datetime(obj.scheduled_at)}
        if status == LIVE and obj.scheduled_at:
            return _("nieuwe versie gepland: %(when)s") % {"when": short_datetime(obj.scheduled_at)}
        if status in (LIVE, EXPIRED) and obj.expire_at:
            return _("verloopt %(when)s") % {"when": short_datetime(obj.expire_at)}
        if status == AWAITING_APPROVAL and obj.live:
            return _("de vorige versie staat online")
        return ""

    @display(description=_("status"))
    def status_label(self, obj):
        return str(STATUS_LABELS[obj.publication_status])

    @display(description=_("tags"))
    def tag_names(self, obj):
        return ", ".join(sorted((tag.name for tag in obj.tags.all()), key=str.casefold))

    @display(description=_("eigenaar"), ordering="owner__username")
    def owner_name(self, obj):
        return user_name(obj.owner)

    @display(description=_("laatst gewijzigd"), ordering="latest_revision_created_at")
    def last_change(self, obj):
        revision = obj.latest_revision
        if revision is None:
            return short_datetime(obj.latest_revision_created_at)
        return format_html(
            "{}<br><small>{}</small>", short_datetime(revision.created_at), user_name(revision.user)
        )

    @display(description=_("laatst gepubliceerd"), ordering="shown_publication_at")
    def publication(self, obj):
        published = self.published_at(obj)
        if isinstance(published, Planned):
            when = _("gepland: %(when)s") % {"when": short_datetime(obj.scheduled_at)}
        elif published:
            when = short_datetime(obj.last_published_at)
        else:
            return ""
        return format_html("{}<br><small>{}</small>", when, obj.published_by or "")

    def changed_at(self, obj):
        return local_time(
            obj.latest_revision.created_at if obj.latest_revision else obj.latest_revision_created_at
        )

    def changed_by(self, obj):
        return user_name(obj.latest_revision.user) if obj.latest_revision else ""

    def published_at(self, obj):
        """The last time the article went online; never online but scheduled: the planned go-live, marked."""
        if obj.last_published_at:
            return local_time(obj.last_published_at)
        if obj.publication_status == SCHEDULED:
            return Planned(local_time(obj.scheduled_at))
        return None

    def published_by(self, obj):
        return obj.published_by or ""

    def scheduled_for(self, obj):
        return local_time(obj.scheduled_at)

    def expires_at(self, obj):
        return local_time(obj.expire_at)

    def public_url(self, obj):
        return (obj.get_full_url() or "") if obj.live else ""

    def edit_url(self, obj):
        return site_root_url(obj, page=obj) + reverse("wagtailadmin_pages:edit", args=[obj.pk])


class PersonURLHelper(AdminURLHelper):
    def get_action_url(self, action, *args, **kwargs):
        if action == "edit":
            return reverse("wagtailsnippets_news_person:edit", args=args)
        return super().get_action_url(action, *args, **kwargs)


class PersonButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        if not self.permission_helper.user_can_edit_obj(self.request.user, obj):
            return []
        usage = {
            "url": reverse("wagtailsnippets_news_person:usage", args=[obj.pk]),
            "label": _("Artikelen"),
            "classname": self.finalise_classname(["button-secondary", *(classnames_add or [])]),
            "title": _("Toon de artikelen met een citaat van %(name)s") % {"name": obj.name},
        }
        return [self.edit_button(obj.pk, classnames_add, classnames_exclude), usage]


def quoting_articles(person_ref="pk"):
    """ReferenceIndex rows of articles that quote the person in the outer query (by Wagtail's reference index)."""
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Person),
        to_object_id=Cast(OuterRef(person_ref), output_field=CharField()),
        content_type=ContentType.objects.get_for_model(ArticlePage),
    )


class PeopleOverview(IndexOnly, ModelAdmin):
    model = Person
    menu_label = _("Geciteerde personen")
    menu_icon = "user"
    base_url_path = "overzichten/geciteerde-personen"
    permission_helper_class = PeopleOverviewPermissions
    url_helper_class = PersonURLHelper
    button_helper_class = PersonButtons
    list_display = ("name", "role", "article_count", "latest_article")
    list_filter = (QuotedFilter,)
    search_fields = ("name", "role")
    ordering = ("name", "role")
    list_per_page = 50
    list_export = ("name", "role", "article_count", "latest_article", "edit_url")
    export_headings = {
        "name": _("Naam"),
        "role": _("Functie"),
        "article_count": _("Aantal artikelen"),
        "latest_article": _("Datum nieuwste artikel"),
        "edit_url": _("Bewerken"),
    }
    export_filename = "geciteerde-personen"

    def get_queryset(self, request):
        counts = (
            quoting_articles()
            .values("to_object_id")
            .annotate(n=Count("object_id", distinct=True))
            .values("n")
        )
        article_ids = quoting_articles(person_ref=OuterRef("pk")).filter(
            object_id=Cast(OuterRef("pk"), output_field=CharField())
        )
        newest = ArticlePage.objects.filter(Exists(article_ids)).order_by("-date").values("date")[:1]
        return (
            with_default_site(Person.objects.all())
            .annotate(article_count=Coalesce(Subquery(counts), 0), latest_article_date=Subquery(newest))
            .order_by(*self.ordering)
        )

    def register_admin_url_finders(self):
        """Keep the snippet views as the place where a person is edited."""

    @display(description=_("artikelen"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @display(description=_("nieuwste artikel"), ordering="latest_article_date")
    def latest_article(self, obj):
        return obj.latest_article_date

    def edit_url(self, obj):
        return site_root_url(obj) + reverse("wagtailsnippets_news_person:edit", args=[obj.pk])


class Overviews(ModelAdminGroup):
    menu_label = _("Overzichten")
    menu_icon = "list-ul"
    menu_order = 150
    items = (ArticleOverview, PeopleOverview)


def register():
    modeladmin_register(Overviews)
