"""Turning what a visitor typed into a safe full-text search over the visible articles."""

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
    return articles.search(query, operator="and")
