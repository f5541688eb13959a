"""Contracts with the Wagtail, modelsearch, taggit, treebeard and Django internals this project relies on.

Each test pins down one undocumented (or override-only) piece of a dependency, on a small fixture, and fails
with a message naming the file of ours that relies on it. When an upgrade turns one red, change that file
(or drop the internal), not the test's expectation alone.
"""

import inspect

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.utils.csp import CSP
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage
from news.models import ArticlePage
from tests.factories import ArticlePageFactory, ImageFactory, StandardPageFactory


def needs(where: str, what: str) -> str:
    """The failure message: which file of ours relies on what, which the installed version no longer does."""
    return f"{where} relies on {what}; the installed version no longer behaves so: adapt {where}"


def parameters(func) -> list[str]:
    return list(inspect.signature(func).parameters)


def test_page_route_is_the_routing_hook(rf, home, news_index, monkeypatch):
    where = "news/models.py and home/models.py (their route() overrides)"
    assert parameters(Page.route) == ["self", "request", "path_components"], needs(
        where, "Page.route(self, request, path_components)"
    )
    article = ArticlePageFactory(parent=news_index, slug="bericht")
    calls = []
    original = HomePage.route

    def recording(self, request, path_components):
        calls.append(list(path_components))
        return original(self, request, path_components)

    monkeypatch.setattr(HomePage, "route", recording)
    request = rf.get("/nieuws/bericht/")
    page, args, kwargs = Page.route_for_request(request, "/nieuws/bericht/")

    assert calls == [["nieuws", "bericht"]], needs(
        where, "Wagtail routing every path from the root's route()"
    )
    assert (page, args, kwargs) == (article, [], {}), needs(where, "route() returning a RouteResult")
    with pytest.raises(Http404):
        news_index.resolve_subpage("/bericht/")  # news/models.py: not a sub-route, so an article


def test_treebeard_get_parent_uses_the_cached_parent(news_index, django_assert_num_queries):
    article = ArticlePage.objects.get(pk=ArticlePageFactory(parent=news_index).pk)
    article._cached_parent_obj = news_index

    with django_assert_num_queries(0):
        parent = article.get_parent()

    assert parent is news_index, needs("news/routing.py", "get_parent() returning _cached_parent_obj")


def test_site_find_for_request_memoises_on_the_request(rf, home, django_assert_num_queries):
    request = rf.get("/")
    site = Site.find_for_request(request)
    assert getattr(request, "_wagtail_site", None) == site, needs(
        "sitewide/sites.py", "Site.find_for_request keeping its answer in request._wagtail_site"
    )

    other = rf.get("/")
    other._wagtail_site = "remembered"
    with django_assert_num_queries(0):
        found = Site.find_for_request(other)
    assert found == "remembered", needs(
        "sitewide/sites.py", "Site.find_for_request reading request._wagtail_site"
    )


@pytest.mark.parametrize(
    ("hostname", "port"),
    [
        ("andere.example.nl", 8080),
        ("andere.example.nl", 81),
        ("derde.example.nl", 81),
        ("onbekend.example.nl", 80),
        ("localhost", 80),
        ("localhost", 8000),
        ("twee.example.nl", 80),
        ("twee.example.nl", 443),
    ],
)
def test_sites_match_hosts_as_get_site_for_hostname_does(home, hostname, port):
    from wagtail.models.sites import get_site_for_hostname

    from sitewide.sites import _match

    Site.objects.create(hostname="andere.example.nl", port=8080, root_page=home)
    Site.objects.create(hostname="derde.example.nl", port=80, root_page=home)
    Site.objects.create(hostname="twee.example.nl", port=8001, root_page=home)
    Site.objects.create(hostname="twee.example.nl", port=8002, root_page=home)
    try:
        expected = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        expected = None
    assert _match(list(Site.objects.all()), hostname, str(port)) == expected, needs(
        "sitewide/sites.py (_match)", "get_site_for_hostname's choice of host, port and default site"
    )


def test_page_specific_is_kept_in_the_instance_dict(home):
    page = Page.objects.get(pk=home.pk)
    page.__dict__["specific"] = home
    assert page.specific is home, needs(
        "sitewide/sites.py (_specific_root)", "Page.specific as a cached property"
    )


