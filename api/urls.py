"""The syndication API: /api/v2/articles/ (list, ?tag=, ?search=, paginated), /api/v2/articles/<id>/, and its
description /api/v2/openapi.json."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from api.openapi import openapi_json
from api.views import ArticlesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("articles", ArticlesAPIViewSet)

app_name = api_router.url_namespace
urlpatterns = [*api_router.get_urlpatterns(), path("openapi.json", openapi_json, name="openapi")]
