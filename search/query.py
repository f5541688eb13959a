"""Turning what a visitor typed into a safe full-text search over the visible articles."""

import re
from functools import partial

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


def visible_ids(root=None):
    """The ids of the visible articles (below `root`), as a subquery."""
    visible = ArticlePage.objects.visible()
    if root is not None:
        visible = visible.descendant_of(root)
    return visible.order_by().values("pk")


def searchable_articles(root=None):
    """Visible articles (below `root`), with what a card shows fetched in bulk, as a queryset the search
    backend can filter: it cannot translate `.visible()` itself, so visibility is a filter on ids."""
    return (
        ArticlePage.objects.filter(pk__in=visible_ids(root))
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
        ids = sqlite_ranked_ids(query, root)
        return RankedArticles(lambda start, stop: (len(ids), ids[start:stop]))
    if connection.vendor == "postgresql":
        return RankedArticles(partial(postgres_ranked_ids, query, root))
    return articles.search(query, operator="and")


def sqlite_ranked_ids(query: str, root=None) -> list[int]:
    """Ids of the visible matching articles, best first, in one pass over SQLite's FTS5 index.

    Wagtail's SQLite backend ranks with a bm25() subquery per matching row, which repeats the full-text
    match for each: 150 ms for 1,000 matches, where this takes 5–10 ms with the same order (title
    weighted as in search/backend.py, newest id first on ties)."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    from search.backend import SQLITE_COLUMN_WEIGHTS

    # modelsearch's tables have no query API that ranks in one pass: their columns are contract tested.
    terms = [term.replace('"', "") for term in query.split()]
    match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms if term) + ")"
    fts = SQLiteFTSIndexEntry._meta.db_table
    entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model._meta.db_table
    # Django has no public way to embed a queryset in raw SQL; Query.sql_with_params is contract tested.
    visible_sql, visible_params = visible_ids(root).query.sql_with_params()
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


def postgres_ranked_ids(query: str, root, start: int, stop: int) -> tuple[int, list[int]]:
    """The number of visible matching articles and the ids ranked start to stop, in one query on Wagtail's
    PostgreSQL index.

    Wagtail matches `title || body` (a new vector per row), ranks with an AND query (comparing positions of
    every pair of words) and counts in a second query: 250–400 ms per results page at 10,000 matches. Here
    each word must be in the title or the body, so the GIN indexes on both find rare words; title matches
    come first, then ts_rank of any of the words in the title (× title_norm) plus the body, then newest id."""
    from modelsearch.backends.database.postgres.postgres import IndexEntry
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.backends import get_search_backend

    # modelsearch's PostgreSQL table, weights and config are internals; their shape is contract tested.
    # Words as Wagtail splits them, each a quoted tsquery lexeme with backslashes and quotes doubled.
    words = dict.fromkeys(word.lower() for word in re.split(r"[\s\-]+", query) if word)
    lexemes = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in words]
    config = get_search_backend().config
    tsquery = "to_tsquery(%s::regconfig, %s)"
    any_word = [config, " | ".join(lexemes)]
    # A stop word's tsquery is empty and matches nothing: it falls back to "any of the words", which the
    # other words' conditions imply (if every word is a stop word, nothing matches).
    word_query = f"(CASE WHEN numnode({tsquery}) > 0 THEN {tsquery} ELSE {tsquery} END)"
    conditions, condition_params = [], []
    for lexeme in lexemes:
        conditions.append(f"(e.title @@ {word_query} OR e.body @@ {word_query})")
        condition_params += [config, lexeme, config, lexeme, *any_word] * 2
    weights = get_sql_weights()
    rank = (
        f"ts_rank(%s::float4[], e.title, {tsquery}) * e.title_norm + ts_rank(%s::float4[], e.body, {tsquery})"
    )
    visible_sql, visible_params = visible_ids(root).query.sql_with_params()  # see sqlite_ranked_ids
    # Only the table name, fixed SQL and Django's own SQL are formatted in; every value is a parameter.
    # The matches are materialized once, narrow, for both the count and the page.
    sql = (
        f"WITH hits AS MATERIALIZED (SELECT CAST(e.object_id AS integer) AS pk, "  # noqa: S608
        f"e.title @@ {tsquery} AS in_title, {rank} AS rank FROM {IndexEntry._meta.db_table} e "
        f"WHERE e.content_type_id = %s AND {' AND '.join(conditions)} "
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

    def __init__(self, fetch):
        self.fetch = fetch
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
        found = {a.pk: a for a in ArticlePage.objects.listing().filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]
