"""Finding the news index and an article by their slugs, cached under the content version.

Wagtail finds a page by querying each level of the tree. Through Django's ORM a level costs about 1.5 ms
here, of which the SQL itself is 0.3 ms. Which page a slug leads to, and what that page holds, changes only
when content changes, which moves the content version on (sitewide/versions.py). So the pages found are
cached under it: a cached lookup costs reading the version (one small query per request) and one cache
read. Each request gets its own copy of the pages from the cache.
"""

from sitewide import versions

KEY = "news:route:{parent}:{slug}"
SLUG_MAX = 255  # Wagtail's slug field: anything longer is no page


def find_child(parent, slug, lookup):
    """The child of `parent` with `slug` from `lookup(parent, slug)` (or None), cached."""
    if len(slug) > SLUG_MAX:
        return None
    page = versions.cached(KEY.format(parent=parent.pk, slug=slug), lambda: lookup(parent, slug))
    if page is not None:
        page._cached_parent_obj = parent  # treebeard's get_parent() memo, as Wagtail's own route sets it
    return page
