"""CONTENT_VERSION_PUSH: PostgreSQL tells each process of a new content version, so a page cache hit asks the
database nothing; a change made by another process still shows on the next request (sitewide/version_push.py).
"""

import datetime
import subprocess
import sys

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from sitewide import version_push, versions
from tests.factories import ArticlePageFactory
from tests.pagecache.test_two_app_servers import server_env
from tests.tools import ROOT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the listener sees commits


@pytest.fixture(autouse=True)
def push(settings):
    if connection.vendor != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's: runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")
    settings.PAGE_CACHE = True
    settings.CONTENT_VERSION_PUSH = True
    settings.CONTENT_VERSION_RESYNC_SECONDS = 3600  # what a test sees came by notification, not by a re-read
    version_push.listener.stop()
    yield
    version_push.listener.stop()


def hit(client, url, django_assert_num_queries, queries: int) -> str:
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert (response.status_code, response.get("X-Page-Cache")) == (200, "hit"), url
    return response.content.decode()


def listener_pid() -> int:
    return version_push.listener.conn.info.backend_pid


def schedule(news_index) -> None:
    """A neighbour, and an article approved to go live a minute ago: publish_scheduled's work."""
    ArticlePageFactory(parent=news_index, title="Buurman", slug="buurman")
    scheduled = ArticlePageFactory(parent=news_index, title="Gepland bericht", slug="gepland", live=False)
    revision = scheduled.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()


def publish_scheduled_elsewhere(tmp_path) -> None:
    subprocess.run(  # noqa: S603 - cron's publish_scheduled, in a process of its own
        [sys.executable, "manage.py", "publish_scheduled"],
        env={**server_env(tmp_path), "CONTENT_VERSION_PUSH": "false"},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def test_a_hit_asks_the_database_nothing_and_a_publish_by_another_process_shows_on_the_next_request(
    client, news_index, django_assert_num_queries, tmp_path
):
    schedule(news_index)
    client.get("/nieuws/")
    assert "Gepland bericht" not in hit(client, "/nieuws/", django_assert_num_queries, 0)

    publish_scheduled_elsewhere(tmp_path)

    response = client.get("/nieuws/")
    assert response.get("X-Page-Cache") == "miss"  # rendered again under the version the command pushed
    assert "Gepland bericht" in response.content.decode()
    assert "Gepland bericht" in hit(client, "/nieuws/", django_assert_num_queries, 0)


def test_without_push_every_hit_reads_the_version(client, news_index, settings, django_assert_num_queries):
    settings.CONTENT_VERSION_PUSH = False
    ArticlePageFactory(parent=news_index, title="Buurman")
    client.get("/nieuws/")
    hit(client, "/nieuws/", django_assert_num_queries, 1)
    assert version_push.listener.conn is None


def test_while_the_listening_connection_is_gone_requests_read_the_version(
    client, news_index, django_assert_num_queries, monkeypatch
):
    article = ArticlePageFactory(parent=news_index, title="Versie een", slug="bericht")
    client.get("/nieuws/bericht/")
    hit(client, "/nieuws/bericht/", django_assert_num_queries, 0)
    with connection.cursor() as cursor:  # the server ends the listener's session (a restart, a failover)
        cursor.execute("SELECT pg_terminate_backend(%s)", [listener_pid()])
    article.title = "Versie twee"
    article.save_revision().publish()  # committed now, but no notification can reach the dead connection

    response = client.get("/nieuws/bericht/")
    assert "Versie twee" in response.content.decode()
    assert version_push.listener.conn is None  # dropped; requests read the row for RETRY_SECONDS
    hit(client, "/nieuws/bericht/", django_assert_num_queries, 1)

    monkeypatch.setattr(version_push, "RETRY_SECONDS", 0)
    client.get("/nieuws/bericht/")  # listens again
    assert "Versie twee" in hit(client, "/nieuws/bericht/", django_assert_num_queries, 0)


def test_a_connection_that_died_silently_is_caught_by_reading_the_row_again(
    client, news_index, django_assert_num_queries, settings, tmp_path
):
    schedule(news_index)
    client.get("/nieuws/")
    hit(client, "/nieuws/", django_assert_num_queries, 0)
    version_push.listener.conn.execute(f"UNLISTEN {version_push.CHANNEL}")  # notifications lost on the way
    publish_scheduled_elsewhere(tmp_path)
    assert "Gepland bericht" not in hit(client, "/nieuws/", django_assert_num_queries, 0)  # not told

    settings.CONTENT_VERSION_RESYNC_SECONDS = 0  # 5 by default
    assert "Gepland bericht" in client.get("/nieuws/").content.decode()
    assert versions.pushed() == versions.read()


def test_its_own_changes_reach_the_process_that_made_them(client, news_index):
    """Without waiting for its own notification, which arrives a moment after the commit."""
    article = ArticlePageFactory(parent=news_index, title="Versie een", slug="bericht")
    client.get("/nieuws/bericht/")
    before = versions.pushed()
    version_push.listener.conn.execute(f"UNLISTEN {version_push.CHANNEL}")  # so only the re-read can tell
    article.title = "Versie twee"
    article.save_revision().publish()
    assert versions.pushed() not in ("", before)
    assert versions.pushed() == versions.read()
    assert "Versie twee" in client.get("/nieuws/bericht/").content.decode()


def test_django_gives_connection_parameters_psycopg_connects_with():
    """version_push.Listener.connect opens its own connection with Django's parameters for the database."""
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as own:
        name = own.execute("SELECT current_database()").fetchone()[0]
    assert name == connection.settings_dict["NAME"], (
        "sitewide/version_push.py relies on DatabaseWrapper.get_connection_params() giving psycopg.connect's "
        "arguments for this database; adapt it"
    )
