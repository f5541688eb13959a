"""The admin for "Blijf op de hoogte" (wagtail-modeladmin; its only use in this app).

Subscribers are personal data: the menu and every view need the model permissions of `newsletter`
(superusers have them; give them to an administrators group if needed, never to editors). `PersonalDataAdmin`
puts that check in front of every URL an admin registers, since not every modeladmin view checks for itself
(its history view checks nothing). Nobody adds or edits an address by hand, since consent must come from the
person; an administrator can delete one on request, which keeps a proof of the withdrawal just like
unsubscribing by link does.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import DeleteView, IndexView

from newsletter.models import ArticleMailing, Delivery, Subscriber, Withdrawal

# A spreadsheet program runs cells starting with these as formulas ("CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ReadOnlyPermissionHelper(PermissionHelper):
    """List, inspect and delete; never add or edit."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class ViewOnlyPermissionHelper(ReadOnlyPermissionHelper):
    def user_can_delete_obj(self, user, obj):
        return False


class SafeExportIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        safe = {}
        for field, value in row_dict.items():
            value = self.preprocess_field_value(field, value, self.FORMAT_CSV)
            if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                value = "'" + value
            safe[field] = value
        return writer.writerow(safe)


class WithdrawOnDeleteView(DeleteView):
    def get_page_subtitle(self):
        return self.instance.email  # the administrator sees which address goes; the log keeps only the number

    def confirmation_message(self):
        return _(
            "Weet u zeker dat u %(email)s wilt verwijderen? Het adres krijgt dan geen berichten meer. "
            "We bewaren alleen een onleesbare vingerafdruk van het adres en de datum, als bewijs."
        ) % {"email": self.instance.email}

    def delete_instance(self):
        self.instance.withdraw(Withdrawal.Source.ADMIN)


class PersonalDataAdmin(ModelAdmin):
    """Every URL this admin registers requires the permission its list requires, before the view runs."""

    def get_admin_urls_for_registration(self):
        return tuple(
            URLPattern(url.pattern, self.listers_only(url.callback), url.default_args, url.name)
            for url in super().get_admin_urls_for_registration()
        )

    def listers_only(self, view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not self.permission_helper.user_can_list(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked


class SubscriberAdmin(PersonalDataAdmin):
    model = Subscriber
    menu_label = _("Abonnees")
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = SafeExportIndexView
    delete_view_class = WithdrawOnDeleteView
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "status",
        "all_news",
        "topics",
        "created_at",
        "confirmed_at",
        "consent_text",
        "pending_choice",
    ]
    list_display = ["email", "status", "topic_names", "created_at", "confirmed_at"]
    list_filter = ["status", "all_news", "created_at", "confirmed_at"]
    search_fields = ["email"]
    list_export = ["email", "status", "topic_names", "created_at", "confirmed_at", "consent_text"]
    export_filename = "abonnees"
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")


class ArticleMailingAdmin(PersonalDataAdmin):
    model = ArticleMailing
    menu_label = _("Verzendingen")
    menu_icon = "list-ul"
    permission_helper_class = ViewOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ["article", "status", "delivery_summary", "created_at", "finished_at", "note"]
    list_filter = ["status"]

    def delivery_summary(self, obj):
        return _("%(sent)s verzonden, %(pending)s wachtend, %(failed)s mislukt") % {
            "sent": obj.n_sent,
            "pending": obj.n_pending,
            "failed": obj.n_failed,
        }

    delivery_summary.short_description = _("berichten")

    def get_queryset(self, request):
        def count(*statuses):
            rows = (
                Delivery.objects.filter(article_id=OuterRef("article_id"), status__in=statuses)
                .values("article_id")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

        return (
            super()
            .get_queryset(request)
            .select_related("article")
            .annotate(
                n_sent=count(Delivery.Status.SENT),
                n_pending=count(Delivery.Status.PENDING, Delivery.Status.SENDING),
                n_failed=count(Delivery.Status.FAILED),
            )
        )


class NewsletterGroup(ModelAdminGroup):
    menu_label = _("Blijf op de hoogte")
    menu_icon = "mail"
    menu_order = 600
    items = (SubscriberAdmin, ArticleMailingAdmin)


modeladmin_register(NewsletterGroup)
