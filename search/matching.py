"""What a search may find: the visible articles, and each database's way of matching the words typed."""

import re
import time

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import IntegerField, Max, Min
from django.db.models.functions import Cast
from wagtail.search.models import IndexEntry

from news.models import ArticlePage
from sitewide import versions

TSQUERY = "to_tsquery(%s::regconfig, %s)"


def visible_ids(root=None):
    """The ids of the visible articles (below `root`), as a subquery."""
    visible = ArticlePage.objects.visible()
    if root is not None:
        visible = visible.descendant_of(root)
    return visible.order_by().values("pk")


def hidden_entries(root=None) -> tuple[int, list[int]]:
    """The last index entry's id when worked out, and the ids up to it of the search index entries that are
    not visible articles (below `root`): drafts, private and expired articles, other page types, images.
    Usually few; worked out with a pass over every article, so kept under the content version until the next
    expiry time of a visible article. Entries added later (the index is updated by a background task, after
    the change that moved the version) are checked one by one."""
    key = versions.key("search-hidden", root.pk if root is not None else 0) if versions.current() else None
    found = cache.get(key) if key else None
    now = time.time()
    if found is not None and found["until"] > now:  # shape fixed by versions.FORMAT
        return found["last"], found["ids"]
    last = (
        IndexEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    )  # before the list: later ones are checked
    visible = visible_ids(root)
    shown = (
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ArticlePage))
        .annotate(article_id=Cast("object_id", IntegerField()))
        .filter(article_id__in=visible)
    )
    hidden = IndexEntry.objects.filter(pk__lte=last).exclude(pk__in=shown.values("pk"))
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


def postgres_words(query: str) -> tuple[str, list[str]]:
    """The search config and the words as Wagtail splits them, each a quoted tsquery lexeme with
    backslashes and quotes doubled."""
    from wagtail.search.backends import get_search_backend

    # modelsearch's PostgreSQL table, weights and config are internals; their shape is contract tested.
    words = dict.fromkeys(word.lower() for word in re.split(r"[\s\-]+", query) if word)
    lexemes = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in words]
    return get_search_backend().config, lexemes


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
