"""No request data in shared responses: every absolute URL comes from the site's Site record.

A visitor controls the Host header (any port, any case, any allowed host) and, without a trusting proxy
in front, the X-Forwarded-* headers. A response built from them would be stored by the page cache (and a
CDN) and served to everyone after: one request with `Host: <the host>:6666` would give every visitor a
canonical link, feed links and sitemap on port 6666.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import ArticlePageFactory, ImageFactory, StandardPageFactory

HOST = "nieuws.example.nl"
ROOT = f"https://{HOST}"
URL = re.compile(r"""(?:https?:)?//[^\s"'<>\\]+""")
# Namespaces and vocabularies that feeds, the sitemap and JSON-LD name; never links to this site.
NAMESPACES = (
    "http://www.sitemaps.org/",
    "http://www.w3.org/",
    "http://www.google.com/schemas/",
    "http://purl.org/",
    "https://schema.org",
)
# Ports with their colon: a bare "6666" also turns up in timestamps and ids (the Atom feed's <updated>).
FOREIGN = (":6666", ":9999", ":7777", "other.example", "testserver", "NiEuWs", "http://nieuws")

HOSTILE = {
    "foreign port": ({}, {"HTTP_HOST": f"{HOST}:6666"}),
    "foreign port on the test host": ({}, {"HTTP_HOST": "testserver:9999"}),
    "another allowed host": ({}, {"HTTP_HOST": "other.example"}),
    "mixed case": ({}, {"HTTP_HOST": "NiEuWs.ExAmPlE.nL"}),
    "forwarded host, not trusted": ({}, {"HTTP_X_FORWARDED_HOST": "other.example:7777"}),
    "forwarded host, trusted": (
        {"USE_X_FORWARDED_HOST": True},
        {"HTTP_X_FORWARDED_HOST": "other.example:7777"},
    ),
    "forwarded port and plain http, trusted": (
        {"USE_X_FORWARDED_PORT": True, "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")},
        {"HTTP_X_FORWARDED_PORT": "6666", "HTTP_X_FORWARDED_PROTO": "http"},
    ),
}


@pytest.fixture
def site(settings, home, news_index):
    """The site as configured in production: https on its own host. The page cache is on and empty."""
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = [HOST, "testserver", "other.example"]
    Site.objects.filter(is_default_site=True).update(hostname=HOST, port=443)
    image = ImageFactory()
    for n in range(12):
        ArticlePageFactory(parent=news_index, title=f"Vulling {n}", date=datetime.date(2024, 1, n + 1))
    other = ArticlePageFactory(parent=news_index, title="Ander bericht", slug="ander-bericht")
    article = ArticlePageFactory(
        parent=news_index,
        title="Wijkteams werken samen",
        slug="wijkteams",
        date=datetime.date(2024, 3, 1),
        tags=["zorg"],
        image=image,
        image_alt="Twee medewerkers aan tafel",
        body=[
            (
                "paragraph",
                f'<p>Lees <a linktype="page" id="{other.pk}">dit</a> en <a href="/nieuws/">meer</a>.</p>',
            ),
            ("image", {"image": image, "alt_text": "Een brug", "decorative": False, "caption": ""}),
        ],
    )
    home.featured_article = article
    home.save_revision().publish()
    StandardPageFactory(parent=home, title="Contact", slug="contact")
    return article


def urls_of(article) -> list[str]:
    api = "/api/v2/articles/"
    return [
        "/",
        "/nieuws/",
        "/nieuws/?page=2",
        "/nieuws/tag/zorg/",
        "/nieuws/wijkteams/",
        "/contact/",
        "/nieuws/feed/",
        "/nieuws/atom/",
        "/nieuws/tag/zorg/feed/",
        "/nieuws/tag/zorg/atom/",
        "/sitemap.xml",
        "/robots.txt",
        api,
        f"{api}{article.pk}/",
        f"{api}find/?html_path=/nieuws/wijkteams/",
    ]


def problems(response, root: str) -> list[str]:
    """Foreign hosts, ports or case in the body or headers, and absolute URLs not under `root`."""
    text = response.content.decode() + "\n" + "\n".join(f"{k}: {v}" for k, v in response.items())
    found = [f"contains {word!r}" for word in FOREIGN if word in text and not root.startswith(word)]
    for url in URL.findall(text):
        url = url.rstrip(".,;)")
        if not url.startswith(NAMESPACES) and url != root and not url.startswith(root + "/"):
            found.append(f"URL {url} is not under {root}")
    return found


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_request_first_leaves_nothing_of_itself_for_later_visitors(settings, site, case):
    overrides, headers = HOSTILE[case]
    for name, value in overrides.items():
        setattr(settings, name, value)
    hostile, visitor = Client(), Client()
    cached = []
    for url in urls_of(site):
        first = hostile.get(url, secure=True, **{"HTTP_HOST": HOST, **headers})
        later = visitor.get(url, secure=True, HTTP_HOST=HOST)

        assert first.status_code in (200, 302), (url, first.status_code)
        assert later.status_code == first.status_code, url
        assert problems(first, ROOT) == [], f"{url}, first response"
        assert problems(later, ROOT) == [], f"{url}, later response"
        if later.get("X-Page-Cache") == "hit":
            cached.append(url)
    assert "/nieuws/?page=2" in cached and "/sitemap.xml" in cached, "the page cache must be on"


def test_every_kind_of_response_has_absolute_links_to_be_checked(site):
    """The check above is not empty: each response names the site's root where it should."""
    client = Client()
    for url in urls_of(site):
        response = client.get(url, secure=True, HTTP_HOST=HOST)
        text = response.content.decode() + response.get("Location", "")
        assert ROOT + "/" in text, url
    head = client.get("/nieuws/?page=2", HTTP_HOST=HOST).content.decode()
    assert f'<link rel="canonical" href="{ROOT}/nieuws/?page=2">' in head
    assert f"Sitemap: {ROOT}/sitemap.xml" in client.get("/robots.txt", HTTP_HOST=HOST).content.decode()


def test_the_development_site_links_to_its_own_port(settings, site):
    """`make run`'s Site (127.0.0.1, port 8000) gives http links with the port, whatever the Host says."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    client = Client()
    for url in [
        "/nieuws/?page=2",
        "/nieuws/feed/",
        "/sitemap.xml",
        "/robots.txt",
        f"/api/v2/articles/{site.pk}/",
    ]:
        for host in ["localhost:6666", "127.0.0.1:8000"]:
            response = client.get(url, HTTP_HOST=host)
            assert response.status_code == 200, url
            assert "6666" not in response.content.decode() and "localhost" not in response.content.decode()
            assert "http://127.0.0.1:8000/" in response.content.decode(), url


def test_a_flood_of_host_variants_is_answered_from_the_cache_like_any_visitor(site):
    """Ports and letter case in the Host header do not make the site look itself up again."""
    client = Client()
    client.get("/nieuws/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as visitor:
        assert client.get("/nieuws/", HTTP_HOST=HOST)["X-Page-Cache"] == "hit"
    for host in [
        *(f"{HOST}:{port}" for port in range(6000, 6010)),
        "NiEuWs.ExAmPlE.nL",
        "NIEUWS.example.nl:1",
    ]:
        with CaptureQueriesContext(connection) as hostile:
            response = client.get("/nieuws/", HTTP_HOST=host)
        assert response["X-Page-Cache"] == "hit", host
        assert len(hostile) == len(visitor), host
