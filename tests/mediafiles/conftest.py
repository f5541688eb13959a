import json
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, ImageFactory
from tests.mediafiles.s3 import aws_environment, bucket, moto_endpoint, s3_settings  # noqa: F401 - fixtures
from tests.tools import ROOT

# The settings of production.py that shape how a request for /media/ is answered.
REQUEST_SETTINGS = [
    "DEBUG",
    "SERVE_MEDIA",
    "MEDIA_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_CSP",
    "PAGE_CACHE_EXCLUDED_PATHS",
]


@pytest.fixture(scope="session")
def production_values() -> dict:
    """Those settings as production.py computes them with no SERVE_MEDIA in the environment. Read in another
    process: importing production.py here would change the test settings' STORAGES, which it shares."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "SECRET_KEY": "production-values-" + "k" * 40,
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("SERVE_MEDIA", None)
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {REQUEST_SETTINGS!r}}}))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    values = json.loads(done.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def production(settings, production_values, media):
    for name, value in production_values.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def visitor(client, production):
    """An anonymous visitor behind production's TLS-terminating proxy."""
    client.defaults.update(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    return client


@pytest.fixture
def article(news_index, media):
    return ArticlePageFactory(
        parent=news_index,
        title="Wijkteams werken samen",
        slug="wijkteams",
        image=ImageFactory(file__filename="wijkteam.jpg"),
        image_alt="Twee medewerkers aan tafel",
    )


def image_urls(client, page_url: str) -> dict[str, list[str]]:
    """The images a visitor's browser would fetch for a page: og:image, and every <img> src and srcset."""
    response = client.get(page_url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    sources = []
    for img in html.select("img"):
        sources.append(img["src"])
        sources += [candidate.split()[0] for candidate in img.get("srcset", "").split(",") if candidate]
    return {"og:image": [html.select_one('meta[property="og:image"]')["content"]], "img": sources}
