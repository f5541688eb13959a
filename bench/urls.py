"""The site's URLs plus /_bench/trivial/, a view that answers a short text through the same middleware
without touching the database or a template: the ceiling a rendered page is measured against."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    response = HttpResponse(b"ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"  # never a page-cache hit: the same work in both modes
    return response


urlpatterns = [
    path("_bench/trivial/", trivial),  # TRIVIAL_PATH in bench/run.py
    path("", include("site_project.urls")),
]
