import pytest
from wagtail.models import Site

from home.models import HomePage
from tests.factories import NewsIndexPageFactory


@pytest.fixture
def home(db) -> HomePage:
    """The HomePage created by the home app's data migration, root of the default site.

    That Site is localhost on port 80: absolute links start with http://localhost, whatever the Host.
    """
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture(scope="session", autouse=True)
def _playwright_before_database(request):
    """Start Playwright before the test database exists when browser tests will run.

    Playwright's sync API switches greenlets, after which Django hands out a fresh connection object;
    the serialized rollback data of the browser tests must be attached to that one.
    """
    from tests.tools import chromium_path

    if chromium_path() and any("/tests/browser/" in str(item.path) for item in request.session.items):
        request.getfixturevalue("playwright")


@pytest.fixture(autouse=True)
def empty_cache():
    """The database is rolled back after each test; the cache must not outlive it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_report_header(config):
    from tests.tools import missing_tools

    return list(missing_tools().values())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (the browser suite) empty the database: run them after all the others.

    pytest-django orders them last, but pytest then regroups tests by session-scoped parameters
    (pytest-playwright's browser_name); restore the order here.
    """

    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        return "live_server" in getattr(item, "fixturenames", ()) or bool(
            marker and marker.kwargs.get("transaction")
        )

    items.sort(key=transactional)


@pytest.fixture(autouse=True)
def forget_sites():
    """Each process remembers the site per host and page fragments per content version; tests roll the
    version back."""
    from sitewide import fragments
    from sitewide.sites import forget_sites

    forget_sites()
    fragments.forget()
