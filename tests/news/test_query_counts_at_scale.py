"""Query counts are the same with 10 and with 10,000 articles (the benchmark's bulk generator builds them)."""

import math

from bench.generate import generate
from tests.queries import Counts, query_counts, within

BUDGET = {
    "home": Counts(cold=8, warm=3),
    "index": Counts(cold=8, warm=2),
    "index_last": Counts(cold=8, warm=2),
    "tag": Counts(cold=8, warm=2),
    "article": Counts(cold=8, warm=1),
    "feed": Counts(cold=8, warm=3),
    "search": Counts(cold=9, warm=4),  # cold: also the hidden entries of the search index (search/query.py)
    "api_search": Counts(cold=7, warm=2),
}


def measure(client, articles: int) -> dict[str, Counts]:
    last = math.ceil(articles / 12)
    urls = {
        "home": "/",
        "index": "/nieuws/",
        "index_last": f"/nieuws/?page={last}",
        "tag": "/nieuws/tag/onderwerp-1/",
        "article": "/nieuws/artikel-3/",
        "feed": "/nieuws/feed/",
        "search": "/zoeken/?q=gemeente",
        "api_search": "/api/v2/articles/?search=gemeente",
    }
    return {name: query_counts(client, url) for name, url in urls.items()}


def test_query_counts_do_not_grow_from_10_to_10000_articles(client, home):
    # Every article has an image and shares tags, so both data sets show the same kinds of things.
    generate(10, tags=4, hostname=None, image_every=1)
    small = measure(client, 10)
    generate(9990, tags=4, hostname=None, append=True, image_every=1)
    large = measure(client, 10000)

    assert small == large
    assert {name: large[name] for name in BUDGET if not within(large[name], BUDGET[name])} == {}
