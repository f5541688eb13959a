"""Site search page: visible articles only, best match first, ten per page."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Site

from news.cards import attach_cards
from news.models import NewsIndexPage, paginate
from search.query import MAX_QUERY_LENGTH, clean_query, search_articles
from sitewide import versions

RESULTS_PER_PAGE = 10


def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    results = paginate(request, search_articles(query, root), RESULTS_PER_PAGE) if query else None
    news_index = (
        versions.cached(f"search:news-index:{root.pk}", lambda: news_index_below(root)) if root else None
    )
    if results is not None:
        results.object_list = attach_cards(results.object_list, request, news_index, heading_level="h3")
    title = _("Zoekresultaten voor ‘%(query)s’") % {"query": query} if query else _("Zoeken")
    if results is not None and results.number > 1:
        title = _("%(title)s – pagina %(number)s") % {"title": title, "number": results.number}
    context = {
        "search_query": query,
        "query_was_shortened": shortened,
        "max_query_length": MAX_QUERY_LENGTH,
        "results": results,
        "news_index": news_index,
        "meta_title": title,
        "meta_description": _("Zoek in het nieuws over de samenwerking van gemeenten in het sociaal domein."),
        "noindex": True,
        "page_prefix": f"?{urlencode({'q': query})}&",
    }
    response = render(request, "pages/search_results.html", context)
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, max_age=0)
    return response


def news_index_below(root):
    """The news index the result cards link through; which one it is changes only with content, so it is
    kept under the content version (sitewide/versions.py)."""
    return NewsIndexPage.objects.descendant_of(root).live().public().first()
