"""A page's SQL queries counted cold and warm, for the query-count tests."""

from typing import NamedTuple

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitewide import versions


class Counts(NamedTuple):
    cold: int  # the first request after content changed: everything kept under the content version is rebuilt
    warm: int  # the next request for the same URL


def query_counts(client, url) -> Counts:
    """The queries for `url` right after a content change, and on the request after that.

    A first visit beforehand does what happens once per process or once ever (content types, the site,
    image renditions): that is not what a change costs, and would differ between the measurements compared.
    """
    assert client.get(url).status_code == 200, url
    versions.changed()  # what any publish, unpublish or saved setting does
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return Counts(*counts)


def within(counts: Counts, budget: Counts) -> bool:
    return counts.cold <= budget.cold and counts.warm <= budget.warm
