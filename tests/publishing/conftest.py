"""The overviews' fixtures: an administrator, one article in every status, people quoted in articles."""

import datetime

import pytest
from django.utils import timezone

from news.people import Person
from tests.factories import ArticlePageFactory
from tests.publishing.forms import quote
from tests.publishing.users import make_editor, make_user


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("beheerder", superuser=True))
    return client


def published(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def articles(news_index):
    """One article in every status, with tags and dates in two years."""
    now = timezone.now()
    editor = make_editor()
    live = published(
        ArticlePageFactory(
            parent=news_index, title="Online bericht", tags=["jeugd"], date=datetime.date(2023, 5, 1)
        )
    )
    draft = ArticlePageFactory(parent=news_index, title="Conceptbericht", live=False, tags=["wonen"])
    draft.save_revision(user=editor)
    scheduled = published(
        ArticlePageFactory(parent=news_index, title="Gepland bericht", live=False, tags=["jeugd"]),
        go_live_at=now + datetime.timedelta(days=1),
    )
    awaiting = ArticlePageFactory(parent=news_index, title="Ter goedkeuring", live=False, owner=editor)
    awaiting.save_revision(user=editor)
    awaiting.get_workflow().start(awaiting, editor)
    expired = published(
        ArticlePageFactory(parent=news_index, title="Verlopen bericht", date=datetime.date(2023, 8, 1)),
        expire_at=now - datetime.timedelta(minutes=5),
    )
    return {"live": live, "draft": draft, "scheduled": scheduled, "awaiting": awaiting, "expired": expired}


@pytest.fixture
def quoted(news_index):
    often = Person.objects.create(name="Anna Smit", role="wethouder")
    never = Person.objects.create(name="Rob Kok", role="verbinder")
    ArticlePageFactory(
        parent=news_index,
        title="Eerste",
        date=datetime.date(2024, 1, 5),
        body=[("quote", quote(person=often))],
    )
    ArticlePageFactory(
        parent=news_index,
        title="Tweede",
        date=datetime.date(2024, 2, 9),
        body=[("section", {"heading": "Kop", "content": [("quote", quote(person=often))]})],
    )
    return often, never
