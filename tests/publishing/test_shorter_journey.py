"""The shorter journey: "Nieuw artikel" where an editor looks, submitting without a menu, the eindredacteur's
comment in the editor, confirmations after a workflow action (with the go-live time of a scheduled article),
"wijzigingen gevraagd" e-mails, the image's description for the alt text. Through the admin views."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories import ImageFactory
from tests.publishing.test_workflow import submit_new_article, workflow_action
from tests.publishing.users import make_editor, make_final_editor


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def final_editor(db):
    return make_final_editor()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


def messages_of(response) -> str:
    return " ".join(soup(response).select_one(".messages").get_text(" ").split())


def test_new_article_on_the_dashboard_and_above_the_news_listing(client, editor, news_index):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add_subpage", args=[news_index.pk])

    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore", args=[news_index.pk])):
        links = [
            a for a in soup(client.get(url)).find_all("a", href=add_url) if "Nieuw artikel" in a.get_text()
        ]
        assert links, url
    home_listing = soup(client.get(reverse("wagtailadmin_explore", args=[news_index.get_parent().pk])))
    assert "Nieuw artikel" not in home_listing.get_text()


def test_the_visible_button_of_an_editor_submits_and_of_a_final_editor_does_not(client, news_index):
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    client.force_login(make_editor())
    buttons = soup(client.get(url)).select("footer button[type=submit]")
    assert buttons[0]["name"] == "action-submit"
    client.force_login(make_final_editor())
    buttons = soup(client.get(url)).select("footer button[type=submit]")
    assert buttons[0].get("name") != "action-submit"
    assert "Bewaar concept" in buttons[0].get_text()


def test_asking_for_changes_confirms_mails_wijzigingen_gevraagd_and_shows_the_comment_in_the_editor(
    client, editor, final_editor, news_index
):
    article = submit_new_article(client, editor, news_index)
    mail.outbox.clear()
    client.force_login(final_editor)

    workflow_action(client, article, "reject", comment="Graag de bron van het cijfer vermelden.")

    dashboard = client.get(reverse("wagtailadmin_home"))
    assert (
        "Wijzigingen gevraagd voor ‘Wijkteams werken samen’. Redacteur Test ziet je opmerking"
        in messages_of(dashboard)
    )
    subjects = [message.subject for message in mail.outbox if editor.email in message.to]
    assert subjects and all("Wijzigingen gevraagd" in s and "afgekeurd" not in s for s in subjects)

    client.force_login(editor)
    editing = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert (
        "Eindredacteur Test vraagt om wijzigingen: “Graag de bron van het cijfer vermelden.”"
        in messages_of(editing)
    )


def test_approving_a_scheduled_article_says_when_it_goes_live(client, editor, final_editor, news_index):
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=30, second=0)
    article = submit_new_article(client, editor, news_index, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    client.force_login(final_editor)

    workflow_action(client, article, "approve")

    expected = (
        f"‘Wijkteams werken samen’ is goedgekeurd en gaat online op {date_format(go_live, 'j F Y')} om 09:30."
    )
    assert expected in messages_of(client.get(reverse("wagtailadmin_home")))


def test_approving_an_article_says_it_is_online(client, editor, final_editor, news_index):
    article = submit_new_article(client, editor, news_index)
    client.force_login(final_editor)
    workflow_action(client, article, "approve")
    assert "‘Wijkteams werken samen’ is goedgekeurd en staat nu online." in messages_of(
        client.get(reverse("wagtailadmin_home"))
    )


def test_the_editor_gets_an_images_description_for_the_alt_text(client, editor):
    image = ImageFactory(description="Vier mensen overleggen aan een lange tafel.")
    client.force_login(editor)
    answer = client.get(reverse("news_image_description", args=[image.pk])).json()
    assert answer == {"description": "Vier mensen overleggen aan een lange tafel."}
    assert client.get(reverse("news_image_description", args=[image.pk + 1])).json() == {"description": ""}
