"""Ranking search results in the database: one query returns the number of matches and the requested slice.

Matching every article is cheap; ranking is not (`bm25()` on SQLite, `ts_rank()` on PostgreSQL run once per
row they rank). So at most RANK_WINDOW matches are ranked: when a query matches more articles than that, the
RANK_WINDOW matches added to the site most recently are ranked by relevance and the older matches follow them,
newest first. A query with up to RANK_WINDOW matches (nearly every query with a specific word, or two words)
is ranked whole. A word in nearly every article is where the window counts: ranking 10,000 matches took
~11 ms (SQLite) and ~12 ms (PostgreSQL) of a ~30-40 ms results page.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.models import IndexEntry

from news.models import ArticlePage
from search.matching import TSQUERY, hidden_entries, postgres_match, postgres_words, sqlite_match, visible_ids

RANK_WINDOW = 1000


def slices(start: int, stop: int, window: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(limit, offset) of positions start to stop within the ranked window, and after it."""
    ranked = (max(min(stop, window) - start, 0), min(start, window))
    after = (max(stop - max(start, window), 0), max(start - window, 0))
    return ranked, after


def visible_entries(root, within, *, rowid: str, entries: str) -> tuple[str, list, str, list]:
    """Common table expressions and a condition on an index entry's id (`rowid`) for "a visible article's
    (below `root`), and among `within`", each with its parameters.

    Visibility is the short list of entries to leave out (hidden_entries), so no page or article row is read
    per match; entries added after that list was made are checked against the visible articles, once."""
    last, hidden = hidden_entries(root)
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    # Django has no public way to embed a queryset in raw SQL; Query.sql_with_params is contract tested.
    visible_sql, visible_params = visible_ids(root).query.sql_with_params()
    # Only a column name, a table name and Django's own SQL are formatted in; every value is a parameter.
    ctes = (
        f"newer AS MATERIALIZED (SELECT n.id FROM {entries} n WHERE n.id > %s "  # noqa: S608
        f"AND n.content_type_id = %s AND CAST(n.object_id AS integer) IN ({visible_sql}))"
    )
    cte_params = [last, article_type, *visible_params]
    if connection.vendor == "sqlite":
        condition = f"{rowid} NOT IN (SELECT value FROM json_each(%s))"  # noqa: S608
        params = [json.dumps(hidden)]
    else:
        condition, params = f"NOT ({rowid} = ANY(%s::integer[]))", [hidden]
    condition += f" AND ({rowid} <= %s OR {rowid} IN (SELECT id FROM newer))"  # noqa: S608
    params.append(last)
    if within is not None:
        within_sql, within_params = within.order_by().values("pk").query.sql_with_params()
        ctes += (
            f", allowed AS MATERIALIZED (SELECT w.id FROM {entries} w WHERE w.content_type_id = %s "  # noqa: S608
            f"AND CAST(w.object_id AS integer) IN ({within_sql}))"
        )
        cte_params += [article_type, *within_params]
        condition += f" AND {rowid} IN (SELECT id FROM allowed)"  # noqa: S608
    return ctes, cte_params, condition, params


