"""Items published elsewhere: listed like articles, every link goes to the other site and says so."""

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from news.models import ArticlePage
from tests.factories import ArticlePageFactory, make_subscriber
from tests.publishing.forms import article_form_data

URL = "https://ibestuur.nl/artikel/schuursponsje/"
NOTE = "(externe link, iBestuur)"


@pytest.fixture
def item(news_index):
    return ArticlePageFactory(
        parent=news_index,
        title="Schuursponsje",
        slug="schuursponsje",
        intro="Larissa Zegveld over schuren in de samenwerking. Een blog.",
        tags=["samenwerking"],
        external_url=URL,
        source_name="iBestuur",
        kind_label="Blog",
    )


def links_to_item(html: str) -> list[str]:
    """The text of every link to the item's page elsewhere (or to a page of its own here)."""
    soup = BeautifulSoup(html, "html.parser")
    own = soup.select('a[href$="/nieuws/schuursponsje/"]')
    assert own == [], "the item has no page of its own on this site"
    return [" ".join(a.get_text(" ").split()) for a in soup.select(f'a[href="{URL}"]')]


def test_it_is_listed_like_an_article_with_links_that_say_they_leave_the_site(client, news_index, item):
    article = ArticlePageFactory(parent=news_index, title="Samenwerken is hard werken", related=[item])

    for url in ["/", "/nieuws/", "/nieuws/tag/samenwerking/", article.url, "/zoeken/?q=Schuursponsje"]:
        texts = links_to_item(client.get(url).content.decode())
        assert texts, url
        assert any(NOTE in text for text in texts), (url, texts)
        assert all("externe link" in text for text in texts), (url, texts)
    card = BeautifulSoup(client.get("/nieuws/").content, "html.parser").select_one(f'a[href="{URL}"]')
    assert "Blog" in card.find_parent("article").get_text()


def test_feeds_and_the_api_point_to_the_other_site(client, item):
    rss = client.get("/nieuws/feed/").content.decode()
    assert f"<link>{URL}</link>" in rss
    assert "externe link, iBestuur" in rss
    atom = client.get("/nieuws/tag/samenwerking/atom/").content.decode()
    assert f'href="{URL}"' in atom

    [found] = client.get("/api/v2/articles/").json()["items"]
    assert found["meta"]["html_url"] == URL
    assert found["external"] == {"url": URL, "source": "iBestuur", "kind": "Blog"}


def test_its_address_here_redirects_there_and_it_is_not_in_the_sitemap(client, news_index, item):
    response = client.get("/nieuws/schuursponsje/")
    assert (response.status_code, response["Location"]) == (302, URL)
    ArticlePageFactory(parent=news_index, slug="eigen-artikel")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/nieuws/eigen-artikel/" in sitemap
    assert "schuursponsje" not in sitemap


def test_the_announcement_links_to_the_other_site(news_index, django_capture_on_commit_callbacks):
    make_subscriber("lezer@example.nl")
    item = ArticlePageFactory(
        parent=news_index,
        live=False,
        date=timezone.localdate(),
        external_url=URL,
        source_name="iBestuur",
        title="Schuursponsje",
    )
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()

    [message] = mail.outbox
    assert URL in message.body
    assert "(externe link)" in message.body
    assert "/nieuws/schuursponsje/" not in message.body


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://x.nl/", "/nieuws/"]
)
def test_the_editor_refuses_any_address_but_http_and_https_in_dutch(admin_client, news_index, bad):
    add = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    data = article_form_data("publish", slug="elders", external_url=bad, source_name="iBestuur")

    response = admin_client.post(add, data)

    assert response.status_code == 200
    assert "Geef een volledig webadres dat begint met https:// of http://." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="elders").exists()


def test_the_editor_needs_the_source_name(admin_client, news_index):
    add = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    response = admin_client.post(add, article_form_data("publish", slug="elders", external_url=URL))

    assert "Geef de naam van de website waar het bericht staat." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="elders").exists()


def import_file(tmp_path, external):
    path = tmp_path / "import.json"
    item = {
        "slug": "elders",
        "title": "Elders",
        "date": "2026-11-24",
        "intro": "Een blog.",
        "external": external,
    }
    path.write_text(json.dumps({"articles": [item]}), encoding="utf-8")
    return str(path)


def test_import_creates_an_item_published_elsewhere(tmp_path, news_index, client):
    call_command("import_news", import_file(tmp_path, {"url": URL, "source": "iBestuur"}), stdout=StringIO())

    item = ArticlePage.objects.get(slug="elders")
    assert (item.live, item.external_url, item.source_name) == (True, URL, "iBestuur")
    assert NOTE in " ".join(links_to_item(client.get("/nieuws/").content.decode()))


def test_import_refuses_a_javascript_address_and_writes_nothing(tmp_path, news_index):
    err = StringIO()
    with pytest.raises(CommandError):
        path = import_file(tmp_path, {"url": "javascript:alert(1)", "source": "X"})
        call_command("import_news", path, stdout=StringIO(), stderr=err)

    assert 'article 1 ("elders"): external.url: verplicht: een volledig adres' in err.getvalue()
    assert not ArticlePage.objects.filter(slug="elders").exists()


def test_the_editors_preview_shows_where_visitors_go(item):
    response = item.make_preview_request()

    assert response.status_code == 200
    body = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    assert "Voorbeeld: dit bericht staat op iBestuur." in body