def test_page_urls_read_the_root_paths_kept_on_the_request(rf, news_index, django_assert_num_queries):
    from wagtail.models.sites import SiteRootPath

    request = rf.get("/")
    site = Site.objects.get(is_default_site=True)
    request._wagtail_cached_site_root_paths = [
        SiteRootPath(site.pk, home_path(news_index), "http://elders.example.nl", "nl")
    ]
    request._wagtail_site = site
    with django_assert_num_queries(0):
        url = news_index.get_url(request)
    assert url == f"/{news_index.slug}/", needs(
        "sitewide/sites.py (site_for)", "page URLs reading request._wagtail_cached_site_root_paths"
    )


def home_path(page) -> str:
    return page.get_parent().url_path


def test_renditions_put_in_the_rendition_cache_are_found_there(db, django_assert_num_queries):
    from django.db.models import prefetch_related_objects
    from wagtail.images import get_image_model

    from news.cards import remember_renditions

    image = ImageFactory()
    image.get_renditions("fill-640x360", "fill-1200x630")
    image.get_rendition_model().cache_backend.clear()
    prefetch_related_objects([image], "renditions")
    remember_renditions(image)
    fresh = get_image_model().objects.get(pk=image.pk)
    with django_assert_num_queries(0):
        found = fresh.get_renditions("fill-640x360", "fill-1200x630")
        fresh.get_rendition("fill-1200x630")
    assert set(found) == {"fill-640x360", "fill-1200x630"}, needs(
        "news/cards.py (remember_renditions)", "Rendition.construct_cache_key and Rendition.cache_backend"
    )


def test_page_queryset_public_and_private_go_through_private_q(news_index, monkeypatch):
    from django.db.models import Q

    from pagebase.mixins import PublicPageQuerySet

    where = "pagebase/mixins.py (PublicPageQuerySet.private_q)"
    shown, hidden = ArticlePageFactory(parent=news_index), ArticlePageFactory(parent=news_index)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    ours = set(ArticlePage.objects.public().values_list("pk", flat=True))
    wagtails = set(Page.objects.public().type(ArticlePage).values_list("pk", flat=True))
    assert ours == wagtails == {shown.pk}, needs(where, "the same meaning as PageQuerySet.private_q")

    monkeypatch.setattr(PublicPageQuerySet, "private_q", lambda self: Q(pk=shown.pk))
    public = set(ArticlePage.objects.public().values_list("pk", flat=True))
    private = set(ArticlePage.objects.private().values_list("pk", flat=True))
    assert (public, private) == ({hidden.pk}, {shown.pk}), needs(
        where, "public()/private() calling private_q()"
    )


def test_get_view_restrictions_is_asked_by_the_serve_hook(client, home, monkeypatch):
    where = "pagebase/mixins.py (SitePageMixin.get_view_restrictions) and sitewide/wagtail_hooks.py"
    assert parameters(Page.get_view_restrictions) == ["self"], needs(where, "get_view_restrictions(self)")
    members = StandardPageFactory(parent=home, title="Leden", slug="leden")
    reports = StandardPageFactory(parent=members, title="Verslagen", slug="verslagen")
    alias = members.create_alias(parent=home, update_slug="leden-kopie", recursive=True)
    alias_child = alias.get_children().get().specific
    restriction = PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    open_page = StandardPageFactory(parent=home, title="Open", slug="open")
    for page in (members, reports, alias.specific, alias_child, open_page):
        ours = set(page.get_view_restrictions())
        assert ours == set(Page.get_view_restrictions(page)), needs(where, f"Wagtail's meaning ({page.url})")
    assert set(reports.get_view_restrictions()) == {restriction}

    monkeypatch.setattr(
        type(open_page), "get_view_restrictions", lambda self: restriction.__class__.objects.all()
    )
    response = client.get("/open/")
    assert response.status_code == 302, needs(
        where, "Wagtail's serve hook asking page.get_view_restrictions()"
    )


