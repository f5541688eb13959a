"""Query counts are the same with 10 and with 10,000 articles (the benchmark's bulk generator builds them)."""

import math

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate import generate

BUDGET = {"home": 10, "index": 10, "index_last": 10, "tag": 10, "article": 12, "feed": 10, "search": 10}


def measure(client, articles: int) -> dict[str, int]:
    last = math.ceil(articles / 12)
    urls = {
        "home": "/",
        "index": "/nieuws/",
        "index_last": f"/nieuws/?page={last}",
        "tag": "/nieuws/tag/onderwerp-1/",
        "article": "/nieuws/artikel-3/",
        "feed": "/nieuws/feed/",
        "search": "/zoeken/?q=gemeente",
    }
    counts = {}
    for name, url in urls.items():
        for _ in range(2):  # warm: renditions, cards and related ids are made on the first visits
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_from_10_to_10000_articles(client, home):
    # Every article has an image and shares tags, so both data sets show the same kinds of things.
    generate(10, tags=4, hostname=None, image_every=1)
    small = measure(client, 10)
    generate(9990, tags=4, hostname=None, append=True, image_every=1)
    large = measure(client, 10000)

    assert small == large
    assert all(large[name] <= BUDGET[name] for name in BUDGET), large
