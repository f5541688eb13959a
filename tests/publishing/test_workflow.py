"""The approval workflow: submit, approve (goes live), reject with a comment (back to the editor)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from news.models import ArticlePage
from publishing.roles import FINAL_EDITORS, TASK_NAME, WORKFLOW_NAME
from tests.publishing.forms import article_form_data
from tests.publishing.users import make_editor, make_final_editor


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def final_editor(db):
    return make_final_editor()


def submit_new_article(client, editor, parent, **fields):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", parent.pk])
    client.post(url, article_form_data(action="submit", **fields))
    return ArticlePage.objects.get(slug=fields.get("slug", "wijkteams-werken-samen"))


def workflow_action(client, page, action, **data):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_submit_puts_the_article_in_the_queue_of_the_final_editors(client, editor, final_editor, news_index):
    mail.outbox.clear()
    article = submit_new_article(client, editor, news_index)

    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert state.current_task_state.task.name == TASK_NAME
    assert state.requested_by == editor
    assert not article.live
    assert any(final_editor.email in message.to for message in mail.outbox)

    client.force_login(final_editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wijkteams werken samen" in dashboard
    assert (
        reverse(
            "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", state.current_task_state.pk]
        )
        in dashboard
    )


def test_approval_puts_the_article_live(client, editor, final_editor, news_index):
    article = submit_new_article(client, editor, news_index)
    client.force_login(final_editor)

    workflow_action(client, article, "approve", comment="Mooi stuk.")

    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_APPROVED
    assert "Wijkteams werken samen" in client.get("/nieuws/").content.decode()
    assert client.get("/nieuws/wijkteams-werken-samen/").status_code == 200


def test_rejection_returns_the_article_to_the_editor_with_the_comment(
    client, editor, final_editor, news_index
):
    article = submit_new_article(client, editor, news_index)
    mail.outbox.clear()
    client.force_login(final_editor)

    workflow_action(client, article, "reject", comment="Graag de bron van het cijfer vermelden.")

    article.refresh_from_db()
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Graag de bron van het cijfer vermelden."
    assert not article.live
    assert client.get("/nieuws/wijkteams-werken-samen/").status_code == 404
    notified = [message for message in mail.outbox if editor.email in message.to]
    assert notified and "Graag de bron van het cijfer vermelden." in notified[0].body

    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Teruggestuurd: graag aanpassen" in dashboard
    assert "Graag de bron van het cijfer vermelden." in dashboard


def test_editor_resubmits_after_changes_and_it_is_approved(client, editor, final_editor, news_index):
    article = submit_new_article(client, editor, news_index)
    client.force_login(final_editor)
    workflow_action(client, article, "reject", comment="Kortere titel graag.")

    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_form_data(action="restart-workflow", title="Wijkteams delen aanpak"),
    )
    article.refresh_from_db()
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Teruggestuurd" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(final_editor)
    workflow_action(client, article, "approve")
    article.refresh_from_db()
    assert article.live
    assert article.title == "Wijkteams delen aanpak"


def test_an_editor_cannot_approve(client, editor, news_index):
    article = submit_new_article(client, editor, news_index)

    workflow_action(client, article, "approve")

    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approval_of_an_article_with_a_future_go_live_time_schedules_it(
    client, editor, final_editor, news_index
):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    article = submit_new_article(client, editor, news_index, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    client.force_login(final_editor)

    workflow_action(client, article, "approve")

    article.refresh_from_db()
    assert not article.live
    assert article.scheduled_revision is not None
    assert client.get("/nieuws/wijkteams-werken-samen/").status_code == 404


def test_the_workflow_covers_the_whole_tree(news_index):
    task = news_index.get_workflow().tasks.get().specific
    assert news_index.get_workflow().name == WORKFLOW_NAME
    assert list(task.groups.all()) == [Group.objects.get(name=FINAL_EDITORS)]
