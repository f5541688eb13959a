"""Language of parts (WCAG 3.1.2): phrases in rich text and whole quotes marked with a valid `lang`."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from news.blocks import PARAGRAPH_FEATURES
from tests.contentblocks.helpers import edit_article
from tests.factories import ArticlePageFactory
from tests.publishing.forms import quote
from tests.publishing.users import make_editor, make_user


def contentstate(text: str, lang: str) -> str:
    """What Draftail posts for a paragraph whose first word is marked with `lang`."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": text.index(" "), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LANGUAGE", "mutability": "MUTABLE", "data": {"lang": lang}}},
        }
    )


def stored_paragraph(article) -> str:
    article.refresh_from_db()
    return json.loads(article.get_latest_revision().content["body"])[0]["value"]


def test_a_phrase_marked_in_the_editor_is_stored_and_shown_with_its_language(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="taal")
    client.force_login(make_user("beheerder", superuser=True))

    response = edit_article(
        client, article, [("paragraph", contentstate("Mainstreaming werkt.", "en"))], "publish"
    )

    assert response.status_code == 302
    assert (
        stored_paragraph(article)
        == '<p data-block-key="a1b2c"><span lang="en">Mainstreaming</span> werkt.</p>'
    )
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert soup.select_one(".rich-text span[lang]").attrs == {"lang": "en"}


@pytest.mark.parametrize("lang", ['en" onmouseover="alert(1)', "klingon", "", "EN-x-<script>"])
def test_an_invalid_or_injected_language_keeps_the_text_and_loses_the_mark(client, news_index, lang):
    article = ArticlePageFactory(parent=news_index, slug="taal")
    client.force_login(make_editor())

    edit_article(client, article, [("paragraph", contentstate("Mainstreaming werkt.", lang))])

    assert stored_paragraph(article) == '<p data-block-key="a1b2c">Mainstreaming werkt.</p>'


def test_a_stored_span_with_a_language_opens_in_the_editor_as_a_marked_phrase(client, news_index):
    html = '<p>Het <span lang="fr">savoir-faire</span> telt.</p>'
    article = ArticlePageFactory(parent=news_index, body=[("paragraph", html)])
    client.force_login(make_editor())

    page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    assert "contentblocks/language-entity.js" in page
    posted = rich_text(html, features=PARAGRAPH_FEATURES)
    assert json.loads(posted)["entityMap"]["0"] == {
        "type": "LANGUAGE",
        "mutability": "MUTABLE",
        "data": {"lang": "fr"},
    }


def test_a_quote_in_another_language_is_marked_as_such(client, news_index):
    article = ArticlePageFactory(
        parent=news_index,
        body=[
            (
                "quote",
                {"text": "Leave no one behind.", "name": "Amina J. Mohammed", "role": "", "language": "en"},
            ),
            ("quote", {"text": "Samen sterker.", "name": "Els Bos", "role": ""}),
        ],
    )

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")

    assert [q.get("lang") for q in soup.select("blockquote")] == ["en", None]


def test_a_quote_language_must_be_one_of_the_list(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="citaat")
    client.force_login(make_editor())

    response = edit_article(client, article, [("quote", {**quote(name="Els Bos"), "language": "en onclick"})])

    assert response.status_code == 200
    error = response.context["form"].errors["body"].as_data()[0].block_errors[0].block_errors["language"]
    assert "geldige keuze" in error.messages[0]
    assert article.revisions.count() == 0
