"""Turning what a visitor typed into a safe full-text search over the visible articles."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from wagtail.search.models import IndexEntry

from news.models import ArticlePage
from search.matching import postgres_match, sqlite_match, visible_ids
from search.ranking import postgres_ranked_ids, sqlite_ranked_ids

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


def article_cards():
    """Articles with what a card (or the API's listing) shows fetched in bulk."""
    return (
        ArticlePage.objects.defer_streamfields()
        .select_related("image")
        .prefetch_related("tags", "image__renditions")
    )


def searchable_articles(root=None):
    """Visible articles (below `root`), with what a card shows fetched in bulk, as a queryset the search
    backend can filter: it cannot translate `.visible()` itself, so visibility is a filter on ids."""
    return article_cards().filter(pk__in=visible_ids(root))


def search_articles(query: str, root=None, within=None, items=None, operator="and"):
    """Visible articles matching every word of `query` (any word with operator "or"), most relevant first;
    nothing for a query without a single letter or digit (only punctuation cannot match a word).

    Only the requested slice is ranked out and fetched (RankedArticles, search/ranking.py). `within`: a
    queryset of visible articles the results must also be among (the API's filters); `items`: the queryset a
    slice's articles are read from (default: as listings show them)."""
    ranked_ids = {"sqlite": sqlite_ranked_ids, "postgresql": postgres_ranked_ids}.get(connection.vendor)
    if ranked_ids and any(ch.isalnum() for ch in query):
        return RankedArticles(partial(ranked_ids, query, root, within, operator), items)
    articles = items if items is not None else within if within is not None else searchable_articles(root)
    if not any(ch.isalnum() for ch in query):
        return articles.none()
    return articles.search(query, operator=operator)  # other databases


def matching_articles(articles, query: str, operator="and"):
    """`articles` (visible, filtered and ordered by the caller) that match `query`, in their own order:
    one filter on the ids the index matches, no ranking, so the database pages them as any listing."""
    if not any(ch.isalnum() for ch in query):
        return articles.none()
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    entries = IndexEntry._meta.db_table
    if connection.vendor == "sqlite":
        from wagtail.search.models import SQLiteFTSIndexEntry

        fts = SQLiteFTSIndexEntry._meta.db_table
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {entries} e WHERE e.content_type_id = %s "  # noqa: S608
            f"AND e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"
        )
        params = [sqlite_match(query, operator)]
    elif connection.vendor == "postgresql":
        condition, params = postgres_match(query, operator)
        sql = (
            f"SELECT CAST(e.object_id AS integer) FROM {entries} e "  # noqa: S608
            f"WHERE e.content_type_id = %s AND {condition}"
        )
    else:
        return articles.search(query, operator=operator, order_by_relevance=False)
    # Only table names and fixed SQL are formatted in; every value is a parameter.
    return articles.filter(pk__in=RawSQL(sql, [article_type, *params]))  # noqa: S611


class RankedArticles:
    """Ranked ids as a sequence the paginator can count and slice; a slice fetches just its articles.

    `fetch(start, stop)` returns the number of matches and the ids ranked start to stop. count() reads
    READ_AHEAD ids along, so the first pages of results need no second query."""

    READ_AHEAD = 100

    def __init__(self, fetch, items=None):
        self.fetch = fetch
        self.items = items  # the queryset a slice's articles are read from; default: as listings show them
        self.total = None
        self.start, self.ids = 0, []

    def count(self):
        if self.total is None:
            self.total, self.ids = self.fetch(0, self.READ_AHEAD)
        return self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(self.count())
        if start < self.start or stop > self.start + len(self.ids):
            self.total, self.ids = self.fetch(start, stop)
            self.start = start
        ids = self.ids[start - self.start : stop - self.start]
        items = ArticlePage.objects.listing() if self.items is None else self.items
        items = items.order_by()  # the ids give the order
        found = {a.pk: a for a in items.filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]
