"""An app server keeps the page parts it rendered in its own memory (sitewide/fragments.py): a change made in
another process shows on its next request, with the page cache off."""

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from sitewide.models import SiteSettings
from tests import servers
from tests.factories import ArticlePageFactory, StandardPageFactory
from tests.pagecache.test_two_app_servers import Visitor, server_env
from tests.tools import ROOT, require_app_server_setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def app_server(tmp_path):
    require_app_server_setup()
    env = {**server_env(tmp_path), "PAGE_CACHE": "false"}
    del env["REDIS_URL"]  # everything in the process's own memory
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    with servers.gunicorn(env) as (_, base):
        yield Visitor(base)


def seen(visitor, path) -> dict:
    status, headers, body = visitor.request(path)
    assert status == 200 and headers.get("X-Page-Cache") is None, path
    soup = BeautifulSoup(body, "html.parser")
    return {
        "name": soup.select_one(".site-header__name").get_text(),
        "menu": [a.get_text() for a in soup.select("nav.main-nav a")],
        "footer": [a.get_text() for a in soup.select("footer.site-footer nav a")],
        "title": soup.select_one("h1").get_text(),
        "signup": soup.select_one(".newsletter-cta h2").get_text(),
    }


def test_menu_footer_settings_and_article_changes_show_on_the_next_request(app_server, home, news_index):
    article = ArticlePageFactory(parent=news_index, title="Versie een", slug="bericht", tags=["zorg"])
    about = StandardPageFactory(parent=home, title="Over ons", slug="over-ons", show_in_menus=True)
    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
    settings.save()
    before = {
        "name": "Nieuwsroom Sociaal Domein",
        "menu": ["Home", "Nieuws", "Over ons"],
        "footer": ["Privacy"],
        "title": "Versie een",
        "signup": "Blijf op de hoogte",
    }
    for _ in range(2):  # the second request reuses what the first rendered
        assert seen(app_server, "/nieuws/bericht/") == before

    about.title = "Over de samenwerking"
    about.save_revision().publish()
    settings.organisation_name = "Nieuwsroom"
    settings.newsletter_heading = "Nieuws per e-mail"
    settings.privacy_page.title = "Privacyverklaring"
    settings.privacy_page.save_revision().publish()
    settings.save()
    article.title = "Versie twee"
    article.save_revision().publish()

    assert seen(app_server, "/nieuws/bericht/") == {
        "name": "Nieuwsroom",
        "menu": ["Home", "Nieuws", "Over de samenwerking"],
        "footer": ["Privacyverklaring"],
        "title": "Versie twee",
        "signup": "Nieuws per e-mail",
    }
