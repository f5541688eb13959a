"""The table block: caption and header cells for screen readers, a scrolling region of its own, limits."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.contentblocks.helpers import edit_article, table_block, table_value
from tests.factories import ArticlePageFactory
from tests.publishing.users import make_editor, make_user

ROWS = [["Gemeente", "2022", "2023"], ["Utrecht", "1.980", "2.105"], ["Zwolle", "<b>640</b>", "702"]]


def test_a_table_has_a_caption_header_cells_and_a_labelled_scrolling_region(client, news_index):
    article = ArticlePageFactory(
        parent=news_index,
        body=[table_block(ROWS), table_block(ROWS, caption="Alleen kolomkoppen", choice="row")],
    )

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    first, second = soup.select(".table-scroll")

    assert first["role"] == "region" and first["tabindex"] == "0"
    assert first["aria-labelledby"] != second["aria-labelledby"]
    assert first.select_one(f"#{first['aria-labelledby']}").name == "caption"
    assert first.caption.get_text() == "Aanmeldingen per gemeente"
    assert [(th.get("scope"), th.get_text()) for th in first.select("th")] == [
        ("col", "Gemeente"),
        ("col", "2022"),
        ("col", "2023"),
        ("row", "Utrecht"),
        ("row", "Zwolle"),
    ]
    assert first.select("td")[2].get_text() == "<b>640</b>"  # cells are text, never markup
    assert [th["scope"] for th in second.select("th")] == ["col"] * 3


def test_the_editor_refuses_a_huge_table_and_saves_nothing(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="grote-tabel")
    client.force_login(make_editor())
    huge = table_value([["a", "b"]] * 10_000)

    response = edit_article(client, article, [("table", json.dumps(huge))])

    assert response.status_code == 200
    assert block_errors_of(response) == [
        "Een tabel mag hoogstens 200 rijen hebben; deze heeft er 10000. Splits de tabel op."
    ]
    assert article.revisions.count() == 0


def block_errors_of(response) -> list:
    error = response.context["form"].errors["body"].as_data()[0].block_errors[0]
    return list(error.messages)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (table_value([["x"] * 21]), "hoogstens 20 kolommen"),
        (table_value([[{"onclick": "x"}]]), "alleen tekst of een getal"),
        (table_value([["x" * 1001]]), "hoogstens 1000 tekens"),
        (table_value(ROWS, caption=""), "Geef de tabel een bijschrift"),
        (table_value(ROWS, choice=""), "Kies of de eerste rij of kolom kopjes bevat"),
        ("[1, 2]", "kon niet worden gelezen"),
        ("{niet: json", "kon niet worden gelezen"),
    ],
)
def test_a_table_that_is_too_wide_hostile_or_unlabelled_gets_a_dutch_error(
    client, news_index, value, message
):
    article = ArticlePageFactory(parent=news_index, slug="tabel")
    client.force_login(make_user("beheerder", superuser=True))
    posted = value if isinstance(value, str) else json.dumps(value)

    response = edit_article(client, article, [("table", posted)], action="publish")

    assert response.status_code == 200
    assert message in " ".join(block_errors_of(response))
    assert article.revisions.count() == 0


def test_a_valid_table_is_published(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="tabel")
    client.force_login(make_user("beheerder", superuser=True))

    response = edit_article(client, article, [("table", json.dumps(table_value(ROWS)))], action="publish")

    assert response.status_code == 302
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert soup.select_one(".table caption").get_text() == "Aanmeldingen per gemeente"
