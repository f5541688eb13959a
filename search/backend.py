"""Wagtail's database search backend, with two SQLite fixes.

The site search at /zoeken/ queries the index itself (search/query.py); this backend serves the rest (the
API's ?search=, the admin). On PostgreSQL the title's boost puts it in the heaviest tsvector weight class,
so the standard backend ranks title matches first. SQLite's FTS5 ranking ignores boosts: there bm25() gets
column weights. SQLite's backend also puts each word between double quotes without escaping them, so a `"`
in a query is an FTS5 syntax error: such quotes are dropped (the tokenizer ignores them anyway).
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

# FTS5 columns of Wagtail's index table, in order: autocomplete, body, title.
SQLITE_COLUMN_WEIGHTS = (0.0, 1.0, 10.0)


def SearchBackend(params):  # the name Wagtail looks up
    backend = DatabaseSearchBackend(params)
    if connection.vendor != "sqlite" or backend.__class__.__name__ != "SQLiteSearchBackend":
        return backend

    from django.db.models import FloatField, Func
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry, SQLiteSearchQueryCompiler
    from modelsearch.query import PlainText

    class WeightedBM25(Func):
        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []

    # modelsearch's compiler hooks have no public way to weigh columns: their shape is contract tested.
    class WeightedQueryCompiler(SQLiteSearchQueryCompiler):
        def get_index_vectors(self):
            # One weighted bm25() covers both columns; the title weight replaces the title norm.
            return [(None, 1.0)]

        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText) and '"' in query.query_string:
                query = PlainText(
                    query.query_string.replace('"', " "), operator=query.operator, boost=query.boost
                )
            return super().build_search_query_content(query, config=config)

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            rank = super().build_tsrank(vector, query, config=config, boost=boost)
            return _replace_bm25(rank, WeightedBM25)

    backend.query_compiler_class = WeightedQueryCompiler
    return backend


def _replace_bm25(expression, weighted_class):
    from modelsearch.backends.database.sqlite.query import BM25

    if isinstance(expression, BM25):
        return weighted_class()
    expression = expression.copy()
    expression.set_source_expressions(
        [_replace_bm25(child, weighted_class) for child in expression.get_source_expressions()]
    )
    return expression
