import re
import time

import pytest
from django.utils import timezone

from newsletter.forms import make_stamp
from tests.factories import ArticlePageFactory, make_subscriber, tag  # noqa: F401 - used by the tests

SIGNUP_URL = "/blijf-op-de-hoogte/"
BASE_URL = "https://nieuws.example.nl"


def fresh_stamp(seconds_ago: int = 30) -> str:
    """A form stamp as a page rendered `seconds_ago` would carry."""
    return make_stamp(time.time() - seconds_ago)


def signup_data(email="lezer@example.nl", topics=(), **extra):
    data = {"email": email, "consent": "ja", "stamp": fresh_stamp(), "website": "", "topics": list(topics)}
    data.update(extra)
    return data


def link_in(message, kind: str) -> str:
    """The site-relative path of the `bevestigen` or `afmelden` link in an email's plain text."""
    match = re.search(rf"{re.escape(BASE_URL)}(/blijf-op-de-hoogte/{kind}/[^/\s]+/)", message.body)
    assert match, f"no {kind} link in: {message.body}"
    return match.group(1)


def draft_article(parent, **kwargs):
    """An unpublished article dated today, as an editor has it just before pressing Publish."""
    kwargs.setdefault("date", timezone.localdate())
    return ArticlePageFactory(parent=parent, live=False, **kwargs)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish through Wagtail's revision flow and run what is deferred to the commit."""

    def _publish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return _publish


@pytest.fixture
def post_signup(client, django_capture_on_commit_callbacks):
    def _post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGNUP_URL, data, **extra)

    return _post
