"""List filters of the overviews (Django admin's SimpleListFilter, as wagtail-modeladmin expects)."""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from news.models import ArticlePage, ArticlePageTag
from publishing.status import STATUS_CHOICES


class StatusFilter(SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return STATUS_CHOICES

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in dict(STATUS_CHOICES):
            return queryset.none()
        return queryset.filter(publication_status=value)


class TagFilter(SimpleListFilter):
    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return list(
            Tag.objects.filter(news_articlepagetag_items__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        tagged = ArticlePageTag.objects.filter(tag__slug=value).values("content_object_id")
        return queryset.filter(pk__in=tagged)


class YearFilter(SimpleListFilter):
    title = _("jaar (artikeldatum)")
    parameter_name = "jaar"

    def lookups(self, request, model_admin):
        return [(str(d.year), str(d.year)) for d in ArticlePage.objects.dates("date", "year", order="DESC")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            return queryset.none()
        return queryset.filter(date__year=int(value))


class QuotedFilter(SimpleListFilter):
    title = _("geciteerd")
    parameter_name = "geciteerd"

    def lookups(self, request, model_admin):
        return [("ja", _("In minstens één artikel")), ("nee", _("Nog in geen enkel artikel"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "ja":
            return queryset.filter(article_count__gt=0)
        if value == "nee":
            return queryset.filter(article_count=0)
        return queryset if value is None else queryset.none()
