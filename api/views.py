"""The articles endpoint: only visible articles (live, public, not expired), newest first."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Site

from api.fields import (
    AbsoluteDetailUrlField,
    AbsoluteHtmlUrlField,
    ArticleImageField,
    ExternalField,
    StreamBodyField,
    TagListField,
)
from api.openapi import API_VERSION
from api.problems import PROBLEM_JSON, language, problem
from news.models import ArticlePage, ArticlePageTag
from pagebase.mixins import absolute_url
from search.query import (
    article_cards,
    clean_query,
    matching_articles,
    search_articles,
    searchable_articles,
)


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's `?field=value` filters, with a 400 instead of a 500 for a value the field cannot hold."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError) as error:
            raise BadRequestError("field filter error: a value is not valid for its field") from error


class TagFilter(BaseFilterBackend):
    """`?tag=<slug>`: articles with that tag, the same slug as in /nieuws/tag/<slug>/."""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("tag")
        if slug is None:
            return queryset
        if not slug.isprintable():
            raise BadRequestError("tag must be the slug of a tag")
        # A filter on ids, so that it can be combined with ?search=.
        tagged = ArticlePageTag.objects.filter(tag__slug=slug).values("content_object_id")
        return queryset.filter(pk__in=tagged)


class SearchFilter(BaseFilterBackend):
    """`?search=` with the site search's cleaning (no NUL or control characters, at most 200 characters);
    every word must match, any word with `search_operator=or`. Best match first, ranked as the site search
    ranks, only the requested page (search/query.py); with `?order=` the matches in that order, one filter
    on the matching ids. Never Wagtail's search backend: it ranks every match, ~30 s at 10,000 articles."""

    # Parameters that do not narrow the articles: without others the site's visible articles are searched.
    NOT_FILTERS = {"search", "search_operator", "limit", "offset", "fields", "format"}

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query, _shortened = clean_query(request.GET["search"])
        operator = request.GET.get("search_operator", "and")
        if operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if not query:
            return queryset
        if "order" in request.GET:
            # The queryset is visible, filtered and ordered (OrderingFilter): keep its order.
            return matching_articles(queryset, query, operator)
        if not any(ch.isalnum() for ch in query):
            return queryset.none()
        site = Site.find_for_request(request)
        if site is None:
            return queryset  # no site, no articles (get_base_queryset)
        narrowed = set(request.GET) - self.NOT_FILTERS
        within = queryset if narrowed else None
        # The ranked ids are visible and within the filters; read by id, checked again row by row.
        items = article_cards().visible()
        return search_articles(query, site.root_page, within=within, items=items, operator=operator)


class ArticlePagination(WagtailPagination):
    """Wagtail's limit/offset pagination; an offset too large for the database is a 400, not a 500."""

    max_offset = 1_000_000

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isascii() and offset.isdigit() and int(offset) > self.max_offset:
            raise BadRequestError(f"offset cannot be higher than {self.max_offset}")
        return super().paginate_queryset(queryset, request, view)


MAX_ID = 2**63 - 1


class EscapingJSONRenderer(JSONRenderer):
    """JSON with <, > and & escaped, so text echoed from a request can never become markup anywhere."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rendered = super().render(data, accepted_media_type, renderer_context)
        return rendered.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


class ArticlesAPIViewSet(PagesAPIViewSet):
    name = "articles"
    model = ArticlePage
    renderer_classes = [EscapingJSONRenderer]
    # Public data only: nobody is recognised, so a logged-in editor sees exactly what a partner sees.
    authentication_classes = []
    permission_classes = [AllowAny]
    filter_backends = [CheckedFieldsFilter, TagFilter, OrderingFilter, SearchFilter]
    pagination_class = ArticlePagination
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["tag"])
    find_query_parameters = PagesAPIViewSet.find_query_parameters

    body_fields = [
        "id",
        "title",
        "date",
        "teaser",
        "intro",
        APIField("image", serializer=ArticleImageField()),
        APIField("tags", serializer=TagListField()),
        APIField("external", serializer=ExternalField()),
        "updated_at",
        APIField("body", serializer=StreamBodyField()),
    ]
    meta_fields = [
        "type",
        APIField("detail_url", serializer=AbsoluteDetailUrlField()),
        APIField("html_url", serializer=AbsoluteHtmlUrlField()),
        "slug",
        "first_published_at",
        "last_published_at",
        "seo_title",
        "search_description",
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "title",
        "date",
        "teaser",
        "image",
        "tags",
        "external",
        "updated_at",
    ]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = ["body"]

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.listing_default_fields[:]

    def get_base_queryset(self):
        # Wagtail asks for it up to three times a request (its serializer only wants the model): built once.
        if getattr(self, "_base_queryset", None) is None:
            site = Site.find_for_request(self.request)
            if site is None:
                self._base_queryset = ArticlePage.objects.none()
            else:
                articles = searchable_articles(site.root_page).order_by("-date", "-pk")
                if self.action != "listing_view":
                    # One article: its body is shown, so do not defer it.
                    articles = articles.defer(None)
                self._base_queryset = articles
        return self._base_queryset.all()  # a fresh copy each time: a caller's results stay its own

    def get_queryset(self):
        return self.get_base_queryset()

    def detail_view(self, request, pk):
        if int(pk) > MAX_ID:  # larger than any database id: not found, not an overflow
            raise Http404("not found")
        return super().detail_view(request, pk)

    def find_object(self, queryset, request):
        raw = request.GET.get("id")
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) <= MAX_ID):
            raise BadRequestError("id must be a positive integer")
        if not request.GET.get("html_path", "").isprintable():
            return None
        return super().find_object(queryset, request)

    def find_view(self, request):
        """Redirect to the detail under the site's root, without Wagtail's bare "?" when no query remains."""
        try:
            article = self.find_object(self.get_queryset(), request)
        except ArticlePage.DoesNotExist:
            article = None
        if article is None:
            raise Http404("not found")
        query = request.GET.copy()
        for name in self.find_query_parameters:
            query.pop(name, None)
        url = absolute_url(
            request, request.wagtailapi_router.get_object_detail_urlpath(self.model, article.pk)
        )
        return redirect(f"{url}?{query.urlencode()}" if query else url)

    def finalize_response(self, request, response, *args, **kwargs):
        data = getattr(response, "data", None)
        if response.status_code >= 400 and isinstance(data, dict):
            # Every error as problem details in the visitor's language (api/problems.py).
            message = str(data.get("message") or data.get("detail") or "")
            response.data = problem(request, response.status_code, message)
            response.content_type = PROBLEM_JSON
            response["Content-Language"] = language(request)
            patch_vary_headers(response, ["Accept-Language"])
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        # Partner sites may fetch this public, read-only data from the browser, and read its version.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "API-Version"
        return response
