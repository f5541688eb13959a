"""Turning what a visitor typed into a safe full-text search over the visible articles."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from news.models import ArticlePage

MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> tuple[str, bool]:
    """What a visitor typed, made safe to search for: control characters (NUL included) become spaces,
    whitespace is collapsed and the text cut to MAX_QUERY_LENGTH characters, on a word boundary where
    possible. Returns the query and whether it was cut."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[: MAX_QUERY_LENGTH + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]), True


def searchable_articles(root=None):
    """Visible articles (below `root`), with what a card shows fetched in bulk, as a queryset the search
    backend can filter: it cannot translate `.visible()` itself, so visibility is a filter on ids."""
    visible = ArticlePage.objects.visible()
    if root is not None:
        visible = visible.descendant_of(root)
    return (
        ArticlePage.objects.filter(pk__in=visible.values("pk"))
        .defer_streamfields()
        .select_related("image")
        .prefetch_related("tags", "image__renditions")
    )


def search_articles(query: str, root=None):
    """Visible articles matching every word of `query`, most relevant first; nothing for a query
    without a single letter or digit (only punctuation cannot match a word)."""
    articles = searchable_articles(root)
    if not any(ch.isalnum() for ch in query):
        return articles.none()
    if connection.vendor == "sqlite":
        return RankedArticles(sqlite_ranked_ids(query, root))
    return articles.search(query, operator="and")


def sqlite_ranked_ids(query: str, root=None) -> list[int]:
    """Ids of the visible matching articles, best first, in one pass over SQLite's FTS5 index.

    Wagtail's SQLite backend ranks with a bm25() subquery per matching row, which repeats the full-text
    match for each: 150 ms for 1,000 matches, where this takes 5–10 ms with the same order (title
    weighted as in search/backend.py, newest id first on ties)."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    from search.backend import SQLITE_COLUMN_WEIGHTS

    terms = [term.replace('"', "") for term in query.split()]
    match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms if term) + ")"
    fts = SQLiteFTSIndexEntry._meta.db_table
    entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
    visible = ArticlePage.objects.visible()
    if root is not None:
        visible = visible.descendant_of(root)
    visible_sql, visible_params = visible.values("pk").query.sql_with_params()
    weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
    # Only table names, weights and Django's own SQL are formatted in; every value is a parameter.
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) AS pk FROM {fts} f JOIN {entries} e ON f.rowid = e.id "  # noqa: S608
        f"WHERE {fts} MATCH %s AND e.content_type_id = %s AND CAST(e.object_id AS INTEGER) IN ({visible_sql}) "
        f"ORDER BY bm25({fts}, {weights}), pk DESC"
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, content_type.pk, *visible_params])
        return [row[0] for row in cursor.fetchall()]


class RankedArticles:
    """Ranked ids as a sequence the paginator can count and slice; a slice fetches just its articles."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = {a.pk: a for a in ArticlePage.objects.listing().filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]
