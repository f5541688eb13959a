"""The dashboard's planning panel: what goes on or off the site, for those who publish."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publishing.dashboard import ReturnedForChangesPanel, ScheduleOverviewPanel
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


def panel_queries(panel, user) -> int:
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as ctx:
        panel.render_html({"request": request, "csrf_token": "x"})
    return len(ctx.captured_queries)


def test_the_panels_cost_the_same_for_one_or_many_articles(news_index):
    editor, final_editor = make_editor(), make_final_editor()

    def returned_and_scheduled(days):
        returned = ArticlePageFactory(parent=news_index, owner=editor, live=False)
        returned.save_revision(user=editor)
        state = returned.get_workflow().start(returned, editor)
        state.current_task_state.task.specific.on_action(state.current_task_state, final_editor, "reject")
        scheduled = ArticlePageFactory(parent=news_index, live=False)
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=days)
        scheduled.save_revision().publish()

    returned_and_scheduled(1)
    panel_queries(ScheduleOverviewPanel(), final_editor)  # warm the content type cache
    small = [
        panel_queries(ReturnedForChangesPanel(), editor),
        panel_queries(ScheduleOverviewPanel(), final_editor),
    ]
    for days in range(2, 15):
        returned_and_scheduled(days)
    large = [
        panel_queries(ReturnedForChangesPanel(), editor),
        panel_queries(ScheduleOverviewPanel(), final_editor),
    ]

    assert small == large
