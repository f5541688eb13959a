"""Query counts are the same with 10 and with 10,000 articles (the benchmark's bulk generator builds them)."""

import math

from django.core.management import call_command

from bench.generate import generate
from tests.queries import Counts, query_counts, within

# The searches find matches (the index is updated): as in tests/search and tests/api with a few articles.
BUDGET = {
    "home": Counts(cold=8, warm=3),
    "index": Counts(cold=8, warm=2),
    "index_last": Counts(cold=8, warm=2),
    "tag": Counts(cold=8, warm=2),
    "article": Counts(cold=8, warm=1),
    "feed": Counts(cold=8, warm=3),
    "search": Counts(cold=14, warm=5),
    "api_search": Counts(cold=10, warm=5),
    "api_search_or": Counts(cold=10, warm=5),
    "api_search_order": Counts(cold=7, warm=5),
}
API_SEARCHES = {
    "api_search": "/api/v2/articles/?search=gemeente",
    "api_search_or": "/api/v2/articles/?search=gemeente+onderwerp&search_operator=or&tag=onderwerp-1",
    "api_search_order": "/api/v2/articles/?search=gemeente&order=-first_published_at&fields=intro",
}


def measure(client, articles: int) -> dict[str, Counts]:
    # The generator writes rows directly: index them, or the searches find nothing.
    call_command("update_index", verbosity=0)
    last = math.ceil(articles / 12)
    urls = {
        "home": "/",
        "index": "/nieuws/",
        "index_last": f"/nieuws/?page={last}",
        "tag": "/nieuws/tag/onderwerp-1/",
        "article": "/nieuws/artikel-3/",
        "feed": "/nieuws/feed/",
        "search": "/zoeken/?q=gemeente",
        **API_SEARCHES,
    }
    return {name: query_counts(client, url) for name, url in urls.items()}


def test_query_counts_do_not_grow_from_10_to_10000_articles(client, home):
    # Every article has an image and shares tags, so both data sets show the same kinds of things.
    generate(10, tags=4, hostname=None, image_every=1)
    small = measure(client, 10)
    generate(9990, tags=4, hostname=None, append=True, image_every=1)
    large = measure(client, 10000)

    assert small == large
    for name, url in API_SEARCHES.items():  # real matches were measured
        assert client.get(url).json()["meta"]["total_count"] > 100, name
    assert {name: large[name] for name in BUDGET if not within(large[name], BUDGET[name])} == {}
