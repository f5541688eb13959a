import pytest
from wagtail.models import Site

from home.models import HomePage
from tests.factories import NewsIndexPageFactory


@pytest.fixture
def home(db) -> HomePage:
    """The HomePage created by the home app's data migration, root of the default site."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def empty_cache():
    """The database is rolled back after each test; the cache must not outlive it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
