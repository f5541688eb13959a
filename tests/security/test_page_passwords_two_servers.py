"""The limit on page passwords holds across app server processes that share Redis (as in production)."""

import re

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory
from tests.pagecache.test_two_app_servers import Visitor, start_app_servers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def app_servers(tmp_path):
    yield from start_app_servers(tmp_path, shared_cache=True)


def test_wrong_passwords_through_one_server_lock_the_page_on_the_other(app_servers, news_index):
    article = ArticlePageFactory(parent=news_index, title="Vertrouwelijk verslag")
    article.save_revision().publish()
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="lente-2026"
    )
    first, second = (Visitor(base) for base in app_servers)

    def attempt(visitor, password):
        _, _, form = visitor.request(article.url)
        action = re.search(r'action="(/_util/authenticate_with_password/[^"]+)"', form).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = {"password": password, "return_url": article.url, "csrfmiddlewaretoken": token}
        return visitor.request(action, data)[0]

    assert [attempt(first, f"gok-{n}") for n in range(4)] == [200] * 4
    assert attempt(second, "gok-5") == 429  # the fifth wrong password, counted with the first four
    assert attempt(first, "lente-2026") == 429
