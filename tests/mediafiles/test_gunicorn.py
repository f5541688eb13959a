"""The site as a host runs it: gunicorn with production's settings and no SERVE_MEDIA in the environment
serves an article's share image and its <img>, and no document file."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents import get_document_model

from tests import servers
from tests.contentblocks.helpers import documents_block
from tests.factories import ArticlePageFactory
from tests.tools import ROOT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    try:
        response = urllib.request.urlopen(request, timeout=30)  # noqa: S310
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read()


@pytest.fixture
def gunicorn(media, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "gunicorn needs a database it can share: runs in the PostgreSQL pass (DATABASE_URL=postgres://…)"
        )
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "SECRET_KEY": "media-gunicorn-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(media),
    }
    env.pop("SERVE_MEDIA", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    with servers.gunicorn(env) as (_, base):
        yield base


def test_gunicorn_with_production_settings_serves_an_articles_images(gunicorn, article, media):
    document = get_document_model().objects.create(
        title="Verslag", file=ContentFile(b"%PDF-1.7\nverslag\n", name="verslag.pdf")
    )
    # Visitors reach a document through a live page that offers it (contentblocks/documents.py).
    ArticlePageFactory(parent=article.get_parent(), body=[documents_block(document)])

    status, _, body = fetch(gunicorn + article.url)
    assert status == 200
    html = BeautifulSoup(body, "html.parser")
    share = html.select_one('meta[property="og:image"]')["content"]
    picture = html.select_one("figure img")["src"]

    assert share.startswith(article.get_site().root_url + "/media/images/")  # links name the site's root
    for url in (gunicorn + urlsplit(share).path, gunicorn + picture):
        status, headers, data = fetch(url)
        assert status == 200, url
        assert headers["Content-Type"] == "image/jpeg"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert data == (media / urlsplit(url).path.removeprefix("/media/")).read_bytes()
        assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(gunicorn + f"/media/{document.file.name}")[0] == 404
    assert fetch(gunicorn + document.url)[0] == 200  # the document itself: through Wagtail's view
