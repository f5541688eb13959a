"""Every combination of the API's search parameters is answered by the project's own search (search/query.py)
or refused: Wagtail's search backend ranks every match (~30 s a request at 10,000 articles)."""

import datetime

import pytest
from django.utils import timezone
from modelsearch.backends.base import BaseSearchBackend
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, ImageFactory
from tests.queries import Counts, query_counts, within

LIST = "/api/v2/articles/"


@pytest.fixture(autouse=True)
def no_wagtail_search(monkeypatch):
    """Fail the test if anything reaches Wagtail's search backend (`.search()` and `.autocomplete()` both
    run BaseSearchBackend._search; raising=True: a rename on an upgrade fails here, not silently)."""

    def refuse(*args, **kwargs):
        pytest.fail("Wagtail's search backend was called: the slow path")

    monkeypatch.setattr(BaseSearchBackend, "_search", refuse, raising=True)


@pytest.fixture
def hidden(news_index):
    """Matching articles that must never appear: a draft, a private and an expired one."""
    pages = [
        ArticlePageFactory(parent=news_index, title="Schuldhulp concept", live=False, tags=["geld"]),
        ArticlePageFactory(parent=news_index, title="Schuldhulp besloten", tags=["geld"]),
        ArticlePageFactory(
            parent=news_index,
            title="Schuldhulp verlopen",
            tags=["geld"],
            expire_at=timezone.now() - datetime.timedelta(minutes=1),
        ),
    ]
    PageViewRestriction.objects.create(page=pages[1], restriction_type="password", password="geheim")
    return pages


@pytest.fixture
def articles(news_index, hidden):
    ArticlePageFactory(parent=news_index, title="Schuldhulp in de wijk", date=datetime.date(2024, 3, 1))
    ArticlePageFactory(
        parent=news_index, title="Jeugdzorg en schuldhulp", date=datetime.date(2024, 1, 1), tags=["geld"]
    )
    ArticlePageFactory(parent=news_index, title="Avond over jeugdzorg", date=datetime.date(2024, 2, 1))
    ArticlePageFactory(parent=news_index, title="Fietsplan", date=datetime.date(2024, 4, 1), tags=["geld"])


def titles(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_search_operator_or_finds_any_word_best_match_first(client, news_index, articles):
    for _ in range(10):  # other news: a word in half the index carries (next to) no weight in bm25
        ArticlePageFactory(parent=news_index)
    both = titles(client, search="jeugdzorg schuldhulp")
    either = titles(client, search="jeugdzorg schuldhulp", search_operator="or")

    assert both == ["Jeugdzorg en schuldhulp"]
    assert either[0] == "Jeugdzorg en schuldhulp"  # both words
    assert sorted(either) == ["Avond over jeugdzorg", "Jeugdzorg en schuldhulp", "Schuldhulp in de wijk"]
    assert titles(client, search="jeugdzorg schuldhulp", search_operator="or", tag="geld") == [
        "Jeugdzorg en schuldhulp"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"order": "title"}, ["Jeugdzorg en schuldhulp", "Schuldhulp in de wijk"]),
        ({"order": "-date"}, ["Schuldhulp in de wijk", "Jeugdzorg en schuldhulp"]),
        ({"order": "date", "fields": "intro"}, ["Jeugdzorg en schuldhulp", "Schuldhulp in de wijk"]),
        ({"order": "title", "tag": "geld"}, ["Jeugdzorg en schuldhulp"]),
        (
            {"order": "-date", "search_operator": "or", "search": "jeugdzorg schuldhulp"},
            ["Schuldhulp in de wijk", "Avond over jeugdzorg", "Jeugdzorg en schuldhulp"],
        ),
        (
            {"order": "title", "search_operator": "or", "search": "jeugdzorg fietsplan", "tag": "geld"},
            ["Fietsplan", "Jeugdzorg en schuldhulp"],
        ),
        ({"order": "title", "search": "!!"}, []),
    ],
)
def test_search_with_an_order_gives_the_visible_matches_in_that_order(client, articles, params, expected):
    assert titles(client, **{"search": "schuldhulp", **params}) == expected


def test_random_order_with_a_search_gives_the_visible_matches(client, articles):
    found = titles(client, search="schuldhulp", order="random")

    assert sorted(found) == ["Jeugdzorg en schuldhulp", "Schuldhulp in de wijk"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"search_operator": "xor"}, "search_operator must be 'and' or 'or'"),
        ({"order": "onzin"}, "cannot order by 'onzin' (unknown field)"),
        ({"order": "random", "offset": "1"}, "random ordering with offset is not supported"),
    ],
)
def test_bad_search_combinations_are_refused(client, articles, params, message):
    response = client.get(LIST, {"search": "schuldhulp", **params})

    assert response.status_code == 400
    assert response.json()["message"] == message


SEARCHES = [
    "?search=armoede+regeling&search_operator=or",
    "?search=armoede&order=title",
    "?search=armoede+regeling&search_operator=or&order=-date&tag=geld&fields=intro",
    "?search=armoede&search_operator=or&tag=geld&fields=intro",
]


def test_search_combinations_cost_the_same_queries_for_one_or_many_matches(client, news_index):
    image = ImageFactory()

    def add(i):
        ArticlePageFactory(
            parent=news_index, title=f"Armoede {i}", tags=["geld", f"t{i}"], image=image, image_alt="x"
        )

    add(0)
    small = {url: query_counts(client, LIST + url) for url in SEARCHES}
    for i in range(1, 12):
        add(i)
    large = {url: query_counts(client, LIST + url) for url in SEARCHES}

    plain = query_counts(client, LIST + "?search=armoede")  # the ranked search of the scale branch

    assert small == large
    assert {url: counts for url, counts in large.items() if not within(counts, plain)} == {}
    assert within(plain, Counts(cold=10, warm=5)), plain
