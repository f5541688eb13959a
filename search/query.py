"""Turning what a visitor typed into a safe full-text search over the visible articles."""

import json
import re
import time
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import IntegerField, Max, Min
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from news.models import ArticlePage
from sitewide import versions

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


def visible_ids(root=None):
    """The ids of the visible articles (below `root`), as a subquery."""
    visible = ArticlePage.objects.visible()
    if root is not None:
        visible = visible.descendant_of(root)
    return visible.order_by().values("pk")


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

    Only the requested slice is ranked out and fetched (RankedArticles). `within`: a queryset of visible
    articles the results must also be among (the API's filters); `items`: the queryset a slice's articles
    are read from (default: as listings show them)."""
    articles = items if items is not None else within if within is not None else searchable_articles(root)
    if not any(ch.isalnum() for ch in query):
        return articles.none()
    if connection.vendor == "sqlite":
        return RankedArticles(partial(sqlite_ranked_ids, query, root, within, operator), items)
    if connection.vendor == "postgresql":
        return RankedArticles(partial(postgres_ranked_ids, query, root, within, operator), items)
    return articles.search(query, operator=operator)  # other databases


def matching_articles(articles, query: str, operator="and"):
    """`articles` (visible, filtered and ordered by the caller) that match `query`, in their own order:
    one filter on the ids the index matches, no ranking, so the database pages them as any listing."""
    if not any(ch.isalnum() for ch in query):
        return articles.none()
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        fts = SQLiteFTSIndexEntry._meta.db_table
        entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {entries} e WHERE e.content_type_id = %s "  # noqa: S608
            f"AND e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"
        )
        params = [sqlite_match(query, operator)]
    elif connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        condition, params = postgres_match(query, operator)
        sql = (
            f"SELECT CAST(e.object_id AS integer) FROM {IndexEntry._meta.db_table} e "  # noqa: S608
            f"WHERE e.content_type_id = %s AND {condition}"
        )
    else:
        return articles.search(query, operator=operator, order_by_relevance=False)
    # Only table names and fixed SQL are formatted in; every value is a parameter.
    return articles.filter(pk__in=RawSQL(sql, [article_type, *params]))  # noqa: S611


def hidden_entries(root=None) -> tuple[int, list[int]]:
    """The last index entry's row id when worked out, and the row ids up to it of the SQLite search index
    entries that are not visible articles (below `root`): drafts, private and expired articles, other page
    types, images. Usually few; worked out with a pass over every article, so kept under the content version
    until the next expiry time of a visible article. Entries added later (the index is updated by a
    background task, after the change that moved the version) are checked one by one."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    key = versions.key("search-hidden", root.pk if root is not None else 0) if versions.current() else None
    found = cache.get(key) if key else None
    now = time.time()
    if found is not None and found["until"] > now:  # shape fixed by versions.FORMAT
        return found["last"], found["ids"]
    entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model
    last = entries.objects.aggregate(last=Max("pk"))["last"] or 0  # before the list: later ones are checked
    visible = visible_ids(root)
    article_type = ContentType.objects.get_for_model(ArticlePage)
    shown = (
        entries.objects.filter(content_type=article_type)
        .annotate(article_id=Cast("object_id", IntegerField()))
        .filter(article_id__in=visible)
    )
    hidden = entries.objects.filter(pk__lte=last).exclude(pk__in=shown.values("pk"))
    ids = list(hidden.values_list("pk", flat=True))
    first = ArticlePage.objects.filter(pk__in=visible).aggregate(first=Min("expire_at"))["first"]
    until = first.timestamp() if first else float("inf")
    if key:
        timeout = versions.TIMEOUT if first is None else max(1, min(versions.TIMEOUT, int(until - now) + 1))
        cache.set(key, {"until": until, "last": last, "ids": ids}, timeout)
    return last, ids


def sqlite_match(query: str, operator: str) -> str:
    """An FTS5 MATCH expression: every word (any word with operator "or") in the title or the body."""
    # modelsearch's tables have no query API that ranks in one pass: their columns are contract tested.
    terms = [term.replace('"', "") for term in query.split()]
    joiner = " OR " if operator == "or" else " AND "
    return "{title body} : (" + joiner.join(f'"{term}"' for term in terms if term) + ")"


def sqlite_ranked_ids(query: str, root, within, operator, start: int, stop: int) -> tuple[int, list[int]]:
    """The number of visible matching articles and the ids ranked start to stop, in one query on SQLite's
    FTS5 index: bm25() with the title weighted (search/backend.py), newest id first on ties.

    Matches are ranked on the FTS5 table alone; visibility is a short list of entries to leave out
    (hidden_entries), so no article or page row is read per match. Only the best `stop` matches (and any
    tied with the last of them) are joined to their page ids and sorted: with 10,000 matches that is
    ~10 ms, where ranking every match with its page id and visibility took 60-100 ms."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    from search.backend import SQLITE_COLUMN_WEIGHTS

    match = sqlite_match(query, operator)
    fts = SQLiteFTSIndexEntry._meta.db_table
    entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
    weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
    last, hidden = hidden_entries(root)
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    # Django has no public way to embed a queryset in raw SQL; Query.sql_with_params is contract tested.
    visible_sql, visible_params = visible_ids(root).query.sql_with_params()
    newer = (
        f"AND (rowid <= %s OR rowid IN (SELECT e.id FROM {entries} e WHERE e.id > %s "  # noqa: S608
        f"AND e.content_type_id = %s AND CAST(e.object_id AS INTEGER) IN ({visible_sql})))"
    )
    params = [match, json.dumps(hidden), last, last, article_type, *visible_params]
    restrict = ""
    if within is not None:
        within_sql, within_params = within.order_by().values("pk").query.sql_with_params()
        restrict = (
            f"AND rowid IN (SELECT e.id FROM {entries} e WHERE e.content_type_id = %s "  # noqa: S608
            f"AND CAST(e.object_id AS INTEGER) IN ({within_sql}))"
        )
        params += [article_type, *within_params]
    # Only table names, weights and Django's own SQL are formatted in; every value is a parameter.
    sql = (
        f"WITH ranked AS MATERIALIZED (SELECT rowid AS rid, bm25({fts}, {weights}) AS score "  # noqa: S608
        f"FROM {fts} WHERE {fts} MATCH %s AND rowid NOT IN (SELECT value FROM json_each(%s)) {newer} {restrict}), "
        "last AS (SELECT coalesce((SELECT score FROM ranked ORDER BY score LIMIT 1 OFFSET %s), "
        "(SELECT max(score) FROM ranked)) AS score) "
        "SELECT CAST(e.object_id AS INTEGER) AS pk, (SELECT count(*) FROM ranked) "
        f"FROM ranked r JOIN {entries} e ON e.id = r.rid WHERE r.score <= (SELECT score FROM last) "
        "ORDER BY r.score, pk DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, max(stop - 1, 0), max(stop - start, 0), start])
        rows = cursor.fetchall()
    # No row only when nothing matched: the last candidate's score reaches at least one match.
    return (rows[0][1] if rows else 0), [pk for pk, _total in rows]


def postgres_words(query: str) -> tuple[str, list[str]]:
    """The search config and the words as Wagtail splits them, each a quoted tsquery lexeme with
    backslashes and quotes doubled."""
    from wagtail.search.backends import get_search_backend

    # modelsearch's PostgreSQL table, weights and config are internals; their shape is contract tested.
    words = dict.fromkeys(word.lower() for word in re.split(r"[\s\-]+", query) if word)
    lexemes = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in words]
    return get_search_backend().config, lexemes


TSQUERY = "to_tsquery(%s::regconfig, %s)"


def postgres_match(query: str, operator: str) -> tuple[str, list]:
    """A condition on an index entry `e`: every word (any word with operator "or") in the title or the
    body, each word on its own so that the GIN indexes on both find rare words."""
    config, lexemes = postgres_words(query)
    any_word = [config, " | ".join(lexemes)]
    if operator == "or":
        return f"(e.title @@ {TSQUERY} OR e.body @@ {TSQUERY})", any_word * 2
    # A stop word's tsquery is empty and matches nothing: it falls back to "any of the words", which the
    # other words' conditions imply (if every word is a stop word, nothing matches).
    word_query = f"(CASE WHEN numnode({TSQUERY}) > 0 THEN {TSQUERY} ELSE {TSQUERY} END)"
    conditions, params = [], []
    for lexeme in lexemes:
        conditions.append(f"(e.title @@ {word_query} OR e.body @@ {word_query})")
        params += [config, lexeme, config, lexeme, *any_word] * 2
    return " AND ".join(conditions), params


def postgres_ranked_ids(query: str, root, within, operator, start: int, stop: int) -> tuple[int, list[int]]:
    """The number of visible matching articles and the ids ranked start to stop, in one query on Wagtail's
    PostgreSQL index.

    Wagtail matches `title || body` (a new vector per row), ranks with an AND query (comparing positions of
    every pair of words) and counts in a second query: 250–400 ms per results page at 10,000 matches. Here
    each word must be in the title or the body (postgres_match); title matches come first, then ts_rank of
    any of the words in the title (× title_norm) plus the body, then newest id."""
    from modelsearch.backends.database.postgres.postgres import IndexEntry
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    config, lexemes = postgres_words(query)
    any_word = [config, " | ".join(lexemes)]
    condition, condition_params = postgres_match(query, operator)
    weights = get_sql_weights()
    rank = (
        f"ts_rank(%s::float4[], e.title, {TSQUERY}) * e.title_norm + ts_rank(%s::float4[], e.body, {TSQUERY})"
    )
    visible = visible_ids(root) if within is None else within.order_by().values("pk")
    visible_sql, visible_params = visible.query.sql_with_params()  # see sqlite_ranked_ids
    # Only the table name, fixed SQL and Django's own SQL are formatted in; every value is a parameter.
    # The matches are materialized once, narrow, for both the count and the page.
    sql = (
        f"WITH hits AS MATERIALIZED (SELECT CAST(e.object_id AS integer) AS pk, "  # noqa: S608
        f"e.title @@ {TSQUERY} AS in_title, {rank} AS rank FROM {IndexEntry._meta.db_table} e "
        f"WHERE e.content_type_id = %s AND {condition} "
        f"AND CAST(e.object_id AS integer) IN ({visible_sql})) "
        "SELECT (SELECT count(*) FROM hits), "
        "ARRAY(SELECT pk FROM hits ORDER BY in_title DESC, rank DESC, pk DESC LIMIT %s OFFSET %s)"
    )
    params = [
        *any_word,
        weights,
        *any_word,
        weights,
        *any_word,
        ContentType.objects.get_for_model(ArticlePage).pk,
        *condition_params,
        *visible_params,
        max(stop - start, 0),
        start,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, ids = cursor.fetchone()
        return total, ids


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
        items = ArticlePage.objects.listing() if self.items is None else self.items.order_by()
        found = {a.pk: a for a in items.filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]