def table_columns(table: str) -> dict[str, str]:
    """Column name → type, in the table's order."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
            return {row[1]: row[2].lower() for row in cursor.fetchall()}
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        return dict(cursor.fetchall())


def test_search_index_tables_have_the_columns_search_query_reads(news_index):
    from django.db.models import Q

    where = "search/ranking.py and search/matching.py (their SQL against the search index)"
    article = ArticlePageFactory(parent=news_index, title="Buurtbudget", intro="Over de wijkagenda.")
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        fts = SQLiteFTSIndexEntry._meta.db_table
        entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
        assert list(table_columns(fts)) == ["autocomplete", "body", "title"], needs(
            where + " and search/backend.py (SQLITE_COLUMN_WEIGHTS)", f"the FTS5 columns of {fts}, in order"
        )
        assert {"id", "content_type_id", "object_id"} <= set(table_columns(entries)), needs(where, entries)
        sql = (
            f"SELECT e.object_id FROM {fts} f JOIN {entries} e ON f.rowid = e.id "  # noqa: S608 - fixed names
            f"WHERE {fts} MATCH %s AND e.content_type_id = %s"
        )
        params = ['{title body} : ("wijkagenda")', ContentType.objects.get_for_model(ArticlePage).pk]
    else:
        from modelsearch.backends.database.postgres.postgres import IndexEntry
        from modelsearch.backends.database.postgres.weights import get_sql_weights
        from wagtail.search.backends import get_search_backend

        table = IndexEntry._meta.db_table
        columns = table_columns(table)
        found = {name: columns.get(name) for name in ("title", "body")}
        assert found == {"title": "tsvector", "body": "tsvector"}, needs(where, f"{table}'s tsvectors")
        assert {"content_type_id", "object_id"} <= set(columns), needs(where, f"{table}'s object columns")
        assert columns.get("title_norm") in ("double precision", "real"), needs(where, "title_norm")
        assert get_search_backend().config == "dutch", needs(where, "the search backend's .config")
        weights = get_sql_weights()
        assert weights.startswith("{") and len(weights.strip("{}").split(",")) == 4, needs(
            where, "get_sql_weights() giving ts_rank's float4[] of four weights"
        )
        sql = (
            f"SELECT e.object_id FROM {table} e WHERE e.content_type_id = %s "  # noqa: S608 - fixed names
            "AND (e.title @@ to_tsquery(%s::regconfig, %s) OR e.body @@ to_tsquery(%s::regconfig, %s))"
        )
        params = [
            ContentType.objects.get_for_model(ArticlePage).pk,
            "dutch",
            "wijkagenda",
            "dutch",
            "wijkagenda",
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [int(row[0]) for row in cursor.fetchall()]
    assert found == [article.pk], needs(where, "an indexed page's words being found in those columns")

    visible = ArticlePage.objects.filter(Q(pk=article.pk)).values("pk")
    visible_sql, visible_params = visible.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({visible_sql}) AS v", visible_params)  # noqa: S608 - Django's SQL
        assert cursor.fetchone()[0] == 1, needs(where, "QuerySet.query.sql_with_params() giving runnable SQL")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="search/backend.py changes only SQLite's backend")
def test_sqlite_search_compiler_hooks_search_backend_overrides():
    from modelsearch.backends.database.sqlite.query import BM25
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler
    from modelsearch.query import PlainText

    where = "search/backend.py (WeightedQueryCompiler)"
    for name, expected in [
        ("get_index_vectors", ["self"]),
        ("build_search_query_content", ["self", "query", "config"]),
        ("build_tsrank", ["self", "vector", "query", "config", "boost"]),
    ]:
        found = parameters(getattr(SQLiteSearchQueryCompiler, name))
        assert found == expected, needs(where, f"SQLiteSearchQueryCompiler.{name}{tuple(expected)}")
    assert SQLiteSearchBackend.query_compiler_class is SQLiteSearchQueryCompiler, needs(
        where, "the backend's query_compiler_class attribute"
    )
    plain = PlainText('say "hi"', operator="and", boost=2.0)
    assert (plain.query_string, plain.operator, plain.boost) == ('say "hi"', "and", 2.0), needs(
        where, "PlainText(query_string, operator=, boost=)"
    )
    rank = SQLiteSearchQueryCompiler.build_tsrank(None, None, PlainText("x"))
    assert isinstance(rank, BM25), needs(where, "build_tsrank() of a plain query being a BM25() to replace")
    from wagtail.search.backends.database import SearchBackend

    backend = SearchBackend({})
    assert type(backend).__name__ == "SQLiteSearchBackend", needs(where, "the class name it checks")


def test_run_on_commit_entries_are_sids_func_robust(db, settings):
    from sitewide import versions

    where = "sitewide/versions.py (changed())"

    def callback():
        pass

    with transaction.atomic():
        transaction.on_commit(callback, robust=True)
        entry = connection.run_on_commit[-1]
        assert len(entry) == 3 and entry[1] is callback and entry[2] is True, needs(
            where, "connection.run_on_commit holding (savepoint ids, func, robust) tuples"
        )
        settings.CONTENT_VERSION_AFTER_COMMIT = True
        versions.changed()
        versions.changed()
        moves = [func for _, func, _ in connection.run_on_commit if isinstance(func, versions._Change)]
        assert len(moves) == 1, needs(where, "reading run_on_commit to register once per transaction")


def test_cluster_taggable_manager_normalises_through_to_tag_model_instances(news_index):
    from modelcluster.contrib.taggit import _ClusterTaggableManager

    where = "news/tags.py (_NormalisingTagManager)"
    assert parameters(_ClusterTaggableManager._to_tag_model_instances) == ["self", "tags", "tag_kwargs"], (
        needs(where, "_ClusterTaggableManager._to_tag_model_instances(tags, tag_kwargs)")
    )
    article = ArticlePageFactory(parent=news_index)
    article.tags.add("  mens   centraal ", "Zorg")
    assert sorted(article.tags.names()) == ["Zorg", "mens centraal"], needs(where, "add() going through it")
    article.tags.set(["  wonen ", "zorg ", ""])  # case-insensitive tags: "zorg " is the existing "Zorg"
    article.save()

    names = sorted(ArticlePage.objects.get(pk=article.pk).tags.names())
    assert names == ["Zorg", "wonen"], needs(where, "set() going through that method")


def test_taggit_default_parser():
    from taggit.utils import _parse_tags

    assert _parse_tags('zorg, "mens centraal", wonen') == ["mens centraal", "wonen", "zorg"], needs(
        "news/tags.py (parse_tags)", "taggit.utils._parse_tags as the default tag parser"
    )


def test_hash_filelike_gives_wagtails_image_file_hash(db):
    from wagtail.utils.file import hash_filelike

    image = ImageFactory()
    image.file_hash = ""
    with image.open_file() as f:
        ours = hash_filelike(f)
    assert ours == image.get_file_hash(), needs(
        "news/import_writer.py (Writer.image)", "wagtail.utils.file.hash_filelike giving Wagtail's file_hash"
    )


def test_rich_text_converters_clean_like_the_editor():
    from news.importer import clean_rich_text

    html = '<p onclick="x()">Een <b>vet</b> <span style="color:red">woord</span> <a href="https://vng.nl/">VNG</a></p>'
    assert clean_rich_text(html) == '<p>Een <b>vet</b> woord <a href="https://vng.nl/">VNG</a></p>', needs(
        "news/importer.py (clean_rich_text)",
        "EditorHTMLConverter and ContentstateConverter (Wagtail admin)",
    )


def test_treebeard_get_path_gives_the_next_childs_path(home):
    parent = StandardPageFactory(parent=home, title="Ouder", slug="ouder")
    first = StandardPageFactory(parent=parent, title="Een", slug="een")
    second = StandardPageFactory(parent=parent, title="Twee", slug="twee")

    paths = [Page._get_path(parent.path, parent.depth + 1, n) for n in (1, 2)]
    assert paths == [first.path, second.path], needs("bench/generate.py", "Page._get_path(path, depth, step)")


def test_save_base_raw_writes_only_the_child_row(news_index):
    import datetime

    where = "bench/generate.py (articles over bulk-created pages)"
    page = news_index.add_child(
        instance=Page(title="Kaal", slug="kaal", content_type=ContentType.objects.get_for_model(ArticlePage))
    )
    pages = Page.objects.count()
    article = ArticlePage(page_ptr=page, date=datetime.date(2024, 1, 1), intro="Kort.")
    article.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
    article.save_base(raw=True)

    assert Page.objects.count() == pages, needs(where, "save_base(raw=True) leaving the parent row alone")
    assert ArticlePage.objects.get(pk=page.pk).title == "Kaal", needs(where, "save_base(raw=True)")


def test_csp_config_on_a_response_overrides_the_policy(rf):
    from django.middleware.csp import ContentSecurityPolicyMiddleware
    from django.views.decorators.csp import csp_override

    where = "security/middleware.py (the admin's policy)"
    policy = {"default-src": [CSP.NONE]}
    decorated = csp_override(policy)(lambda request: HttpResponse())
    assert decorated(rf.get("/")).__dict__.get("_csp_config") is policy, needs(
        where, "response._csp_config, as csp_override() sets it"
    )

    def view(request):
        response = HttpResponse()
        response._csp_config = policy
        return response

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'", needs(
        where, "the CSP middleware writing response._csp_config"
    )


def test_csp_nonce_on_the_request_is_truthy_once_used(rf):
    from django.middleware.csp import ContentSecurityPolicyMiddleware

    request = rf.get("/")
    ContentSecurityPolicyMiddleware(lambda r: HttpResponse()).process_request(request)
    nonce = getattr(request, "_csp_nonce", None)
    where = "pagecache/middleware.py (cacheable_response)"
    assert nonce is not None and not nonce, needs(where, "request._csp_nonce, falsy until used")
    str(nonce)
    assert nonce, needs(where, "request._csp_nonce turning truthy once a template used it")


def test_admin_lookup_field_resolves_list_export_names(news_index):
    from django.contrib.admin.utils import lookup_field

    class Admin:
        def shout(self, obj):
            return obj.title.upper()

    article = ArticlePageFactory(parent=news_index, title="Stil")
    where = "publishing/admin_views.py (OverviewIndexView.to_row_dict)"
    assert lookup_field("title", article, Admin())[2] == "Stil", needs(
        where, "lookup_field(name, obj, admin)"
    )
    assert lookup_field("shout", article, Admin())[2] == "STIL", needs(
        where, "lookup_field on an admin method"
    )


def test_spreadsheet_export_hooks():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail_modeladmin.views import IndexView

    where = "publishing/admin_views.py and newsletter/wagtail_hooks.py (export views)"
    assert issubclass(IndexView, SpreadsheetExportMixin), needs(where, "modeladmin's IndexView exporting")
    for name, expected in [
        ("to_row_dict", ["self", "item"]),
        ("preprocess_field_value", ["self", "field", "value", "export_format"]),
        ("write_csv_row", ["self", "writer", "row_dict"]),
    ]:
        found = parameters(getattr(SpreadsheetExportMixin, name))
        assert found == expected, needs(where, f"SpreadsheetExportMixin.{name}{tuple(expected)}")
    assert SpreadsheetExportMixin.FORMAT_CSV == "csv", needs(where, "SpreadsheetExportMixin.FORMAT_CSV")
    assert "export_headings" in vars(SpreadsheetExportMixin), needs(where, "export_headings")


def test_publishing_panel_is_the_first_settings_panel_with_both_times():
    from wagtail.admin.panels import PublishingPanel

    where = "pagebase/panels.py (SETTINGS_PANELS)"
    first = Page.settings_panels[0]  # a placeholder for the panel class while wagtail.admin loads
    assert getattr(first, "panel_class", type(first)) is PublishingPanel, needs(
        where, "Page.settings_panels[0] being the PublishingPanel"
    )
    names = [child.field_name for child in PublishingPanel().children]
    assert names == ["go_live_at", "expire_at"], needs(where, "PublishingPanel().children")


def test_pages_api_viewset_hooks():
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    where = "api/views.py (ArticlesAPIViewSet)"
    for name, expected in [
        ("get_base_queryset", ["self"]),
        ("detail_view", ["self", "request", "pk"]),
        ("find_view", ["self", "request"]),
        ("find_object", ["self", "queryset", "request"]),
    ]:
        found = parameters(getattr(PagesAPIViewSet, name))
        assert found == expected, needs(where, f"PagesAPIViewSet.{name}{tuple(expected)}")
    assert parameters(WagtailAPIRouter.get_object_detail_urlpath) == ["self", "model", "pk"], needs(
        where, "request.wagtailapi_router.get_object_detail_urlpath(model, pk)"
    )
    assert "wagtailapi_router" in inspect.getsource(WagtailAPIRouter.wrap_view), needs(
        where, "the router setting request.wagtailapi_router"
    )
    assert isinstance(PagesAPIViewSet.known_query_parameters, frozenset), needs(
        where, "known_query_parameters"
    )
    assert "html_path" in PagesAPIViewSet.find_query_parameters, needs(where, "find_query_parameters")
