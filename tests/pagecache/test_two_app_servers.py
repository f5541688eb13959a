"""Two app server processes share PostgreSQL and Redis: a publish through one is seen through the other."""

import datetime
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from news.models import ArticlePage
from sitewide import version_push
from tests import servers
from tests.factories import ArticlePageFactory
from tests.signin.helpers import VERIFY, code, with_app
from tests.tools import REDIS_URL, ROOT, require_app_server_setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Visitor:
    """A minimal browser: keeps cookies itself, so production's Secure cookies work over plain http."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = {}

    def request(self, path: str, data: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Origin": self.base}
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 - loopback
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), response.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def app_servers(tmp_path):
    yield from start_app_servers(tmp_path, shared_cache=True)


@pytest.fixture
def app_servers_with_own_memory(tmp_path):
    """No Redis: each process keeps its own cache, whole pages included, as with REDIS_URL unset."""
    yield from start_app_servers(tmp_path, shared_cache=False)


def start_app_servers(tmp_path, shared_cache: bool, push: bool = False):
    require_app_server_setup()
    env = server_env(tmp_path)
    if not shared_cache:
        del env["REDIS_URL"]
    env["CONTENT_VERSION_PUSH"] = "true" if push else "false"
    env["CONTENT_VERSION_RESYNC_SECONDS"] = "3600"  # what the servers show came by notification
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    if shared_cache:
        redis.Redis.from_url(REDIS_URL).flushdb()
    with servers.gunicorn(env) as (_, first), servers.gunicorn(env) as (_, second):
        yield [first, second]


def server_env(tmp_path) -> dict:
    """The production settings on the test database, as an app server or a management command has them."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "two-app-servers-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PAGE_CACHE": "true",
    }


def test_a_publish_through_one_server_is_seen_through_the_other(
    app_servers, home, news_index, django_user_model
):
    article = ArticlePageFactory(parent=news_index, title="Versie een", tags=["zorg"])
    article.save_revision().publish()
    # Hashed as production does (the test settings use a fast hasher production does not know).
    password = PBKDF2PasswordHasher().encode("twee-servers-wachtwoord", PBKDF2PasswordHasher().salt())
    device = with_app(
        django_user_model.objects.create(
            username="hoofdredactie", password=password, is_staff=True, is_superuser=True
        )
    )
    first, second = (Visitor(base) for base in app_servers)

    assert "Versie een" in first.request(article.url)[2]
    status, headers, body = second.request(article.url)
    assert (status, headers.get("X-Page-Cache")) == (200, "hit")  # the first server's render, from Redis
    assert "Versie een" in second.request("/nieuws/")[2]

    editor = Visitor(app_servers[0])
    _, _, login_page = editor.request("/admin/login/")
    token = querydict_from_html(login_page, exclude_csrf=False)["csrfmiddlewaretoken"]
    status, _, login_result = editor.request(
        "/admin/login/",
        {"username": "hoofdredactie", "password": "twee-servers-wachtwoord", "csrfmiddlewaretoken": token},
    )
    assert status == 302, "login failed"
    # Production asks an administrator for the authenticator app's code after the password (signin/).
    _, _, code_page = editor.request(VERIFY)
    token = querydict_from_html(code_page, exclude_csrf=False)["csrfmiddlewaretoken"]
    status, _, _ = editor.request(VERIFY, {"code": code(device), "csrfmiddlewaretoken": token})
    assert status == 302, "code refused"
    article.title = "Versie twee"
    article.save_revision()  # the editor's draft; the publish happens through the first server
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}&next=/admin/"
    _, _, confirm_page = editor.request(publish)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm_page).group(1)
    status, _, _ = editor.request(publish, {"csrfmiddlewaretoken": token})
    assert status == 302

    for path in [article.url, "/nieuws/", "/", "/nieuws/tag/zorg/"]:
        body = second.request(path)[2]
        assert "Versie twee" in body, path
        assert "Versie een" not in body, path


def test_with_a_cache_in_each_process_every_change_is_seen_through_the_other_server(
    app_servers_with_own_memory, home, news_index
):
    """Whole pages, routing, counts, related blocks, the menu and "is anything private?" are cached in each
    process here: the content version in the database tells the other process that they are out of date."""
    article = ArticlePageFactory(parent=news_index, title="Versie een", tags=["zorg"])
    article.save_revision().publish()
    ArticlePageFactory(parent=news_index, title="Buurman", tags=["zorg"]).save_revision().publish()
    neighbour = ArticlePage.objects.get(title="Buurman")
    first, second = (Visitor(base) for base in app_servers_with_own_memory)
    paths = [article.url, neighbour.url, "/nieuws/", "/", "/nieuws/tag/zorg/", *FEEDS, "/sitemap.xml"]
    for visitor in (first, second):
        for path in paths:
            assert "Versie een" in visitor.request(path)[2] or "sitemap" in path, path
            assert visitor.request(path)[1].get("X-Page-Cache") == "hit", path  # each process cached it

    article.title = "Versie twee"
    article.save_revision().publish()  # in this process: neither server hears of it
    for path in paths:
        body = second.request(path)[2]
        assert "Versie een" not in body, path
        assert "Versie twee" in body or "sitemap" in path, path

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    status, _, body = second.request(article.url)
    assert status == 200 and 'name="password"' in body and "Versie twee" not in body
    for path in paths[1:]:
        assert "Versie twee" not in second.request(path)[2], path


def listeners() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()",
            [version_push.APPLICATION_NAME],
        )
        return cursor.fetchone()[0]


FEEDS = ["/nieuws/feed/", "/nieuws/atom/", "/nieuws/tag/zorg/feed/", "/nieuws/tag/zorg/atom/"]


@pytest.mark.parametrize(
    "shared_cache, push",
    [(True, False), (False, False), (False, True)],
    ids=["redis", "own memory", "own memory, version pushed"],
)
def test_a_publish_by_a_management_command_shows_on_the_next_request_of_every_server(
    tmp_path, home, news_index, shared_cache, push
):
    """publish_scheduled runs in a process of its own (cron): both servers show its publish at once. With
    CONTENT_VERSION_PUSH each server is told of it by PostgreSQL, and a hit asks the database nothing."""
    neighbour = ArticlePageFactory(parent=news_index, title="Buurman", slug="buurman", tags=["zorg"])
    neighbour.save_revision().publish()
    scheduled = ArticlePageFactory(
        parent=news_index, title="Gepland bericht", slug="gepland", tags=["zorg"], live=False
    )
    revision = scheduled.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    servers = start_app_servers(tmp_path, shared_cache=shared_cache, push=push)
    bases = next(servers)
    try:
        visitors = [Visitor(base) for base in bases]
        paths = ["/", "/nieuws/", "/nieuws/tag/zorg/", neighbour.url, *FEEDS, "/sitemap.xml"]
        for visitor in visitors:
            for path in paths:
                visitor.request(path)
                status, headers, body = visitor.request(path)
                assert (status, headers.get("X-Page-Cache")) == (200, "hit"), path
                assert "gepland" not in body, path
        assert listeners() == (2 if push else 0)  # one per server's worker

        env = server_env(tmp_path)
        if not shared_cache:
            del env["REDIS_URL"]
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "publish_scheduled"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )

        for visitor in visitors:
            for path in paths:
                status, _, body = visitor.request(path)
                assert status == 200, path
                assert "/nieuws/gepland/" in body, path  # linked from every listing, feed and related block
            assert "Gepland bericht" in visitor.request("/nieuws/gepland/")[2]
    finally:
        next(servers, None)
