"""The syndication API for partner sites: /api/v2/articles/."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, ImageFactory, StandardPageFactory
from tests.queries import Counts, query_counts, within

LIST = "/api/v2/articles/"


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == ("application/problem+json" if status >= 400 else "application/json")
    return response.json()


@pytest.fixture
def hidden(news_index):
    """Articles that must never appear: draft, private (and below a private index) and expired."""
    pages = {
        "draft": ArticlePageFactory(parent=news_index, title="Concept", live=False, tags=["zorg"]),
        "private": ArticlePageFactory(parent=news_index, title="Besloten", tags=["zorg"]),
        "expired": ArticlePageFactory(
            parent=news_index,
            title="Verlopen",
            tags=["zorg"],
            expire_at=timezone.now() - datetime.timedelta(minutes=1),
        ),
    }
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="password", password="geheim")
    return pages


def test_the_list_holds_only_visible_articles_newest_first(client, news_index, hidden):
    ArticlePageFactory(parent=news_index, title="Oud", date=datetime.date(2023, 1, 1))
    ArticlePageFactory(parent=news_index, title="Nieuw", date=datetime.date(2024, 1, 1))
    StandardPageFactory(parent=news_index.get_parent(), title="Contact")

    data = get_json(client, LIST)

    assert data["meta"]["total_count"] == 2
    assert [item["title"] for item in data["items"]] == ["Nieuw", "Oud"]
    assert {item["meta"]["type"] for item in data["items"]} == {"news.ArticlePage"}


def test_drafts_private_and_expired_articles_are_not_found_by_id_search_or_path(client, news_index, hidden):
    shown = ArticlePageFactory(parent=news_index, title="Openbaar besloten overleg", tags=["zorg"])
    for page in hidden.values():
        assert (
            get_json(client, f"{LIST}{page.pk}/", status=404)["detail"] == "Er is geen artikel met dit adres."
        )
        assert (
            get_json(client, f"{LIST}find/", status=404, id=page.pk)["detail"]
            == "Er is geen artikel met dit adres."
        )
    titles = ["Openbaar besloten overleg"]
    assert [item["title"] for item in get_json(client, LIST, search="Besloten")["items"]] == titles
    assert [item["title"] for item in get_json(client, LIST, tag="zorg")["items"]] == titles
    assert get_json(client, LIST, slug=hidden["draft"].slug)["items"] == []
    found = client.get(f"{LIST}find/", {"id": shown.pk})
    assert (found.status_code, found["Location"]) == (302, f"{shown.get_site().root_url}{LIST}{shown.pk}/")


def test_a_logged_in_editor_sees_no_more_than_a_partner(admin_client, news_index, hidden):
    ArticlePageFactory(parent=news_index, title="Openbaar")
    assert [item["title"] for item in get_json(admin_client, LIST)["items"]] == ["Openbaar"]
    assert admin_client.get(f"{LIST}{hidden['draft'].pk}/").status_code == 404


def test_list_items_have_absolute_urls_teaser_tags_and_image(client, news_index):
    article = ArticlePageFactory(
        parent=news_index,
        title="Wijkteams",
        slug="wijkteams",
        date=datetime.date(2024, 3, 14),
        intro="Vier wijkteams werken samen. Inwoners merken het. Een derde zin.",
        tags=["zorg", "Wijkteam"],
        image=ImageFactory(),
        image_alt="Twee medewerkers",
    )

    (item,) = get_json(client, LIST)["items"]

    assert item["id"] == article.pk
    assert item["meta"]["html_url"] == "http://localhost/nieuws/wijkteams/"
    assert item["meta"]["detail_url"] == f"http://localhost/api/v2/articles/{article.pk}/"
    assert item["date"] == "2024-03-14"
    assert item["teaser"] == "Vier wijkteams werken samen. Inwoners merken het."
    assert item["tags"] == [{"name": "Wijkteam", "slug": "wijkteam"}, {"name": "zorg", "slug": "zorg"}]
    image = item["image"]
    assert image["alt"] == "Twee medewerkers"
    assert image["url"].startswith("http://localhost/media/") and (image["width"], image["height"]) == (
        1280,
        720,
    )
    assert image["thumbnail"]["url"].startswith("http://localhost/media/")
    assert "body" not in item


def test_filter_by_tag_and_paginate(client, news_index):
    for i in range(5):
        ArticlePageFactory(
            parent=news_index, title=f"Zorg {i}", date=datetime.date(2024, 1, 1 + i), tags=["zorg"]
        )
    ArticlePageFactory(parent=news_index, title="Werk", tags=["werk"])

    first = get_json(client, LIST, tag="zorg", limit=2)
    second = get_json(client, LIST, tag="zorg", limit=2, offset=2)

    assert first["meta"]["total_count"] == 5
    assert [item["title"] for item in first["items"]] == ["Zorg 4", "Zorg 3"]
    assert [item["title"] for item in second["items"]] == ["Zorg 2", "Zorg 1"]
    assert get_json(client, LIST, tag="bestaat-niet")["items"] == []
    assert get_json(client, LIST, status=400, limit=21)["message"] == "limit cannot be higher than 20"
    assert get_json(client, LIST, status=400, onbekend="1")["message"].startswith(
        "query parameter is not an operation or a recognised field"
    )


def test_search_and_odd_search_input(client, news_index):
    ArticlePageFactory(parent=news_index, title="Schuldhulp in de wijk", tags=["geld"])
    ArticlePageFactory(parent=news_index, title="Jeugdzorg")

    assert [i["title"] for i in get_json(client, LIST, search="schuldhulp")["items"]] == [
        "Schuldhulp in de wijk"
    ]
    assert [i["title"] for i in get_json(client, LIST, search="schuldhulp", tag="geld")["items"]] == [
        "Schuldhulp in de wijk"
    ]
    everything = [i["title"] for i in get_json(client, LIST)["items"]]
    for odd in ["\x00", "a\x00b", '" OR 1=1 --', "x" * 10_000, "'; DROP TABLE wagtailcore_page; --", "🚲"]:
        found = [i["title"] for i in get_json(client, LIST, search=odd)["items"]]
        assert found == (everything if odd == "\x00" else []), odd  # only a NUL: an empty search, no filter
    assert get_json(client, LIST, status=400, search="zorg", search_operator="xor")["detail"] == (
        "search_operator moet 'and' of 'or' zijn"
    )


def test_detail_has_blocks_with_rendered_rich_text_and_absolute_links(client, news_index):
    other = ArticlePageFactory(parent=news_index, title="Ander artikel", slug="ander-artikel")
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=news_index,
        title="Met inhoud",
        body=[
            ("paragraph", f'<p>Lees ook <a linktype="page" id="{other.pk}">het andere</a> stuk.</p>'),
            (
                "section",
                {
                    "heading": "Kop",
                    "content": [
                        ("quote", {"text": "Samen sterk.", "name": "Anna Smit", "role": "wethouder"}),
                        (
                            "image",
                            {"image": image, "alt_text": "Een brug", "decorative": False, "caption": "Foto"},
                        ),
                    ],
                },
            ),
        ],
    )

    data = get_json(client, f"{LIST}{article.pk}/")

    paragraph, section = data["body"]
    assert paragraph["type"] == "paragraph"
    assert (
        paragraph["value"]
        == '<p>Lees ook <a href="http://localhost/nieuws/ander-artikel/">het andere</a> stuk.</p>'
    )
    assert section["value"]["heading"] == "Kop"
    quote, picture = section["value"]["content"]
    assert quote["value"] == {"text": "Samen sterk.", "name": "Anna Smit", "role": "wethouder"}
    assert picture["value"]["alt_text"] == "Een brug"
    assert picture["value"]["image"]["id"] == image.pk
    assert picture["value"]["image"]["url"].startswith("http://localhost/media/")
    assert data["intro"] == article.intro
    assert data["meta"]["html_url"] == f"http://localhost{article.url}"


def test_the_api_is_read_only_json_open_to_other_sites_and_sets_no_cookie(client, news_index):
    ArticlePageFactory(parent=news_index)

    response = client.get(LIST)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    assert client.post(LIST, {}).status_code == 405
    assert client.get("/api/v2/pages/").status_code == 404
    assert client.get("/api/v2/images/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_or_twenty_articles(client, news_index):
    image = ImageFactory()
    ArticlePageFactory(parent=news_index, tags=["a", "b"], image=image, image_alt="x")
    small = query_counts(client, LIST)
    for i in range(19):
        ArticlePageFactory(parent=news_index, tags=["a", f"t{i}"], image=image, image_alt="x")
    large = query_counts(client, LIST)

    assert small == large
    assert within(large, Counts(cold=7, warm=5)), large


def test_find_by_address_redirects_to_the_detail(client, news_index, hidden):
    article = ArticlePageFactory(parent=news_index, slug="te-vinden")

    response = client.get(f"{LIST}find/", {"html_path": "/nieuws/te-vinden/"})

    assert response.status_code == 302
    assert response["Location"] == f"http://localhost/api/v2/articles/{article.pk}/"
    assert client.get(f"{LIST}find/", {"html_path": "/nieuws/concept/"}).status_code == 404


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        (f"{LIST}find/", {"id": "abc"}, 400),
        (f"{LIST}find/", {"id": "\x00"}, 400),
        (f"{LIST}find/", {"id": "999999"}, 404),
        (f"{LIST}find/", {"html_path": "\x00"}, 404),
        (LIST, {"date": "abc"}, 400),
        (LIST, {"date": "2024-13-45"}, 400),
        (LIST, {"first_published_at": "gisteren"}, 400),
        (LIST, {"image": "abc"}, 400),
        (LIST, {"id": "99999999999999999999"}, 200),
        (LIST, {"title": "x\x00"}, 400),
        (LIST, {"tag": "\x00"}, 400),
        (LIST, {"order": "onzin"}, 400),
        (LIST, {"offset": "-1"}, 400),
        (LIST, {"offset": "99999999999999999999"}, 400),
        (LIST, {"type": "wagtailcore.Page"}, 400),
        (LIST, {"child_of": "1"}, 400),
        (f"{LIST}abc/", {}, 404),
    ],
)
def test_bad_parameters_get_a_clear_answer(client, news_index, url, params, status):
    ArticlePageFactory(parent=news_index)

    response = client.get(url, params)

    assert response.status_code == status
