"""Which articles a search with several words finds, in which order, and that search syntax is just text."""

import datetime

import pytest

from search import ranking, views
from search.query import RankedArticles
from tests.factories import ArticlePageFactory
from tests.search.test_search import on_postgresql, result_titles, search


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def agenda(news_index):
    """One article per way of mentioning 'wijkagenda' and 'buurtbudget', oldest first."""
    return [
        ArticlePageFactory(
            parent=news_index,
            title="Buurtbudget voor Deventer",
            date=datetime.date(2020, 1, 1),
            body=paragraph("De wijkagenda staat online."),
        ),
        ArticlePageFactory(
            parent=news_index,
            title="Veel over de wijk",
            date=datetime.date(2021, 1, 1),
            body=paragraph("Wijkagenda en buurtbudget. " * 6),
        ),
        ArticlePageFactory(
            parent=news_index, title="Alleen de agenda", body=paragraph("Een nieuwe wijkagenda.")
        ),
        ArticlePageFactory(
            parent=news_index, title="Alleen het geld", body=paragraph("Het buurtbudget groeit.")
        ),
    ]


def test_every_word_must_match_in_the_title_or_the_body(client, agenda):
    assert sorted(result_titles(search(client, "wijkagenda buurtbudget")[0])) == [
        "Buurtbudget voor Deventer",
        "Veel over de wijk",
    ]
    assert result_titles(search(client, "wijkagenda onzinwoord")[0]) == []


@on_postgresql  # SQLite's bm25 weighs six mentions of both words in the body more
def test_a_word_in_the_title_outranks_many_in_the_body(client, agenda):
    titles = result_titles(search(client, "buurtbudget wijkagenda")[0])

    assert titles[0] == "Buurtbudget voor Deventer"


def test_equal_matches_show_the_newest_article_first(client, news_index):
    text = paragraph("Over de speeltuinroute.")
    ArticlePageFactory(parent=news_index, title="De speeltuinroute", date=datetime.date(2019, 1, 1))
    ArticlePageFactory(parent=news_index, title="Eerste bericht", body=text)
    ArticlePageFactory(parent=news_index, title="Tweede bericht", body=text)

    assert result_titles(search(client, "speeltuinroute")[0]) == [
        "De speeltuinroute",
        "Tweede bericht",
        "Eerste bericht",
    ]


def test_later_pages_continue_the_ranking(client, news_index, monkeypatch):
    for i in range(12):
        ArticlePageFactory(parent=news_index, title=f"Ronde {i}", body=paragraph("Over het fietsplan."))
    ArticlePageFactory(parent=news_index, title="Het fietsplan", date=datetime.date(2010, 1, 1))
    expected = ["Het fietsplan", *(f"Ronde {i}" for i in reversed(range(12)))]
    # Fewer ids read ahead than a page holds: every page fetches its own slice.
    monkeypatch.setattr(RankedArticles, "READ_AHEAD", 4)

    first, _ = search(client, "fietsplan")
    second, _ = search(client, "fietsplan", page=2)

    assert result_titles(first) + result_titles(second) == expected
    assert "13 artikelen gevonden" in first.h2.get_text()


@on_postgresql
def test_stop_words_and_other_forms_do_not_stop_a_match(client, agenda):
    assert result_titles(search(client, "de wijkagenda van het buurtbudget")[0]) == [
        "Buurtbudget voor Deventer",
        "Veel over de wijk",
    ]
    assert result_titles(search(client, "buurtbudgetten")[0])[:2] == [
        "Buurtbudget voor Deventer",
        "Veel over de wijk",
    ]
    assert result_titles(search(client, "de het een")[0]) == []


@on_postgresql
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("buurtbudget | onzinwoord", []),
        ("!wijkagenda & buurtbudget", ["Buurtbudget voor Deventer", "Veel over de wijk"]),
        ("wijk:*", ["Veel over de wijk"]),
        ("'buurtbudget' <-> deventer", ["Buurtbudget voor Deventer"]),
        ("buurtbudget\\ deventer'", ["Buurtbudget voor Deventer"]),
        ("(buurtbudget) deventer)", ["Buurtbudget voor Deventer"]),
    ],
)
def test_search_syntax_is_read_as_plain_words(client, agenda, query, expected):
    assert result_titles(search(client, query)[0]) == expected


@pytest.fixture
def beyond_the_window(news_index, monkeypatch):
    """Six articles about 'fietsplan', oldest first, with a ranking window of three (search/ranking.py): the
    oldest has the word in its title, as has the middle one of the three newest."""
    monkeypatch.setattr(ranking, "RANK_WINDOW", 3)
    text = paragraph("Over het fietsplan.")
    ArticlePageFactory(parent=news_index, title="Fietsplan voor iedereen", body=text)
    for title in (
        "Oud bericht een",
        "Oud bericht twee",
        "Nieuw bericht een",
        "Nieuw fietsplan",
        "Nieuw bericht drie",
    ):
        ArticlePageFactory(parent=news_index, title=title, body=text)


# The newest three ranked (title match first, then newest on equal matches), then the older ones, newest first.
WINDOW_ORDER = [
    "Nieuw fietsplan",
    "Nieuw bericht drie",
    "Nieuw bericht een",
    "Oud bericht twee",
    "Oud bericht een",
    "Fietsplan voor iedereen",
]


def test_more_matches_than_the_window_rank_the_newest_and_list_the_rest_newest_first(
    client, beyond_the_window
):
    soup, _ = search(client, "fietsplan")

    assert result_titles(soup) == WINDOW_ORDER
    assert "6 artikelen gevonden" in soup.h2.get_text()


def test_pages_across_the_window_edge_continue_the_order(client, beyond_the_window, monkeypatch):
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 2)
    monkeypatch.setattr(RankedArticles, "READ_AHEAD", 1)  # every page fetches its own slice

    pages = [result_titles(search(client, "fietsplan", page=number)[0]) for number in (1, 2, 3)]

    assert pages == [WINDOW_ORDER[0:2], WINDOW_ORDER[2:4], WINDOW_ORDER[4:6]]


def test_the_api_pages_across_the_window_edge_in_the_same_order(client, beyond_the_window):
    response = client.get("/api/v2/articles/", {"search": "fietsplan", "limit": 3, "offset": 2})

    assert [item["title"] for item in response.json()["items"]] == WINDOW_ORDER[2:5]
    assert response.json()["meta"]["total_count"] == 6
