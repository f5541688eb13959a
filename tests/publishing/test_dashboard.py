"""The dashboard's planning panel: what goes on or off the site, for those who publish."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticlePageFactory
from tests.publishing.users import make_editor, make_final_editor


@pytest.fixture
def planned(news_index):
    now = timezone.now()
    scheduled = ArticlePageFactory(parent=news_index, title="Komt morgen online", live=False)
    scheduled.go_live_at = now + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    expiring = ArticlePageFactory(parent=news_index, title="Gaat overmorgen offline")
    expiring.expire_at = now + datetime.timedelta(days=2)
    expiring.save_revision().publish()
    return scheduled, expiring


def planning_panel(client):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return soup.find(id="publication-schedule-section")


def test_final_editors_see_what_goes_online_and_offline(client, planned):
    client.force_login(make_final_editor())

    panel = planning_panel(client)

    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "Komt morgen online" in text
    assert "Gaat overmorgen offline" in text
    assert "publish_scheduled" not in text


def test_editors_do_not_get_the_planning_panel(client, planned):
    client.force_login(make_editor())

    assert planning_panel(client) is None


def test_panel_warns_when_the_scheduled_job_is_not_running(client, planned):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=1)):
        client.force_login(make_final_editor())  # admin sessions are short; log in at the later time
        text = planning_panel(client).get_text(" ", strip=True)

    assert "Eén artikel had al online moeten staan" in text
    assert "publish_scheduled" in text