def sqlite_ranked_ids(query: str, root, within, operator, start: int, stop: int) -> tuple[int, list[int]]:
    """The number of visible matching articles and the ids ranked start to stop, in one query on SQLite's
    FTS5 index: bm25() with the title weighted (search/backend.py), the newest index entry first on ties.

    FTS5 reads its matches in index-entry order, newest first when asked, and runs bm25() only for the rows
    it returns: the window is the first RANK_WINDOW of them. `EXPLAIN QUERY PLAN`: two scans of the FTS5
    index (counting, and the window), then `SEARCH e USING INTEGER PRIMARY KEY` for the window's rows only."""
    from wagtail.search.models import SQLiteFTSIndexEntry

    from search.backend import SQLITE_COLUMN_WEIGHTS

    fts = SQLiteFTSIndexEntry._meta.db_table
    entries = IndexEntry._meta.db_table
    weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
    ctes, cte_params, visible, visible_params = visible_entries(root, within, rowid="rowid", entries=entries)
    where, where_params = f"{fts} MATCH %s AND {visible}", [sqlite_match(query, operator), *visible_params]
    (ranked_limit, ranked_offset), (after_limit, after_offset) = slices(start, stop, RANK_WINDOW)
    # Only table names, weights and Django's own SQL are formatted in; every value is a parameter. A part the
    # slice does not reach is left out (SQLite would sort it even for LIMIT 0), and only the slice's rows are
    # joined to their article ids: the newest index entry first on ties.
    parts, params = [], []
    if ranked_limit:
        parts.append(
            "SELECT * FROM (SELECT 0, score, -rid, rid FROM ranked ORDER BY 2, 3 LIMIT %s OFFSET %s)"
        )
        params += [ranked_limit, ranked_offset]
    if after_limit:
        parts.append(
            "SELECT * FROM (SELECT 1, -rid, 0, rid FROM matched WHERE rid < (SELECT min(rid) FROM ranked) "
            "ORDER BY rid DESC LIMIT %s OFFSET %s)"
        )
        params += [after_limit, after_offset]
    sql = (
        f"WITH {ctes}, matched AS MATERIALIZED (SELECT rowid AS rid FROM {fts} WHERE {where}), "  # noqa: S608
        f"ranked AS MATERIALIZED (SELECT rowid AS rid, bm25({fts}, {weights}) AS score FROM {fts} "
        f"WHERE {where} ORDER BY rowid DESC LIMIT %s) "
        "SELECT -1, 0, 0, count(*) FROM matched"
    )
    if parts:
        sql += (
            " UNION ALL SELECT s.part, s.k1, s.k2, CAST(e.object_id AS INTEGER) FROM ("  # noqa: S608
            "SELECT 0 AS part, 0 AS k1, 0 AS k2, 0 AS rid WHERE 0 UNION ALL "
            + " UNION ALL ".join(parts)
            + ") s "
            f"JOIN {entries} e ON e.id = s.rid ORDER BY 1, 2, 3"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*cte_params, *where_params, *where_params, RANK_WINDOW, *params])
        (_part, _k1, _k2, total), *rows = cursor.fetchall()
    return total, [pk for _part, _k1, _k2, pk in rows]


def postgres_ranked_ids(query: str, root, within, operator, start: int, stop: int) -> tuple[int, list[int]]:
    """The number of visible matching articles and the ids ranked start to stop, in one query on Wagtail's
    PostgreSQL index.

    Wagtail matches `title || body` (a new vector per row), ranks with an AND query (comparing positions of
    every pair of words) and counts in a second query: 250–400 ms per results page at 10,000 matches. Here
    each word must be in the title or the body (postgres_match); the window's title matches come first, then
    ts_rank of any of the words in the title (× title_norm) plus the body, then newest id. `EXPLAIN ANALYZE`:
    a bitmap scan of the GIN indexes on title and body for the count (see random_page_cost in the settings),
    and the window read backwards along the primary key, ts_rank run for its rows only."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    entries = IndexEntry._meta.db_table
    config, lexemes = postgres_words(query)
    any_word = [config, " | ".join(lexemes)]
    condition, condition_params = postgres_match(query, operator)
    ctes, cte_params, visible, visible_params = visible_entries(root, within, rowid="e.id", entries=entries)
    weights = get_sql_weights()
    rank = (
        f"ts_rank(%s::float4[], e.title, {TSQUERY}) * e.title_norm + ts_rank(%s::float4[], e.body, {TSQUERY})"
    )
    (ranked_limit, ranked_offset), (after_limit, after_offset) = slices(start, stop, RANK_WINDOW)
    where = f"e.content_type_id = %s AND {condition} AND {visible}"
    where_params = [ContentType.objects.get_for_model(ArticlePage).pk, *condition_params, *visible_params]
    # Only the table name, fixed SQL and Django's own SQL are formatted in; every value is a parameter.
    sql = (
        f"WITH {ctes}, matched AS MATERIALIZED (SELECT e.id AS rid FROM {entries} e WHERE {where}), "  # noqa: S608
        f"ranked AS MATERIALIZED (SELECT e.id AS rid, CAST(e.object_id AS integer) AS pk, "
        f"e.title @@ {TSQUERY} AS in_title, {rank} AS rank FROM {entries} e WHERE {where} "
        "ORDER BY e.id DESC LIMIT %s) "
        "SELECT (SELECT count(*) FROM matched), "
        "ARRAY(SELECT pk FROM ranked ORDER BY in_title DESC, rank DESC, pk DESC LIMIT %s OFFSET %s), "
        "ARRAY(SELECT CAST(e.object_id AS integer) FROM (SELECT rid FROM matched "
        "WHERE rid < (SELECT min(rid) FROM ranked) ORDER BY rid DESC LIMIT %s OFFSET %s) m "
        f"JOIN {entries} e ON e.id = m.rid ORDER BY m.rid DESC)"
    )
    params = [
        *cte_params,
        *where_params,
        *any_word,
        weights,
        *any_word,
        weights,
        *any_word,
        *where_params,
        RANK_WINDOW,
        ranked_limit,
        ranked_offset,
        after_limit,
        after_offset,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, ranked, after = cursor.fetchone()
    return total, [*ranked, *after]
