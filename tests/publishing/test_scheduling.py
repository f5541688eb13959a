"""Scheduled and expiring articles, on a frozen clock: absent from every public place until / after their time."""

import datetime
import subprocess
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from tests.factories import ArticlePageFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=AMSTERDAM)
GO_LIVE = START + datetime.timedelta(days=1)
EXPIRY = START + datetime.timedelta(days=2)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def anchor(news_index, clock):
    """A live article sharing a tag, whose related-news block would show the others."""
    return ArticlePageFactory(parent=news_index, title="Ankerartikel", tags=["gedeeld"])


def places(client, anchor, slug, title):
    """Where a visitor finds the article: the article URL's status and the listings that show its title."""
    found = {"article": client.get(f"/nieuws/{slug}/").status_code}
    pages = {"home": "/", "index": "/nieuws/", "tag": "/nieuws/tag/gedeeld/", "related": anchor.url}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200
        found[name] = title in response.content.decode()
    return found


NOWHERE = {"article": 404, "home": False, "index": False, "tag": False, "related": False}
EVERYWHERE = {"article": 200, "home": True, "index": True, "tag": True, "related": True}


def test_scheduled_article_appears_only_after_its_go_live_time(client, home, news_index, anchor, clock):
    article = ArticlePageFactory(
        parent=news_index, title="Gepland bericht", slug="gepland", tags=["gedeeld"], live=False
    )
    article.go_live_at = GO_LIVE
    article.save_revision().publish()
    home.featured_article = article
    home.save_revision().publish()

    article.refresh_from_db()
    assert not article.live
    assert places(client, anchor, "gepland", "Gepland bericht") == NOWHERE

    clock.move_to(GO_LIVE - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    assert places(client, anchor, "gepland", "Gepland bericht") == NOWHERE

    clock.move_to(GO_LIVE + datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    assert places(client, anchor, "gepland", "Gepland bericht") == EVERYWHERE


def test_expired_article_disappears_at_its_expiry_time_even_before_the_job_runs(
    client, news_index, anchor, clock
):
    article = ArticlePageFactory(
        parent=news_index, title="Tijdelijk bericht", slug="tijdelijk", tags=["gedeeld"]
    )
    article.expire_at = EXPIRY
    article.save_revision().publish()

    assert places(client, anchor, "tijdelijk", "Tijdelijk bericht") == EVERYWHERE

    clock.move_to(EXPIRY - datetime.timedelta(minutes=1))
    assert places(client, anchor, "tijdelijk", "Tijdelijk bericht") == EVERYWHERE

    clock.move_to(EXPIRY + datetime.timedelta(minutes=1))
    assert places(client, anchor, "tijdelijk", "Tijdelijk bericht") == NOWHERE

    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert not article.live
    assert article.expired
    # Unpublished by the job: the address of a once-live article is gone (410, news/withdrawal.py).
    assert places(client, anchor, "tijdelijk", "Tijdelijk bericht") == {**NOWHERE, "article": 410}


def test_a_new_version_scheduled_for_a_live_article_keeps_the_current_one_until_then(
    client, news_index, anchor, clock
):
    article = ArticlePageFactory(parent=news_index, title="Eerste versie", slug="versies", tags=["gedeeld"])
    article.save_revision().publish()
    article.refresh_from_db()
    article.title = "Tweede versie"
    article.go_live_at = GO_LIVE
    article.save_revision().publish()

    assert "Eerste versie" in client.get("/nieuws/versies/").content.decode()

    clock.move_to(GO_LIVE + datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    assert "Tweede versie" in client.get("/nieuws/versies/").content.decode()


def test_make_target_runs_the_periodic_job():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "publish-scheduled"],  # noqa: S607 - make from PATH, as a user runs it
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "manage.py publish_scheduled" in result.stdout
