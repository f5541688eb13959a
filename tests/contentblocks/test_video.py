"""The video block: an address becomes a provider and an id; the player loads only after a click, and only
pages with a video let it in (CSP frame-src)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from contentblocks.video import parse_video_url
from tests.contentblocks.helpers import block_errors, edit_article, video_block
from tests.factories import ArticlePageFactory
from tests.publishing.users import make_editor, make_user


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=AbCdEf123", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
        ("https://vimeo.com/76979871/1a2b3c4d5e", "vimeo", "76979871/1a2b3c4d5e"),
    ],
)
def test_the_provider_and_id_come_from_the_pasted_address(url, provider, video_id):
    assert parse_video_url(url)[:2] == (provider, video_id)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Dit is geen webadres van een video"),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&autoplay=1&origin=x",
            "extra instellingen (autoplay, origin)",
        ),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", "Video's van evil.example kunnen niet op de site"),
        ("https://www.youtube.com/watch?v=kort", "wijst niet naar één video op YouTube"),
        ("https://vimeo.com/channels/staffpicks", "wijst niet naar één video op Vimeo"),
        ("https://user:pw@youtube.com/watch?v=dQw4w9WgXcQ", "gewone adres van de video"),
    ],
)
def test_a_hostile_or_unknown_address_gets_a_dutch_error(url, message):
    with pytest.raises(ValidationError) as error:
        parse_video_url(url)
    assert message in " ".join(error.value.messages)


def test_the_editor_stores_provider_and_id_and_refuses_a_bad_address_without_saving(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="met-video")
    client.force_login(make_editor())
    revisions = article.revisions.count()
    value = {
        "url": "javascript:alert(1)",
        "title": "Film",
        "transcript": "Ondertiteld.",
        "provider": "",
        "video_id": "",
    }

    refused = edit_article(client, article, [("video", value)])

    assert refused.status_code == 200
    assert block_errors(refused)["url"][0].startswith("Dit is geen webadres van een video")
    assert article.revisions.count() == revisions

    value["url"] = "https://youtu.be/dQw4w9WgXcQ?si=x"
    assert edit_article(client, article, [("video", value)]).status_code == 302
    article.refresh_from_db()
    stored = json.loads(article.get_latest_revision().content["body"])[0]["value"]
    assert (stored["provider"], stored["video_id"], stored["url"]) == (
        "youtube",
        "dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )


def test_a_transcript_or_caption_statement_is_required(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="zonder-tekst")
    client.force_login(make_user("beheerder", superuser=True))  # may publish: all fields are checked
    value = {
        "url": "https://vimeo.com/76979871",
        "title": "Film",
        "transcript": "",
        "provider": "",
        "video_id": "",
    }

    response = edit_article(client, article, [("video", value)], action="publish")

    assert block_errors(response) == {"transcript": ["Dit is een verplicht veld."]}
    assert article.revisions.count() == 0


def test_the_page_shows_a_placeholder_and_links_to_the_provider_but_loads_no_player(client, news_index):
    article = ArticlePageFactory(
        parent=news_index, body=[video_block(), video_block("https://vimeo.com/76979871")]
    )

    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "html.parser")

    assert not soup.select("iframe") and "youtube-nocookie" not in str(soup.select("script"))
    assert [b["aria-label"] for b in soup.select(".video__play")] == [
        "Video afspelen: Tien jaar samenwerking"
    ] * 2
    assert [f["data-embed"] for f in soup.select("[data-video]")] == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
        "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
    ]
    assert [a["href"] for a in soup.select(".video__caption a")] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
    ]
    assert len(soup.select("script[src$='contentblocks/video.js']")) == 1
    assert "De video is ondertiteld" in soup.select_one(".video__transcript").get_text()


def frame_src(response) -> str:
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return directives.get("frame-src", "")


def test_only_pages_with_a_video_may_frame_the_players_also_from_the_page_cache(client, news_index, settings):
    settings.PAGE_CACHE = True
    with_video = ArticlePageFactory(parent=news_index, body=[video_block()])
    without = ArticlePageFactory(parent=news_index)

    first, cached = client.get(with_video.url), client.get(with_video.url)

    assert cached["X-Page-Cache"] == "hit"
    for response in (first, cached):
        assert frame_src(response) == "'self' https://www.youtube-nocookie.com"
        assert "script-src 'self';" in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert 'autoplay=(self "https://www.youtube-nocookie.com")' in response["Permissions-Policy"]
    plain = client.get(without.url)
    assert frame_src(plain) == "" and "default-src 'self'" in plain["Content-Security-Policy"]
    assert "autoplay=()" in plain["Permissions-Policy"]
