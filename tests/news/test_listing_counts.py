"""A listing's page numbers are counted once and cached; every change to what it lists shows at once."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, ImageFactory

LISTINGS = ["/nieuws/", "/nieuws/tag/zorg/"]


def pages_shown(client, url) -> int:
    """The number of the last page in the listing's page links (1 without links)."""
    response = client.get(url)
    assert response.status_code == 200
    links = BeautifulSoup(response.content, "html.parser").select("nav.pagination li")
    numbers = [int(m.group()) for li in links if (m := re.search(r"\d+$", li.get_text(strip=True)))]
    return max(numbers, default=1)


@pytest.fixture
def twelve(news_index):
    """One full page: a thirteenth article makes a second page."""
    return [
        ArticlePageFactory(parent=news_index, date=datetime.date(2024, 1, n), tags=["zorg"])
        for n in range(1, 13)
    ]


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


@pytest.mark.parametrize("url", LISTINGS)
def test_publishing_and_unpublishing_change_the_page_numbers_at_once(
    client, news_index, twelve, url, django_capture_on_commit_callbacks
):
    assert pages_shown(client, url) == 1
    assert client.get(url + "?page=2").status_code == 404

    new = ArticlePageFactory(parent=news_index, live=False, date=datetime.date(2024, 2, 1))
    new.tags.add("zorg")
    publish(new, django_capture_on_commit_callbacks)
    assert pages_shown(client, url) == 2
    assert client.get(url + "?page=2").status_code == 200

    new.refresh_from_db()
    new.unpublish()
    assert pages_shown(client, url) == 1
    assert client.get(url + "?page=2").status_code == 404


def test_a_tag_added_by_publishing_counts_on_that_tag_only(
    client, news_index, twelve, django_capture_on_commit_callbacks
):
    assert pages_shown(client, "/nieuws/tag/zorg/") == 1
    extra = ArticlePageFactory(parent=news_index, tags=["wonen"])
    assert pages_shown(client, "/nieuws/tag/wonen/") == 1

    extra.tags.add("zorg")
    publish(extra, django_capture_on_commit_callbacks)
    assert pages_shown(client, "/nieuws/tag/zorg/") == 2
    assert client.get("/nieuws/tag/zorg/?page=2").status_code == 200


@pytest.mark.parametrize("url", LISTINGS)
def test_making_an_article_private_or_deleting_it_changes_the_page_numbers(client, news_index, twelve, url):
    extra = ArticlePageFactory(parent=news_index, tags=["zorg"])
    assert pages_shown(client, url) == 2

    restriction = PageViewRestriction.objects.create(
        page=extra, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert pages_shown(client, url) == 1
    assert client.get(url + "?page=2").status_code == 404

    restriction.delete()
    assert pages_shown(client, url) == 2

    twelve[0].delete()
    assert pages_shown(client, url) == 1


@pytest.mark.parametrize("url", LISTINGS)
def test_an_article_passing_its_expiry_time_leaves_the_count_without_any_job_running(
    client, news_index, twelve, url
):
    ArticlePageFactory(
        parent=news_index, tags=["zorg"], expire_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert pages_shown(client, url) == 2

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, seconds=1)):
        assert pages_shown(client, url) == 1
        assert client.get(url + "?page=2").status_code == 404


def counted(client, url) -> bool:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return any("COUNT(" in query["sql"].upper() for query in ctx.captured_queries)


@pytest.mark.parametrize("url", LISTINGS)
def test_a_listing_is_counted_once_per_change(client, news_index, twelve, url):
    assert counted(client, url)
    assert not counted(client, url)
    twelve[0].save()  # shows the same, but any saved article moves the content version on
    assert counted(client, url)
    assert not counted(client, url)


def test_draft_saves_and_images_filled_in_on_first_use_keep_the_cached_count(client, news_index, twelve):
    image = ImageFactory()
    assert counted(client, "/nieuws/")

    draft = twelve[0]
    draft.title = "Nog niet gepubliceerd"
    draft.save_revision()  # also what Wagtail's autosave does while an editor types
    image.file_hash = ""
    image.get_file_hash()  # Wagtail saves the hash it worked out
    assert not counted(client, "/nieuws/")
    assert "Nog niet gepubliceerd" not in client.get("/nieuws/").content.decode()
